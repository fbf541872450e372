package io.supervisor4j.rpc;

import io.supervisor4j.config.ConfigDiff;
import io.supervisor4j.config.ConfigException;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.Supervisor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The configuration side: reread, add and remove groups, and the configuration info of every process. */
final class GroupMethods {
  private GroupMethods() {}

  static List<RpcMethod> all(EngineCalls calls) {
    DaemonControl control = calls.control();
    return List.of(
        RpcMethod.of("supervisor.reloadConfig", """
            Read the configuration file again and compare its process groups with the active ones. Nothing is
            started or stopped: the answer lists the names of the groups that are new, that differ, and that are
            gone, wrapped in one more array.

            @return array result  [[added, changed, removed]]""", 0, args -> {
              Supervisor s = calls.running();
              return EngineCalls.answer(s.activeGroups(), active -> {
                ConfigDiff diff;
                try {
                  diff = control.reread(active);
                } catch (ConfigException e) {
                  throw new RpcFault(RpcFaults.CANT_REREAD, e.getMessage());
                }
                List<Object> triple = List.of(
                    new ArrayList<Object>(diff.added()),
                    new ArrayList<Object>(diff.changed()),
                    new ArrayList<Object>(diff.removed()));
                return new ArrayList<Object>(List.of(new ArrayList<Object>(triple)));
              });
            }),
        RpcMethod.of("supervisor.addProcessGroup", """
            Activate a process group of the configuration read last; its programs start as configured.

            @param string name         the group to activate
            @return boolean result     true when it was activated""", 1, args -> {
              Supervisor s = calls.running();
              String name = args.string(0);
              GroupConfig config = control.lastReadGroups().stream()
                  .filter(g -> g.name().equals(name)).findFirst()
                  .orElseThrow(() -> new RpcFault(RpcFaults.BAD_NAME, name));
              return s.activeGroups().thenCompose(active -> {
                if (active.stream().anyMatch(g -> g.name().equals(name))) {
                  throw new RpcFault(RpcFaults.ALREADY_ADDED, name);
                }
                try {
                  control.prepareGroup(config);
                } catch (RuntimeException e) {
                  throw new RpcFault(RpcFaults.FAILED, e.getMessage());
                }
                return EngineCalls.answer(s.addProcessGroup(config), v -> v);
              }).handle((v, e) -> {
                if (e != null) {
                  throw EngineCalls.fault(e);
                }
                return v;
              });
            }),
        RpcMethod.of("supervisor.removeProcessGroup", """
            Deactivate a process group whose processes are all stopped.

            @param string name         the group to deactivate
            @return boolean result     true when it was removed""", 1, args -> {
              Supervisor s = calls.running();
              return EngineCalls.answer(s.removeProcessGroup(args.string(0)), v -> v);
            }),
        RpcMethod.of("supervisor.getAllConfigInfo", """
            The settings of every process of the configuration read last, one struct per process (groups are
            flattened), sorted by process name; inuse tells whether its group is active.

            @return array result  one configuration struct per process""", 0, args -> {
              Supervisor s = calls.running();
              List<GroupConfig> groups = control.lastReadGroups();
              return s.activeGroups().thenCombine(s.getAllProcessInfo(), (active, infos) -> configInfo(groups, active,
                  infos)).handle((v, e) -> {
                    if (e != null) {
                      throw EngineCalls.fault(e);
                    }
                    return v;
                  });
            }));
  }

  private static Object configInfo(List<GroupConfig> groups, List<GroupConfig> active, List<ProcessInfo> infos) {
    Set<String> inuse = RpcStructs.names(active);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (GroupConfig g : groups) {
      // the very config object an active group runs with (not an equal re-read one) shows its AUTO paths
      boolean running = active.stream().anyMatch(a -> a == g);
      for (ProcessConfig p : g.processes()) {
        Optional<ProcessInfo> live = running
            ? infos.stream().filter(i -> i.group().equals(g.name()) && i.name().equals(p.name())).findFirst()
            : Optional.empty();
        rows.add(RpcStructs.configInfo(g, p, inuse.contains(g.name()), live));
      }
    }
    rows.sort(Comparator.comparing(r -> (String) r.get("name"))); // stable, as Python's sort by name
    return new ArrayList<Object>(rows);
  }
}

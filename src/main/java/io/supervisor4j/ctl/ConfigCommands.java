package io.supervisor4j.ctl;

import io.supervisor4j.process.Namespec;
import static io.supervisor4j.ctl.Structs.integer;
import static io.supervisor4j.ctl.Structs.str;

import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** avail, reread, add, remove and update: the configuration as the server last read it, and applying it. */
final class ConfigCommands {
  private ConfigCommands() {}

  static List<CtlCommand> all() {
    return List.of(
        CtlCommand.of("avail", ConfigCommands::avail, "avail\t\t\tDisplay all configured processes"),
        CtlCommand.of("reread", ConfigCommands::reread,
            "reread \t\t\tReload the daemon's configuration files without add/remove"),
        CtlCommand.of("add", ConfigCommands::add, "add <name> [...]\tActivates any updates in config for process/group"),
        CtlCommand.of("remove", ConfigCommands::remove, "remove <name> [...]\tRemoves process/group from active config"),
        CtlCommand.of("update", ConfigCommands::update, """
            update\t\t\tReload config and add/remove as necessary, and will restart affected programs
            update all\t\tReload config and add/remove as necessary, and will restart affected programs
            update <gname> [...]\tUpdate specific groups"""));
  }

  static String availLine(Map<String, Object> info) {
    String name = Namespec.of(str(info, "group"), str(info, "name"));
    return PyText.ljust(name, 32) + " " + PyText.ljust(Structs.truthy(info, "inuse") ? "in use" : "avail", 9) + " "
        + PyText.ljust(Structs.truthy(info, "autostart") ? "auto" : "manual", 9) + " "
        + integer(info, "group_prio") + ":" + integer(info, "process_prio");
  }

  static void avail(Controller ctl, String arg) {
    if (!ctl.noArguments("avail", arg)) {
      return;
    }
    List<Map<String, Object>> infos;
    try {
      infos = ctl.callList("getAllConfigInfo");
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      if (!f.is(RpcFaults.SHUTDOWN_STATE)) {
        throw f;
      }
      ctl.output("ERROR: supervisor shutting down");
      return;
    }
    infos.forEach(i -> ctl.output(availLine(i)));
  }

  /** reloadConfig's {@code [[added, changed, removed]]}. */
  @SuppressWarnings("unchecked")
  private static List<List<String>> changes(Object reply) {
    List<Object> outer = (List<Object>) reply;
    List<Object> triple = (List<Object>) outer.getFirst();
    List<List<String>> lists = new ArrayList<>();
    for (Object o : triple) {
      List<String> names = new ArrayList<>();
      ((List<Object>) o).forEach(n -> names.add(String.valueOf(n)));
      lists.add(names);
    }
    return lists;
  }

  static void reread(Controller ctl, String arg) {
    if (!ctl.noArguments("reread", arg)) {
      return;
    }
    List<List<String>> changes;
    try {
      changes = changes(ctl.call("reloadConfig"));
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      if (f.is(RpcFaults.SHUTDOWN_STATE)) {
        ctl.output("ERROR: supervisor shutting down");
      } else if (f.is(RpcFaults.CANT_REREAD)) {
        ctl.output("ERROR: " + f.faultString());
      } else {
        throw f;
      }
      return;
    }
    Map<String, String> byName = new TreeMap<>();
    String[] words = {"available", "changed", "disappeared"};
    for (int i = 0; i < 3; i++) {
      for (String g : changes.get(i)) {
        byName.put(g, words[i]);
      }
    }
    if (byName.isEmpty()) {
      ctl.output("No config updates to processes");
    }
    byName.forEach((g, what) -> ctl.output(g + ": " + what));
  }

  static void add(Controller ctl, String arg) {
    for (String name : ProcessCommands.words(arg)) {
      try {
        ctl.call("addProcessGroup", name);
        ctl.output(name + ": added process group");
      } catch (RpcFault f) {
        if (f.is(RpcFaults.SHUTDOWN_STATE)) {
          ctl.output("ERROR: shutting down");
          ctl.setExitStatus(ExitStatus.GENERIC);
        } else if (f.is(RpcFaults.ALREADY_ADDED)) {
          ctl.output("ERROR: process group already active");
        } else if (f.is(RpcFaults.BAD_NAME)) {
          ctl.output("ERROR: no such process/group: " + name);
          ctl.setExitStatus(ExitStatus.GENERIC);
        } else {
          ctl.setExitStatus(ExitStatus.GENERIC);
          throw f;
        }
      }
    }
  }

  static void remove(Controller ctl, String arg) {
    for (String name : ProcessCommands.words(arg)) {
      try {
        ctl.call("removeProcessGroup", name);
        ctl.output(name + ": removed process group");
      } catch (RpcFault f) {
        ctl.setExitStatus(ExitStatus.GENERIC);
        if (f.is(RpcFaults.STILL_RUNNING)) {
          ctl.output("ERROR: process/group still running: " + name);
        } else if (f.is(RpcFaults.BAD_NAME)) {
          ctl.output("ERROR: no such process/group: " + name);
        } else {
          throw f;
        }
      }
    }
  }

  /** Client-side update: reloadConfig, then stop+remove removed groups, re-add changed ones, add new ones. */
  static void update(Controller ctl, String arg) {
    List<List<String>> changes;
    try {
      changes = changes(ctl.call("reloadConfig"));
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      if (!f.is(RpcFaults.SHUTDOWN_STATE)) {
        throw f;
      }
      ctl.output("ERROR: already shutting down");
      return;
    }
    List<String> added = changes.get(0);
    List<String> changed = changes.get(1);
    List<String> removed = changes.get(2);
    // A set, like supervisorctl's; its (hash) order only matters for several unknown names.
    Set<String> wanted = new LinkedHashSet<>(ProcessCommands.words(arg));
    if (wanted.contains("all")) {
      wanted.clear();
    }
    if (!wanted.isEmpty()) {
      Set<String> groups = new LinkedHashSet<>();
      ctl.callList("getAllProcessInfo").forEach(i -> groups.add(str(i, "group")));
      groups.addAll(added);
      for (String g : wanted) {
        if (!groups.contains(g)) {
          ctl.output("ERROR: no such group: " + g);
          ctl.setExitStatus(ExitStatus.GENERIC);
        }
      }
    }
    for (String g : removed) {
      if (!wanted.isEmpty() && !wanted.contains(g)) {
        continue;
      }
      List<Map<String, Object>> results = ctl.callList("stopProcessGroup", g);
      ctl.output(g + ": stopped");
      if (results.stream().anyMatch(r -> integer(r, "status") == RpcFaults.FAILED.code())) {
        ctl.output(g + ": has problems; not removing");
        ctl.setExitStatus(ExitStatus.GENERIC);
        continue;
      }
      ctl.call("removeProcessGroup", g);
      ctl.output(g + ": removed process group");
    }
    for (String g : changed) {
      if (!wanted.isEmpty() && !wanted.contains(g)) {
        continue;
      }
      ctl.call("stopProcessGroup", g);
      ctl.output(g + ": stopped");
      ctl.call("removeProcessGroup", g);
      ctl.call("addProcessGroup", g);
      ctl.output(g + ": updated process group");
    }
    for (String g : added) {
      if (!wanted.isEmpty() && !wanted.contains(g)) {
        continue;
      }
      ctl.call("addProcessGroup", g);
      ctl.output(g + ": added process group");
    }
  }
}

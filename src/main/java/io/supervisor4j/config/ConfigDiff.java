package io.supervisor4j.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code reread}/{@code update} would do: group names added, changed and removed between the running and the
 * new configuration ({@code diff_to_active}). Equality is supervisord's: name, priority and every process setting,
 * where a log file that is AUTO on either side never counts as a change.
 */
public record ConfigDiff(List<String> added, List<String> changed, List<String> removed) {
  public ConfigDiff {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    removed = List.copyOf(removed);
  }

  public static ConfigDiff between(List<GroupConfig> running, List<GroupConfig> next) {
    return between(running, next, Map.of(), Map.of());
  }

  /**
   * As {@link #between(List, List)}, also comparing the {@code [supervisord] environment} merged into every process,
   * as supervisord does: changing it marks every group changed.
   */
  public static ConfigDiff between(Configuration running, Configuration next) {
    return between(running.groups(), next.groups(), running.supervisord().environment(),
        next.supervisord().environment());
  }

  private static ConfigDiff between(List<GroupConfig> running, List<GroupConfig> next, Map<String, String> oldEnv,
      Map<String, String> newEnv) {
    Map<String, GroupConfig> cur = byName(running);
    Map<String, GroupConfig> nxt = byName(next);
    Set<String> added = new TreeSet<>();
    Set<String> changed = new TreeSet<>();
    Set<String> removed = new TreeSet<>(cur.keySet());
    removed.removeAll(nxt.keySet());
    for (GroupConfig g : nxt.values()) {
      GroupConfig old = cur.get(g.name());
      if (old == null) {
        added.add(g.name());
      } else if (!sameGroup(old, g, oldEnv, newEnv)) {
        changed.add(g.name());
      }
    }
    return new ConfigDiff(List.copyOf(added), List.copyOf(changed), List.copyOf(removed));
  }

  private static Map<String, GroupConfig> byName(List<GroupConfig> groups) {
    Map<String, GroupConfig> map = new LinkedHashMap<>();
    groups.forEach(g -> map.put(g.name(), g)); // a later duplicate name wins, as in supervisord's dict()
    return map;
  }

  static boolean sameGroup(GroupConfig a, GroupConfig b, Map<String, String> envA, Map<String, String> envB) {
    if (a.kind() != b.kind() || !a.name().equals(b.name()) || a.priority() != b.priority()
        || a.processes().size() != b.processes().size()) {
      return false;
    }
    boolean sameListener = a.listener().map(l -> b.listener().isPresent()
        && l.bufferSize() == b.listener().get().bufferSize()
        && new HashSet<>(l.events()).equals(new HashSet<>(b.listener().get().events()))
        && l.resultHandler().equals(b.listener().get().resultHandler())).orElse(b.listener().isEmpty());
    // fcgi groups compare only the socket URL, as SocketConfig.__eq__ does
    boolean sameSocket = Objects.equals(a.fcgiSocket().map(FcgiSocketConfig::url),
        b.fcgiSocket().map(FcgiSocketConfig::url));
    if (!sameListener || !sameSocket) {
      return false;
    }
    for (int i = 0; i < a.processes().size(); i++) {
      if (!sameProcess(a.processes().get(i), b.processes().get(i), envA, envB)) {
        return false;
      }
    }
    return true;
  }

  static boolean sameProcess(ProcessConfig a, ProcessConfig b, Map<String, String> envA, Map<String, String> envB) {
    return a.name().equals(b.name()) && a.command().equals(b.command()) && a.priority() == b.priority()
        && a.autostart() == b.autostart() && a.autorestart() == b.autorestart() && a.startsecs() == b.startsecs()
        && a.startretries() == b.startretries() && a.exitcodes().equals(b.exitcodes())
        && a.stopsignal().number() == b.stopsignal().number() && a.stopwaitsecs() == b.stopwaitsecs()
        && a.stopasgroup() == b.stopasgroup() && a.killasgroup() == b.killasgroup() && a.user().equals(b.user())
        && a.redirectStderr() == b.redirectStderr() && sameChannel(a.stdout(), b.stdout())
        && sameChannel(a.stderr(), b.stderr()) && merged(envA, a).equals(merged(envB, b))
        && a.directory().equals(b.directory()) && a.umask().equals(b.umask()) && a.serverurl().equals(b.serverurl());
  }

  private static boolean sameChannel(ChannelLogConfig a, ChannelLogConfig b) {
    boolean auto = a.logfile().kind() == LogFile.Kind.AUTO || b.logfile().kind() == LogFile.Kind.AUTO;
    return (auto || a.logfile().equals(b.logfile())) && a.maxbytes() == b.maxbytes() && a.backups() == b.backups()
        && a.captureMaxbytes() == b.captureMaxbytes() && a.eventsEnabled() == b.eventsEnabled()
        && a.syslog() == b.syslog();
  }

  private static Map<String, String> merged(Map<String, String> global, ProcessConfig p) {
    Map<String, String> env = new LinkedHashMap<>(global);
    env.putAll(p.environment());
    return Map.copyOf(env);
  }
}

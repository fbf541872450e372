package io.supervisor4j.rpc;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessResult;
import io.supervisor4j.process.Reply;
import io.supervisor4j.spawn.UserAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The structs of supervisord's API (§3.3), with its field names, types and member order. */
final class RpcStructs {
  private static final String AUTO = "auto";
  private static final String NONE = "none";

  private RpcStructs() {}

  /**
   * supervisord's struct, then supervisor4j's extra members (old clients ignore unknown members); the failure
   * reason also goes into {@code description} unless {@code descriptions=supervisord} ({@link FailureDescriptions}).
   */
  static Map<String, Object> processInfo(ProcessInfo p, DaemonControl control) {
    Map<String, Object> m = processInfo(p);
    String reason = FailureReasons.reason(control, p);
    m.put("description", FailureDescriptions.description(p, reason, control.descriptions()));
    m.put("reason", reason);
    return m;
  }

  static List<Object> processInfos(List<ProcessInfo> all, DaemonControl control) {
    return new ArrayList<>(all.stream().map(p -> processInfo(p, control)).toList());
  }

  static Map<String, Object> processInfo(ProcessInfo p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("group", p.group());
    m.put("start", p.start());
    m.put("stop", p.stop());
    m.put("now", p.now());
    m.put("state", p.state().code());
    m.put("statename", p.statename());
    m.put("spawnerr", p.spawnerr());
    m.put("exitstatus", p.exitstatus());
    m.put("logfile", p.logfile());
    m.put("stdout_logfile", p.stdoutLogfile());
    m.put("stderr_logfile", p.stderrLogfile());
    m.put("pid", p.pid());
    m.put("description", p.description());
    return m;
  }

  static List<Object> processInfos(List<ProcessInfo> all) {
    return new ArrayList<>(all.stream().map(RpcStructs::processInfo).toList());
  }

  static Map<String, Object> result(ProcessResult r) {
    return result(r.name(), r.group(), r.status(), r.description());
  }

  static Map<String, Object> result(String name, String group, int status, String description) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("group", group);
    m.put("status", status);
    m.put("description", description);
    return m;
  }

  static List<Object> results(List<ProcessResult> all) {
    return new ArrayList<>(all.stream().map(RpcStructs::result).toList());
  }

  /** {@code true} for one process, the result array for a whole group ({@code g:*}). */
  static Object reply(Reply reply) {
    return switch (reply) {
      case Reply.Done d -> Boolean.TRUE;
      case Reply.Results r -> results(r.results());
    };
  }

  /** One element of {@code getAllConfigInfo}; AUTO values read {@code 'auto'} and unset ones {@code 'none'}. */
  static Map<String, Object> configInfo(GroupConfig g, ProcessConfig p, boolean inuse, Optional<ProcessInfo> live) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("autostart", p.autostart());
    m.put("directory", p.directory().map(Path::toString).orElse(NONE));
    m.put("uid", p.user().flatMap(UserAccount::lookup).<Object>map(UserAccount::uid).orElse(NONE));
    m.put("command", p.command());
    m.put("exitcodes", new ArrayList<Object>(p.exitcodes().stream().sorted().toList()));
    m.put("group", g.name());
    m.put("group_prio", g.priority());
    m.put("inuse", inuse);
    m.put("killasgroup", p.killasgroup());
    m.put("name", p.name());
    m.put("process_prio", p.priority());
    m.put("redirect_stderr", p.redirectStderr());
    m.put("startretries", p.startretries());
    m.put("startsecs", p.startsecs());
    channel(m, "stdout", p.stdout(), false, live.map(ProcessInfo::stdoutLogfile));
    m.put("stopsignal", p.stopsignal().number());
    m.put("stopwaitsecs", p.stopwaitsecs());
    // supervisord never keeps a stderr log file when stderr is redirected
    channel(m, "stderr", p.stderr(), p.redirectStderr(), live.map(ProcessInfo::stderrLogfile));
    // supervisord turns serverurl=AUTO into None when it reads the file
    m.put("serverurl", p.serverurl().equals("AUTO") ? NONE : p.serverurl());
    return m;
  }

  /**
   * {@code resolved}: the path an AUTO log got, for a config that is the one its active group runs with
   * (supervisord resolves AUTO in place on that config object; a freshly re-read config still says 'auto').
   */
  private static void channel(Map<String, Object> m, String prefix, ChannelLogConfig c, boolean forceNone,
      Optional<String> resolved) {
    m.put(prefix + "_capture_maxbytes", clampedInt(c.captureMaxbytes()));
    m.put(prefix + "_events_enabled", c.eventsEnabled());
    String logfile = forceNone ? NONE : logfile(c.logfile());
    if (logfile.equals(AUTO) && resolved.isPresent()) {
      logfile = resolved.get().isEmpty() ? NONE : resolved.get();
    }
    m.put(prefix + "_logfile", logfile);
    m.put(prefix + "_logfile_backups", c.backups());
    m.put(prefix + "_logfile_maxbytes", clampedInt(c.maxbytes()));
    m.put(prefix + "_syslog", c.syslog());
  }

  private static String logfile(LogFile f) {
    return switch (f.kind()) {
      case AUTO -> AUTO;
      case NONE -> NONE;
      case FILE -> f.path().map(Path::toString).orElse(NONE);
    };
  }

  // A byte size beyond 2^31-1 cannot go over XML-RPC (supervisord's marshaller fails the call); saturate instead.
  private static int clampedInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  static Set<String> names(List<GroupConfig> groups) {
    return Set.copyOf(groups.stream().map(GroupConfig::name).toList());
  }
}

package io.supervisor4j.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link Configuration} in the JSON shape of {@code differential/dump_config.py}. */
final class ConfigDump {
  private ConfigDump() {}

  static Map<String, Object> of(Configuration c) {
    Map<String, Object> root = new HashMap<>();
    SupervisordConfig s = c.supervisord();
    Map<String, Object> sd = new HashMap<>();
    sd.put("logfile", s.logToSyslog() ? "syslog" : s.logfile().orElseThrow().toString());
    sd.put("logfile_maxbytes", s.logfileMaxbytes());
    sd.put("logfile_backups", s.logfileBackups());
    sd.put("loglevel", s.loglevel());
    sd.put("pidfile", s.pidfile().toString());
    sd.put("umask", s.umask());
    sd.put("nodaemon", s.nodaemon());
    sd.put("silent", s.silent());
    sd.put("minfds", s.minfds());
    sd.put("minprocs", s.minprocs());
    sd.put("nocleanup", s.nocleanup());
    sd.put("childlogdir", s.childlogdir().toString());
    sd.put("user", s.user().orElse(null));
    sd.put("directory", s.directory().map(Path::toString).orElse(null));
    sd.put("strip_ansi", s.stripAnsi());
    sd.put("identifier", s.identifier());
    sd.put("environment", s.environment());
    root.put("supervisord", sd);
    List<Object> servers = new ArrayList<>();
    for (InetHttpServerConfig i : c.inetHttpServers()) {
      servers.add(map("section", i.section(), "family", "inet", "host", i.host(), "port", i.port(), "username",
          i.username().orElse(null), "password", i.password().orElse(null)));
    }
    for (UnixHttpServerConfig u : c.unixHttpServers()) {
      servers.add(map("section", u.section(), "family", "unix", "file", u.file().toString(), "chmod", u.chmod(),
          "chown", List.of(u.chown().uid(), u.chown().gid()), "username", u.username().orElse(null), "password",
          u.password().orElse(null)));
    }
    root.put("servers", servers);
    root.put("rpcinterfaces", c.rpcInterfaces().stream()
        .map(p -> map("name", p.name(), "factory", p.factory(), "extras", p.extras())).toList());
    root.put("groups", c.groups().stream().map(g -> group(g, s.environment())).toList());
    root.put("warnings", c.messages().stream()
        .filter(m -> m.level().equals("warn") && !m.text().contains("unknown key, ignored"))
        .map(Configuration.ParseMessage::text).toList());
    root.put("infos", c.messages().stream().filter(m -> m.level().equals("info"))
        .map(Configuration.ParseMessage::text).toList());
    return root;
  }

  private static Map<String, Object> group(GroupConfig g, Map<String, String> globalEnv) {
    Map<String, Object> d = map("name", g.name(), "priority", g.priority(), "kind", switch (g.kind()) {
      case PROGRAM, GROUP -> "process";
      case EVENTLISTENER -> "eventlistener";
      case FCGI_PROGRAM -> "fcgi";
    });
    d.put("processes", g.processes().stream().map(p -> process(p, globalEnv)).toList());
    g.listener().ifPresent(l -> d.put("listener", map("buffer_size", l.bufferSize(), "events",
        l.events().stream().sorted().toList(), "result_handler", l.resultHandler())));
    g.fcgiSocket().ifPresent(f -> d.put("socket", map("url", f.url(), "backlog", f.backlog(), "owner",
        f.owner().map(o -> List.of(o.uid(), o.gid())).orElse(null), "mode",
        f.mode().isPresent() ? f.mode().getAsInt() : null)));
    return d;
  }

  private static Map<String, Object> process(ProcessConfig p, Map<String, String> globalEnv) {
    Map<String, String> env = new LinkedHashMap<>(globalEnv);
    env.putAll(p.environment());
    Map<String, Object> d = map("name", p.name(), "command", p.command(), "directory",
        p.directory().map(Path::toString).orElse(null), "umask",
        p.umask().isPresent() ? p.umask().getAsInt() : null, "priority", p.priority(), "autostart", p.autostart());
    d.put("autorestart", p.autorestart().name().toLowerCase(java.util.Locale.ROOT));
    d.put("startsecs", p.startsecs());
    d.put("startretries", p.startretries());
    d.put("uid", p.user().map(u -> (Object) Accounts.system().nameToUid(u)).orElse(null));
    d.put("stopsignal", p.stopsignal().number());
    d.put("stopwaitsecs", p.stopwaitsecs());
    d.put("stopasgroup", p.stopasgroup());
    d.put("killasgroup", p.killasgroup());
    d.put("exitcodes", p.exitcodes().stream().sorted().toList());
    d.put("redirect_stderr", p.redirectStderr());
    d.put("environment", env);
    d.put("serverurl", p.serverurl());
    d.put("stdout", channel(p.stdout()));
    d.put("stderr", channel(p.stderr()));
    return d;
  }

  private static Map<String, Object> channel(ChannelLogConfig c) {
    String logfile = switch (c.logfile().kind()) {
      case AUTO -> "AUTO";
      case NONE -> "NONE";
      case FILE -> c.logfile().path().map(Path::toString).orElseThrow();
    };
    return map("logfile", logfile, "maxbytes", c.maxbytes(), "backups", c.backups(), "capture_maxbytes",
        c.captureMaxbytes(), "events_enabled", c.eventsEnabled(), "syslog", c.syslog());
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

}

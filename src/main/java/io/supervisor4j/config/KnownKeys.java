package io.supervisor4j.config;

import io.supervisor4j.config.Configuration.ParseMessage;
import io.supervisor4j.config.IniDocument.Entry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys supervisord reads in each known section. supervisord silently ignores any other key; supervisor4j
 * still accepts the file but warns, so that a typo such as {@code autorestrat=} does not go unnoticed.
 */
final class KnownKeys {
  private KnownKeys() {}

  private static final Set<String> PROGRAM = Stream.concat(Stream.of("command", "process_name", "numprocs",
      "numprocs_start", "priority", "autostart", "startsecs", "startretries", "autorestart", "exitcodes",
      "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "user", "redirect_stderr", "environment",
      "directory", "umask", "serverurl"), Stream.of("stdout", "stderr").flatMap(c -> Stream.of("_logfile",
          "_logfile_maxbytes", "_logfile_backups", "_capture_maxbytes", "_events_enabled", "_syslog")
      .map(k -> c + k))).collect(Collectors.toUnmodifiableSet());

  static Optional<Set<String>> keysOf(String section) {
    if (section.equals("supervisord")) {
      return Optional.of(Set.of("logfile", "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile", "umask",
          "nodaemon", "silent", "minfds", "minprocs", "nocleanup", "childlogdir", "user", "directory",
          "strip_ansi", "environment", "identifier",
          "descriptions")); // descriptions: supervisor4j's own
    } else if (section.startsWith("unix_http_server")) {
      return Optional.of(Set.of("file", "chmod", "chown", "username", "password"));
    } else if (section.startsWith("inet_http_server")) {
      return Optional.of(Set.of("port", "username", "password"));
    } else if (section.equals("supervisorctl")) {
      return Optional.of(Set.of("serverurl", "username", "password", "prompt", "history_file"));
    } else if (section.equals("include")) {
      return Optional.of(Set.of("files"));
    } else if (section.startsWith("group:")) {
      return Optional.of(Set.of("programs", "priority"));
    } else if (section.startsWith("program:")) {
      return Optional.of(PROGRAM);
    } else if (section.startsWith("eventlistener:")) {
      return Optional.of(union(PROGRAM, Set.of("events", "buffer_size", "result_handler")));
    } else if (section.startsWith("fcgi-program:")) {
      return Optional.of(union(PROGRAM, Set.of("socket", "socket_backlog", "socket_owner", "socket_mode")));
    }
    return Optional.empty();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
  }

  static void warnUnknown(IniDocument doc, List<ParseMessage> messages) {
    for (String section : doc.sections()) {
      Optional<Set<String>> known = keysOf(section);
      if (known.isEmpty()) {
        continue;
      }
      for (Map.Entry<String, Entry> e : doc.ownEntries(section).entrySet()) {
        if (!known.get().contains(e.getKey())) {
          IniDocument.Origin o = e.getValue().origin();
          messages.add(new ParseMessage("warn", o.file() + ":" + o.line() + " [" + section + "] " + e.getKey()
              + ": unknown key, ignored (supervisord ignores it silently)"));
        }
      }
    }
  }
}

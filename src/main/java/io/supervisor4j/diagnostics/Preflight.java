package io.supervisor4j.diagnostics;

import io.supervisor4j.config.Configuration;
import io.supervisor4j.config.FcgiSocketConfig;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.InetHttpServerConfig;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.UnixHttpServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a configuration without starting anything: for every process, as its target user, that the user exists,
 * the command resolves and is executable, the directory can be entered and HOME is writable; as the daemon, that
 * log files, childlogdir, pidfile and socket directories are writable and the ports are free.
 *
 * <p>Permissions are evaluated from mode bits and owners ({@link Access}) rather than by switching credentials:
 * that is pure (no thread runs as another user, nothing is created), works when the checker is not root, and
 * can run inside the daemon for {@code supervisorctl check}. It does not see ACLs, read-only mounts or security
 * modules, which the spawn-time messages and hints still report.
 */
public final class Preflight {
  /** Whether the daemon is already running the configuration (it then holds its own ports and sockets). */
  public enum Scope {
    BEFORE_START,
    RUNNING_DAEMON
  }

  /** The outcome: problems in check order, how many processes were checked, how long it took. */
  public record Report(List<Problem> problems, int processes, Duration elapsed) {
    public Report {
      problems = List.copyOf(problems);
    }

    public boolean clean() {
      return problems.isEmpty();
    }

    /** The table {@code supervisord --check} prints. */
    public String table() {
      return ProblemTable.render(this);
    }
  }

  private Preflight() {}

  /** Checks {@code config} before the daemon starts it, as this process's user. */
  public static Report check(Configuration config, Map<String, String> daemonEnv) {
    return check(config, daemonEnv, Scope.BEFORE_START);
  }

  public static Report check(Configuration config, Map<String, String> daemonEnv, Scope scope) {
    return check(config, daemonEnv, scope, Identity.self());
  }

  static Report check(Configuration config, Map<String, String> daemonEnv, Scope scope, Identity daemon) {
    long t0 = System.nanoTime();
    List<Problem> problems = new ArrayList<>();
    Access access = new Access();
    var programs = new ProgramChecks(access, daemon, daemonEnv, config.supervisord().environment(), problems);
    int count = 0;
    for (GroupConfig g : config.groups()) {
      for (ProcessConfig p : g.processes()) {
        programs.check(g.name().equals(p.name()) ? p.name() : g.name() + ":" + p.name(), p);
        count++;
      }
    }
    daemonWide(config, scope, daemon, access, programs, problems);
    return new Report(problems, count, Duration.ofNanos(System.nanoTime() - t0));
  }

  private static void daemonWide(Configuration config, Scope scope, Identity daemon, Access access,
      ProgramChecks programs, List<Problem> problems) {
    var s = config.supervisord();
    String section = "[supervisord]";
    if (programs.usesAutoLogs() && !access.can(daemon, s.childlogdir(), Access.W | Access.X)) {
      problems.add(new Problem(section, "childlogdir", "childlogdir " + s.childlogdir() + " is not a directory "
          + "writable by supervisord (" + daemon.name() + ")" + programs.blockedBy(daemon, s.childlogdir()),
          access.stat(s.childlogdir()).isEmpty() ? "create it: mkdir -p " + s.childlogdir()
              : "make it writable by " + daemon.name()));
    }
    s.logfile().filter(f -> !access.canWriteFile(daemon, f)).ifPresent(f -> problems.add(new Problem(section,
        "logfile", "logfile " + f + " is not writable by supervisord (" + daemon.name() + ")"
            + programs.blockedBy(daemon, f), programs.fixForFile(f))));
    if (!access.canWriteFile(daemon, s.pidfile())) {
      problems.add(new Problem(section, "pidfile", "pidfile " + s.pidfile() + " is not writable by supervisord ("
          + daemon.name() + ")" + programs.blockedBy(daemon, s.pidfile()), programs.fixForFile(s.pidfile())));
    }
    for (UnixHttpServerConfig u : config.unixHttpServers()) {
      socketDir("[" + u.section() + "]", u.file(), daemon, access, programs, problems);
    }
    for (GroupConfig g : config.groups()) {
      Optional<FcgiSocketConfig> fs = g.fcgiSocket();
      if (fs.isEmpty()) {
        continue;
      }
      String url = fs.get().url();
      if (url.startsWith("unix://")) {
        socketDir("[fcgi-program:" + g.name() + "]", Path.of(url.substring(7)), daemon, access, programs, problems);
      } else if (url.startsWith("tcp://") && scope == Scope.BEFORE_START) {
        URI uri = URI.create(url);
        port("[fcgi-program:" + g.name() + "]", uri.getHost(), uri.getPort(), problems);
      }
    }
    if (scope == Scope.BEFORE_START) {
      for (InetHttpServerConfig i : config.inetHttpServers()) {
        port("[" + i.section() + "]", i.host(), i.port(), problems);
      }
    }
  }

  private static void socketDir(String section, Path socket, Identity daemon, Access access, ProgramChecks programs,
      List<Problem> problems) {
    Path dir = socket.toAbsolutePath().getParent();
    if (!access.can(daemon, dir, Access.W | Access.X)) {
      problems.add(new Problem(section, "socket", "the directory of " + socket + " is not writable by supervisord ("
          + daemon.name() + ")" + (access.stat(dir).isEmpty() ? ": " + dir + " does not exist"
              : programs.blockedBy(daemon, socket)),
          access.stat(dir).isEmpty() ? "create it: mkdir -p " + dir : "make " + dir + " writable by "
              + daemon.name()));
    }
  }

  /** Binds and releases {@code host:port} (with SO_REUSEADDR, as the daemon binds it). */
  static void port(String section, String host, int port, List<Problem> problems) {
    String shown = (host == null || host.isEmpty() ? "*" : host) + ":" + port;
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(host == null || host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
    } catch (IOException | RuntimeException e) {
      String why = String.valueOf(e.getMessage());
      String fix = why.contains("in use")
          ? "stop what listens there (ss -ltnp 'sport = :" + port + "') or change port"
          : "check the host and port (ports below 1024 need root)";
      problems.add(new Problem(section, "port", "cannot listen on " + shown + ": " + why, fix));
    }
  }
}

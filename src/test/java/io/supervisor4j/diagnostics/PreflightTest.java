package io.supervisor4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.ConfigLoader;
import io.supervisor4j.config.Configuration;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Preflight against real files, a real user (created for the test) and real sockets; runs as root. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PreflightTest {
  static TestUser user;
  @TempDir Path dir;

  @BeforeAll
  static void createUser() {
    user = TestUser.create();
  }

  @AfterAll
  static void removeUser() {
    if (user != null) {
      user.close();
    }
  }

  private Configuration load(String sections) throws IOException {
    Path file = dir.resolve("supervisord.conf");
    Files.writeString(file, """
        [supervisord]
        logfile=%1$s/supervisord.log
        pidfile=%1$s/supervisord.pid
        childlogdir=%1$s

        """.formatted(dir) + sections);
    return ConfigLoader.load(file, Map.of());
  }

  private void openUp(Path p) throws IOException {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void aSoundConfigurationHasNoProblems() throws IOException {
    openUp(dir);
    Path work = Files.createDirectory(dir.resolve("work"));
    Path script = dir.resolve("run.sh");
    Files.writeString(script, "#!/bin/sh\nexec sleep 10\n");
    openUp(script);
    Preflight.Report report = Preflight.check(load("""
        [program:web]
        command=%1$s
        user=%2$s
        directory=%3$s
        stdout_logfile=%4$s/web.log

        [program:plain]
        command=sleep 10
        """.formatted(script, user.name(), work, dir)), System.getenv());
    assertThat(report.problems()).isEmpty();
    assertThat(report.processes()).isEqualTo(2);
    assertThat(report.table()).startsWith("OK: 2 processes checked in ").endsWith(" ms, no problems found\n");
  }

  @Test
  void everyCheckFindsItsProblemAsTheTargetUser() throws IOException {
    // dir stays 0700 root: the user cannot pass it
    Path privateScript = dir.resolve("private.sh");
    Files.writeString(privateScript, "#!/bin/sh\n");
    openUp(privateScript);
    Path open = Files.createDirectory(dir.resolve("open"));
    Path badInterp = open.resolve("bad.py");
    Files.writeString(badInterp, "#!/nonexistent/python3\n");
    openUp(badInterp);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Preflight.Report report = Preflight.check(load("""
          [inet_http_server]
          port=127.0.0.1:%5$d

          [unix_http_server]
          file=/nonexistent-s4j/supervisor.sock

          [program:private]
          command=%1$s
          user=%2$s

          [program:home]
          command=/bin/sleep 10
          user=%2$s
          environment=HOME=/root

          [program:missing]
          command=no-such-command-s4j
          directory=/nonexistent-s4j

          [program:interp]
          command=%3$s

          [program:cd]
          command=/bin/sleep 10
          user=%2$s
          directory=%4$s

          [program:log]
          command=/bin/sleep 10
          stdout_logfile=%4$s
          """.formatted(privateScript, user.name(), badInterp, dir.resolve("open"), port)), System.getenv());
      List<String> rows = report.problems().stream().map(p -> p.program() + " " + p.check() + ": " + p.message())
          .toList();
      String u = user.name();
      assertThat(rows).containsExactlyInAnyOrder(
          "private command: " + u + " cannot execute " + privateScript + ": no search permission on " + dir,
          "home home: HOME /root (from environment=HOME in [program:home]) is not writable by " + u
              + ", it is root's home",
          "missing command: can't find command 'no-such-command-s4j'",
          "missing directory: directory /nonexistent-s4j does not exist",
          "interp command: the #! interpreter /nonexistent/python3 of " + badInterp + " does not exist",
          "cd directory: " + u + " cannot enter " + open + ": no search permission on " + dir,
          "log logfile: stdout_logfile " + open + " is not writable by supervisord (root)",
          "[unix_http_server] socket: the directory of /nonexistent-s4j/supervisor.sock is not writable by "
              + "supervisord (root): /nonexistent-s4j does not exist",
          "[inet_http_server] port: cannot listen on 127.0.0.1:" + port + ": Address already in use");
      assertThat(report.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
      assertThat(report.problems()).filteredOn(p -> p.check().equals("home")).first()
          .extracting(Problem::fix).asString().startsWith("remove HOME from environment=");
      String table = report.table();
      assertThat(table).startsWith("PROGRAM             CHECK      PROBLEM\n")
          .contains("\n" + " ".repeat(31) + "fix: create it (mkdir -p /nonexistent-s4j)")
          .endsWith("9 problems (6 processes checked in " + report.elapsed().toMillis() + " ms)\n");
      System.out.println(table);
      // a running daemon holds its own port: that check is skipped
      Preflight.Report running = Preflight.check(load("""
          [inet_http_server]
          port=127.0.0.1:%d
          """.formatted(port)), System.getenv(), Preflight.Scope.RUNNING_DAEMON);
      assertThat(running.problems()).isEmpty();
    }
  }

  @Test
  void homeFromPasswdMissingOrForeignAndUnknownUsers() {
    List<Problem> problems = new ArrayList<>();
    Identity root = new Identity("root", 0, 0, new int[] {0});
    var checks = new ProgramChecks(new Access(), root, System.getenv(), Map.of(), problems);
    Cases ghost = Cases.failing();
    ghost.user = Optional.of("s4j-no-such-user");
    checks.check("ghost", ghost.config());
    assertThat(problems).containsExactly(new Problem("ghost", "user", "user s4j-no-such-user does not exist",
        "create it (useradd --system s4j-no-such-user) or fix user="));
    problems.clear();
    Cases nobody = Cases.failing().command("/bin/true");
    nobody.user = Optional.of("nobody"); // Debian's nobody has home /nonexistent
    checks.check("nobody", nobody.config());
    assertThat(problems).extracting(Problem::message).containsExactly(
        "HOME /nonexistent (from passwd) does not exist");
  }

  @Test
  void modeBitsFollowTheKernelsClassesAndRootsPrivileges() {
    Identity app = new Identity("app", 1000, 1000, new int[] {1000, 27});
    Identity root = new Identity("root", 0, 0, new int[] {0});
    var ownedNoWrite = new Access.Stat(0477, 1000, 1000, false); // owner class wins even though others may write
    assertThat(Access.allows(app, ownedNoWrite, Access.W)).isFalse();
    assertThat(Access.allows(app, new Access.Stat(0070, 0, 27, false), Access.R | Access.W)).isTrue();
    assertThat(Access.allows(app, new Access.Stat(0705, 0, 0, true), Access.X)).isTrue();
    assertThat(Access.allows(app, new Access.Stat(0700, 0, 0, true), Access.X)).isFalse();
    assertThat(Access.allows(root, new Access.Stat(0000, 5, 5, false), Access.R | Access.W)).isTrue();
    assertThat(Access.allows(root, new Access.Stat(0644, 5, 5, false), Access.X)).isFalse();
    assertThat(Access.allows(root, new Access.Stat(0100, 5, 5, false), Access.X)).isTrue();
    assertThat(Access.allows(root, new Access.Stat(0000, 5, 5, true), Access.X)).isTrue();
  }

  @Test
  void hundredProgramsCheckWellUnderASecond() throws IOException {
    openUp(dir);
    Path work = Files.createDirectory(dir.resolve("work"));
    StringBuilder sections = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      sections.append("""
          [program:p%1$d]
          command=sleep 100
          user=%2$s
          directory=%3$s
          stdout_logfile=%4$s/p%1$d.log
          environment=A="%1$d"

          """.formatted(i, user.name(), work, dir));
    }
    Configuration config = load(sections.toString());
    Preflight.Report cold = Preflight.check(config, System.getenv());
    Preflight.Report warm = Preflight.check(config, System.getenv());
    System.out.printf("preflight of 100 programs: first run %d ms, second run %d ms%n",
        cold.elapsed().toMillis(), warm.elapsed().toMillis());
    assertThat(cold.problems()).isEmpty();
    assertThat(cold.processes()).isEqualTo(100);
    assertThat(cold.elapsed()).isLessThan(java.time.Duration.ofSeconds(5)); // generous: the goal is < 1 s
  }
}

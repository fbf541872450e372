package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.ctl.SupervisorctlMain;
import io.supervisor4j.diagnostics.TestUser;
import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #5 as users see it, against the real daemon: the failure reason in the process info struct (also in its
 * description, issue #12) and in our {@code supervisorctl status}, {@code supervisorctl why} with the
 * full explanation, and {@code supervisorctl check} on the daemon's last-read configuration.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WhyAndCheckE2ETest extends DaemonE2E {

  record Ctl(String stdout, int exitStatus) {}

  private Ctl ctl(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    List<String> argv = new java.util.ArrayList<>(List.of("-c", daemon.config().toString()));
    argv.addAll(List.of(args));
    int status = SupervisorctlMain.run(argv.toArray(String[]::new), new SupervisorctlMain.Invocation(
        InputStream.nullInputStream(), o, o, Map.copyOf(System.getenv()), daemon.dir(), "/usr/bin/supervisorctl",
        false));
    return new Ctl(out.toString(StandardCharsets.UTF_8), status);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> info(RpcClient rpc, String name) {
    return (Map<String, Object>) rpc.call("supervisor.getProcessInfo", name);
  }

  private static void awaitState(RpcClient rpc, String name, String state) {
    DaemonProcess.await(name + " " + state, DaemonProcess.TIMEOUT,
        () -> state.equals(info(rpc, name).get("statename")));
  }

  private static String statusLine(String stdout, String name) {
    return stdout.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow(
        () -> new AssertionError("no status line for " + name + " in:\n" + stdout));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailedProcessCarriesItsReasonAndWhyExplainsIt() {
    daemon = DaemonProcess.of(dir, """
        [program:boom]
        command=sh -c 'echo boom >&2; exit 3'
        startsecs=1
        startretries=0

        [program:ok]
        command=/bin/sleep 1000
        startsecs=0
        """).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      awaitState(rpc, "boom", "FATAL");
      awaitState(rpc, "ok", "RUNNING");
      Map<String, Object> boom = info(rpc, "boom");
      // supervisord's fields as supervisord fills them, but description: it carries the reason (descriptions=)
      assertThat(boom).containsEntry("spawnerr", "Exited too quickly (process log may have details)")
          .containsEntry("exitstatus", 0); // supervisord forgets the status of a too-quick exit: the reason keeps it
      String reason = (String) boom.get("reason");
      assertThat(reason).startsWith("Exited too quickly: exit 3").contains("boom").doesNotContain("\n");
      assertThat(boom).containsEntry("description", reason);
      assertThat(info(rpc, "ok")).containsEntry("reason", "");

      Ctl status = ctl("status");
      assertThat(status.exitStatus()).isEqualTo(3); // a process is not running, as supervisorctl says
      assertThat(statusLine(status.stdout(), "boom")).matches("boom {29}FATAL {5}" + Pattern.quote(reason));
      assertThat(statusLine(status.stdout(), "ok")).matches("ok {31}RUNNING {3}pid \\d+, uptime .*");

      Ctl why = ctl("why", "boom");
      assertThat(why.exitStatus()).isZero();
      assertThat(why.stdout()).startsWith("boom: FATAL at ")
          .contains("cause:    " + reason + "\n")
          .contains("user:     root\n", "HOME:     /root\n", "cwd:      " + dir + "\n")
          .contains("command:  sh -c 'echo boom >&2; exit 3'\n")
          .contains("last lines of stderr:\n  | boom\n")
          .contains("exit status 3")
          .contains("hints:\n  - no known cause matched: read the whole log (supervisorctl tail boom stderr)");

      Ctl fine = ctl("why", "ok");
      assertThat(fine.exitStatus()).isZero();
      assertThat(fine.stdout()).matches("ok: RUNNING \\(pid \\d+, uptime \\d+:\\d\\d:\\d\\d\\); no failure recorded\n");
      Ctl unknown = ctl("why", "nosuch");
      assertThat(unknown).isEqualTo(new Ctl("nosuch: ERROR (no such process)\n", 1));

      Map<String, Object> explained = (Map<String, Object>) rpc.call("supervisor4j.explain", "boom");
      assertThat(explained).containsEntry("explained", true).containsEntry("current", true)
          .containsEntry("description", reason)
          .containsEntry("reason", reason).containsEntry("statename", "FATAL").containsEntry("failed_state", "FATAL")
          .containsEntry("tail", List.of("boom")).containsEntry("tail_channel", "stderr")
          .containsEntry("user", "root").containsEntry("home", "/root").containsEntry("cwd", dir.toString());
      assertThat((String) explained.get("text")).isEqualTo(why.stdout());
      assertThat((Map<String, Object>) rpc.call("supervisor4j.explain", "ok"))
          .containsEntry("explained", false).containsEntry("reason", "").containsEntry("hints", List.of());
      Assertions.assertThatThrownBy(() -> rpc.call("supervisor4j.explain", "nosuch"))
          .isInstanceOfSatisfying(RpcFault.class, f -> assertThat(f.is(RpcFaults.BAD_NAME)).isTrue());
      assertThat(rpc.call("system.methodSignature", "supervisor4j.explain")).isEqualTo(List.of("struct", "string"));
      assertThat(rpc.call("system.methodSignature", "supervisor4j.check")).isEqualTo(List.of("struct"));

    }
  }

  @Test
  void theEggCacheFailureShowsTheIssuesReasonLine() throws Exception {
    try (TestUser user = TestUser.create()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path script = dir.resolve("eggs.py");
      Files.writeString(script, """
          import os
          cache = os.path.expanduser('~/.python-eggs')
          os.makedirs(cache, exist_ok=True)
          """);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
      // supervisord's classic: a HOME of root's that the program's user cannot write
      daemon = DaemonProcess.of(dir, """
          [program:eggs]
          command=/usr/bin/python3 %s
          user=%s
          environment=HOME=/root
          startsecs=1
          startretries=0
          """.formatted(script, user.name())).startForeground();
      try (RpcClient rpc = daemon.rpc()) {
        awaitState(rpc, "eggs", "FATAL");
      }
      String expected =
          "Exited too quickly: exit 1; PermissionError: [Errno 13] Permission denied: '/root/.python-eggs'";
      Ctl status = ctl("status", "eggs");
      assertThat(status.stdout()).isEqualTo("eggs                             FATAL     " + expected + "\n");
      Ctl why = ctl("why", "eggs");
      assertThat(why.stdout()).contains("cause:    " + expected + "\n", "user:     " + user.name() + "\n",
          "HOME:     /root\n");
    }
  }

  @Test
  void checkReportsTheLastReadConfiguration() throws IOException {
    daemon = DaemonProcess.of(dir, """
        [program:ok]
        command=/bin/sleep 1000
        startsecs=0
        """).startForeground();
    daemon.rpc().close();
    DaemonProcess.await("the daemon answers", DaemonProcess.TIMEOUT, () -> ctl("status").exitStatus() == 0);
    Ctl clean = ctl("check");
    assertThat(clean.stdout()).matches("OK: 1 process checked in \\d+ ms, no problems found\n");
    assertThat(clean.exitStatus()).isZero();

    Files.writeString(daemon.config(), Files.readString(daemon.config()) + """

        [program:broken]
        command=/nonexistent/prog
        directory=%s/missing-dir
        autostart=false
        """.formatted(dir));
    assertThat(ctl("reread").stdout()).isEqualTo("broken: available\n");
    Ctl broken = ctl("check");
    assertThat(broken.exitStatus()).isEqualTo(1);
    assertThat(broken.stdout()).startsWith("PROGRAM").contains("CHECK", "PROBLEM", "fix: ")
        .containsPattern("broken +command +.*/nonexistent/prog")
        .containsPattern("broken +directory +.*missing-dir")
        .containsPattern("\\d+ problems \\(2 processes checked in \\d+ ms\\)\n$");
    try (RpcClient rpc = daemon.rpc()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> report = (Map<String, Object>) rpc.call("supervisor4j.check");
      assertThat(report).containsEntry("clean", false).containsEntry("processes", 2);
      assertThat(((String) report.get("table")).replaceAll("\\d+ ms", "N ms"))
          .isEqualTo(broken.stdout().replaceAll("\\d+ ms", "N ms"));
      assertThat((List<?>) report.get("problems")).hasSizeGreaterThanOrEqualTo(2).allSatisfy(p ->
          assertThat(List.copyOf(((Map<?, ?>) p).keySet())).isEqualTo(List.of("program", "check", "message", "fix")));
    }
    assertThat(ctl("check", "extra").stdout()).startsWith("Error: check accepts no arguments\n");
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supervisor4j.ctl.SupervisorctlMain;
import io.supervisor4j.diagnostics.TestUser;
import io.supervisor4j.rpc.RpcClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #12: the failure reason reaches the clients people already have. Debian's own supervisorctl against
 * supervisor4j prints the reason (it shows only {@code description}); {@code [supervisord] descriptions=supervisord}
 * gives back supervisord 4.2.5's exact text and keeps {@code reason}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FailureDescriptionE2ETest extends DaemonE2E {
  private static final String EGGS =
      "Exited too quickly: exit 1; PermissionError: [Errno 13] Permission denied: '/root/.python-eggs'";
  private static final String IMPORT = "Exited too quickly: exit 1; ModuleNotFoundError: No module named 'nosuchmod'";
  private static final String QUICK = "Exited too quickly (process log may have details)";
  private static final String STOP_TIME = "[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M";

  private String programs(String user) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path eggs = dir.resolve("eggs.py");
    // what pkg_resources does at import, with the HOME supervisord would have given it (the seed's case)
    Files.writeString(eggs, """
        import os
        cache = os.path.expanduser('~/.python-eggs')
        os.makedirs(cache, exist_ok=True)
        """);
    Files.setPosixFilePermissions(eggs, PosixFilePermissions.fromString("rw-r--r--"));
    return """
        [program:eggs]
        command=/usr/bin/python3 %1$s/eggs.py
        user=%2$s
        environment=HOME=/root
        startsecs=1
        startretries=0

        [program:imports]
        command=/usr/bin/python3 -c 'import nosuchmod'
        startsecs=1
        startretries=0

        [program:late]
        command=/bin/sh -c 'sleep 1.5; echo "fatal: lost the database connection" >&2; exit 4'
        startsecs=1
        autorestart=false

        [program:ok]
        command=/bin/sleep 1000
        startsecs=0
        """.formatted(dir, user);
  }

  private RealSupervisord.Result realStatus() throws Exception {
    return RealSupervisord.run(dir, Duration.ofSeconds(60), List.of(RealSupervisord.PYTHON.toString(),
        RealSupervisord.SUPERVISORCTL.toString(), "-c", daemon.config().toString(), "status"));
  }

  private RealSupervisord.Result ourStatus() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = SupervisorctlMain.run(new String[] {"-c", daemon.config().toString(), "status"},
        new SupervisorctlMain.Invocation(InputStream.nullInputStream(), o, o, Map.copyOf(System.getenv()),
            daemon.dir(), "/usr/bin/supervisorctl", false));
    return new RealSupervisord.Result(status, out.toString(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> info(RpcClient rpc, String name) {
    return (Map<String, Object>) rpc.call("supervisor.getProcessInfo", name);
  }

  private static void awaitStates(RpcClient rpc) {
    DaemonProcess.await("eggs and imports FATAL, late EXITED", DaemonProcess.TIMEOUT,
        () -> info(rpc, "eggs").get("statename").equals("FATAL") && info(rpc, "imports").get("statename").equals("FATAL")
            && info(rpc, "late").get("statename").equals("EXITED")
            && info(rpc, "ok").get("statename").equals("RUNNING"));
  }

  private static String line(String stdout, String name) {
    return stdout.lines().filter(l -> l.startsWith(name + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no status line for " + name + " in:\n" + stdout));
  }

  @Test
  void debiansSupervisorctlShowsTheReasonAndDescriptionsSupervisordRestoresTheExactText() throws Exception {
    assumeTrue(RealSupervisord.installed(), "Debian's supervisor package is not installed");
    try (TestUser user = TestUser.create()) {
      daemon = DaemonProcess.of(dir, programs(user.name())).startForeground();
      try (RpcClient rpc = daemon.rpc()) {
        awaitStates(rpc);
        assertThat(info(rpc, "eggs")).containsEntry("description", EGGS).containsEntry("reason", EGGS)
            .containsEntry("spawnerr", QUICK).containsEntry("statename", "FATAL");
        Map<String, Object> late = info(rpc, "late");
        String lateReason = (String) late.get("reason");
        assertThat(lateReason).isEqualTo("Exited unexpectedly: exit 4; fatal: lost the database connection");
        // EXITED keeps supervisord's stop time in front of the reason
        assertThat((String) late.get("description")).matches(STOP_TIME + ", " + java.util.regex.Pattern.quote(lateReason));
        assertThat(info(rpc, "ok")).containsEntry("reason", "");
        assertThat((String) info(rpc, "ok").get("description")).startsWith("pid ");
      }

      RealSupervisord.Result real = realStatus();
      assertThat(real.status()).as(real.output()).isEqualTo(3); // not every process runs, as with supervisord
      assertThat(line(real.output(), "eggs")).isEqualTo("eggs                             FATAL     " + EGGS);
      assertThat(line(real.output(), "imports")).isEqualTo("imports                          FATAL     " + IMPORT);
      assertThat(line(real.output(), "late")).matches("late {29}EXITED {4}" + STOP_TIME
          + ", Exited unexpectedly: exit 4; fatal: lost the database connection");
      // ours prints what Debian's prints: the reason once, not reason and description
      RealSupervisord.Result ours = ourStatus();
      assertThat(ours.output()).isEqualTo(real.output());
      assertThat(ours.status()).isEqualTo(real.status());

      // descriptions=supervisord (applied by a reload) gives back 4.2.5's text; reason and our status keep the reason
      Path conf = daemon.config();
      Files.writeString(conf, Files.readString(conf).replace("[supervisord]\n", "[supervisord]\ndescriptions=supervisord\n"));
      daemon.signal(DaemonProcess.SIGHUP);
      daemon.awaitLogLines("gave up: eggs entered FATAL", 2, DaemonProcess.TIMEOUT);
      try (RpcClient rpc = daemon.rpc()) {
        DaemonProcess.await("the reloaded daemon answers", DaemonProcess.TIMEOUT, () -> {
          try {
            return info(rpc, "ok").get("statename").equals("RUNNING");
          } catch (RuntimeException e) {
            return false; // SHUTDOWN_STATE while it reloads
          }
        });
        awaitStates(rpc);
        assertThat(info(rpc, "eggs")).containsEntry("description", QUICK).containsEntry("reason", EGGS);
        assertThat((String) info(rpc, "late").get("description")).matches(STOP_TIME);
      }
      real = realStatus();
      assertThat(line(real.output(), "eggs")).isEqualTo("eggs                             FATAL     " + QUICK);
      assertThat(line(real.output(), "imports")).isEqualTo("imports                          FATAL     " + QUICK);
      assertThat(line(real.output(), "late")).matches("late {29}EXITED {4}" + STOP_TIME);
      ours = ourStatus();
      assertThat(line(ours.output(), "eggs")).isEqualTo("eggs                             FATAL     " + EGGS);
    }
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.spawn.Signals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** bin/supervisord as an operator sees it: configuration errors, foreground and detached runs, the pidfile. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DaemonCommandLineE2ETest extends DaemonE2E {
  @Test
  void aConfigErrorExitsWithStatusTwoNamingFileAndLineAndStartsNothing() {
    Path started = dir.resolve("started");
    daemon = DaemonProcess.of(dir, """
        [program:x]
        command=/usr/bin/touch %s
        startsecs=ten
        """.formatted(started)).startForeground();
    long launcher = daemon.pid();
    assertThat(daemon.awaitExit()).isEqualTo(2);
    int line = (int) DaemonProcess.header(dir).lines().count() + 3;
    assertThat(daemon.stderr().lines().filter(l -> l.startsWith("Error:")).toList())
        .singleElement().asString().contains(daemon.config() + ":" + line).contains("startsecs").contains("ten");
    assertThat(started).doesNotExist();
    assertThat(daemon.mainLog()).doesNotExist();
  }

  @Test
  void withoutNodaemonTheLauncherReturnsOnceTheDaemonRunsAndSigtermRemovesThePidfile() throws IOException {
    Path started = dir.resolve("started");
    Path pidfile = dir.resolve("supervisord.pid");
    daemon = DaemonProcess.of(dir, """
        [program:x]
        command=/bin/sh -c 'touch %s; exec sleep 1000'
        """.formatted(started)).start();
    long launcher = daemon.pid();
    assertThat(daemon.awaitExit()).as("launcher exit status; stderr: %s", daemon.stderr()).isZero();
    assertThat(pidfile).exists();
    long pid = daemon.followDetached();
    assertThat(pid).isNotEqualTo(launcher);
    assertThat(ProcScan.alive(pid)).isTrue();
    // a daemon: its own session, not a child of the launcher
    assertThat(ProcScan.stat(pid).orElseThrow()[3]).isEqualTo(Long.toString(pid));
    daemon.awaitLogLine("supervisord started with pid " + pid);
    daemon.awaitLogLine("success: x entered RUNNING");
    assertThat(started).exists();

    daemon.stop();
    assertThat(pidfile).doesNotExist();
    assertThat(daemon.linesMatching("stopped: x \\(terminated by SIGTERM\\)")).hasSize(1);
  }

  /**
   * {@code timeout -s TERM 3 bin/supervisord -n ...} sends SIGTERM to the daemon and at once to its process group:
   * supervisord logs one exit request for both, as it does for any signal that arrives again before it was handled.
   * A SIGTERM after the first was handled (here: while a program ignores it) is logged again, as supervisord does.
   */
  @Test
  void twoSigtermsInARowAreOneExitRequestAndALaterOneIsLoggedAgain() {
    daemon = DaemonProcess.of(dir, """
        [program:deaf]
        command=/bin/sh -c "trap '' TERM; while :; do sleep 0.2; done"
        startsecs=0
        stopwaitsecs=30
        """).startForeground();
    daemon.awaitLogLine("success: deaf entered RUNNING");
    daemon.signal(DaemonProcess.SIGTERM);
    daemon.signal(DaemonProcess.SIGTERM);
    daemon.awaitLogLine("waiting for deaf to die");
    assertThat(daemon.linesMatching("received SIGTERM indicating exit request")).hasSize(1);

    daemon.signal(DaemonProcess.SIGTERM);
    daemon.awaitLogLines("received SIGTERM indicating exit request", 2, DaemonProcess.TIMEOUT);
    Signals.kill(daemon.pidOf("deaf"), DaemonProcess.SIGKILL); // rather than wait out stopwaitsecs
    assertThat(daemon.awaitExit()).isZero();
    assertThat(daemon.linesMatching("received SIGTERM indicating exit request")).hasSize(2);
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

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
}

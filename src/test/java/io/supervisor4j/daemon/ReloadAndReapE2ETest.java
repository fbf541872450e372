package io.supervisor4j.daemon;

import static io.supervisor4j.daemon.DaemonProcess.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A daemon that lives through a reload and through a thousand children. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReloadAndReapE2ETest extends DaemonE2E {
  @Test
  void sighupReloadsTheEditedConfigurationInTheSameProcess() throws IOException {
    daemon = DaemonProcess.of(dir, """
        [program:keep]
        command=/bin/sleep 1000

        [program:gone]
        command=/bin/sleep 1000
        """).startForeground();
    daemon.awaitLogLines("success: (keep|gone) entered RUNNING", 2, TIMEOUT);
    int keepBefore = daemon.pidOf("keep");
    int gone = daemon.pidOf("gone");
    Files.writeString(daemon.config(), DaemonProcess.header(dir) + """
        [program:keep]
        command=/bin/sleep 1000

        [program:added]
        command=/bin/sleep 1000
        """);
    daemon.signal(DaemonProcess.SIGHUP);
    daemon.awaitLogLine("received SIGHUP indicating restart request");
    daemon.awaitLogLine("success: added entered RUNNING");
    daemon.awaitLogLines("success: keep entered RUNNING", 2, TIMEOUT);

    List<String> log = daemon.logLines();
    int hup = indexOf(log, "received SIGHUP indicating restart request");
    List<String> after = log.subList(hup, log.size());
    assertThat(indexOf(after, "stopped: keep")).isPositive();
    assertThat(indexOf(after, "stopped: gone")).isPositive();
    assertThat(indexOf(after, "spawned: 'added'")).isGreaterThan(indexOf(after, "stopped: gone"));
    assertThat(after).noneMatch(l -> l.contains("spawned: 'gone'"));
    assertThat(daemon.pidOf("keep")).isNotEqualTo(keepBefore);
    assertThat(daemon.linesMatching("supervisord started with pid " + daemon.pid())).hasSize(2);
    assertThat(ProcScan.alive(gone)).isFalse();
    assertThat(daemon.process().isAlive()).isTrue();
  }

  @Test
  void aThousandShortLivedChildrenLeaveNoZombieAndNoFd() throws IOException {
    Path count = dir.resolve("count");
    // unexpected exits are restarted at once (startsecs=0: no backoff); the 1000th run exits 0 and stays EXITED
    daemon = DaemonProcess.of(dir, """
        [program:short]
        command=/bin/sh -c 'echo >> %s; [ $(wc -l < %1$s) -ge 1000 ] && exit 0; exit 1'
        startsecs=0
        autorestart=unexpected
        exitcodes=0
        stdout_logfile=NONE
        stderr_logfile=NONE
        """.formatted(count)).startForeground();
    daemon.awaitLogLines("spawned: 'short'", 50, TIMEOUT);
    long fdsEarly = ProcScan.openFdCount(daemon.pid());
    daemon.awaitLogLine("exited: short \\(exit status 0; expected\\)", Duration.ofMinutes(2));
    assertThat(Files.readAllLines(count)).hasSize(1000);
    assertThat(daemon.linesMatching("spawned: 'short'")).hasSize(1000);
    DaemonProcess.await("no zombie children of the daemon", Duration.ofSeconds(5),
        () -> ProcScan.zombieChildrenOf(daemon.pid()).isEmpty());
    long fdsLate = ProcScan.openFdCount(daemon.pid());
    assertThat(fdsLate).as("daemon fds after 1000 children (%d after 50)", fdsEarly).isLessThanOrEqualTo(fdsEarly + 2);
  }

  @Test
  void anOrphanedGrandchildHoldingThePipeNeitherDelaysTheExitNorStaysAZombie() {
    daemon = DaemonProcess.of(dir, """
        [program:x]
        command=/bin/sh -c 'sleep 1000 & echo started; exit 0'
        startsecs=0
        autorestart=false
        """).startForeground();
    int pid = daemon.pidOf("x");
    // the grandchild keeps stdout open: the exit is reported after a short grace, not at EOF
    daemon.awaitLogLine("exited: x \\(exit status 0; expected\\)", Duration.ofSeconds(10));
    List<Long> orphans = ProcScan.inProcessGroup(pid);
    assertThat(orphans).hasSize(1);
    long orphan = orphans.getFirst();
    // as a subreaper the daemon adopted it; killing it must not leave a zombie behind
    assertThat(ProcScan.stat(orphan).orElseThrow()[1]).isEqualTo(Long.toString(daemon.pid()));
    io.supervisor4j.spawn.Signals.kill((int) orphan, DaemonProcess.SIGKILL);
    // reaped on its SIGCHLD, well before the 30 s safety sweep of ProcessRuntime
    daemon.awaitLogLine("reaped unknown pid " + orphan + " \\(terminated by SIGKILL\\)", Duration.ofSeconds(10));
    DaemonProcess.await("orphan reaped", Duration.ofSeconds(5), () -> ProcScan.stat(orphan).isEmpty());
    assertThat(ProcScan.zombieChildrenOf(daemon.pid())).isEmpty();
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}

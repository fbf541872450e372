package io.supervisor4j.daemon;

import static io.supervisor4j.daemon.DaemonProcess.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's state machine driven by real processes: retries, exit codes, priorities, group kills. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProcessLifecycleE2ETest extends DaemonE2E {
  @Test
  void crashLoopBacksOffOneTwoThreeSecondsThenGivesUp() {
    daemon = DaemonProcess.of(dir, """
        [program:x]
        command=/bin/sh -c 'exit 1'
        startretries=3
        """).startForeground();
    daemon.awaitLogLine("gave up: x entered FATAL state, too many start retries too quickly");
    List<String> spawns = daemon.linesMatching("spawned: 'x' with pid");
    assertThat(spawns).hasSize(4);
    for (int i = 1; i < spawns.size(); i++) {
      double gap = Duration.between(DaemonProcess.timeOf(spawns.get(i - 1)), DaemonProcess.timeOf(spawns.get(i)))
          .toMillis() / 1000.0;
      assertThat(gap).as("gap before retry %d", i).isCloseTo(i, within(0.6));
    }
    assertThat(daemon.linesMatching("exited: x \\(exit status 1; not expected\\)")).hasSize(4);
  }

  @ParameterizedTest(name = "autorestart={0}, exit {1}")
  @CsvSource({
      "false,      3, expected,     false",
      "false,      4, not expected, false",
      "unexpected, 3, expected,     false",
      "unexpected, 4, not expected, true",
      "true,       3, expected,     true",
      "true,       4, not expected, true",
  })
  void exitCodesAndAutorestart(String autorestart, int code, String expectation, boolean restarts) {
    daemon = DaemonProcess.of(dir, """
        [program:x]
        command=/bin/sh -c 'sleep 1.5; exit %d'
        startsecs=1
        exitcodes=0,3
        autorestart=%s
        """.formatted(code, autorestart)).startForeground();
    daemon.awaitLogLine("success: x entered RUNNING state");
    daemon.awaitLogLine("exited: x \\(exit status " + code + "; " + expectation + "\\)");
    if (restarts) {
      daemon.awaitLogLines("spawned: 'x' with pid", 2, TIMEOUT);
    } else {
      DaemonProcess.sleep(2500); // a restart from EXITED would happen on the next loop iteration
      assertThat(daemon.linesMatching("spawned: 'x' with pid")).hasSize(1);
    }
  }

  @Test
  void shutdownKillsAProcessGroupThatIgnoresSigterm() {
    daemon = DaemonProcess.of(dir, """
        [program:x]
        command=/bin/sh -c 'trap "" TERM; sleep 1000 & sleep 1000 & wait'
        stopasgroup=true
        killasgroup=true
        stopwaitsecs=1
        startsecs=0
        """).startForeground();
    int pid = daemon.pidOf("x");
    DaemonProcess.await("two grandchildren", TIMEOUT, () -> ProcScan.inProcessGroup(pid).size() >= 3);
    assertThat(daemon.stop()).isZero();
    String term = daemon.awaitLogLine("received SIGTERM indicating exit request");
    String kill = daemon.awaitLogLine("killing 'x' \\(" + pid + "\\) with SIGKILL");
    // stopwaitsecs=1 after the SIGTERM the daemon sent at shutdown (wide margins: the box is loaded)
    assertThat(Duration.between(DaemonProcess.timeOf(term), DaemonProcess.timeOf(kill)).toMillis())
        .isBetween(900L, 5000L);
    assertThat(daemon.linesMatching("stopped: x \\(terminated by SIGKILL\\)")).hasSize(1);
    DaemonProcess.await("process group " + pid + " gone", Duration.ofSeconds(10),
        () -> ProcScan.inProcessGroup(pid).isEmpty());
  }

  @Test
  void startsInAscendingAndStopsInDescendingPriority() {
    daemon = DaemonProcess.of(dir, """
        [program:b]
        command=/bin/sleep 1000
        priority=2
        startsecs=0

        [program:c]
        command=/bin/sh -c 'trap "" TERM; sleep 1000 & wait'
        priority=3
        startsecs=0
        killasgroup=true
        stopwaitsecs=2

        [program:a]
        command=/bin/sleep 1000
        priority=1
        startsecs=0
        """).startForeground();
    daemon.awaitLogLines("success: . entered RUNNING", 3, TIMEOUT);
    assertThat(daemon.linesMatching("spawned: '.'")).extracting(l -> l.replaceAll(".*spawned: '(.)'.*", "$1"))
        .containsExactly("a", "b", "c");
    assertThat(daemon.stop()).isZero();
    List<String> stopped = daemon.linesMatching("stopped: .");
    assertThat(stopped).extracting(l -> l.replaceAll(".*stopped: (.).*", "$1")).containsExactly("c", "b", "a");
    // b is asked to stop only after c, which needed SIGKILL after stopwaitsecs, is gone
    String kill = daemon.awaitLogLine("killing 'c' .* with SIGKILL");
    assertThat(DaemonProcess.timeOf(stopped.get(1))).isAfterOrEqualTo(DaemonProcess.timeOf(kill));
  }
}

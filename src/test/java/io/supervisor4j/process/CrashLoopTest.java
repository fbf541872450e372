package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.AutoRestart;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrashLoopTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void crashLoopGoesFatalAfterStartretriesWithDelaysOfOneTwoThreeSeconds() {
    Harness h = new Harness(TestConfigs.program("web").startsecs(5).startretries(3).group());
    h.step(); // autostart
    List<Long> waits = new ArrayList<>();
    for (int attempt = 0; attempt < 4; attempt++) {
      int pid = h.process("web").pid();
      assertThat(pid).isEqualTo(100 + attempt);
      h.advance(0.5).exit(pid, WaitStatus.exited(1));
      if (attempt < 3) {
        assertThat(h.process("web").state()).isEqualTo(ProcessState.BACKOFF);
        h.clock.advanceNanos(attempt + 1 == 1 ? SECOND : 0); // exactly at the delay: not yet (strictly greater)
        if (attempt == 0) {
          h.step();
          assertThat(h.process("web").state()).isEqualTo(ProcessState.BACKOFF);
          waits.add(SECOND + h.advanceToNextDeadline());
        } else {
          waits.add(h.advanceToNextDeadline());
        }
        assertThat(h.process("web").state()).isEqualTo(ProcessState.STARTING);
      }
    }
    assertThat(waits).containsExactly(SECOND + 1, 2 * SECOND + 1, 3 * SECOND + 1);
    Subprocess web = h.process("web");
    assertThat(web.state()).isEqualTo(ProcessState.FATAL);
    assertThat(h.edges("web")).containsExactly(
        "STOPPED->STARTING", "STARTING->BACKOFF", "BACKOFF->STARTING", "STARTING->BACKOFF", "BACKOFF->STARTING",
        "STARTING->BACKOFF", "BACKOFF->STARTING", "STARTING->BACKOFF", "BACKOFF->FATAL");
    assertThat(web.history().stream().map(Transition::tries).toList()).containsExactly(0, 1, 1, 2, 2, 3, 3, 4, 0);
    assertThat(h.launcher.launched).hasSize(4); // attempts = startretries + 1
    String tooQuickly = "WARN exited: web (exit status 1; not expected)";
    assertThat(h.log.take()).containsExactly(
        "INFO spawned: 'web' with pid 100", tooQuickly,
        "INFO spawned: 'web' with pid 101", tooQuickly,
        "INFO spawned: 'web' with pid 102", tooQuickly,
        "INFO spawned: 'web' with pid 103", tooQuickly,
        "INFO gave up: web entered FATAL state, too many start retries too quickly");
    assertThat(web.spawnerr()).contains("Exited too quickly (process log may have details)");
    assertThat(web.exitstatus()).isEmpty();
    FailureReason fatal = web.history().getLast().failure().orElseThrow();
    assertThat(fatal.kind()).isEqualTo(FailureReason.Kind.GAVE_UP);
    assertThat(fatal.attempts()).isEqualTo(4);
    assertThat(fatal.detail()).isEqualTo("exit status 1");
    assertThat(fatal.secondsRun()).isEqualTo(0.5);
    assertThat(fatal.startsecs()).isEqualTo(5);
    FailureReason backoff = web.history().get(1).failure().orElseThrow();
    assertThat(backoff.kind()).isEqualTo(FailureReason.Kind.EXITED_TOO_QUICKLY);
    assertThat(backoff.exit()).contains(WaitStatus.exited(1));
    // FATAL stays FATAL: no automatic restart, however long we wait.
    h.advance(3600);
    assertThat(web.state()).isEqualTo(ProcessState.FATAL);
    assertThat(h.launcher.launched).hasSize(4);
    // Only a manual start leaves FATAL, with a fresh retry budget.
    assertThat(h.commands.startProcess("web", false).join()).isEqualTo(Reply.DONE);
    assertThat(h.edges("web")).endsWith("BACKOFF->FATAL", "FATAL->STARTING");
    assertThat(web.spawnerr()).isEmpty();
  }

  @Test
  void spawnErrorsCountAsFailedAttemptsAndGiveUpInTheSameIteration() {
    Harness h = new Harness(TestConfigs.program("bad").startretries(1).group());
    h.launcher.failing.put("bad", new Launch.Failed("can't find command '/bin/bad'", Fault.NO_FILE));
    h.step();
    assertThat(h.process("bad").state()).isEqualTo(ProcessState.BACKOFF);
    h.advanceToNextDeadline(); // retry fails again: backoff 2 > 1, FATAL at once
    assertThat(h.edges("bad")).containsExactly(
        "STOPPED->STARTING", "STARTING->BACKOFF", "BACKOFF->STARTING", "STARTING->BACKOFF", "BACKOFF->FATAL");
    assertThat(h.log.take()).containsExactly(
        "INFO spawnerr: can't find command '/bin/bad'", "INFO spawnerr: can't find command '/bin/bad'",
        "INFO gave up: bad entered FATAL state, too many start retries too quickly");
    assertThat(h.process("bad").history().get(1).failure().orElseThrow().kind())
        .isEqualTo(FailureReason.Kind.SPAWN_ERROR);
  }

  @Test
  void startsecsZeroCrashLoopRestartsWithoutBound() {
    Harness h = new Harness(TestConfigs.program("loop").startsecs(0).startretries(1).group());
    h.step(); // spawn
    for (int i = 0; i < 10; i++) {
      Subprocess p = h.process("loop");
      assertThat(p.state()).isEqualTo(ProcessState.STARTING);
      assertThat(h.advanceToNextDeadline()).isLessThanOrEqualTo(1); // promoted on the next iteration
      assertThat(p.state()).isEqualTo(ProcessState.RUNNING);
      h.exit(p.pid(), WaitStatus.exited(1)); // RUNNING -> EXITED -> STARTING in the same iteration
    }
    assertThat(h.launcher.launched).hasSize(11);
    assertThat(h.edges("loop")).doesNotContain("STARTING->BACKOFF", "BACKOFF->FATAL");
    assertThat(h.edges("loop").subList(0, 5)).containsExactly(
        "STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->EXITED", "EXITED->STARTING", "STARTING->RUNNING");
    assertThat(h.process("loop").backoff()).isZero();
    assertThat(h.log.take().subList(0, 4)).containsExactly(
        "INFO spawned: 'loop' with pid 100",
        "INFO success: loop entered RUNNING state, process has stayed up for > than 0 seconds (startsecs)",
        "WARN exited: loop (exit status 1; not expected)",
        "INFO spawned: 'loop' with pid 101");
  }

  @Test
  void exitAtExactlyStartsecsIsPromotedOnTheWayOut() {
    Harness h = new Harness(TestConfigs.program("edge").startsecs(2).autorestart(AutoRestart.FALSE).group());
    h.step().advance(2.0); // now - laststart == startsecs: not yet RUNNING (strictly greater)
    assertThat(h.process("edge").state()).isEqualTo(ProcessState.STARTING);
    h.exit(100, WaitStatus.exited(0));
    assertThat(h.edges("edge")).containsExactly("STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->EXITED");
  }
}

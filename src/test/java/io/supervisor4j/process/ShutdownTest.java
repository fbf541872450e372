package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.SignalNames;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ShutdownTest {

  // Groups: low (priority 5: x prio 2, y prio 1), also5 (priority 5, added later), high (priority 10).
  private static Harness threeGroups() {
    return new Harness(
        TestConfigs.group("high", 10, TestConfigs.program("h1").config()),
        TestConfigs.group("low", 5,
            TestConfigs.program("x").priority(2).config(), TestConfigs.program("y").priority(1).config()),
        TestConfigs.group("also5", 5, TestConfigs.program("z").config()));
  }

  @Test
  void autostartSpawnsEverythingInOneIterationInAscendingPriority() {
    Harness h = threeGroups().step();
    // Groups by priority (stable), processes within a group in config order (supervisord's dict order).
    assertThat(h.launcher.launched).containsExactly("low:x", "low:y", "also5:z", "high:h1");
    var all = h.commands.startAllProcesses(false).join();
    assertThat(all).isEmpty(); // all running already
  }

  @Test
  void startAllAndStopAllGoInAscendingPriority() {
    Harness h = new Harness(
        TestConfigs.group("high", 10, TestConfigs.program("h1").autostart(false).config()),
        TestConfigs.group("low", 5, TestConfigs.program("x").priority(2).autostart(false).config(),
            TestConfigs.program("y").priority(1).autostart(false).config()));
    h.step();
    var started = h.commands.startAllProcesses(false).join();
    assertThat(started.stream().map(ProcessResult::name)).containsExactly("y", "x", "h1");
    assertThat(h.launcher.launched).containsExactly("low:y", "low:x", "high:h1");
    h.commands.stopAllProcesses(false).join();
    assertThat(h.signaller.kills.stream().map(Fakes.Kill::pid)).containsExactly(100, 101, 102);
  }

  @Test
  void shutdownStopsOneGroupAtATimeInDescendingPriority() {
    Harness h = threeGroups().step().advance(2); // pids: x 100, y 101, z 102, h1 103; all RUNNING
    h.log.take();
    assertThat(h.commands.shutdown()).isTrue();
    h.step();
    assertThat(h.listener.events).contains("SUPERVISOR STOPPING");
    assertThat(h.signaller.kills).containsExactly(new Fakes.Kill(103, 15, false)); // high first, alone
    assertThat(h.log.take()).containsExactly("INFO waiting for h1, x, y, z to die");
    h.exit(103, WaitStatus.exited(0)); // high done: popped; the next group is stopped in the next iteration,
    assertThat(h.signaller.kills).hasSize(1);
    assertThat(h.advanceToNextDeadline()).isZero(); // which comes at once: also5 (added after low) goes next
    assertThat(h.signaller.kills).hasSize(2).last().isEqualTo(new Fakes.Kill(102, 15, false));
    h.exit(102, WaitStatus.exited(0));
    assertThat(h.advanceToNextDeadline()).isZero();
    // low: all its processes at once, in descending process priority.
    assertThat(h.signaller.kills.subList(2, 4)).containsExactly(
        new Fakes.Kill(100, 15, false), new Fakes.Kill(101, 15, false));
    assertThat(h.engine.finished()).isFalse();
    h.advance(3.5); // the shutdown report repeats at most every 3 s
    assertThat(h.log.take()).containsExactly(
        "INFO stopped: h1 (exit status 0)", "INFO stopped: z (exit status 0)", "INFO waiting for x, y to die");
    h.exit(101, WaitStatus.exited(0));
    assertThat(h.engine.finished()).isFalse();
    h.exit(100, WaitStatus.killedBy(SignalNames.SIGTERM, false));
    assertThat(h.engine.finished()).isTrue();
    assertThat(h.log.take())
        .containsExactly("INFO stopped: y (exit status 0)", "WARN stopped: x (terminated by SIGTERM)");
    assertThat(h.launcher.launched).hasSize(4); // nothing restarted during the shutdown
  }

  @Test
  void backoffBecomesFatalAndExitedIsNotRestartedDuringShutdown() {
    Harness h = new Harness(
        TestConfigs.program("flaky").startsecs(5).group(), TestConfigs.program("done").startsecs(0).group());
    h.step().step(); // flaky STARTING (pid 100), done RUNNING (pid 101)
    h.advance(0.5).exit(100, WaitStatus.exited(1));
    assertThat(h.process("flaky").state()).isEqualTo(ProcessState.BACKOFF);
    h.commands.restart();
    h.exit(101, WaitStatus.exited(1)); // would autorestart, but supervisord is stopping
    assertThat(h.advanceToNextDeadline()).isZero(); // group "done" popped, "flaky" is next
    assertThat(h.edges("flaky")).endsWith("STARTING->BACKOFF", "BACKOFF->FATAL");
    assertThat(h.process("flaky").lastFailure().orElseThrow().kind())
        .isEqualTo(FailureReason.Kind.GIVEN_UP_AT_SHUTDOWN);
    assertThat(h.process("done").state()).isEqualTo(ProcessState.EXITED);
    assertThat(h.engine.finished()).isTrue();
    assertThat(h.engine.mood()).isEqualTo(SupervisorState.RESTARTING);
    assertThat(h.launcher.launched).hasSize(2);
  }

  @Test
  void aStartStillWaitingWhenShutdownStopsTheProcessIsAbnormalTermination() {
    Harness h = new Harness(TestConfigs.program("slow").startsecs(30).autostart(false).group());
    var started = h.commands.startProcess("slow", true);
    h.commands.shutdown();
    h.step();
    h.exit(100, WaitStatus.exited(0));
    assertThat(h.engine.finished()).isTrue();
    assertThat(Harness.fault(started).fault()).isEqualTo(Fault.ABNORMAL_TERMINATION);
  }
}

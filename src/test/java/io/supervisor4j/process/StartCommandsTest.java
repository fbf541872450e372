package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StartCommandsTest {

  private static Harness manual(TestConfigs.Program... programs) {
    Harness h = new Harness(java.util.Arrays.stream(programs).map(p -> p.autostart(false).group())
        .toArray(io.supervisor4j.config.GroupConfig[]::new));
    h.step();
    return h;
  }

  @Test
  void startWithWaitCompletesWhenRunning() {
    Harness h = manual(TestConfigs.program("app").startsecs(2));
    var started = h.commands.startProcess("app", true);
    assertThat(h.process("app").state()).isEqualTo(ProcessState.STARTING);
    h.advance(2);
    assertThat(started).isNotDone();
    h.advanceToNextDeadline();
    assertThat(started.join()).isEqualTo(Reply.DONE);
    assertThat(h.process("app").state()).isEqualTo(ProcessState.RUNNING);
  }

  @Test
  void startWithoutWaitReturnsRightAfterTheSpawnAndStartsecsZeroIsRunningAtOnce() {
    Harness h = manual(TestConfigs.program("a"), TestConfigs.program("z").startsecs(0));
    assertThat(h.commands.startProcess("a", false).join()).isEqualTo(Reply.DONE);
    assertThat(h.process("a").state()).isEqualTo(ProcessState.STARTING);
    assertThat(h.commands.startProcess("z", true).join()).isEqualTo(Reply.DONE);
    assertThat(h.process("z").state()).isEqualTo(ProcessState.RUNNING);
  }

  @Test
  void spawnErrorFaultsAtOnceAndTheRetriesGoOnInTheBackground() {
    Harness h = manual(TestConfigs.program("bad"));
    h.launcher.failing.put("bad", new Launch.Failed("Too many processes in process table to spawn 'bad'",
        Fault.SPAWN_ERROR));
    assertThat(Harness.fault(() -> h.commands.startProcess("bad", true)).getMessage())
        .isEqualTo("SPAWN_ERROR: bad");
    assertThat(h.process("bad").state()).isEqualTo(ProcessState.BACKOFF);
    h.advanceToNextDeadline();
    assertThat(h.edges("bad")).endsWith("BACKOFF->STARTING", "STARTING->BACKOFF");
  }

  @Test
  void earlyExitWhileWaitingIsSpawnError() {
    Harness h = manual(TestConfigs.program("app").startsecs(5));
    var started = h.commands.startProcess("app", true);
    h.advance(1).exit(100, WaitStatus.exited(2));
    assertThat(Harness.fault(started).getMessage()).isEqualTo("SPAWN_ERROR: app");
  }

  @Test
  void leavingStartingWithoutSpawnErrorIsAbnormalTermination() {
    Harness h = manual(TestConfigs.program("app").startsecs(5));
    var started = h.commands.startProcess("app", true);
    h.commands.stopProcess("app", false).join();
    h.step();
    FaultException f = Harness.fault(started);
    assertThat(f.fault()).isEqualTo(Fault.ABNORMAL_TERMINATION);
    assertThat(f.getMessage()).isEqualTo("ABNORMAL_TERMINATION: app");
  }

  @Test
  void faultsOfStartProcess() {
    Harness h = manual(TestConfigs.program("app"), TestConfigs.program("nofile"));
    h.commands.startProcess("app", false).join();
    assertThat(Harness.fault(() -> h.commands.startProcess("app", true)).getMessage())
        .isEqualTo("ALREADY_STARTED: app");
    assertThat(Harness.fault(() -> h.commands.startProcess("app:app", true)).getMessage())
        .isEqualTo("ALREADY_STARTED: app:app");
    assertThat(Harness.fault(() -> h.commands.startProcess("nope", true)).getMessage()).isEqualTo("BAD_NAME: nope");
    assertThat(Harness.fault(() -> h.commands.startProcess("app:nope", true)).getMessage())
        .isEqualTo("BAD_NAME: app:nope");
    h.launcher.checkFailing.put("nofile", new Launch.Failed("can't find command '/bin/nofile'", Fault.NO_FILE));
    assertThat(Harness.fault(() -> h.commands.startProcess("nofile", true)).getMessage())
        .isEqualTo("NO_FILE: can't find command '/bin/nofile'");
    assertThat(h.process("nofile").history()).isEmpty(); // nothing was spawned
    assertThat(Harness.fault(() -> h.commands.stopProcess("nofile", true)).getMessage())
        .isEqualTo("NOT_RUNNING: nofile");
    assertThat(Harness.fault(() -> h.commands.getProcessInfo("app:")).getMessage()).isEqualTo("BAD_NAME: app:");
  }

  @Test
  void wholeGroupSpecsAnswerWithResultArrays() {
    Harness h = new Harness(TestConfigs.group("g", 1,
        TestConfigs.program("b").priority(2).autostart(false).config(),
        TestConfigs.program("a").priority(1).autostart(false).config()));
    h.launcher.failing.put("b", new Launch.Failed("unknown error during fork for 'b': ENOMEM", Fault.SPAWN_ERROR));
    var reply = h.commands.startProcess("g:*", true);
    assertThat(reply).isNotDone(); // a waits for startsecs; b failed at once
    h.advanceToNextDeadline();
    assertThat(reply.join()).isEqualTo(new Reply.Results(List.of(
        new ProcessResult("b", "g", 50, "SPAWN_ERROR: g:b"), new ProcessResult("a", "g", 80, "OK"))));
    assertThat(h.launcher.launched).containsExactly("g:a"); // ascending priority
    var again = h.commands.startProcessGroup("g", true).join();
    assertThat(again).isEmpty(); // a is RUNNING, b in BACKOFF: both count as running and are skipped
    var stopped = h.commands.stopProcess("g:", true);
    h.exit(100, WaitStatus.exited(0)); // a
    assertThat(stopped.join()).isEqualTo(new Reply.Results(List.of(
        new ProcessResult("b", "g", 80, "OK"), new ProcessResult("a", "g", 80, "OK"))));
    assertThat(Harness.fault(() -> h.commands.startProcessGroup("nope", true)).getMessage())
        .isEqualTo("BAD_NAME: nope");
  }

  @Test
  void signalGroupReportsPerProcessFaults() {
    Harness h = new Harness(TestConfigs.group("g", 1,
        TestConfigs.program("a").config(), TestConfigs.program("b").autostart(false).config()));
    h.step();
    assertThat(h.commands.signalProcessGroup("g", "USR1").join())
        .containsExactly(new ProcessResult("a", "g", 80, "OK"));
    assertThat(h.commands.signalAllProcesses("bogus").join())
        .containsExactly(new ProcessResult("a", "g", 11, "BAD_SIGNAL: bogus"));
    assertThat(h.signaller.kills).containsExactly(new Fakes.Kill(100, 10, false));
  }

  @Test
  void addAndRemoveGroups() {
    Harness h = new Harness();
    var cfg = TestConfigs.program("late").group();
    assertThat(h.commands.addProcessGroup(cfg)).isTrue();
    assertThat(Harness.fault(() -> h.commands.addProcessGroup(cfg)).getMessage()).isEqualTo("ALREADY_ADDED: late");
    h.step(); // autostart of an added group
    assertThat(h.process("late").state()).isEqualTo(ProcessState.STARTING);
    assertThat(Harness.fault(() -> h.commands.removeProcessGroup("late")).getMessage())
        .isEqualTo("STILL_RUNNING: late");
    h.commands.stopProcess("late", false).join();
    h.exit(100, WaitStatus.exited(0));
    assertThat(h.commands.removeProcessGroup("late")).isTrue();
    assertThat(Harness.fault(() -> h.commands.removeProcessGroup("late")).getMessage()).isEqualTo("BAD_NAME: late");
    assertThat(h.listener.events).startsWith("GROUP ADDED late").endsWith("GROUP REMOVED late");
  }

  @Test
  void everyCommandFaultsWithShutdownStateOnceStopping() {
    Harness h = manual(TestConfigs.program("app"));
    assertThat(h.commands.restart()).isTrue();
    assertThat(Harness.fault(() -> h.commands.startProcess("app", true)).fault()).isEqualTo(Fault.SHUTDOWN_STATE);
    assertThat(Harness.fault(() -> h.commands.getAllProcessInfo()).getMessage()).isEqualTo("SHUTDOWN_STATE");
    assertThat(Harness.fault(() -> h.commands.shutdown()).fault()).isEqualTo(Fault.SHUTDOWN_STATE);
    assertThat(Harness.fault(() -> h.commands.signalAllProcesses("HUP")).fault()).isEqualTo(Fault.SHUTDOWN_STATE);
  }
}

package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.AutoRestart;
import io.supervisor4j.config.SignalNames;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExitAndStopTest {

  private static Harness running(TestConfigs.Program program) {
    Harness h = new Harness(program.group());
    h.step().advance(program.startsecs + 0.5);
    assertThat(h.process(program.name).state()).isEqualTo(ProcessState.RUNNING);
    h.log.take();
    return h;
  }

  @ParameterizedTest(name = "autorestart={0} exit {1}")
  @CsvSource({
    "FALSE, 0, false, true",
    "FALSE, 1, false, false",
    "UNEXPECTED, 0, false, true",
    "UNEXPECTED, 1, true, false",
    "UNEXPECTED, 2, false, true",
    "TRUE, 0, true, true",
    "TRUE, 1, true, false",
  })
  void exitcodesAgainstAutorestart(AutoRestart autorestart, int code, boolean restarts, boolean expected) {
    Harness h = running(TestConfigs.program("app").autorestart(autorestart).exitcodes(0, 2));
    h.exit(100, WaitStatus.exited(code));
    Subprocess app = h.process("app");
    List<String> edges = h.edges("app");
    assertThat(edges.subList(0, 3)).containsExactly("STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->EXITED");
    assertThat(edges.subList(3, edges.size())).isEqualTo(restarts ? List.of("EXITED->STARTING") : List.of());
    assertThat(app.history().get(2).expected()).isEqualTo(expected);
    String exited = "exited: app (exit status " + code + "; " + (expected ? "expected)" : "not expected)");
    List<String> log = h.log.take();
    assertThat(log.getFirst()).isEqualTo((expected ? "INFO " : "WARN ") + exited);
    assertThat(log).hasSize(restarts ? 2 : 1);
    assertThat(app.exitstatus().isPresent()).isEqualTo(!restarts);
    if (!expected && !restarts) {
      assertThat(app.spawnerr()).contains("Bad exit code " + code);
      assertThat(app.lastFailure().orElseThrow().kind()).isEqualTo(FailureReason.Kind.UNEXPECTED_EXIT);
    }
  }

  @Test
  void listenerSeesEachCommittedTransitionWithEventFieldsAndUnknownPidsAreLogged() {
    Harness h = running(TestConfigs.program("app").startsecs(1));
    h.exit(100, WaitStatus.exited(7));
    h.exit(4242, WaitStatus.exited(0));
    assertThat(h.listener.events).containsExactly(
        "GROUP ADDED app",
        "app STOPPED->STARTING pid:0 tries:0 expected:true",
        "app STARTING->RUNNING pid:100 tries:0 expected:true",
        "app RUNNING->EXITED pid:100 tries:0 expected:false",
        "app EXITED->STARTING pid:0 tries:0 expected:true");
    assertThat(h.log.take()).containsExactly(
        "WARN exited: app (exit status 7; not expected)", "INFO spawned: 'app' with pid 101",
        "INFO reaped unknown pid 4242 (exit status 0)");
  }

  @Test
  void deathBySignalIsNeverExpected() {
    Harness h = running(TestConfigs.program("app").autorestart(AutoRestart.FALSE).exitcodes(0, 255));
    h.exit(100, WaitStatus.killedBy(11, true));
    Subprocess app = h.process("app");
    assertThat(h.log.take()).containsExactly("WARN exited: app (terminated by SIGSEGV (core dumped); not expected)");
    assertThat(app.exitstatus()).hasValue(-1);
    assertThat(app.spawnerr()).contains("Bad exit code -1");
    FailureReason why = app.lastFailure().orElseThrow();
    assertThat(why.exit().orElseThrow().coreDumped()).isTrue();
    assertThat(why.secondsRun()).isEqualTo(1.5);
    assertThat(h.commands.getProcessInfo("app").exitstatus()).isEqualTo(-1);
  }

  @Test
  void ignoredSigtermIsFollowedBySigkillToTheGroupAfterStopwaitsecs() {
    Harness h = running(TestConfigs.program("db").stopwaitsecs(5).killasgroup(true));
    var stopped = h.commands.stopProcess("db", true);
    assertThat(h.signaller.kills).containsExactly(new Fakes.Kill(100, 15, false));
    assertThat(stopped).isNotDone();
    // Wake-ups: "waiting for db to stop" every 2 s (strictly more), then the SIGKILL exactly at 5 s.
    assertThat(h.advanceToNextDeadline()).isEqualTo(2_000_000_001L);
    assertThat(h.advanceToNextDeadline()).isEqualTo(2_000_000_001L);
    assertThat(h.advanceToNextDeadline()).isEqualTo(999_999_998L);
    assertThat(h.signaller.kills).containsExactly(new Fakes.Kill(100, 15, false), new Fakes.Kill(100, 9, true));
    assertThat(stopped).isNotDone();
    h.advance(0.25).exit(100, WaitStatus.killedBy(SignalNames.SIGKILL, false));
    assertThat(stopped.join()).isEqualTo(Reply.DONE);
    assertThat(h.edges("db")).containsExactly(
        "STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->STOPPED");
    assertThat(h.log.take()).containsExactly(
        "INFO waiting for db to stop",
        "INFO waiting for db to stop",
        "INFO waiting for db to stop",
        "WARN killing 'db' (100) with SIGKILL",
        "WARN stopped: db (terminated by SIGKILL)");
    assertThat(h.log.debug).contains(
        "DEBG killing db (pid 100) with signal SIGTERM", "DEBG killing db (pid 100) process group with signal SIGKILL");
    Subprocess db = h.process("db");
    assertThat(db.administrativeStop()).isTrue();
    assertThat(db.exitstatus()).hasValue(-1);
    // An administrative stop is final: no autorestart.
    h.advance(60);
    assertThat(db.state()).isEqualTo(ProcessState.STOPPED);
  }

  @Test
  void sigkillIsRepeatedWhileTheProcessSurvives() {
    Harness h = running(TestConfigs.program("zombie").stopwaitsecs(3));
    h.commands.stopProcess("zombie", false).join();
    h.advance(3).advance(3);
    assertThat(h.signaller.kills).containsExactly(
        new Fakes.Kill(100, 15, false), new Fakes.Kill(100, 9, false), new Fakes.Kill(100, 9, false));
    assertThat(h.process("zombie").state()).isEqualTo(ProcessState.STOPPING);
  }

  @Test
  void stopasgroupSendsTheStopsignalToTheGroupAndAnExpectedExitLogsInfo() {
    Harness h = running(TestConfigs.program("web").stopasgroup(true).exitcodes(0, 143));
    h.commands.stopProcess("web", false).join();
    h.exit(100, WaitStatus.exited(143));
    assertThat(h.signaller.kills).containsExactly(new Fakes.Kill(100, 15, true));
    assertThat(h.log.take()).containsExactly("INFO stopped: web (exit status 143)");
  }

  @Test
  void stopInBackoffGoesToStoppedWithoutASignal() {
    Harness h = new Harness(TestConfigs.program("flaky").group());
    h.step().advance(0.2).exit(100, WaitStatus.exited(3));
    assertThat(h.process("flaky").state()).isEqualTo(ProcessState.BACKOFF);
    assertThat(h.commands.stopProcess("flaky", true).join()).isEqualTo(Reply.DONE);
    assertThat(h.signaller.kills).isEmpty();
    assertThat(h.edges("flaky")).containsExactly(
        "STOPPED->STARTING", "STARTING->BACKOFF", "BACKOFF->STOPPED");
    assertThat(h.log.debug).contains("DEBG Attempted to kill flaky, which is in BACKOFF state.");
    h.advance(10);
    assertThat(h.launcher.launched).hasSize(1); // no retry after the stop
  }

  @Test
  void unexpectedKillErrorPutsTheProcessInUnknownAndEsrchIsIgnored() {
    Harness h = running(TestConfigs.program("a"));
    h.signaller.errno = Optional.of("ESRCH");
    h.commands.stopProcess("a", false).join();
    assertThat(h.process("a").state()).isEqualTo(ProcessState.STOPPING);
    h.exit(100, WaitStatus.exited(0));
    assertThat(h.process("a").state()).isEqualTo(ProcessState.STOPPED);

    Harness u = running(TestConfigs.program("b"));
    u.signaller.errno = Optional.of("EPERM");
    FaultException f = Harness.fault(() -> u.commands.stopProcess("b", true));
    assertThat(f.getMessage()).isEqualTo("FAILED: unknown problem killing b (100):EPERM");
    assertThat(u.edges("b")).endsWith("RUNNING->STOPPING", "STOPPING->UNKNOWN");
    assertThat(u.log.take()).containsExactly("CRIT unknown problem killing b (100):EPERM");
    assertThat(Harness.fault(() -> u.commands.startProcess("b", true)).getMessage())
        .isEqualTo("FAILED: b is in an unknown process state");
    assertThat(u.process("b").lastFailure().orElseThrow().kind()).isEqualTo(FailureReason.Kind.SIGNAL_FAILED);
  }

  @Test
  void signalProcessSendsToThePidOnlyWithoutStateChange() {
    Harness h = running(TestConfigs.program("w").stopasgroup(true));
    assertThat(h.commands.signalProcess("w", "hup").join()).isEqualTo(Reply.DONE);
    assertThat(h.commands.signalProcess("w", "12").join()).isEqualTo(Reply.DONE);
    assertThat(h.signaller.kills).containsExactly(new Fakes.Kill(100, 1, false), new Fakes.Kill(100, 12, false));
    assertThat(h.process("w").state()).isEqualTo(ProcessState.RUNNING);
    assertThat(Harness.fault(() -> h.commands.signalProcess("w", "NOPE")).getMessage()).isEqualTo("BAD_SIGNAL: NOPE");
    h.commands.stopProcess("w", false).join();
    h.exit(100, WaitStatus.exited(0));
    assertThat(Harness.fault(() -> h.commands.signalProcess("w", "HUP")).getMessage()).isEqualTo("NOT_RUNNING: w");
  }
}

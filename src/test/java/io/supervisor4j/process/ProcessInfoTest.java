package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.SignalNames;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProcessInfoTest {

  @Test
  void uptimeIsRenderedLikePythonTimedelta() {
    assertThat(ProcessInfo.timedelta(0)).isEqualTo("0:00:00");
    assertThat(ProcessInfo.timedelta(62)).isEqualTo("0:01:02");
    assertThat(ProcessInfo.timedelta(36_000)).isEqualTo("10:00:00");
    assertThat(ProcessInfo.timedelta(86_400 + 2 * 3600 + 3 * 60 + 4)).isEqualTo("1 day, 2:03:04");
    assertThat(ProcessInfo.timedelta(3 * 86_400 + 59)).isEqualTo("3 days, 0:00:59");
  }

  @Test
  void descriptionsPerState() {
    ZoneId utc = ZoneId.of("UTC");
    int t = (int) Harness.T0.getEpochSecond(); // 2026-11-24 18:44:00 UTC
    assertThat(ProcessInfo.describe(ProcessState.RUNNING, "x", 42, t, 0, t + 62, "", utc))
        .isEqualTo("pid 42, uptime 0:01:02");
    assertThat(ProcessInfo.describe(ProcessState.RUNNING, "x", 42, t, 0, t - 5, "", utc))
        .isEqualTo("pid 42, uptime 0:00:00"); // clock set back: clamped
    assertThat(ProcessInfo.describe(ProcessState.STOPPED, "x", 0, 0, 0, t, "", utc)).isEqualTo("Not started");
    assertThat(ProcessInfo.describe(ProcessState.EXITED, "x", 0, t, t + 3600, t, "", utc))
        .isEqualTo("Nov 24 07:44 PM");
    assertThat(ProcessInfo.describe(ProcessState.STOPPED, "x", 0, t, t + 6 * 3600, t, "", ZoneId.of("Europe/Paris")))
        .isEqualTo("Nov 25 01:44 AM");
    assertThat(ProcessInfo.describe(ProcessState.FATAL, "x", 0, t, t, t, "Exited too quickly", utc))
        .isEqualTo("Exited too quickly");
    assertThat(ProcessInfo.describe(ProcessState.BACKOFF, "x", 0, t, t, t, "", utc))
        .isEqualTo("unknown error (try \"tail x\")");
    assertThat(ProcessInfo.describe(ProcessState.STARTING, "x", 1, t, t, t, "", utc)).isEmpty();
    assertThat(ProcessInfo.describe(ProcessState.STOPPING, "x", 1, t, t, t, "", utc)).isEmpty();
  }

  @Test
  void processInfoOfARunningThenExitedProcess() {
    Harness h = new Harness(TestConfigs.program("app").stdout(LogFile.file(Path.of("/var/log/app.log"))).group(),
        TestConfigs.program("idle").autostart(false).group());
    h.step();
    h.clock.advanceSeconds(86_400 + 62);
    h.step();
    ProcessInfo info = h.commands.getProcessInfo("app");
    int start = (int) Harness.T0.getEpochSecond();
    assertThat(info).isEqualTo(new ProcessInfo("app", "app", start, 0, start + 86_462, ProcessState.RUNNING, "", 0,
        "/var/log/app.log", "", 100, "pid 100, uptime 1 day, 0:01:02"));
    assertThat(info.statename()).isEqualTo("RUNNING");
    assertThat(info.logfile()).isEqualTo("/var/log/app.log");
    h.exit(100, WaitStatus.exited(0));
    info = h.commands.getProcessInfo("app:app");
    assertThat(info.state()).isEqualTo(ProcessState.EXITED);
    assertThat(info.description()).isEqualTo("Nov 25 06:45 PM");
    assertThat(info.stop()).isEqualTo(start + 86_462);
    assertThat(info.pid()).isZero();
    assertThat(h.commands.getProcessInfo("idle").description()).isEqualTo("Not started");
    assertThat(h.commands.getAllProcessInfo().stream().map(ProcessInfo::name)).containsExactly("app", "idle");
  }

  @Test
  void namespecParsing() {
    assertThat(Namespec.parse("web")).isEqualTo(new Namespec("web", Optional.of("web")));
    assertThat(Namespec.parse("grp:web_01")).isEqualTo(new Namespec("grp", Optional.of("web_01")));
    assertThat(Namespec.parse("grp:*")).isEqualTo(new Namespec("grp", Optional.empty()));
    assertThat(Namespec.parse("grp:")).isEqualTo(new Namespec("grp", Optional.empty()));
    assertThat(Namespec.parse("a:b:c")).isEqualTo(new Namespec("a", Optional.of("b:c")));
    assertThat(Namespec.of("web", "web")).isEqualTo("web");
    assertThat(Namespec.of("grp", "web")).isEqualTo("grp:web");
  }

  @Test
  void signalsAndWaitStatuses() {
    assertThat(SignalNames.signame(15)).isEqualTo("SIGTERM");
    assertThat(SignalNames.signame(6)).isEqualTo("SIGABRT");
    assertThat(SignalNames.signame(29)).isEqualTo("SIGPOLL");
    assertThat(SignalNames.signame(40)).isEqualTo("signal 40");
    assertThat(SignalNames.signalNumber("HUP")).hasValue(1);
    assertThat(SignalNames.signalNumber("sigusr2")).hasValue(12);
    assertThat(SignalNames.signalNumber(" 9 ")).hasValue(9);
    assertThat(SignalNames.signalNumber("IOT")).hasValue(6);
    assertThat(SignalNames.signalNumber("RTMIN")).hasValue(34);
    assertThat(SignalNames.signalNumber("33")).isEmpty();
    assertThat(SignalNames.signalNumber("65")).isEmpty();
    assertThat(SignalNames.signalNumber("-1")).isEmpty();
    assertThat(SignalNames.signalNumber("FOO")).isEmpty();

    assertThat(WaitStatus.exited(3).raw()).isEqualTo(0x300);
    assertThat(WaitStatus.exited(3).describe()).isEqualTo("exit status 3");
    assertThat(WaitStatus.exited(3).exitStatus()).isEqualTo(3);
    assertThat(new WaitStatus(0x8b).describe()).isEqualTo("terminated by SIGSEGV (core dumped)");
    assertThat(new WaitStatus(9).exitStatus()).isEqualTo(-1);
    assertThat(new WaitStatus(0x137f).describe()).isEqualTo("unknown termination cause 0x137f"); // stopped
  }

  @Test
  void stateCodesAndTheTransitionTable() {
    assertThat(ProcessState.FATAL.code()).isEqualTo(200);
    assertThat(ProcessState.fromCode(1000)).contains(ProcessState.UNKNOWN);
    assertThat(SupervisorState.SHUTDOWN.code()).isEqualTo(-1);
    assertThat(Fault.CANT_REREAD.code()).isEqualTo(92);
    assertThat(new FaultException(Fault.BAD_NAME, "x").getMessage()).isEqualTo("BAD_NAME: x");
    assertThat(new FaultException(Fault.SHUTDOWN_STATE).getMessage()).isEqualTo("SHUTDOWN_STATE");
    assertThat(ProcessState.STOPPED.canTransitionTo(ProcessState.RUNNING)).isFalse();
    assertThat(ProcessState.BACKOFF.canTransitionTo(ProcessState.STOPPED)).isTrue();
    assertThat(ProcessState.UNKNOWN.canTransitionTo(ProcessState.STARTING)).isFalse();
  }

  @Test
  void anIllegalEdgeThrowsNamingTheStateFound() {
    Harness h = new Harness(TestConfigs.program("app").autostart(false).group());
    Subprocess app = h.process("app");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.giveUp(FailureReason.Kind.GAVE_UP))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STOPPED");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.finish(WaitStatus.exited(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STOPPED");
  }
}

package io.supervisor4j.events;

import static io.supervisor4j.events.Fixtures.bytes;
import static io.supervisor4j.events.Fixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.log.OutputChannel;
import io.supervisor4j.process.ProcessState;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ticks, the type hierarchy, and payload formats the oracle recording could not provoke. */
@Timeout(10)
class TicksAndTypesTest {
  private static final long HOUR = 1_800_000_000L - (1_800_000_000L % 3600); // an hour boundary, epoch seconds

  private static List<String> names(List<Event> events) {
    return events.stream().map(e -> e.type() + " " + e.payload()).toList();
  }

  @Test
  void noTickAtStartThenOnePerCrossedBoundary() {
    Ticks ticks = new Ticks();
    assertThat(ticks.nextBoundaryMillis()).isZero();
    assertThat(ticks.tick((HOUR - 1) * 1000 + 999)).isEmpty();
    assertThat(ticks.nextBoundaryMillis()).isEqualTo(HOUR * 1000);
    assertThat(names(ticks.tick(HOUR * 1000 + 200)))
        .containsExactly("TICK_5 when:" + HOUR, "TICK_60 when:" + HOUR, "TICK_3600 when:" + HOUR);
    assertThat(ticks.tick(HOUR * 1000 + 4999)).isEmpty();
    assertThat(names(ticks.tick(HOUR * 1000 + 5000))).containsExactly("TICK_5 when:" + (HOUR + 5));
    assertThat(ticks.nextBoundaryMillis()).isEqualTo((HOUR + 10) * 1000);
  }

  @Test
  void missedBoundariesAreNotReplayed() {
    Ticks ticks = new Ticks();
    ticks.tick(HOUR * 1000);
    // a 2-minute stall: one TICK_5 and one TICK_60, for the current slices
    assertThat(names(ticks.tick((HOUR + 127) * 1000)))
        .containsExactly("TICK_5 when:" + (HOUR + 125), "TICK_60 when:" + (HOUR + 120));
  }

  @Test
  void aClockStepBackAcrossABoundaryAlsoTicks() {
    Ticks ticks = new Ticks();
    ticks.tick((HOUR + 7) * 1000);
    assertThat(names(ticks.tick((HOUR + 3) * 1000))).containsExactly("TICK_5 when:" + HOUR);
  }

  @Test
  void typeHierarchyMatchesBySubclass() {
    assertThat(EventType.PROCESS_STATE_EXITED.isA(EventType.EVENT)).isTrue();
    assertThat(EventType.PROCESS_STATE_EXITED.isA(EventType.PROCESS_STATE)).isTrue();
    assertThat(EventType.PROCESS_STATE_EXITED.isA(EventType.PROCESS_STATE_EXITED)).isTrue();
    assertThat(EventType.PROCESS_STATE.isA(EventType.PROCESS_STATE_EXITED)).isFalse();
    assertThat(EventType.TICK_60.isA(EventType.TICK)).isTrue();
    assertThat(EventType.TICK_60.isA(EventType.PROCESS_STATE)).isFalse();
    assertThat(EventType.REMOTE_COMMUNICATION.parent()).contains(EventType.EVENT);
    assertThat(EventType.EVENT.parent()).isEmpty();
    assertThat(EventType.fromName(" process_log_stderr ")).contains(EventType.PROCESS_LOG_STDERR);
    assertThat(EventType.fromName("PROCESS_STATE_CHANGE")).isEmpty();
    for (EventType t : EventType.values()) {
      assertThat(t.isA(EventType.EVENT)).isTrue();
      assertThat(t.isAbstract())
          .as(t.name())
          .isEqualTo(List.of("EVENT", "PROCESS_STATE", "PROCESS_COMMUNICATION", "PROCESS_LOG",
              "SUPERVISOR_STATE_CHANGE", "TICK", "PROCESS_GROUP").contains(t.name()));
    }
    for (ProcessState s : ProcessState.values()) {
      assertThat(EventType.forState(s).name()).isEqualTo("PROCESS_STATE_" + s.name());
    }
    assertThatThrownBy(() -> new Event(EventType.TICK, "x")).hasMessageContaining("abstract");
  }

  @Test
  void stateEventsCarryTheirOwnTokens() {
    assertThat(state(ProcessState.RUNNING, ProcessState.UNKNOWN, 5, 0))
        .isEqualTo("processname:p groupname:g from_state:RUNNING");
    assertThat(state(ProcessState.BACKOFF, ProcessState.FATAL, 0, 3))
        .isEqualTo("processname:p groupname:g from_state:BACKOFF");
    assertThat(state(ProcessState.BACKOFF, ProcessState.STOPPED, 0, 2))
        .isEqualTo("processname:p groupname:g from_state:BACKOFF pid:0");
    assertThat(state(ProcessState.STARTING, ProcessState.STOPPING, 8, 0))
        .isEqualTo("processname:p groupname:g from_state:STARTING pid:8");
    assertThat(state(ProcessState.EXITED, ProcessState.STARTING, 0, 2))
        .isEqualTo("processname:p groupname:g from_state:EXITED tries:2");
  }

  private static String state(ProcessState from, ProcessState to, int pid, int tries) {
    return Event.processState(transition("g", "p", from, to, pid, tries, true)).payload();
  }

  @Test
  void outputPayloads() {
    assertThat(Event.processLog("g", "p", 3, OutputChannel.STDERR, bytes("h\u00e9\n")).payload())
        .isEqualTo("processname:p groupname:g pid:3 channel:stderr\nh\u00e9\n");
    assertThat(Event.processLog("g", "p", 3, OutputChannel.STDOUT, new byte[] {'a', (byte) 0xc3}).payload())
        .isEqualTo("processname:p groupname:g pid:3 channel:stdout\nUndecodable: b'a\\xc3'");
    assertThat(Event.processCommunication("g", "p", 0, OutputChannel.STDOUT, new byte[0]).payload())
        .isEqualTo("processname:p groupname:g pid:0\n");
    // an encoded surrogate is not UTF-8 for Python either
    assertThat(Event.decode(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).startsWith("Undecodable: ");
    assertThat(Event.tick(EventType.TICK_3600, 1_795_554_000L).payload()).isEqualTo("when:1795554000");
  }
}

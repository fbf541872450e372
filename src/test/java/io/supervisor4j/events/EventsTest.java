package io.supervisor4j.events;

import static io.supervisor4j.events.Fixtures.bytes;
import static io.supervisor4j.events.Fixtures.transition;
import static io.supervisor4j.process.ProcessState.BACKOFF;
import static io.supervisor4j.process.ProcessState.EXITED;
import static io.supervisor4j.process.ProcessState.RUNNING;
import static io.supervisor4j.process.ProcessState.STARTING;
import static io.supervisor4j.process.ProcessState.STOPPED;
import static io.supervisor4j.process.ProcessState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.log.LogLevel;
import io.supervisor4j.log.OutputChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pools, buffering and dispatch through the {@link Events} seam, with fake stdin pipes. */
@Timeout(10)
class EventsTest {
  private final TestLog log = new TestLog();
  private final FakeStdin stdin = new FakeStdin();
  private final Events events = new Events("sup", log, stdin);

  /** Spawns a listener process and takes it to RUNNING + READY, as the daemon would report it. */
  private void startListener(String pool, String process, int pid) {
    events.onTransition(transition(pool, process, STOPPED, STARTING, 0, 0, true));
    events.onTransition(transition(pool, process, STARTING, RUNNING, pid, 0, true));
    events.listenerOutput(pool, process, bytes("READY\n"));
  }

  private void answer(String pool, String process, String result) {
    events.listenerOutput(pool, process, bytes("RESULT " + result.length() + "\n" + result + "READY\n"));
  }

  @Test
  void aListenerGetsItsOwnLifecycleAndEventsInOrder() {
    events.addPool(Fixtures.pool("lst", 1, 10, "EVENT"));
    events.groupAdded("lst");
    events.supervisorRunning();
    startListener("lst", "lst", 42);
    assertThat(stdin.writes).hasSize(1);
    assertThat(stdin.writes.get(0).envelope())
        .isEqualTo(
            "ver:3.0 server:sup serial:0 pool:lst poolserial:0 eventname:PROCESS_GROUP_ADDED len:14\ngroupname:lst\n");
    answer("lst", "lst", "OK");
    answer("lst", "lst", "OK");
    answer("lst", "lst", "OK");
    assertThat(stdin.writes)
        .extracting(FakeStdin.Write::eventName)
        .containsExactly(
            "PROCESS_GROUP_ADDED",
            "SUPERVISOR_STATE_CHANGE_RUNNING",
            "PROCESS_STATE_STARTING",
            "PROCESS_STATE_RUNNING");
    assertThat(stdin.writes.get(3).payload()).isEqualTo("processname:lst groupname:lst from_state:STARTING pid:42");
    assertThat(events.buffered("lst")).isEmpty();
  }

  @Test
  void nothingIsSentWhileTheListenerIsStartingEvenIfReady() {
    events.addPool(Fixtures.pool("lst", 1, 10, "PROCESS_GROUP"));
    events.onTransition(transition("lst", "lst", STOPPED, STARTING, 0, 0, true));
    events.listenerOutput("lst", "lst", bytes("READY\n"));
    events.groupAdded("x");
    assertThat(events.listenerState("lst", "lst")).contains(ListenerState.READY);
    assertThat(stdin.writes).isEmpty();
    events.onTransition(transition("lst", "lst", STARTING, RUNNING, 5, 0, true));
    assertThat(stdin.writes).extracting(FakeStdin.Write::eventName).containsExactly("PROCESS_GROUP_ADDED");
  }

  @Test
  void subscriptionByBaseTypeAndUnsubscribedEventsTakeNoSerial() {
    events.addPool(Fixtures.pool("ticks", 1, 10, "TICK"));
    events.addPool(Fixtures.pool("states", 1, 10, "PROCESS_STATE"));
    events.remoteCommunication("t", "d"); // nobody subscribes: no serial used
    events.tick(1_000_000_010_000L); // first call: no tick
    events.tick(1_000_000_025_000L); // crosses 5 s and 60 s boundaries (1000000020 = 60 * 16666667), not an hour
    events.onTransition(transition("cat", STARTING, RUNNING, 9));
    assertThat(events.buffered("ticks"))
        .extracting(e -> e.event().type(), PoolEvent::serial, PoolEvent::poolSerial)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EventType.TICK_5, 0L, 0L),
            org.assertj.core.groups.Tuple.tuple(EventType.TICK_60, 1L, 1L));
    assertThat(events.buffered("ticks").get(0).event().payload()).isEqualTo("when:1000000025");
    assertThat(events.buffered("ticks").get(1).event().payload()).isEqualTo("when:1000000020");
    assertThat(events.buffered("states"))
        .extracting(e -> e.event().type(), PoolEvent::serial, PoolEvent::poolSerial)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(EventType.PROCESS_STATE_RUNNING, 2L, 0L));
  }

  @Test
  void everySubscribedPoolGetsItsOwnCopyWithTheSameSerial() {
    events.addPool(Fixtures.pool("a", 1, 10, "EVENT"));
    events.addPool(Fixtures.pool("b", 1, 10, "PROCESS_GROUP_ADDED"));
    events.remoteCommunication("t", "d");
    events.groupAdded("g");
    assertThat(events.buffered("a")).extracting(PoolEvent::serial).containsExactly(0L, 1L);
    assertThat(events.buffered("a")).extracting(PoolEvent::poolSerial).containsExactly(0L, 1L);
    assertThat(events.buffered("b")).extracting(PoolEvent::serial).containsExactly(1L);
    assertThat(events.buffered("b")).extracting(PoolEvent::poolSerial).containsExactly(0L);
  }

  @Test
  void overflowDiscardsTheOldestWithSupervisordsErrorLine() {
    events.addPool(Fixtures.pool("lst", 1, 3, "PROCESS_GROUP"));
    for (String g : new String[] {"g0", "g1", "g2", "g3", "g4"}) {
      events.groupAdded(g);
    }
    assertThat(events.buffered("lst")).extracting(PoolEvent::serial).containsExactly(2L, 3L, 4L);
    assertThat(log.at(LogLevel.ERRO))
        .containsExactly(
            "pool lst event buffer overflowed, discarding event 0",
            "pool lst event buffer overflowed, discarding event 1");
  }

  @Test
  void aRejectedEventGoesBackToTheHeadAndIsResent() {
    events.addPool(Fixtures.pool("lst", 1, 10, "PROCESS_GROUP"));
    events.groupAdded("g0");
    events.groupAdded("g1");
    startListener("lst", "lst", 1);
    assertThat(stdin.writes).extracting(FakeStdin.Write::serial).containsExactly(0L);
    answer("lst", "lst", "FAIL");
    assertThat(stdin.writes).extracting(FakeStdin.Write::serial).containsExactly(0L, 0L);
    assertThat(stdin.writes.get(1).header()).contains("poolserial:0 ");
    answer("lst", "lst", "OK");
    answer("lst", "lst", "OK");
    assertThat(stdin.writes).extracting(FakeStdin.Write::serial).containsExactly(0L, 0L, 1L);
    assertThat(log.at(LogLevel.DEBG)).contains("rebuffering event 0 for pool lst (buf size=1, max=10)");
    assertThat(log.at(LogLevel.WARN)).containsExactly("lst: event was rejected");
  }

  @Test
  void rebufferingAtTheHeadOfAFullBufferPushesOutTheOldest() {
    events.addPool(Fixtures.pool("lst", 1, 2, "PROCESS_GROUP"));
    events.groupAdded("g0");
    startListener("lst", "lst", 1); // takes g0
    events.groupAdded("g1");
    events.groupAdded("g2");
    answer("lst", "lst", "FAIL"); // g0 back at the head of a full buffer: g1 (the oldest) is discarded
    assertThat(log.at(LogLevel.ERRO)).containsExactly("pool lst event buffer overflowed, discarding event 1");
    assertThat(stdin.writes).extracting(FakeStdin.Write::serial).containsExactly(0L, 0L);
    assertThat(events.buffered("lst")).extracting(PoolEvent::serial).containsExactly(2L);
  }

  @Test
  void membersAreTriedInOrderAndEachEventGoesToExactlyOne() {
    events.addPool(Fixtures.pool("p", 3, 10, "PROCESS_GROUP"));
    startListener("p", "p_0", 10);
    startListener("p", "p_1", 11);
    startListener("p", "p_2", 12);
    events.groupAdded("g0");
    events.groupAdded("g1");
    events.groupAdded("g2");
    events.groupAdded("g3");
    assertThat(stdin.writes).extracting(FakeStdin.Write::process).containsExactly("p_0", "p_1", "p_2");
    answer("p", "p_1", "OK");
    assertThat(stdin.writes).extracting(FakeStdin.Write::process).containsExactly("p_0", "p_1", "p_2", "p_1");
    assertThat(stdin.writes).extracting(FakeStdin.Write::serial).containsExactly(0L, 1L, 2L, 3L);
  }

  @Test
  void epipeTriesTheNextMemberAndKeepsTheEventWhenNobodyCanTakeIt() {
    events.addPool(Fixtures.pool("p", 2, 10, "PROCESS_GROUP"));
    startListener("p", "p_0", 10);
    startListener("p", "p_1", 11);
    stdin.broken.add("p_0");
    events.groupAdded("g0");
    assertThat(stdin.writes).extracting(FakeStdin.Write::process).containsExactly("p_1");
    assertThat(events.listenerState("p", "p_0")).contains(ListenerState.READY);
    assertThat(log.at(LogLevel.DEBG))
        .contains("epipe occurred while sending event 0 to listener p_0, listener state unchanged");
    events.groupAdded("g1"); // p_0 broken, p_1 busy
    assertThat(events.buffered("p")).extracting(PoolEvent::serial).containsExactly(1L);
    stdin.broken.clear();
    events.listenerOutput("p", "p_0", new byte[0]); // any call dispatches
    assertThat(stdin.writes).extracting(FakeStdin.Write::process).containsExactly("p_1", "p_0");
  }

  @Test
  void aListenerDyingWhileBusyGetsTheEventAgainAfterRestart() {
    events.addPool(Fixtures.pool("lst", 1, 10, "PROCESS_GROUP"));
    startListener("lst", "lst", 1);
    events.groupAdded("g0");
    events.listenerOutput("lst", "lst", bytes("RESULT 2\n"));
    events.onTransition(transition("lst", "lst", RUNNING, EXITED, 1, 0, false));
    assertThat(events.buffered("lst")).extracting(PoolEvent::serial).containsExactly(0L);
    events.listenerOutput("lst", "lst", bytes("OK")); // late output of the dead process: ignored
    startListener("lst", "lst", 2);
    assertThat(stdin.writes).extracting(FakeStdin.Write::serial).containsExactly(0L, 0L);
  }

  @Test
  void anUnknownListenerIsSkippedAndTheDaemonGoesOn() {
    events.addPool(Fixtures.pool("p", 2, 10, "PROCESS_GROUP"));
    startListener("p", "p_0", 10);
    startListener("p", "p_1", 11);
    events.listenerOutput("p", "p_0", bytes("garbage\n"));
    assertThat(events.listenerState("p", "p_0")).contains(ListenerState.UNKNOWN);
    events.groupAdded("g0");
    events.groupAdded("g1");
    assertThat(stdin.writes).extracting(FakeStdin.Write::process).containsExactly("p_1");
    assertThat(events.buffered("p")).hasSize(1);
  }

  @Test
  void removingAPoolDropsItsBuffer() {
    events.addPool(Fixtures.pool("lst", 1, 10, "EVENT"));
    events.groupAdded("g");
    events.removePool("lst");
    events.groupRemoved("lst");
    assertThat(events.buffered("lst")).isEmpty();
    events.listenerOutput("lst", "lst", bytes("READY\n")); // unknown pool: ignored
    assertThat(events.listenerState("lst", "lst")).isEmpty();
  }

  @Test
  void stoppingAndBackoffAndStoppedAreFollowedForDispatch() {
    events.addPool(Fixtures.pool("lst", 1, 10, "PROCESS_GROUP"));
    startListener("lst", "lst", 1);
    events.onTransition(transition("lst", "lst", RUNNING, STOPPING, 1, 0, true));
    events.groupAdded("g");
    assertThat(stdin.writes).isEmpty();
    events.onTransition(transition("lst", "lst", STOPPING, STOPPED, 1, 0, true));
    events.onTransition(transition("lst", "lst", STOPPED, STARTING, 0, 0, true));
    events.onTransition(transition("lst", "lst", STARTING, BACKOFF, 0, 1, true));
    assertThat(events.listenerState("lst", "lst")).contains(ListenerState.ACKNOWLEDGED);
    assertThat(stdin.writes).isEmpty();
  }

  @Test
  void lenCountsCharactersAsSupervisordDoes() {
    events.addPool(Fixtures.pool("lst", 1, 10, "PROCESS_LOG"));
    startListener("lst", "lst", 1);
    events.processLog("g", "p", 7, OutputChannel.STDOUT, bytes("h\u00e9llo\n"));
    String envelope = stdin.writes.get(0).envelope();
    String payload = "processname:p groupname:g pid:7 channel:stdout\nh\u00e9llo\n";
    assertThat(envelope).endsWith(" len:" + payload.length() + "\n" + payload);
    // the byte-count trap of supervisord, kept on purpose: one character more on the wire as bytes
    assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(payload.length() + 1);
  }

  @Test
  void communicationEventsAreLogged() {
    events.addPool(Fixtures.pool("lst", 1, 10, "PROCESS_COMMUNICATION"));
    events.processCommunication("g", "p", 3, OutputChannel.STDERR, bytes("x"));
    assertThat(events.buffered("lst").get(0).event().payload()).isEqualTo("processname:p groupname:g pid:3\nx");
    assertThat(log.at(LogLevel.DEBG)).contains("'p' stderr emitted a comm event");
  }

  @Test
  void badPoolConfigIsRefusedWithOneLine() {
    assertThatThrownBy(() -> events.addPool(Fixtures.pool("lst", 1, 10, "NOPE")))
        .hasMessage("Unknown event type NOPE in [eventlistener:lst] events");
    assertThatThrownBy(() -> events.addPool(Fixtures.pool("lst", 1, 0, "EVENT")))
        .hasMessageContaining("buffer_size");
    events.addPool(Fixtures.pool("lst", 1, 1, "EVENT"));
    assertThatThrownBy(() -> events.addPool(Fixtures.pool("lst", 1, 1, "EVENT")))
        .hasMessage("listener pool already added: lst");
  }
}

package io.supervisor4j.events;

import static io.supervisor4j.events.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.log.LogLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ListenerProtocolTest {
  private static final String UNKNOWN_WARN =
      "lst: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process"
          + " violated the eventlistener protocol";

  private final TestLog log = new TestLog();
  private final List<PoolEvent> rejected = new ArrayList<>();
  private final ListenerProtocol protocol = new ListenerProtocol("lst", ResultHandler.DEFAULT, log, rejected::add);
  private final PoolEvent event = new PoolEvent(Event.supervisorRunning(), 7, "pool", 3);

  @BeforeEach
  void spawn() {
    protocol.spawned();
  }

  private void send() {
    protocol.output(bytes("READY\n"));
    assertThat(protocol.state()).isEqualTo(ListenerState.READY);
    protocol.sent(event);
    assertThat(protocol.state()).isEqualTo(ListenerState.BUSY);
  }

  @Test
  void fullCycleAcceptsOk() {
    assertThat(protocol.state()).isEqualTo(ListenerState.ACKNOWLEDGED);
    assertThat(protocol.canReceive()).isFalse();
    send();
    protocol.output(bytes("RESULT 2\nOK"));
    assertThat(protocol.state()).isEqualTo(ListenerState.ACKNOWLEDGED);
    assertThat(protocol.inFlight()).isEmpty();
    assertThat(rejected).isEmpty();
    assertThat(log.lines)
        .containsExactly(
            "DEBG lst: ACKNOWLEDGED -> READY",
            "DEBG lst: event was processed",
            "DEBG lst: BUSY -> ACKNOWLEDGED");
  }

  @Test
  void resultAndNextReadyInOneRead() {
    send();
    protocol.output(bytes("RESULT 2\nOKREADY\n"));
    assertThat(protocol.state()).isEqualTo(ListenerState.READY);
    assertThat(rejected).isEmpty();
  }

  @Test
  void everyMessageSplitAtEveryByte() {
    String stream = "READY\nRESULT 2\nOKREADY\nRESULT 4\nFAILREADY\n";
    int sends = 0;
    for (byte b : bytes(stream)) {
      protocol.output(new byte[] {b});
      if (protocol.state() == ListenerState.READY && sends < 2) {
        protocol.sent(event);
        sends++;
      }
    }
    assertThat(sends).isEqualTo(2);
    assertThat(protocol.state()).isEqualTo(ListenerState.READY);
    assertThat(rejected).containsExactly(event);
    assertThat(log.at(LogLevel.WARN)).containsExactly("lst: event was rejected");
  }

  @Test
  void anythingButOkRejectsAndTheListenerMayContinue() {
    send();
    protocol.output(bytes("RESULT 4\nFAIL"));
    assertThat(protocol.state()).isEqualTo(ListenerState.ACKNOWLEDGED);
    assertThat(rejected).containsExactly(event);
    send();
    protocol.output(bytes("RESULT 3\nOK\n")); // 'OK\n' is not exactly OK
    assertThat(rejected).containsExactly(event, event);
    send();
    protocol.output(bytes("RESULT 0\n"));
    // supervisord judges an empty result only when more output arrives (quirk kept)
    assertThat(protocol.state()).isEqualTo(ListenerState.BUSY);
    protocol.output(bytes("READY\n"));
    assertThat(rejected).hasSize(3);
    assertThat(protocol.state()).isEqualTo(ListenerState.READY);
  }

  @Test
  void resultPrefixIsNotCheckedAndNumberIsLenient() {
    send();
    protocol.output(bytes("XXXXXX  +2 \r\nOK"));
    assertThat(protocol.state()).isEqualTo(ListenerState.ACKNOWLEDGED);
    assertThat(rejected).isEmpty();
    send();
    protocol.output(bytes("RESULT 0_2\nOK"));
    assertThat(rejected).isEmpty();
    assertThat(log.at(LogLevel.WARN)).isEmpty();
  }

  @Test
  void garbageWhileAcknowledgedIsAViolation() {
    protocol.output(bytes("HELLO"));
    assertThat(protocol.state()).as("fewer than 6 bytes wait").isEqualTo(ListenerState.ACKNOWLEDGED);
    protocol.output(bytes(" WORLD\n"));
    assertThat(protocol.state()).isEqualTo(ListenerState.UNKNOWN);
    assertThat(log.at(LogLevel.WARN)).containsExactly(UNKNOWN_WARN);
    assertThat(protocol.canReceive()).isFalse();
    protocol.output(bytes("READY\n"));
    assertThat(protocol.state()).as("UNKNOWN until restarted").isEqualTo(ListenerState.UNKNOWN);
    protocol.spawned();
    protocol.output(bytes("READY\n"));
    assertThat(protocol.state()).isEqualTo(ListenerState.READY);
  }

  @Test
  void outputWhileReadyIsAViolation() {
    protocol.output(bytes("READY\nREADY\n"));
    assertThat(protocol.state()).isEqualTo(ListenerState.UNKNOWN);
    assertThat(log.at(LogLevel.WARN)).containsExactly(UNKNOWN_WARN);
    assertThat(log.at(LogLevel.DEBG)).containsExactly("lst: ACKNOWLEDGED -> READY", "lst: READY -> UNKNOWN");
  }

  @Test
  void badResultLineRejectsTheEvent() {
    send();
    protocol.output(bytes("RESULT two\nOK"));
    assertThat(protocol.state()).isEqualTo(ListenerState.UNKNOWN);
    assertThat(rejected).containsExactly(event);
    assertThat(log.at(LogLevel.WARN)).containsExactly("lst: bad result line: 'RESULT two'", UNKNOWN_WARN);
  }

  @Test
  void shortOrNegativeOrUndecodableResultLines() {
    send();
    protocol.output(bytes("OK\n"));
    assertThat(log.at(LogLevel.WARN)).first().isEqualTo("lst: bad result line: 'OK'");
    protocol.spawned();
    send();
    protocol.output(bytes("RESULT -1\nOK"));
    assertThat(protocol.state()).isEqualTo(ListenerState.UNKNOWN);
    protocol.spawned();
    send();
    protocol.output(new byte[] {'R', 'E', 'S', 'U', 'L', 'T', ' ', (byte) 0xff, '\n'});
    assertThat(log.at(LogLevel.WARN)).contains("lst: bad result line: 'Undecodable: b'RESULT \\xff''");
    assertThat(rejected).hasSize(3);
  }

  @Test
  void anEndlessResultLineIsCutOff() {
    send();
    byte[] chunk = bytes("9".repeat(32 * 1024));
    protocol.output(bytes("RESULT "));
    protocol.output(chunk);
    assertThat(protocol.state()).isEqualTo(ListenerState.BUSY);
    protocol.output(chunk);
    protocol.output(chunk);
    assertThat(protocol.state()).isEqualTo(ListenerState.UNKNOWN);
    assertThat(rejected).containsExactly(event);
    assertThat(log.at(LogLevel.WARN).get(0)).startsWith("lst: bad result line: 'RESULT 999").endsWith("...'");
  }

  @Test
  void dyingWhileBusyRejectsAndLaterOutputIsIgnored() {
    send();
    protocol.output(bytes("RESULT 2\n"));
    protocol.exited();
    assertThat(rejected).containsExactly(event);
    protocol.output(bytes("OK"));
    assertThat(rejected).hasSize(1);
    assertThat(protocol.canReceive()).isFalse();
    protocol.spawned();
    assertThat(protocol.state()).isEqualTo(ListenerState.ACKNOWLEDGED);
    protocol.output(bytes("READY\n"));
    assertThat(protocol.canReceive()).isTrue();
  }

  @Test
  void exitWithoutAnEventRejectsNothing() {
    protocol.output(bytes("READY\n"));
    protocol.exited();
    assertThat(rejected).isEmpty();
  }

  @Test
  void handlerErrorMeansUnknownAndRejected() {
    ListenerProtocol p =
        new ListenerProtocol("lst", (e, r) -> ResultHandler.Verdict.ERROR, log, rejected::add);
    p.spawned();
    p.output(bytes("READY\n"));
    p.sent(event);
    p.output(bytes("RESULT 2\nOK"));
    assertThat(p.state()).isEqualTo(ListenerState.UNKNOWN);
    assertThat(rejected).containsExactly(event);
    assertThat(log.at(LogLevel.WARN)).containsExactly("lst: event caused an error", UNKNOWN_WARN);
  }
}

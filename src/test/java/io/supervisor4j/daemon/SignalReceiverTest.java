package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** supervisord's SignalReceiver: a signal arriving while the same one still waits to be handled is the same one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignalReceiverTest {
  private final List<Integer> handed = new ArrayList<>();
  private final List<CompletableFuture<Boolean>> pending = new ArrayList<>();
  private final SignalReceiver receiver = new SignalReceiver(sig -> {
    handed.add(sig);
    CompletableFuture<Boolean> f = new CompletableFuture<>();
    pending.add(f);
    return f;
  });

  @Test
  void aSecondDeliveryBeforeTheFirstIsHandledIsDropped() {
    receiver.receive(SignalRelay.SIGTERM);
    receiver.receive(SignalRelay.SIGTERM); // timeout(1): to the daemon, then to its process group
    assertThat(handed).containsExactly(SignalRelay.SIGTERM);
  }

  @Test
  void aDeliveryAfterTheFirstWasHandledIsHandledAgain() {
    receiver.receive(SignalRelay.SIGTERM);
    pending.getFirst().complete(true);
    receiver.receive(SignalRelay.SIGTERM);
    assertThat(handed).containsExactly(SignalRelay.SIGTERM, SignalRelay.SIGTERM);
  }

  @Test
  void aFailedHandlingAlsoEndsTheWait() {
    receiver.receive(SignalRelay.SIGHUP);
    pending.getFirst().completeExceptionally(new IllegalStateException("loop gone"));
    receiver.receive(SignalRelay.SIGHUP);
    assertThat(handed).containsExactly(SignalRelay.SIGHUP, SignalRelay.SIGHUP);
  }

  @Test
  void otherSignalsAreNotHeldBack() {
    receiver.receive(SignalRelay.SIGHUP);
    receiver.receive(SignalRelay.SIGTERM);
    assertThat(handed).containsExactly(SignalRelay.SIGHUP, SignalRelay.SIGTERM);
  }
}

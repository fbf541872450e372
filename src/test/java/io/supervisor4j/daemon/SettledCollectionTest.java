package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.process.SupervisorState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SettledCollectionTest {
  private final AtomicInteger collections = new AtomicInteger();
  private final SettledCollection settle = new SettledCollection(collections::incrementAndGet);
  private final CompletableFuture<SupervisorState> end = new CompletableFuture<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    end.complete(SupervisorState.SHUTDOWN);
    threads.shutdownNow();
  }

  private Future<SupervisorState> await() {
    return threads.submit(() -> settle.awaitStopped(end));
  }

  private static void pollUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void collectsOnceWhenNothingChangesThenWaitsForTheEnd() throws Exception {
    Future<SupervisorState> result = await();
    pollUntil(() -> collections.get() > 0);
    assertThat(collections).hasValue(1);
    Thread.sleep(2 * SettledCollection.QUIET_MILLIS);
    assertThat(collections).as("only once").hasValue(1);
    assertThat(result).isNotDone();

    end.complete(SupervisorState.RESTARTING);
    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(SupervisorState.RESTARTING);
  }

  @Test
  void waitsWhileProcessesChangeState() throws Exception {
    Future<SupervisorState> result = await();
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * SettledCollection.QUIET_MILLIS);
    while (System.nanoTime() < until) {
      settle.processStateChanged(null, null); // what changed does not matter, only when
      Thread.sleep(20);
    }
    assertThat(collections).as("no collection while start-up is busy").hasValue(0);

    pollUntil(() -> collections.get() > 0);
    assertThat(collections).hasValue(1);
    end.complete(SupervisorState.SHUTDOWN);
    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(SupervisorState.SHUTDOWN);
  }

  @Test
  void anEngineThatEndsFirstIsNotCollectedFor() throws Exception {
    end.complete(SupervisorState.SHUTDOWN);
    assertThat(settle.awaitStopped(end)).isEqualTo(SupervisorState.SHUTDOWN);
    assertThat(collections).hasValue(0);
  }
}

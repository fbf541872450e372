package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.GroupConfig;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop owner's entries: tasks run on the loop thread in order, and a hook's deadline wakes an idle loop. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopHookTest {
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final Supervisor supervisor = new Supervisor(new Ports(Clock.system(), new Fakes.Launcher(),
      new Fakes.Signaller(), new Fakes.Log(), LogPaths.fromConfig(), new StateListener() {
        @Override
        public void processStateChanged(Transition t, ProcessInfo snapshot) {}

        @Override
        public void groupAdded(GroupConfig config) {
          seen.add("added " + config.name() + " on " + Thread.currentThread().getName());
        }
      }));

  @AfterEach
  void close() {
    supervisor.close();
  }

  private static void eventually(String what, java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not met in 30 s: " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void tasksRunOnTheLoopThreadInOrderAndGroupAddedCarriesTheConfig() throws Exception {
    supervisor.start(List.of(TestConfigs.program("app").autostart(false).group()));
    for (int i = 0; i < 100; i++) {
      int n = i;
      supervisor.execute(() -> seen.add(n + " on " + Thread.currentThread().getName()));
    }
    eventually("100 tasks", () -> seen.size() == 101);
    assertThat(seen.getFirst()).isEqualTo("added app on supervisor-loop");
    for (int i = 0; i < 100; i++) {
      assertThat(seen.get(i + 1)).isEqualTo(i + " on supervisor-loop");
    }
  }

  @Test
  void aHookDeadlineWakesTheIdleLoop() throws Exception {
    AtomicLong iterations = new AtomicLong();
    AtomicLong due = new AtomicLong(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
    supervisor.loopHook(new LoopHook() {
      @Override
      public void afterIteration() {
        iterations.incrementAndGet();
        if (System.nanoTime() - due.get() >= 0) {
          seen.add("due");
          due.set(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        }
      }

      @Override
      public OptionalLong nextWakeNanos() {
        return OptionalLong.of(due.get());
      }
    });
    supervisor.start(List.of(TestConfigs.program("app").autostart(false).group()));
    // nothing else wakes the loop (no processes run, the engine idles for an hour): only the hook's deadlines
    eventually("three deadlines", () -> seen.stream().filter("due"::equals).count() >= 3);
    assertThat(iterations.get()).isGreaterThanOrEqualTo(3);
  }
}

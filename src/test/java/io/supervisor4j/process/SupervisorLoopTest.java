package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.config.SignalNames;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop thread itself, with the real clock: commands from other threads, deadlines, exits, shutdown. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisorLoopTest {
  private final Fakes.Launcher launcher = new Fakes.Launcher();
  private final Fakes.Signaller signaller = new Fakes.Signaller();
  private final Fakes.Log log = new Fakes.Log();
  private final Supervisor supervisor =
      new Supervisor(new Ports(Clock.system(), launcher, signaller, log, LogPaths.fromConfig(), StateListener.NONE));

  @AfterEach
  void close() {
    supervisor.close();
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met in 30 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void commandsFromOtherThreadsAreAnsweredAndDeadlinesFire() throws Exception {
    // Exits are reported from another thread, as the spawner's I/O thread will.
    signaller.onKill = k -> Thread.ofPlatform().start(
        () -> supervisor.childExited(k.pid(), WaitStatus.killedBy(k.signal(), false).raw()));
    supervisor.start(List.of(TestConfigs.program("app").startsecs(1).group(),
        TestConfigs.program("manual").autostart(false).startsecs(0).group()));

    ProcessInfo info = supervisor.getProcessInfo("app").get(30, TimeUnit.SECONDS);
    assertThat(info.name()).isEqualTo("app");
    // The startsecs deadline fires without any message to wake the loop.
    eventually(() -> supervisor.getProcessInfo("app").join().state() == ProcessState.RUNNING);

    assertThat(supervisor.startProcess("manual", true).get(30, TimeUnit.SECONDS)).isEqualTo(Reply.DONE);
    assertThat(supervisor.stopProcess("app", true).get(30, TimeUnit.SECONDS)).isEqualTo(Reply.DONE);
    assertThat(supervisor.getProcessInfo("app").join().state()).isEqualTo(ProcessState.STOPPED);

    assertThatThrownBy(() -> supervisor.startProcess("nope", true).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(FaultException.class)
        .hasRootCauseMessage("BAD_NAME: nope");
    assertThat(supervisor.history("app").join().stream().map(Transition::edge)).containsExactly(
        "STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->STOPPED");

    assertThat(supervisor.shutdown().join()).isTrue();
    assertThat(supervisor.awaitStopped()).isEqualTo(SupervisorState.SHUTDOWN);
    assertThat(log.lines).contains("WARN stopped: manual (terminated by SIGTERM)"); // -1 is never in exitcodes
    // After the loop has ended, commands are answered with SHUTDOWN_STATE rather than hanging.
    assertThatThrownBy(() -> supervisor.getAllProcessInfo().join()).hasRootCauseMessage("SHUTDOWN_STATE");
  }

  @Test
  void executeInlineRunsOnTheCallerOnlyWhileTheLoopWaitsWithNothingQueued() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    Runnable record = () -> ran.add(Thread.currentThread().getName());
    supervisor.executeInline(record); // before start: queued for the loop
    supervisor.start(List.of(TestConfigs.program("idle").autostart(false).group()));
    supervisor.getAllProcessInfo().get(30, TimeUnit.SECONDS);
    assertThat(ran).containsExactly("supervisor-loop");

    eventually(() -> {
      // the loop waits for mail once it has answered and iterated; until then the task is queued
      ran.clear();
      supervisor.executeInline(record);
      supervisor.getAllProcessInfo().join();
      return ran.equals(List.of(Thread.currentThread().getName()));
    });

    // busy loop: the task waits its turn, behind what was queued before it
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ran.clear();
    supervisor.execute(() -> {
      busy.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    busy.await();
    supervisor.execute(() -> ran.add("queued first"));
    Thread caller = Thread.ofPlatform().name("watcher").start(() -> supervisor.executeInline(record));
    caller.join();
    release.countDown();
    supervisor.getAllProcessInfo().get(30, TimeUnit.SECONDS);
    assertThat(ran).containsExactly("queued first", "supervisor-loop");

    assertThat(supervisor.shutdown().join()).isTrue();
    supervisor.awaitStopped();
    ran.clear();
    supervisor.executeInline(record);
    assertThat(ran).as("dropped once the loop has ended").isEmpty();
  }

  @Test
  void sighupRestartsAndTheLoopEndsInRestarting() throws Exception {
    supervisor.start(List.of(TestConfigs.program("idle").autostart(false).group()));
    supervisor.handleSignal(SignalNames.SIGHUP);
    assertThat(supervisor.termination().get(30, TimeUnit.SECONDS)).isEqualTo(SupervisorState.RESTARTING);
    assertThat(log.lines).contains("WARN received SIGHUP indicating restart request");
  }
}

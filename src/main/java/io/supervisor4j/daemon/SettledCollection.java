package io.supervisor4j.daemon;

import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.StateListener;
import io.supervisor4j.process.SupervisorState;
import io.supervisor4j.process.Transition;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One full collection once start-up has settled: after the first {@link #QUIET_MILLIS} without a process state
 * change (at the latest {@link #MAX_WAIT_MILLIS} after the engine started). Configuration, spawning, the first
 * requests and JIT warm-up leave garbage in the old generation that the serial collector would otherwise keep as
 * resident heap; with the launcher's heap-shrinking options (bin/supervisord) this returns about 4 MiB of RSS at 500
 * programs, for one pause of some ms. A state listener of the engine; the daemon's main thread waits in
 * {@link #awaitStopped} instead of {@code Supervisor.awaitStopped()}.
 */
final class SettledCollection implements StateListener {
  static final long QUIET_MILLIS = 1_000;
  static final long MAX_WAIT_MILLIS = 30_000;

  private final Runnable collect;
  private volatile long lastChange = System.nanoTime();

  SettledCollection() {
    this(System::gc);
  }

  SettledCollection(Runnable collect) {
    this.collect = collect;
  }

  @Override
  public void processStateChanged(Transition transition, ProcessInfo snapshot) {
    lastChange = System.nanoTime();
  }

  /** Blocks until {@code end} (the engine's termination) completes, collecting once on the way when it settles. */
  SupervisorState awaitStopped(Future<SupervisorState> end) throws InterruptedException {
    long started = System.nanoTime();
    try {
      while (true) {
        try {
          return end.get(QUIET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          long now = System.nanoTime();
          if (now - lastChange >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)
              || now - started >= TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS)) {
            collect.run();
            return end.get();
          }
        }
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}

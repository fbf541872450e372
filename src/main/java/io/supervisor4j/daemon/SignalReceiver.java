package io.supervisor4j.daemon;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * supervisord's {@code SignalReceiver}: a signal that arrives while the same signal still waits to be handled is
 * dropped, so it is handled (and logged) once. {@code timeout(1)} sends its SIGTERM to the daemon and then to its
 * whole process group, the daemon included: two deliveries microseconds apart, one {@code received SIGTERM} line
 * under supervisord. The JVM runs a fresh handler thread per delivery, so without this both reached the loop.
 */
final class SignalReceiver {
  private final Set<Integer> waiting = ConcurrentHashMap.newKeySet();
  private final IntFunction<CompletionStage<?>> handler;

  /** {@code handler} hands the signal over and completes once it has been handled. */
  SignalReceiver(IntFunction<CompletionStage<?>> handler) {
    this.handler = handler;
  }

  /** Called on the JVM's signal handler threads. */
  void receive(int sig) {
    if (!waiting.add(sig)) {
      return;
    }
    CompletionStage<?> handled;
    try {
      handled = handler.apply(sig);
    } catch (RuntimeException e) {
      waiting.remove(sig);
      throw e;
    }
    handled.whenComplete((v, e) -> waiting.remove(sig));
  }

  static CompletionStage<?> done() {
    return CompletableFuture.completedFuture(null);
  }
}

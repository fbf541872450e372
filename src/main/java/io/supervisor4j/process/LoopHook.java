package io.supervisor4j.process;

import java.util.OptionalLong;

/**
 * Extra work of the loop owner that runs after every loop iteration and may ask the loop to wake at a deadline
 * of its own (the event system's TICK_* boundaries). Called on the loop thread only; must return quickly.
 */
public interface LoopHook {
  /** After each iteration of the loop (supervisord's per-iteration work after {@code transition}/{@code reap}). */
  void afterIteration();

  /** The monotonic time (as {@link Clock#nanoTime()}) by which the loop must iterate again, if any. */
  OptionalLong nextWakeNanos();

  LoopHook NONE =
      new LoopHook() {
        @Override
        public void afterIteration() {}

        @Override
        public OptionalLong nextWakeNanos() {
          return OptionalLong.empty();
        }
      };
}

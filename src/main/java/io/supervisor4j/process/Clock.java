package io.supervisor4j.process;

import java.time.ZoneId;

/**
 * Time as the engine sees it: monotonic nanos for every deadline (immune to wall-clock jumps, so supervisord's
 * clock-rollback adjustments are not needed), wall-clock millis for the timestamps that RPC clients see.
 */
public interface Clock {
  /** Monotonic time in nanoseconds, comparable only by difference (as {@link System#nanoTime()}). */
  long nanoTime();

  /** Wall-clock time in milliseconds since the epoch. */
  long wallMillis();

  /** The zone used to render stop times in process descriptions (supervisord uses local time). */
  default ZoneId zone() {
    return ZoneId.systemDefault();
  }

  static Clock system() {
    return SystemClock.INSTANCE;
  }

  /** The real clock. */
  enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long wallMillis() {
      return System.currentTimeMillis();
    }
  }
}

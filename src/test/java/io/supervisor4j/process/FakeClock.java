package io.supervisor4j.process;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to; monotonic and wall time advance together. Zone is UTC. */
public final class FakeClock implements Clock {
  private volatile long nanos;
  private volatile long wallNanos;

  public FakeClock(Instant wall) {
    this.nanos = 1_000_000_000_000L; // arbitrary origin: monotonic values mean nothing on their own
    this.wallNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
  }

  public synchronized void advance(Duration d) {
    advanceNanos(d.toNanos());
  }

  public synchronized void advanceSeconds(double seconds) {
    advanceNanos(Math.round(seconds * 1e9));
  }

  public synchronized void advanceNanos(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("time does not go back: " + delta);
    }
    nanos += delta;
    wallNanos += delta;
  }

  /** Moves to the given monotonic time (not backwards). */
  public synchronized void setNanoTime(long target) {
    advanceNanos(Math.max(0, target - nanos));
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public long wallMillis() {
    return Math.floorDiv(wallNanos, 1_000_000L);
  }

  @Override
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }
}

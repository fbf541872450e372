package io.supervisor4j.events;

import java.util.ArrayList;
import java.util.List;

/**
 * TICK_5/TICK_60/TICK_3600 as supervisord's {@code tick()}: the first call only notes the current timeslice (no
 * tick at start); a later call emits a tick for each period whose timeslice changed, carrying the new slice
 * ({@code when:} = the boundary in epoch seconds). Boundaries skipped between two calls are not replayed. A
 * wall-clock step backwards across a boundary also emits, as supervisord compares with {@code !=}.
 */
final class Ticks {
  private static final EventType[] TYPES = {EventType.TICK_5, EventType.TICK_60, EventType.TICK_3600};
  private static final long[] PERIODS = {5, 60, 3600};

  private final long[] last = new long[PERIODS.length];
  private boolean started;

  List<Event> tick(long nowMillis) {
    long seconds = Math.floorDiv(nowMillis, 1000L);
    List<Event> out = new ArrayList<>(1);
    for (int i = 0; i < PERIODS.length; i++) {
      long slice = seconds - Math.floorMod(seconds, PERIODS[i]);
      if (started && slice != last[i]) {
        out.add(Event.tick(TYPES[i], slice));
      }
      last[i] = slice;
    }
    started = true;
    return out;
  }

  /** The wall-clock millis of the next boundary (TICK_5's), for the loop's deadline; 0 before the first call. */
  long nextBoundaryMillis() {
    return started ? (last[0] + PERIODS[0]) * 1000L : 0L;
  }
}

package io.supervisor4j.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers events to the subscribed pools, in the order the pools were added. The global {@code serial} is taken
 * when the first pool accepts an event (starting at 0), so events nobody subscribes to use no serial; every
 * subscribed pool buffers its own copy with the same serial and its own poolserial. Owned by the events thread.
 *
 * <p>Deviation: supervisord buffers an event twice in a pool that subscribes to two matching types (e.g.
 * {@code events=EVENT,PROCESS_STATE}); here a pool takes each event once.
 */
final class EventBus {
  private final Map<String, ListenerPool> pools = new LinkedHashMap<>();
  private long serial = -1;

  void add(ListenerPool pool) {
    if (pools.putIfAbsent(pool.name(), pool) != null) {
      throw new IllegalStateException("listener pool already added: " + pool.name());
    }
  }

  /** Unsubscribes a pool; its buffered events are dropped with it. */
  Optional<ListenerPool> remove(String name) {
    return Optional.ofNullable(pools.remove(name));
  }

  Optional<ListenerPool> pool(String name) {
    return Optional.ofNullable(pools.get(name));
  }

  Collection<ListenerPool> pools() {
    return new ArrayList<>(pools.values());
  }

  /** Buffers the event in every subscribed pool; returns the pools that took it. */
  List<ListenerPool> publish(Event event) {
    List<ListenerPool> takers = new ArrayList<>();
    for (ListenerPool p : pools.values()) {
      if (p.subscribesTo(event.type())) {
        takers.add(p);
      }
    }
    if (!takers.isEmpty()) {
      serial = serial == Long.MAX_VALUE ? 0 : serial + 1;
      for (ListenerPool p : takers) {
        p.accept(new PoolEvent(event, serial, p.name(), p.nextPoolSerial()), false);
      }
    }
    return takers;
  }
}

package io.supervisor4j.diagnostics;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest {@link Explanation} of each process, keyed {@code group:name}. Written on the event-loop thread, read
 * from any thread (the RPC layer): every read is a snapshot of immutable records. An explanation stays after the
 * process recovers (it explains the last failure); callers decide from the process state whether to show it.
 */
public final class FailureLog {
  private final Map<String, Explanation> latest = new ConcurrentHashMap<>();

  public void record(Explanation e) {
    latest.put(key(e.group(), e.name()), e);
  }

  /** The latest explanation of process {@code name} in {@code group}. */
  public Optional<Explanation> latest(String group, String name) {
    return Optional.ofNullable(latest.get(key(group, name)));
  }

  /** Every latest explanation, sorted by {@code group:name}. */
  public Map<String, Explanation> snapshot() {
    return new TreeMap<>(latest);
  }

  /** Forgets a removed group's processes. */
  public void forgetGroup(String group) {
    String prefix = group + ":";
    latest.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private static String key(String group, String name) {
    return group + ":" + name;
  }
}

package io.supervisor4j.web;

import io.supervisor4j.process.FailureReason;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.StateListener;
import io.supervisor4j.process.Transition;
import io.supervisor4j.process.WaitStatus;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters the engine's state changes feed and {@code /metrics} and the page read: spawns, exits by status and the
 * latest failure reason per process. Fed on the event-loop thread ({@link StateListener}), read on HTTP threads.
 */
public final class ProcessStats {
  private final Map<String, Counters> byProcess = new ConcurrentHashMap<>();

  /** What one process has done since the daemon started. */
  static final class Counters {
    final AtomicLong starts = new AtomicLong();
    final Map<Integer, AtomicLong> exits = new ConcurrentHashMap<>();
    volatile Optional<FailureReason> lastFailure = Optional.empty();

    Map<Integer, Long> exitsByStatus() {
      Map<Integer, Long> copy = new TreeMap<>();
      exits.forEach((code, n) -> copy.put(code, n.get()));
      return copy;
    }
  }

  /** A listener that calls {@code first}, then records into these counters. */
  public StateListener alongside(StateListener first) {
    return new StateListener() {
      @Override
      public void processStateChanged(Transition transition, ProcessInfo snapshot) {
        first.processStateChanged(transition, snapshot);
        record(transition, snapshot);
      }

      @Override
      public void supervisorRunning() {
        first.supervisorRunning();
      }

      @Override
      public void supervisorStopping() {
        first.supervisorStopping();
      }

      @Override
      public void groupAdded(String groupName) {
        first.groupAdded(groupName);
      }

      @Override
      public void groupRemoved(String groupName) {
        first.groupRemoved(groupName);
        byProcess.keySet().removeIf(k -> k.startsWith(groupName + ":"));
      }
    };
  }

  void record(Transition t, ProcessInfo snapshot) {
    Counters c = byProcess.computeIfAbsent(t.group() + ":" + t.name(), k -> new Counters());
    if (t.to() == ProcessState.STARTING) {
      c.starts.incrementAndGet();
    }
    boolean wasAlive = t.from() == ProcessState.STARTING || t.from() == ProcessState.RUNNING
        || t.from() == ProcessState.STOPPING;
    boolean isDead = t.to() == ProcessState.EXITED || t.to() == ProcessState.BACKOFF
        || t.to() == ProcessState.STOPPED || t.to() == ProcessState.FATAL;
    if (wasAlive && isDead) {
      // an exit "too quickly" leaves supervisord's exitstatus untouched: the failure carries the real status
      int status = t.failure().flatMap(FailureReason::exit).map(WaitStatus::exitStatus).orElse(snapshot.exitstatus());
      c.exits.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
    }
    if (t.failure().isPresent()) {
      c.lastFailure = t.failure();
    } else if (t.to() == ProcessState.RUNNING) {
      c.lastFailure = Optional.empty();
    }
  }

  Optional<Counters> of(String group, String name) {
    return Optional.ofNullable(byProcess.get(group + ":" + name));
  }

  /** The explanation of the latest failure, e.g. {@code exited too quickly: exit status 3 after 0.1 s}. */
  Optional<String> reason(String group, String name) {
    return of(group, name).flatMap(c -> c.lastFailure).map(ProcessStats::describe);
  }

  static String describe(FailureReason f) {
    String kind = f.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    String ran = f.secondsRun() > 0 ? String.format(java.util.Locale.ROOT, " after %.1f s", f.secondsRun()) : "";
    String tries = f.attempts() > 1 ? " (attempt " + f.attempts() + ")" : "";
    return kind + ": " + f.detail() + ran + tries;
  }
}

package io.supervisor4j.process;

import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.log.ActivityLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * All groups and processes, and one iteration of supervisord's main loop ({@code runforever}). Only
 * {@link #childExited} and {@link #mood} may be called from other threads; everything else belongs to the loop
 * thread (the {@link Supervisor}, or a test driving it step by step with a fake clock).
 */
final class Engine {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long IDLE_NANOS = 3600 * NANOS_PER_SECOND;

  private record Exit(int pid, int status) {}

  private record Pending(Waiter waiter, Runnable done, CompletableFuture<?> future) {}

  private final Ports ports;
  private final ActivityLog log;
  private final Map<String, ProcessGroup> groups = new LinkedHashMap<>();
  private final Map<Integer, Subprocess> pidHistory = new HashMap<>();
  private final ConcurrentLinkedQueue<Exit> exits = new ConcurrentLinkedQueue<>();
  private final List<Pending> pending = new ArrayList<>();
  private volatile Runnable wakeup = () -> {};
  private volatile SupervisorState mood = SupervisorState.RUNNING;
  private boolean stopping;
  private final List<ProcessGroup> stopGroups = new ArrayList<>();
  private boolean shutdownReported;
  private long lastShutdownReportNanos;
  private boolean again;
  private boolean finished;

  Engine(Ports ports) {
    this.ports = ports;
    this.log = ports.log();
  }

  Ports ports() {
    return ports;
  }

  // ---- any thread -----------------------------------------------------------------------------------------

  /** Queues a reaped child for {@link #reap()} and wakes the loop. */
  void childExited(int pid, int waitStatus) {
    exits.add(new Exit(pid, waitStatus));
    wakeup.run();
  }

  SupervisorState mood() {
    return mood;
  }

  void onWakeup(Runnable wakeup) {
    this.wakeup = wakeup;
  }

  // ---- loop thread ----------------------------------------------------------------------------------------

  void setMood(SupervisorState mood) {
    this.mood = mood;
  }

  Optional<ProcessGroup> group(String name) {
    return Optional.ofNullable(groups.get(name));
  }

  /** Groups in ascending priority, stable over the order they were added. */
  List<ProcessGroup> groupsByPriority() {
    List<ProcessGroup> sorted = new ArrayList<>(groups.values());
    sorted.sort(Comparator.comparingInt(ProcessGroup::priority));
    return sorted;
  }

  /** All processes, groups then processes in ascending priority (supervisord's {@code _getAllProcesses}). */
  List<Subprocess> processesByPriority() {
    List<Subprocess> all = new ArrayList<>();
    groupsByPriority().forEach(g -> all.addAll(g.byPriority()));
    return all;
  }

  boolean addGroup(GroupConfig config) {
    if (groups.containsKey(config.name())) {
      return false;
    }
    groups.put(config.name(), new ProcessGroup(config, ports, pidHistory));
    notify(() -> ports.listener().groupAdded(config));
    return true;
  }

  /** False when a process of the group is not stopped. */
  boolean removeGroup(String name) {
    if (!groups.get(name).unstopped().isEmpty()) {
      return false;
    }
    groups.remove(name);
    notify(() -> ports.listener().groupRemoved(name));
    return true;
  }

  /** Hands every queued exit to its process (supervisord's {@code reap}). */
  void reap() {
    Exit e;
    while ((e = exits.poll()) != null) {
      WaitStatus status = new WaitStatus(e.status());
      Subprocess p = pidHistory.remove(e.pid());
      if (p == null) {
        log.info("reaped unknown pid " + e.pid() + " (" + status.describe() + ")");
      } else {
        p.finish(status);
        ports.launcher().finished(p.config(), p.groupName(), e.pid());
      }
    }
  }

  /** One loop iteration: reap, shutdown phase 1, transition every group, shutdown phase 2, answer waiters. */
  void runOnce() {
    again = false;
    reap();
    if (mood.isStopping()) {
      if (!stopping) {
        stopping = true;
        stopGroups.addAll(groupsByPriority());
        notify(() -> ports.listener().supervisorStopping());
      }
      if (!stopGroups.isEmpty()) {
        stopGroups.getLast().stopAll();
      }
      if (!shutdownReport()) {
        pollPending();
        finished = true;
        abandonPending(new FaultException(Fault.SHUTDOWN_STATE));
        return;
      }
    }
    for (ProcessGroup g : groupsByPriority()) {
      g.transition(mood);
    }
    if (mood.isStopping() && !stopGroups.isEmpty() && stopGroups.getLast().unstopped().isEmpty()) {
      stopGroups.removeLast();
      again = true; // stop the next group right away
    }
    pollPending();
  }

  // "waiting for a, b to die", at most every 3 seconds. Returns whether anything is left unstopped.
  private boolean shutdownReport() {
    List<Subprocess> unstopped = new ArrayList<>();
    groups.values().forEach(g -> unstopped.addAll(g.unstopped()));
    if (unstopped.isEmpty()) {
      return false;
    }
    long now = ports.clock().nanoTime();
    if (!shutdownReported || now - lastShutdownReportNanos > 3 * NANOS_PER_SECOND) {
      log.info("waiting for " + String.join(", ", unstopped.stream().map(Subprocess::name).toList()) + " to die");
      shutdownReported = true;
      lastShutdownReportNanos = now;
      unstopped.forEach(p -> log.blather(p.name() + " state: " + p.state()));
    }
    return true;
  }

  boolean finished() {
    return finished;
  }

  /** The monotonic time at which {@link #runOnce()} next has work of its own (messages aside). */
  long nextWakeNanos() {
    long now = ports.clock().nanoTime();
    if (again || (mood.isStopping() && !stopping)) {
      return now;
    }
    long best = now + IDLE_NANOS;
    for (ProcessGroup g : groups.values()) {
      for (Subprocess p : g.processes()) {
        best = earliest(best, p.deadline(mood, now));
      }
    }
    for (Pending p : pending) {
      best = earliest(best, p.waiter().deadline());
    }
    if (stopping && shutdownReported) {
      best = earliest(best, OptionalLong.of(lastShutdownReportNanos + 3 * NANOS_PER_SECOND + 1));
    }
    return best;
  }

  private static long earliest(long best, OptionalLong candidate) {
    return candidate.isPresent() && candidate.getAsLong() - best < 0 ? candidate.getAsLong() : best;
  }

  /** Completes with {@code value} once {@code waiter} is done (polled now, then after every iteration). */
  <T> CompletableFuture<T> await(Optional<Waiter> waiter, Supplier<T> value) {
    CompletableFuture<T> future = new CompletableFuture<>();
    if (waiter.isEmpty()) {
      future.complete(value.get());
      return future;
    }
    Pending p = new Pending(waiter.get(), () -> future.complete(value.get()), future);
    if (!poll(p)) {
      pending.add(p);
    }
    return future;
  }

  private void pollPending() {
    pending.removeIf(this::poll);
  }

  private boolean poll(Pending p) {
    try {
      if (!p.waiter().poll()) {
        return false;
      }
      p.done().run();
    } catch (FaultException e) {
      p.future().completeExceptionally(e);
    }
    return true;
  }

  void abandonPending(FaultException why) {
    pending.forEach(p -> p.future().completeExceptionally(why));
    pending.clear();
  }

  private void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.error("state listener failed: " + e);
    }
  }
}

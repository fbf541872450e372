package io.supervisor4j.daemon;

import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.events.Events;
import io.supervisor4j.events.ListenerStdin;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.OutputChannel;
import io.supervisor4j.process.Clock;
import io.supervisor4j.process.LoopHook;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.StateListener;
import io.supervisor4j.process.Supervisor;
import io.supervisor4j.process.Transition;
import io.supervisor4j.rpc.DaemonControl.StdinResult;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The event system of one engine run (supervisord clears its subscriptions at every start and reload): the engine's
 * state changes, child output and {@code sendRemoteCommEvent} go to one {@link Events}, which only the engine's loop
 * thread touches, or another thread in its place while it waits ({@link Supervisor#executeInline}, for child
 * output); other threads hand their data over with {@link Supervisor#execute}. Ticks ride on the loop's
 * iterations through a {@link LoopHook}; envelopes go out through the runtime's non-blocking stdin writes.
 */
final class EventWiring implements StateListener, LoopHook, OutputEvents {
  private final Events events;
  private final Clock clock;
  private final ProcessRuntime runtime;
  private final Set<String> pools = ConcurrentHashMap.newKeySet(); // read by launches, written by the loop
  private final Map<String, Integer> pids = new HashMap<>(); // loop thread: "group:process" -> running pid
  private volatile Supervisor loop;

  EventWiring(String identifier, ActivityLog log, ProcessRuntime runtime, Clock clock) {
    this.clock = clock;
    this.runtime = runtime;
    this.events = new Events(identifier, log, this::writeEnvelope);
  }

  /** Attaches to the engine whose loop runs the events; before its {@code start}. */
  void bind(Supervisor supervisor) {
    this.loop = supervisor;
    supervisor.loopHook(this);
  }

  private void onLoop(Runnable task) {
    loop.execute(task);
  }

  /** {@code supervisor.sendRemoteCommEvent}, from an RPC thread. */
  void remoteCommunication(String type, String data) {
    onLoop(() -> events.remoteCommunication(type, data));
  }

  // ---- loop thread: the engine's notifications, in the order it commits them

  @Override
  public void processStateChanged(Transition t, ProcessInfo snapshot) {
    String key = t.group() + ":" + t.name();
    switch (t.to()) {
      case STARTING, RUNNING, STOPPING, UNKNOWN -> pids.put(key, t.pid());
      default -> pids.remove(key);
    }
    events.processStateChanged(t, snapshot);
  }

  @Override
  public void supervisorRunning() {
    events.supervisorRunning();
  }

  @Override
  public void supervisorStopping() {
    events.supervisorStopping();
  }

  @Override
  public void groupAdded(String group) {
    events.groupAdded(group);
  }

  /** A pool subscribes before its group's PROCESS_GROUP_ADDED, so it sees that event (as in supervisord). */
  @Override
  public void groupAdded(GroupConfig config) {
    if (config.listener().isPresent()) {
      events.addPool(config);
      pools.add(config.name());
    }
    events.groupAdded(config.name());
  }

  /** A pool unsubscribes before its group's PROCESS_GROUP_REMOVED. */
  @Override
  public void groupRemoved(String group) {
    if (pools.remove(group)) {
      events.removePool(group);
    }
    events.groupRemoved(group);
  }

  private ListenerStdin.WriteResult writeEnvelope(String pool, String process, byte[] envelope) {
    Integer pid = pids.get(pool + ":" + process);
    if (pid == null || pid <= 0) {
      return ListenerStdin.WriteResult.EPIPE;
    }
    return runtime.writeStdin(pid, envelope) == StdinResult.ACCEPTED
        ? ListenerStdin.WriteResult.OK
        : ListenerStdin.WriteResult.EPIPE;
  }

  // ---- LoopHook: TICK_* by the wall clock, evaluated every iteration as supervisord does

  @Override
  public void afterIteration() {
    events.tick(clock.wallMillis());
  }

  @Override
  public OptionalLong nextWakeNanos() {
    long next = events.nextTickMillis();
    if (next == 0) {
      return OptionalLong.empty();
    }
    long inMillis = Math.max(0, next - clock.wallMillis());
    return OptionalLong.of(clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(inMillis));
  }

  // ---- OutputEvents: watcher thread, run in the loop's place when it waits (no thread hop), else handed to it.
  // A listener's READY -> envelope round trip cost two hops to the loop (RESULT, READY) and its wake-ups.

  @Override
  public boolean isListener(String group) {
    return pools.contains(group);
  }

  @Override
  public void listenerOutput(String group, String process, byte[] data) {
    loop.executeInline(() -> events.listenerOutput(group, process, data));
  }

  @Override
  public void processLog(String group, String process, int pid, OutputChannel channel, byte[] data) {
    loop.executeInline(() -> events.processLog(group, process, pid, channel, data));
  }

  @Override
  public void processCommunication(String group, String process, int pid, OutputChannel channel, byte[] data) {
    loop.executeInline(() -> events.processCommunication(group, process, pid, channel, data));
  }
}

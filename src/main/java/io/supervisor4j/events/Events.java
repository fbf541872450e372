package io.supervisor4j.events;

import io.supervisor4j.config.EventListenerConfig;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.PyRepr;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.OutputChannel;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.StateListener;
import io.supervisor4j.process.Transition;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The event system's seam for the daemon: every source of events, the listener pools, and the listeners' stdout.
 *
 * <p>Threading: every method must be called on ONE thread, the supervisor's event loop (as supervisord does all
 * of this in its select loop); nothing here is locked. Other threads (child output readers, RPC handlers) hand
 * their data to the loop first. Buffered events are sent as soon as a listener can take one, at the end of each
 * call; the daemon need not poll, except {@link #tick(long)} which it calls each loop iteration and by the
 * deadline {@link #nextTickMillis()}.
 *
 * <p>Member process states are followed from the transitions given to {@link #onTransition(Transition)}, so the
 * daemon must report every transition of every process (it is also the only way listeners learn of spawns and
 * exits). Call order matters as in supervisord: {@link #addPool} before the engine adds the group (a pool sees its
 * own PROCESS_GROUP_ADDED), {@link #removePool} before the group-removed notification.
 */
public final class Events implements StateListener {
  private final String identifier;
  private final ActivityLog log;
  private final ListenerStdin stdin;
  private final EventBus bus = new EventBus();
  private final Ticks ticks = new Ticks();

  /**
   * @param identifier supervisord's {@code identifier=} (the {@code server:} of envelopes)
   * @param stdin writes envelopes to listener processes
   */
  public Events(String identifier, ActivityLog log, ListenerStdin stdin) {
    this.identifier = identifier;
    this.log = log;
    this.stdin = stdin;
  }

  // ---- pools -------------------------------------------------------------------------------------------------

  /** Subscribes the pool of an {@code [eventlistener:x]} group; its processes are the pool's members. */
  public void addPool(GroupConfig group) {
    EventListenerConfig lc =
        group
            .listener()
            .orElseThrow(() -> new IllegalArgumentException("not an [eventlistener:x] group: " + group.name()));
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    for (String n : lc.events()) {
      types.add(
          EventType.fromName(n)
              .orElseThrow(
                  () -> new IllegalArgumentException(
                      "Unknown event type " + n + " in [eventlistener:" + group.name() + "] events")));
    }
    if (!lc.resultHandler().equals(EventListenerConfig.DEFAULT_RESULT_HANDLER)) {
      log.warn(
          "[eventlistener:" + group.name() + "] result_handler " + lc.resultHandler()
              + " is a Python callable; supervisor4j uses " + EventListenerConfig.DEFAULT_RESULT_HANDLER);
    }
    List<String> members = group.processes().stream().map(ProcessConfig::name).toList();
    bus.add(new ListenerPool(group.name(), lc.bufferSize(), types, members, ResultHandler.DEFAULT, log));
  }

  /** Unsubscribes a pool and drops its buffered events. */
  public void removePool(String pool) {
    bus.remove(pool);
  }

  // ---- event sources -----------------------------------------------------------------------------------------

  /** A committed process state change: PROCESS_STATE_*, and for pool members the protocol's spawn/exit. */
  public void onTransition(Transition t) {
    publish(Event.processState(t));
    bus.pool(t.group())
        .flatMap(p -> p.member(t.name()))
        .ifPresent(
            m -> {
              m.processState = t.to();
              if (t.to() == ProcessState.STARTING) {
                m.protocol.spawned();
              } else if (t.to() == ProcessState.EXITED
                  || t.to() == ProcessState.STOPPED
                  || t.to() == ProcessState.BACKOFF) {
                m.protocol.exited(); // an unanswered event goes back to the head of the buffer
              }
            });
    dispatch();
  }

  @Override
  public void processStateChanged(Transition transition, ProcessInfo snapshot) {
    onTransition(transition);
  }

  @Override
  public void supervisorRunning() {
    publishAndDispatch(Event.supervisorRunning());
  }

  @Override
  public void supervisorStopping() {
    publishAndDispatch(Event.supervisorStopping());
  }

  @Override
  public void groupAdded(String group) {
    publishAndDispatch(Event.groupAdded(group));
  }

  @Override
  public void groupRemoved(String group) {
    publishAndDispatch(Event.groupRemoved(group));
  }

  /** A chunk of child output on a channel with {@code *_events_enabled=true} (the caller checks the flag). */
  public void processLog(String group, String process, int pid, OutputChannel channel, byte[] data) {
    publishAndDispatch(Event.processLog(group, process, pid, channel, data));
  }

  /** A {@link CaptureMode.Communication} of a process's channel. */
  public void processCommunication(String group, String process, int pid, OutputChannel channel, byte[] data) {
    publishAndDispatch(Event.processCommunication(group, process, pid, channel, data));
    log.debug(PyRepr.str(process) + " " + channel.wireName() + " emitted a comm event");
  }

  /** {@code supervisor.sendRemoteCommEvent(type, data)}. */
  public void remoteCommunication(String type, String data) {
    publishAndDispatch(Event.remoteCommunication(type, data));
  }

  /** Emits the TICK_* events whose boundary the wall clock crossed since the previous call (none on the first). */
  public void tick(long nowMillis) {
    for (Event e : ticks.tick(nowMillis)) {
      publish(e);
    }
    dispatch();
  }

  /** When the next tick is due (wall-clock millis); 0 until {@link #tick(long)} was first called. */
  public long nextTickMillis() {
    return ticks.nextBoundaryMillis();
  }

  /** Emits any event (also used for events with no dedicated method). */
  public void publishAndDispatch(Event event) {
    publish(event);
    dispatch();
  }

  // ---- listeners ---------------------------------------------------------------------------------------------

  /**
   * Bytes a listener process wrote on stdout (its protocol channel), in read order. The daemon also logs them,
   * as supervisord does (stdout_logfile and the main log at debug level).
   */
  public void listenerOutput(String pool, String process, byte[] data) {
    bus.pool(pool).flatMap(p -> p.member(process)).ifPresent(m -> m.protocol.output(data));
    dispatch();
  }

  /** The protocol state of a listener, if it is a member of that pool. */
  public Optional<ListenerState> listenerState(String pool, String process) {
    return bus.pool(pool).flatMap(p -> p.member(process)).map(m -> m.protocol.state());
  }

  /** The events a pool holds, oldest first (diagnostics and tests). */
  public List<PoolEvent> buffered(String pool) {
    return bus.pool(pool).map(ListenerPool::buffered).orElse(List.of());
  }

  private void publish(Event event) {
    bus.publish(event);
  }

  private void dispatch() {
    for (ListenerPool p : bus.pools()) {
      p.dispatch(stdin, identifier);
    }
  }
}

package io.supervisor4j.events;

import io.supervisor4j.process.ProcessState;
import java.util.Locale;
import java.util.Optional;

/**
 * The event types of supervisord 4.2.5 ({@code events.py: EventTypes}) with their parents. A listener subscribed
 * to a type receives every event whose type is that type or a descendant ({@code EVENT} receives everything),
 * as supervisord matches with {@code isinstance}. Abstract types are never emitted themselves.
 */
public enum EventType {
  EVENT(null, true),
  PROCESS_STATE(EVENT, true),
  PROCESS_STATE_STOPPED(PROCESS_STATE, false),
  PROCESS_STATE_EXITED(PROCESS_STATE, false),
  PROCESS_STATE_STARTING(PROCESS_STATE, false),
  PROCESS_STATE_STOPPING(PROCESS_STATE, false),
  PROCESS_STATE_BACKOFF(PROCESS_STATE, false),
  PROCESS_STATE_FATAL(PROCESS_STATE, false),
  PROCESS_STATE_RUNNING(PROCESS_STATE, false),
  PROCESS_STATE_UNKNOWN(PROCESS_STATE, false),
  PROCESS_COMMUNICATION(EVENT, true),
  PROCESS_COMMUNICATION_STDOUT(PROCESS_COMMUNICATION, false),
  PROCESS_COMMUNICATION_STDERR(PROCESS_COMMUNICATION, false),
  PROCESS_LOG(EVENT, true),
  PROCESS_LOG_STDOUT(PROCESS_LOG, false),
  PROCESS_LOG_STDERR(PROCESS_LOG, false),
  REMOTE_COMMUNICATION(EVENT, false),
  SUPERVISOR_STATE_CHANGE(EVENT, true),
  SUPERVISOR_STATE_CHANGE_RUNNING(SUPERVISOR_STATE_CHANGE, false),
  SUPERVISOR_STATE_CHANGE_STOPPING(SUPERVISOR_STATE_CHANGE, false),
  TICK(EVENT, true),
  TICK_5(TICK, false),
  TICK_60(TICK, false),
  TICK_3600(TICK, false),
  PROCESS_GROUP(EVENT, true),
  PROCESS_GROUP_ADDED(PROCESS_GROUP, false),
  PROCESS_GROUP_REMOVED(PROCESS_GROUP, false);

  private final EventType parent;
  private final boolean isAbstract;

  EventType(EventType parent, boolean isAbstract) {
    this.parent = parent;
    this.isAbstract = isAbstract;
  }

  /** The parent type; empty only for {@link #EVENT}. */
  public Optional<EventType> parent() {
    return Optional.ofNullable(parent);
  }

  /** True for the base types that only serve subscriptions (EVENT, PROCESS_STATE, TICK, ...). */
  public boolean isAbstract() {
    return isAbstract;
  }

  /** True when this type is {@code ancestor} or descends from it: a subscription to {@code ancestor} matches. */
  public boolean isA(EventType ancestor) {
    for (EventType t = this; t != null; t = t.parent) {
      if (t == ancestor) {
        return true;
      }
    }
    return false;
  }

  /** The type named in an {@code events=} line (case-insensitive, as supervisord upper-cases the names). */
  public static Optional<EventType> fromName(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    for (EventType t : values()) {
      if (t.name().equals(n)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The PROCESS_STATE_* type emitted when a process enters {@code state}. */
  public static EventType forState(ProcessState state) {
    return switch (state) {
      case STOPPED -> PROCESS_STATE_STOPPED;
      case STARTING -> PROCESS_STATE_STARTING;
      case RUNNING -> PROCESS_STATE_RUNNING;
      case BACKOFF -> PROCESS_STATE_BACKOFF;
      case STOPPING -> PROCESS_STATE_STOPPING;
      case EXITED -> PROCESS_STATE_EXITED;
      case FATAL -> PROCESS_STATE_FATAL;
      case UNKNOWN -> PROCESS_STATE_UNKNOWN;
    };
  }
}

package io.supervisor4j.events;

import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import io.supervisor4j.process.ProcessState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code [eventlistener:x]} pool ({@code process.py: EventListenerPool}): the listener processes of the
 * section, one FIFO buffer of {@code buffer_size} events, and its own {@code poolserial}. Each event goes to
 * exactly one member. Owned by the events thread.
 */
final class ListenerPool {
  private final String name;
  private final int bufferSize;
  private final Set<EventType> subscriptions;
  private final ActivityLog log;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Deque<PoolEvent> buffer = new ArrayDeque<>();
  private long poolSerial = -1;

  /** A listener process: its process state (followed from transitions) and its protocol state. */
  static final class Member {
    final String name;
    ProcessState processState = ProcessState.STOPPED;
    final ListenerProtocol protocol;

    Member(String name, ListenerProtocol protocol) {
      this.name = name;
      this.protocol = protocol;
    }
  }

  /**
   * @param memberNames the pool's process names in config order (the order members are offered events)
   */
  ListenerPool(
      String name,
      int bufferSize,
      Set<EventType> subscriptions,
      List<String> memberNames,
      ResultHandler handler,
      ActivityLog log) {
    if (bufferSize < 1) {
      throw new IllegalArgumentException("[eventlistener:" + name + "] buffer_size must be >= 1: " + bufferSize);
    }
    this.name = name;
    this.bufferSize = bufferSize;
    this.subscriptions = Set.copyOf(subscriptions);
    this.log = log;
    for (String m : memberNames) {
      members.put(m, new Member(m, new ListenerProtocol(m, handler, log, e -> accept(e, true))));
    }
  }

  String name() {
    return name;
  }

  /** True when one of the subscribed types is the event's type or an ancestor of it. */
  boolean subscribesTo(EventType type) {
    for (EventType s : subscriptions) {
      if (type.isA(s)) {
        return true;
      }
    }
    return false;
  }

  long nextPoolSerial() {
    poolSerial = poolSerial == Long.MAX_VALUE ? 0 : poolSerial + 1;
    return poolSerial;
  }

  Optional<Member> member(String process) {
    return Optional.ofNullable(members.get(process));
  }

  List<PoolEvent> buffered() {
    return List.copyOf(buffer);
  }

  /**
   * Buffers an event, at the tail (new) or the head (rejected or undeliverable). A full buffer first discards
   * its oldest event, with supervisord's ERROR line.
   */
  void accept(PoolEvent event, boolean head) {
    if (head && log.isEnabled(LogLevel.DEBG)) {
      log.debug(
          "rebuffering event " + event.serial() + " for pool " + name + " (buf size=" + buffer.size() + ", max="
              + bufferSize + ")");
    }
    if (buffer.size() >= bufferSize) {
      PoolEvent discarded = buffer.pollFirst();
      log.error("pool " + name + " event buffer overflowed, discarding event " + discarded.serial());
    }
    if (head) {
      buffer.addFirst(event);
    } else {
      buffer.addLast(event);
    }
  }

  /**
   * Sends buffered events, oldest first, each to the first member that is RUNNING and READY; stops at the first
   * event no member can take (it stays at the head). A member whose stdin reports EPIPE is skipped.
   */
  void dispatch(ListenerStdin stdin, String identifier) {
    if (!anyCapable()) {
      return;
    }
    while (!buffer.isEmpty()) {
      PoolEvent event = buffer.pollFirst();
      if (!send(event, stdin, identifier)) {
        accept(event, true);
        return;
      }
    }
  }

  private boolean send(PoolEvent event, ListenerStdin stdin, String identifier) {
    byte[] envelope = null;
    for (Member m : members.values()) {
      if (!capable(m)) {
        continue;
      }
      if (envelope == null) {
        envelope = event.envelope(identifier);
      }
      if (stdin.write(name, m.name, envelope) == ListenerStdin.WriteResult.EPIPE) {
        log.debug(
            "epipe occurred while sending event " + event.serial() + " to listener " + m.name
                + ", listener state unchanged");
        continue;
      }
      m.protocol.sent(event);
      if (log.isEnabled(LogLevel.DEBG)) {
        log.debug("event " + event.serial() + " sent to listener " + m.name);
      }
      return true;
    }
    return false;
  }

  private boolean anyCapable() {
    for (Member m : members.values()) {
      if (capable(m)) {
        return true;
      }
    }
    return false;
  }

  // A listener that said READY during its startsecs still waits: supervisord requires process state RUNNING.
  private static boolean capable(Member m) {
    return m.processState == ProcessState.RUNNING && m.protocol.canReceive();
  }

  List<Member> members() {
    return new ArrayList<>(members.values());
  }
}

package io.supervisor4j.events;

import io.supervisor4j.config.PyRepr;
import io.supervisor4j.log.OutputChannel;
import io.supervisor4j.process.Transition;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One event with its payload rendered exactly as supervisord 4.2.5 renders it ({@code events.py}). Payloads are
 * built eagerly, so pids and tries are those at the moment of the change, as supervisord stashes them.
 *
 * <p>Token-set payloads (PROCESS_STATE_*, TICK_*) have no trailing newline; PROCESS_GROUP_* end with one; child
 * output is decoded as UTF-8, or rendered as {@code Undecodable: b'...'} (Python's bytes repr) when invalid.
 */
public record Event(EventType type, String payload) {

  public Event {
    if (type.isAbstract()) {
      throw new IllegalArgumentException("abstract event type " + type + " is never emitted");
    }
  }

  /**
   * The PROCESS_STATE_* event of a committed transition, with the tokens each state carries in supervisord:
   * STARTING/BACKOFF {@code tries}, RUNNING/STOPPING/STOPPED {@code pid}, EXITED {@code expected} and
   * {@code pid}, FATAL/UNKNOWN only {@code from_state}.
   */
  public static Event processState(Transition t) {
    StringBuilder b = new StringBuilder(96);
    b.append("processname:").append(t.name());
    b.append(" groupname:").append(t.group());
    b.append(" from_state:").append(t.from().name());
    switch (t.to()) {
      case STARTING, BACKOFF -> b.append(" tries:").append(t.tries());
      case RUNNING, STOPPING, STOPPED -> b.append(" pid:").append(t.pid());
      case EXITED -> b.append(" expected:").append(t.expected() ? 1 : 0).append(" pid:").append(t.pid());
      case FATAL, UNKNOWN -> {}
    }
    return new Event(EventType.forState(t.to()), b.toString());
  }

  /** PROCESS_LOG_STDOUT/STDERR for one chunk of child output (sent when {@code *_events_enabled}). */
  public static Event processLog(String group, String process, int pid, OutputChannel channel, byte[] data) {
    EventType type =
        channel == OutputChannel.STDOUT ? EventType.PROCESS_LOG_STDOUT : EventType.PROCESS_LOG_STDERR;
    return new Event(
        type,
        "processname:" + process + " groupname:" + group + " pid:" + pid + " channel:" + channel.wireName() + "\n"
            + decode(data));
  }

  /** PROCESS_COMMUNICATION_STDOUT/STDERR for the data captured between the capture-mode tokens. */
  public static Event processCommunication(
      String group, String process, int pid, OutputChannel channel, byte[] data) {
    EventType type =
        channel == OutputChannel.STDOUT
            ? EventType.PROCESS_COMMUNICATION_STDOUT
            : EventType.PROCESS_COMMUNICATION_STDERR;
    return new Event(type, "processname:" + process + " groupname:" + group + " pid:" + pid + "\n" + decode(data));
  }

  /** REMOTE_COMMUNICATION from {@code supervisor.sendRemoteCommEvent(type, data)}. */
  public static Event remoteCommunication(String type, String data) {
    return new Event(EventType.REMOTE_COMMUNICATION, "type:" + type + "\n" + data);
  }

  public static Event supervisorRunning() {
    return new Event(EventType.SUPERVISOR_STATE_CHANGE_RUNNING, "");
  }

  public static Event supervisorStopping() {
    return new Event(EventType.SUPERVISOR_STATE_CHANGE_STOPPING, "");
  }

  public static Event groupAdded(String group) {
    return new Event(EventType.PROCESS_GROUP_ADDED, "groupname:" + group + "\n");
  }

  public static Event groupRemoved(String group) {
    return new Event(EventType.PROCESS_GROUP_REMOVED, "groupname:" + group + "\n");
  }

  /** TICK_5/60/3600 with {@code when} = the boundary crossed, in epoch seconds. */
  public static Event tick(EventType type, long whenEpochSeconds) {
    if (!type.isA(EventType.TICK)) {
      throw new IllegalArgumentException("not a tick type: " + type);
    }
    return new Event(type, "when:" + whenEpochSeconds);
  }

  /** Child output as supervisord puts it in payloads: strict UTF-8, else {@code Undecodable: b'...'}. */
  static String decode(byte[] data) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      return "Undecodable: " + PyRepr.bytes(data, 0, data.length);
    }
  }
}

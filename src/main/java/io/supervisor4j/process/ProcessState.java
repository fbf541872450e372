package io.supervisor4j.process;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * supervisord's process states with their wire codes ({@code states.py}), and the table of legal edges between
 * them. The codes go over XML-RPC and into events: never use {@code ordinal()}.
 */
public enum ProcessState {
  STOPPED(0),
  STARTING(10),
  RUNNING(20),
  BACKOFF(30),
  STOPPING(40),
  EXITED(100),
  FATAL(200),
  UNKNOWN(1000);

  /** States in which a process counts as stopped (group removal, shutdown, stop with wait). */
  public static final Set<ProcessState> STOPPED_STATES =
      Collections.unmodifiableSet(EnumSet.of(STOPPED, EXITED, FATAL, UNKNOWN));

  /** States in which a process counts as running (start refuses, stop accepts). */
  public static final Set<ProcessState> RUNNING_STATES =
      Collections.unmodifiableSet(EnumSet.of(RUNNING, BACKOFF, STARTING));

  /** States in which a process has a pid that may be signalled. */
  public static final Set<ProcessState> SIGNALLABLE_STATES =
      Collections.unmodifiableSet(EnumSet.of(RUNNING, STARTING, STOPPING));

  private final int code;

  ProcessState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Optional<ProcessState> fromCode(int code) {
    for (ProcessState s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The transition table of supervisord 4.2.5 ({@code process.py}). Staying in the same state is not a transition
   * (supervisord's {@code change_state} ignores it, e.g. STOPPING while sending the SIGKILL).
   */
  public boolean canTransitionTo(ProcessState to) {
    return switch (this) {
      case STOPPED -> to == STARTING;
      case STARTING -> to == RUNNING || to == BACKOFF || to == STOPPING || to == UNKNOWN;
      case RUNNING -> to == STOPPING || to == EXITED || to == UNKNOWN;
      case BACKOFF -> to == STARTING || to == FATAL || to == STOPPED;
      case STOPPING -> to == STOPPED || to == UNKNOWN;
      case EXITED, FATAL -> to == STARTING;
      case UNKNOWN -> false;
    };
  }
}

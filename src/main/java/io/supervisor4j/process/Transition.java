package io.supervisor4j.process;

import java.util.Optional;

/**
 * One committed state change of a process, as supervisord's PROCESS_STATE events describe it.
 *
 * @param pid the pid at the time of the change (still set on EXITED and STOPPED, as in supervisord's events)
 * @param tries the backoff counter after the change (the {@code tries:} of STARTING/BACKOFF events)
 * @param expected false only for an EXITED with a status not in exitcodes
 * @param atMillis wall-clock time of the change
 * @param failure set for BACKOFF, FATAL, UNKNOWN and unexpected EXITED
 */
public record Transition(
    String group,
    String name,
    ProcessState from,
    ProcessState to,
    int pid,
    int tries,
    boolean expected,
    long atMillis,
    Optional<FailureReason> failure) {

  /** {@code FROM->TO}, compact for test assertions and debugging. */
  public String edge() {
    return from + "->" + to;
  }
}

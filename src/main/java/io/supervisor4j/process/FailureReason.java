package io.supervisor4j.process;

import java.util.Optional;

/**
 * Why a process entered BACKOFF, FATAL, UNKNOWN or an unexpected EXITED: the raw facts behind supervisord's terse
 * {@code spawnerr}, kept for diagnostics.
 *
 * @param detail the spawn error, the decoded exit ({@code exit status 3}, {@code terminated by SIGSEGV}) or the
 *     errno of a failed kill
 * @param exit the wait status when the process exited
 * @param secondsRun how long the process ran (0 when it was never spawned)
 * @param startsecs the configured startsecs, to compare with secondsRun
 * @param attempts consecutive failed start attempts (supervisord's backoff counter) when this was recorded
 */
public record FailureReason(
    Kind kind, String detail, Optional<WaitStatus> exit, double secondsRun, int startsecs, int attempts) {

  public enum Kind {
    /** The launcher could not create the child. */
    SPAWN_ERROR,
    /** The child exited before startsecs elapsed (STARTING to BACKOFF). */
    EXITED_TOO_QUICKLY,
    /** The child exited after reaching RUNNING with a status not in exitcodes, or by a signal. */
    UNEXPECTED_EXIT,
    /** startretries exhausted (BACKOFF to FATAL); the other fields repeat the last failure. */
    GAVE_UP,
    /** Put to FATAL from BACKOFF because supervisord is shutting down; the other fields repeat the last failure. */
    GIVEN_UP_AT_SHUTDOWN,
    /** kill(2) failed with an unexpected errno (to UNKNOWN). */
    SIGNAL_FAILED
  }

  /** This reason's facts under another kind (used when giving up repeats the last failure). */
  FailureReason as(Kind newKind, int newAttempts) {
    return new FailureReason(newKind, detail, exit, secondsRun, startsecs, newAttempts);
  }
}

package io.supervisor4j.rpc;

import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;
import java.util.Optional;

/**
 * The one-line {@code reason} supervisor4j adds to the process info struct: the cause of the failure state the
 * process is in (BACKOFF, FATAL, unexpected EXITED), '' in any other state.
 */
final class FailureReasons {
  private FailureReasons() {}

  static String reason(DaemonControl control, ProcessInfo p) {
    return current(control, p).map(e -> oneLine(e.cause())).orElse("");
  }

  /**
   * The explanation of {@code p}'s present state. The engine answered {@code p} a moment ago: an explanation of
   * another state (the process moved on since) explains nothing about {@code p}.
   */
  static Optional<Explanation> current(DaemonControl control, ProcessInfo p) {
    if (p.state() != ProcessState.BACKOFF && p.state() != ProcessState.FATAL && p.state() != ProcessState.EXITED) {
      return Optional.empty();
    }
    return control.currentFailure(p.group(), p.name()).filter(e -> e.state() == p.state());
  }

  static String oneLine(String s) {
    return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
  }
}

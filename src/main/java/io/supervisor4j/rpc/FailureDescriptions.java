package io.supervisor4j.rpc;

import io.supervisor4j.config.Descriptions;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;

/**
 * The {@code description} of the process info struct: supervisord's text, or (the default, {@code [supervisord]
 * descriptions=supervisor4j}) the one-line failure reason in its place for BACKOFF, FATAL and an unexpected
 * EXITED, so clients that show only {@code description} (supervisorctl, Ansible, dashboards, exporters) show why.
 * supervisord's text there is a fixed phrase or the spawn error, which the reason repeats ({@code Spawn error:
 * ...}), so it is replaced; for EXITED it is the stop time, which is kept in front ({@code Dec 04 09:01 PM,
 * Exited unexpectedly: exit 3; ...}). Either way the description ends with the reason.
 */
final class FailureDescriptions {
  /** A status column, not a log: long Python paths in a key line must not make a row scroll forever. */
  static final int MAX_LENGTH = 300;

  private FailureDescriptions() {}

  static String description(ProcessInfo p, String reason, Descriptions mode) {
    if (mode == Descriptions.SUPERVISORD || reason.isEmpty()) {
      return p.description();
    }
    String text = p.state() == ProcessState.EXITED ? p.description() + ", " + reason : reason;
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }
}

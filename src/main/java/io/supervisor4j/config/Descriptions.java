package io.supervisor4j.config;

import java.util.Locale;

/**
 * {@code [supervisord] descriptions=}: what the process info struct's {@code description} says for a process in
 * BACKOFF, FATAL or an unexpected EXITED. supervisord's text there is a fixed phrase ("Exited too quickly (process
 * log may have details)") or a stop time, so clients built on it (supervisorctl, Ansible, dashboards, exporters)
 * never show why; supervisor4j puts its one-line failure reason there by default.
 */
public enum Descriptions {
  /** The failure reason in place of supervisord's phrase (the default). */
  SUPERVISOR4J,
  /** supervisord 4.2.5's exact text, for tooling that compares descriptions. */
  SUPERVISORD;

  static Descriptions parse(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "supervisor4j" -> SUPERVISOR4J;
      case "supervisord" -> SUPERVISORD;
      default -> throw new ValueProblem(
          "not a descriptions value (supervisor4j or supervisord): " + PyRepr.str(value));
    };
  }
}

package io.supervisor4j.log;

import java.util.Locale;
import java.util.Optional;

/**
 * supervisord's log levels: the four-letter code written in each main-log line, the number that orders them,
 * and the name used by {@code loglevel=} and {@code -e}.
 */
public enum LogLevel {
  CRIT(50, "critical"),
  ERRO(40, "error"),
  WARN(30, "warn"),
  INFO(20, "info"),
  DEBG(10, "debug"),
  TRAC(5, "trace"),
  BLAT(3, "blather");

  private final int severity;
  private final String configName;

  LogLevel(int severity, String configName) {
    this.severity = severity;
    this.configName = configName;
  }

  public int severity() {
    return severity;
  }

  public String configName() {
    return configName;
  }

  /** True when a message at this level is written by a log configured at {@code threshold}. */
  public boolean isAtLeast(LogLevel threshold) {
    return severity >= threshold.severity;
  }

  /** Parses a {@code loglevel=} value, case-insensitively, as supervisord does. */
  public static Optional<LogLevel> fromConfigName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (LogLevel l : values()) {
      if (l.configName.equals(n)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}

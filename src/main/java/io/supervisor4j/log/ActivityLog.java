package io.supervisor4j.log;

/**
 * supervisord's main ("activity") log as the rest of the daemon sees it. Implementations must be safe to call
 * from any thread and must never block for long (the event loop calls it).
 */
public interface ActivityLog {
  void log(LogLevel level, String message);

  boolean isEnabled(LogLevel level);

  default void critical(String message) {
    log(LogLevel.CRIT, message);
  }

  default void error(String message) {
    log(LogLevel.ERRO, message);
  }

  default void warn(String message) {
    log(LogLevel.WARN, message);
  }

  default void info(String message) {
    log(LogLevel.INFO, message);
  }

  default void debug(String message) {
    log(LogLevel.DEBG, message);
  }

  default void trace(String message) {
    log(LogLevel.TRAC, message);
  }

  default void blather(String message) {
    log(LogLevel.BLAT, message);
  }
}

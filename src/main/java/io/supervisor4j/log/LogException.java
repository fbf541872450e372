package io.supervisor4j.log;

/** A log file could not be opened, written, rotated or removed. */
public final class LogException extends RuntimeException {
  public LogException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.supervisor4j.rpc.http;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the log-tail URLs find their files; implemented by the daemon over its process groups. Called on HTTP
 * threads, so implementations must be thread-safe and quick (read a snapshot).
 */
public interface LogTailSource {
  /**
   * The log file of {@code namespec} ({@code name} or {@code group:name}) for {@code channel} ("stdout" or
   * "stderr"); empty for unknown processes, unknown channels or an unset log file (all answered 404).
   */
  Optional<Path> processLog(String namespec, String channel);

  /** The main (activity) log file; empty when logging to syslog or nowhere. */
  Optional<Path> mainLog();

  /** A source that knows no files: every tail URL answers 404. */
  static LogTailSource none() {
    return new LogTailSource() {
      @Override
      public Optional<Path> processLog(String namespec, String channel) {
        return Optional.empty();
      }

      @Override
      public Optional<Path> mainLog() {
        return Optional.empty();
      }
    };
  }
}

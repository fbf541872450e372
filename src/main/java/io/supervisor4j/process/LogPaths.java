package io.supervisor4j.process;

import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Port to the log package: the actual stdout/stderr log file of a process (AUTO names are only known once the
 * log package has created them). Used for ProcessInfo. Called on the event-loop thread.
 */
public interface LogPaths {
  Optional<Path> stdoutLogfile(String groupName, ProcessConfig config);

  Optional<Path> stderrLogfile(String groupName, ProcessConfig config);

  /** Paths as configured: FILE paths as written, nothing for AUTO and NONE. */
  static LogPaths fromConfig() {
    return new LogPaths() {
      @Override
      public Optional<Path> stdoutLogfile(String groupName, ProcessConfig config) {
        return path(config.stdout().logfile());
      }

      @Override
      public Optional<Path> stderrLogfile(String groupName, ProcessConfig config) {
        return path(config.stderr().logfile());
      }

      private Optional<Path> path(LogFile f) {
        return f.kind() == LogFile.Kind.FILE ? f.path() : Optional.empty();
      }
    };
  }
}

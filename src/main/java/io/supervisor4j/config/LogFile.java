package io.supervisor4j.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one output channel of a process is written: {@code NONE}, {@code AUTO} (a file made in childlogdir
 * when the group is activated) or a given path. The deprecated {@code syslog} value is turned into
 * {@code *_syslog=true} with NONE here, as supervisord does.
 */
public record LogFile(Kind kind, Optional<Path> path) {
  public enum Kind {
    NONE,
    AUTO,
    FILE
  }

  public static final LogFile NONE = new LogFile(Kind.NONE, Optional.empty());
  public static final LogFile AUTO = new LogFile(Kind.AUTO, Optional.empty());

  public static LogFile file(Path path) {
    return new LogFile(Kind.FILE, Optional.of(path));
  }
}

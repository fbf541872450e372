package io.supervisor4j.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds supervisord.conf when no {@code -c} is given, in supervisord's search order (first existing wins). */
public final class ConfigLocator {
  private ConfigLocator() {}

  /** The candidates in search order; {@code executableDir} is the directory of the launcher script. */
  public static List<Path> searchPaths(Path executableDir, Path cwd) {
    Path parent = executableDir.toAbsolutePath().getParent();
    Path base = parent == null ? executableDir.toAbsolutePath() : parent;
    return List.of(
        base.resolve("etc/supervisord.conf"),
        base.resolve("supervisord.conf"),
        cwd.resolve("supervisord.conf"),
        cwd.resolve("etc/supervisord.conf"),
        Path.of("/etc/supervisord.conf"),
        Path.of("/etc/supervisor/supervisord.conf"));
  }

  public static Optional<Path> find(Path executableDir, Path cwd) {
    return searchPaths(executableDir, cwd).stream().filter(Files::exists).findFirst();
  }
}

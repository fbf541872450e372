package io.supervisor4j.daemon;

import io.supervisor4j.log.ActivityLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * supervisord's pidfile: written once the daemon runs, removed at a clean exit only if we wrote it. A stale file
 * from a crashed run is simply overwritten (supervisord never reads it back; the control socket is the real
 * "already running" guard).
 */
final class PidFile {
  private final Path path;
  private boolean written;

  PidFile(Path path) {
    this.path = path;
  }

  void write(long pid, ActivityLog log) {
    try {
      Files.writeString(path, pid + "\n", StandardCharsets.US_ASCII);
      written = true;
    } catch (IOException e) {
      log.critical("could not write pidfile " + path);
    }
  }

  void remove(ActivityLog log) {
    if (!written) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("Failed to unlink pidfile " + path);
    }
    written = false;
  }
}

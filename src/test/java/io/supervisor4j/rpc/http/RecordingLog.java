package io.supervisor4j.rpc.http;

import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An activity log that remembers its lines, for assertions. */
final class RecordingLog implements ActivityLog {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void log(LogLevel level, String message) {
    if (!isEnabled(level)) {
      return;
    }
    lines.add(level.name() + " " + message);
  }

  @Override
  public boolean isEnabled(LogLevel level) {
    return level.isAtLeast(LogLevel.DEBG); // trace lines per call would make the list quadratic
  }
}

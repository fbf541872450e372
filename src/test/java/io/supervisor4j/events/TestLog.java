package io.supervisor4j.events;

import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import java.util.ArrayList;
import java.util.List;

/** Records main-log lines as {@code LEVEL message}. */
final class TestLog implements ActivityLog {
  final List<String> lines = new ArrayList<>();

  @Override
  public synchronized void log(LogLevel level, String message) {
    lines.add(level + " " + message);
  }

  @Override
  public boolean isEnabled(LogLevel level) {
    return true;
  }

  synchronized List<String> at(LogLevel level) {
    return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(5)).toList();
  }
}

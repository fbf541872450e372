package io.supervisor4j.config;

import io.supervisor4j.config.IniDocument.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every error found while loading, each rendered as {@code FILE:LINE [section] key: problem}; loading goes on after
 * an error so that the user sees all of them at once.
 */
final class Problems {
  /** Each rendered line with its position; listed by file (in order of first mention), then line. */
  private record Problem(String file, int line) {}

  private final Map<String, Problem> lines = new LinkedHashMap<>();

  void add(Origin origin, String section, String key, String problem) {
    StringBuilder b = new StringBuilder();
    if (!origin.file().isEmpty()) {
      b.append(origin.file());
      if (origin.line() > 0) {
        b.append(':').append(origin.line());
      }
    }
    if (!section.isEmpty()) {
      b.append(b.isEmpty() ? "" : " ").append('[').append(section).append(']');
    }
    if (b.isEmpty() && key.isEmpty()) {
      lines.putIfAbsent(problem, new Problem("", 0));
      return;
    }
    b.append(key.isEmpty() ? "" : " " + key).append(": ").append(problem);
    lines.putIfAbsent(b.toString().stripLeading(), new Problem(origin.file(), origin.line()));
  }

  /** An error about a command-line option, which has no file or line. */
  void addCommandLine(String option, String problem) {
    lines.putIfAbsent("command line: " + option + ": " + problem, new Problem("", 0));
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  List<String> lines() {
    List<String> files = new ArrayList<>();
    lines.values().forEach(p -> {
      if (!files.contains(p.file())) {
        files.add(p.file());
      }
    });
    List<String> sorted = new ArrayList<>(lines.keySet());
    sorted.sort(Comparator.comparingInt((String l) -> files.indexOf(lines.get(l).file()))
        .thenComparingInt(l -> lines.get(l).line()));
    return sorted;
  }

  void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new ConfigException(String.join("\n", lines()));
    }
  }
}

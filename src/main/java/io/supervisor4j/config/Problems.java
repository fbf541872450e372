package io.supervisor4j.config;

import io.supervisor4j.config.IniDocument.Origin;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every error found while loading, each rendered as {@code FILE:LINE [section] key: problem}; loading goes on after
 * an error so that the user sees all of them at once.
 */
final class Problems {
  private final Set<String> lines = new LinkedHashSet<>();

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
      lines.add(problem);
      return;
    }
    b.append(key.isEmpty() ? "" : " " + key).append(": ").append(problem);
    lines.add(b.toString().stripLeading());
  }

  /** An error about a command-line option, which has no file or line. */
  void addCommandLine(String option, String problem) {
    lines.add("command line: " + option + ": " + problem);
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  List<String> lines() {
    return new ArrayList<>(lines);
  }

  void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new ConfigException(String.join("\n", lines));
    }
  }
}

package io.supervisor4j.diagnostics;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Searches over output tails shared by the hint rules and the cause line. */
final class Patterns {
  private static final Pattern QUOTED_PATH = Pattern.compile("['\"`‘](/[^'\"`’]+)['\"`’]");
  private static final Pattern BARE_PATH = Pattern.compile("(?<![\\w.:/])(/[\\w.@%+~,=-]+(?:/[\\w.@%+~,=-]*)*)");

  // what makes a line the one worth showing, strongest first
  private static final List<Pattern> KEY_LINES =
      List.of(
          Pattern.compile("(?i)permission denied|EACCES|Address already in use|EADDRINUSE|command not found"
              + "|No such file or directory|unbound variable|parameter not set|Too many open files|Out of memory"),
          Pattern.compile("^\\s*[\\w.]*(Error|Exception|Exit)\\b.*:|^\\s*[\\w.]*(Error|Exception)\\s*$"),
          Pattern.compile("(?i)\\b(error|fatal|panic|failed|cannot|can't|unable)\\b"));
  private static final Pattern TRACEBACK_HEADER = Pattern.compile("^Traceback \\(most recent call last\\):");

  private Patterns() {}

  /** The first line matching {@code p}, searching from the end. */
  static Optional<String> lastLine(List<String> lines, Pattern p) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (p.matcher(lines.get(i)).find()) {
        return Optional.of(lines.get(i));
      }
    }
    return Optional.empty();
  }

  /** The first match of {@code p} searching lines from the end; group 1 when the pattern has one. */
  static Optional<String> lastMatch(List<String> lines, Pattern p) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = p.matcher(lines.get(i));
      if (m.find()) {
        return Optional.of(m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group());
      }
    }
    return Optional.empty();
  }

  /** An absolute path named on {@code line}: a quoted one if any, else the first bare one. */
  static Optional<String> pathIn(String line) {
    Matcher q = QUOTED_PATH.matcher(line);
    if (q.find()) {
      return Optional.of(q.group(1));
    }
    Matcher b = BARE_PATH.matcher(line);
    return b.find() ? Optional.of(b.group(1)) : Optional.empty();
  }

  /** The most telling line of a tail: the last one of the strongest class present, else the last non-blank. */
  static Optional<String> keyLine(List<String> tail) {
    for (Pattern p : KEY_LINES) {
      for (int i = tail.size() - 1; i >= 0; i--) {
        String line = tail.get(i);
        if (p.matcher(line).find() && !TRACEBACK_HEADER.matcher(line).find()) {
          return Optional.of(line.strip());
        }
      }
    }
    for (int i = tail.size() - 1; i >= 0; i--) {
      if (!tail.get(i).isBlank()) {
        return Optional.of(tail.get(i).strip());
      }
    }
    return Optional.empty();
  }

  /** {@code text} cut to {@code max} characters with an ellipsis. */
  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** True when {@code path} is {@code dir} or below it. */
  static boolean under(String path, String dir) {
    if (dir.isEmpty()) {
      return false;
    }
    String d = dir.endsWith("/") ? dir : dir + "/";
    return path.equals(dir) || path.startsWith(d);
  }
}

package io.supervisor4j.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Python's {@code glob.glob} on POSIX, which {@code [include] files=} uses: {@code *}, {@code ?} and {@code [...]}
 * per path component, hidden names only matched by a pattern starting with a dot, results as path strings.
 */
final class Glob {
  private Glob() {}

  static List<String> glob(String pattern) {
    List<String> results = new ArrayList<>();
    int slash = pattern.lastIndexOf('/');
    String dir = slash < 0 ? "" : pattern.substring(0, slash + 1);
    String base = slash < 0 ? pattern : pattern.substring(slash + 1);
    // os.path.split() strips the trailing slashes of the directory part, except for "/" itself
    String dirname = dir.replaceAll("(?<=.)/+$", "");
    if (!hasMagic(pattern)) {
      if (base.isEmpty() ? Files.isDirectory(Path.of(dirname)) : exists(pattern)) {
        results.add(pattern);
      }
      return results;
    }
    List<String> dirs = !dirname.isEmpty() && !dirname.equals(pattern) && hasMagic(dirname)
        ? glob(dirname) : List.of(dirname);
    for (String d : dirs) {
      for (String name : hasMagic(base) ? matchIn(d, base) : literalIn(d, base)) {
        results.add(d.isEmpty() ? name : d.endsWith("/") ? d + name : d + "/" + name);
      }
    }
    return results;
  }

  private static boolean exists(String path) {
    return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS);
  }

  private static List<String> literalIn(String dir, String base) {
    if (base.isEmpty()) {
      return Files.isDirectory(Path.of(dir)) ? List.of("") : List.of();
    }
    return exists(dir.isEmpty() ? base : dir + "/" + base) ? List.of(base) : List.of();
  }

  private static List<String> matchIn(String dir, String base) {
    Pattern regex = Pattern.compile(translate(base), Pattern.DOTALL);
    List<String> names = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of(dir.isEmpty() ? "." : dir))) {
      entries.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") || base.startsWith("."))
          .filter(n -> regex.matcher(n).matches())
          .forEach(names::add);
    } catch (IOException | RuntimeException e) {
      return names; // an unreadable or missing directory matches nothing, as in Python
    }
    return names;
  }

  static boolean hasMagic(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  /** {@code fnmatch.translate}: shell wildcards to a regex. */
  static String translate(String pat) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = pat.length();
    while (i < n) {
      char c = pat.charAt(i++);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && pat.charAt(j) == '!') {
          j++;
        }
        if (j < n && pat.charAt(j) == ']') {
          j++;
        }
        while (j < n && pat.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          re.append("\\[");
        } else {
          String stuff = pat.substring(i, j).replace("\\", "\\\\");
          i = j + 1;
          if (stuff.startsWith("!")) {
            stuff = "^" + stuff.substring(1);
          } else if (stuff.startsWith("^")) {
            stuff = "\\" + stuff;
          }
          stuff = stuff.replace("[", "\\[").replace("&", "\\&").replace("~", "\\~").replace("|", "\\|");
          re.append('[').append(stuff).append(']');
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}

package io.supervisor4j.config;

import io.supervisor4j.config.IniDocument.Entry;
import io.supervisor4j.config.IniDocument.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The INI dialect of supervisord: Python 3 {@code RawConfigParser} with {@code inline_comment_prefixes=(';','#')}
 * and {@code strict=False}. Full-line comments start with {@code ;} or {@code #}; inline ones only after white
 * space; a line indented deeper than its key continues the value (joined with {@code \n}); blank lines inside a
 * value are kept unless trailing; {@code key=value} and {@code key: value}; keys lower-cased.
 */
final class IniParser {
  private static final Pattern SECTION = Pattern.compile("\\[(.+)\\]");
  private static final Pattern OPTION = Pattern.compile("(.*?)\\s*([=:])\\s*(.*)");

  private IniParser() {}

  /** Parses one file's text; bad lines are recorded in {@code problems}, the rest is still read. */
  static IniDocument parse(String file, String text, Problems problems) {
    IniDocument doc = new IniDocument();
    String sectionName = null;
    Map<String, Entry> section = null;
    String key = null;
    List<String> valueLines = null;
    Origin keyOrigin = null;
    int indentLevel = 0;
    String[] lines = text.split("\r\n|\r|\n", -1);
    int count = text.endsWith("\n") || text.endsWith("\r") ? lines.length - 1 : lines.length;
    for (int index = 0; index < count; index++) {
      String line = lines[index];
      int lineNo = index + 1;
      int commentStart = inlineCommentStart(line);
      String stripped = Py.strip(line);
      if (stripped.startsWith(";") || stripped.startsWith("#")) {
        commentStart = 0;
      }
      String value = Py.strip(commentStart < 0 ? line : line.substring(0, commentStart));
      if (value.isEmpty()) {
        if (commentStart < 0 && section != null && key != null) {
          valueLines.add(""); // a blank line inside a value is part of it unless nothing follows
        }
        continue;
      }
      int indent = firstNonSpace(line);
      if (section != null && key != null && indent > indentLevel) {
        valueLines.add(value);
        section.put(key, new Entry(joined(valueLines), keyOrigin));
        continue;
      }
      indentLevel = indent;
      Matcher header = SECTION.matcher(value);
      if (header.lookingAt()) {
        sectionName = header.group(1);
        section = doc.section(sectionName, new Origin(file, lineNo));
        key = null;
      } else if (section == null) {
        problems.add(new Origin(file, lineNo), "", "",
            "File contains no section headers: " + PyRepr.str(line));
        return doc;
      } else {
        String[] option = option(value);
        if (option == null || option[0].isEmpty()) {
          problems.add(new Origin(file, lineNo), sectionName, "",
              "not a section header, a key = value line or a comment: " + PyRepr.str(line));
          key = null;
          continue;
        }
        key = option[0].toLowerCase(java.util.Locale.ROOT);
        keyOrigin = new Origin(file, lineNo);
        valueLines = new ArrayList<>(List.of(option[1]));
        section.put(key, new Entry(joined(valueLines), keyOrigin));
      }
    }
    return doc;
  }

  /**
   * {@code OPTION} on a line: {key rstripped, value stripped}, or null. Without the characters {@code .} does not
   * match, the pattern matches exactly when there is an {@code =} or {@code :}, splitting at the first one; that is
   * done by hand, as the regex was a third of the parse (N=500: 20-45 ms early in the JVM's life).
   */
  private static String[] option(String value) {
    int split = -1;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        split = -2;
        break;
      }
      if (split == -1 && (c == '=' || c == ':')) {
        split = i;
      }
    }
    if (split == -2) {
      Matcher m = OPTION.matcher(value);
      return m.matches() ? new String[] {Py.rstrip(m.group(1)), Py.strip(m.group(3))} : null;
    }
    return split < 0 ? null : new String[] {Py.rstrip(value.substring(0, split)), Py.strip(value.substring(split + 1))};
  }

  private static String joined(List<String> lines) {
    return Py.rstrip(String.join("\n", lines));
  }

  /** The first {@code ;} or {@code #} at the line start or after white space, or -1. */
  private static int inlineCommentStart(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c == ';' || c == '#') && (i == 0 || Py.isSpace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  private static int firstNonSpace(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (!Py.isSpace(line.charAt(i))) {
        return i;
      }
    }
    return 0;
  }
}

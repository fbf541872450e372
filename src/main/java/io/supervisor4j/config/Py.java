package io.supervisor4j.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The few Python built-ins whose exact behaviour supervisord's config values depend on. */
final class Py {
  private Py() {}

  /** Python's {@code repr()} of a str, used in supervisord's messages ({@code 'a b'}). */
  static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c == quote) {
            b.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append(quote).toString();
  }

  /** Python's {@code str.isspace()} for one char (close enough: ASCII and Unicode white space). */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u001c' || c == '\u001d'
        || c == '\u001e' || c == '\u001f' || c == '\u0085';
  }

  /** Python's {@code str.strip()}. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Python's {@code str.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python's {@code str.split()} without arguments: runs of white space separate, none are kept. */
  static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        parts.add(s.substring(start, i));
      }
    }
    return parts;
  }

  /**
   * Python's {@code int(s, base)} for base 10 or 8: surrounding white space, a sign, underscores between digits and
   * (base 8) an {@code 0o} prefix are accepted. Throws NumberFormatException otherwise or when it exceeds a long.
   */
  static long parseInt(String s, int base) {
    String t = strip(s);
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      negative = t.charAt(0) == '-';
      t = t.substring(1);
    }
    boolean prefixed = false;
    if (base == 8 && t.length() >= 2 && t.charAt(0) == '0' && (t.charAt(1) == 'o' || t.charAt(1) == 'O')) {
      t = t.substring(2);
      prefixed = true;
    }
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '_') {
        boolean afterPrefix = prefixed && i == 0;
        boolean betweenDigits = i > 0 && i + 1 < t.length() && t.charAt(i - 1) != '_' && t.charAt(i + 1) != '_';
        if (afterPrefix ? i + 1 < t.length() && t.charAt(1) != '_' : betweenDigits) {
          continue;
        }
        throw new NumberFormatException(s);
      }
      if (c < '0' || c >= '0' + base) {
        throw new NumberFormatException(s);
      }
      digits.append(c);
    }
    if (digits.isEmpty()) {
      throw new NumberFormatException(s);
    }
    BigInteger value = new BigInteger(digits.toString(), base);
    return (negative ? value.negate() : value).longValueExact();
  }
}

package io.supervisor4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code environment=KEY=val,KEY2="v, 2"} as supervisord 4.2.x reads it: Python {@code shlex} in non-POSIX mode
 * with {@code /.+-():} added to the word characters, then {@code KEY = VALUE <any separator>} groups of four
 * tokens. Its quirks are kept on purpose, because configs in the wild depend on them: {@code A=$HOME} gives
 * {@code A='$'}, {@code #} starts a comment, quotes are stripped from both ends, no escapes.
 */
final class EnvironmentPairs {
  private EnvironmentPairs() {}

  private static final String WORD_CHARS =
      "abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():";
  private static final String WHITESPACE = " \t\r\n";

  static Map<String, String> parse(String value) {
    List<String> tokens = tokens(value);
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < tokens.size(); i += 4) {
      if (i + 3 > tokens.size() || !tokens.get(i + 1).equals("=")) {
        throw new ValueProblem("Unexpected end of key/value pairs in value '" + value + "'");
      }
      pairs.put(tokens.get(i), stripQuotes(tokens.get(i + 2)));
    }
    return pairs;
  }

  private static String stripQuotes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '"' || s.charAt(start) == '\'')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == '"' || s.charAt(end - 1) == '\'')) {
      end--;
    }
    return s.substring(start, end);
  }

  /** The token stream of non-POSIX shlex; an empty token would end it, but non-POSIX never makes one. */
  static List<String> tokens(String s) {
    List<String> tokens = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (WHITESPACE.indexOf(c) >= 0) {
        i++;
      } else if (c == '#') {
        i = skipComment(s, i);
      } else if (c == '"' || c == '\'') {
        int close = s.indexOf(c, i + 1);
        if (close < 0) {
          throw new ValueProblem("No closing quotation");
        }
        tokens.add(s.substring(i, close + 1));
        i = close + 1;
      } else if (WORD_CHARS.indexOf(c) >= 0) {
        StringBuilder word = new StringBuilder();
        while (i < n) {
          char d = s.charAt(i);
          if (d == '#') {
            // In a word, a comment swallows the rest of the line and the word goes on after it (non-POSIX).
            i = skipComment(s, i);
          } else if (WORD_CHARS.indexOf(d) >= 0 || d == '"' || d == '\'') {
            word.append(d);
            i++;
          } else {
            break;
          }
        }
        tokens.add(word.toString());
      } else {
        tokens.add(String.valueOf(c));
        i++;
      }
    }
    return tokens;
  }

  private static int skipComment(String s, int i) {
    int newline = s.indexOf('\n', i);
    return newline < 0 ? s.length() : newline + 1;
  }
}

package io.supervisor4j.spawn;

import io.supervisor4j.config.PyRepr;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code command=} exactly as supervisord does with Python's {@code shlex.split(command)}: POSIX mode,
 * whitespace-split words, single and double quotes, backslash escapes (inside double quotes only before {@code "}
 * and {@code \}), and no comment stripping ({@code #} is an ordinary character).
 */
public final class CommandLine {
  private static final String WHITESPACE = " \t\r\n";

  private CommandLine() {}

  /**
   * @throws SpawnException (NOT_EXECUTABLE) {@code can't parse command 'x': No closing quotation} or
   *     {@code ...: No escaped character}, as supervisord's BadCommand
   */
  public static List<String> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inWord = false; // a token is open (possibly empty, after "")
    char quote = 0; // the open quote character, or 0
    int i = 0;
    int n = command.length();
    while (i < n) {
      char c = command.charAt(i++);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (quote == '"' && c == '\\') {
          if (i >= n) {
            throw bad(command, "No escaped character");
          }
          char next = command.charAt(i++);
          if (next != '"' && next != '\\') {
            token.append('\\');
          }
          token.append(next);
        } else {
          token.append(c);
        }
      } else if (WHITESPACE.indexOf(c) >= 0) {
        if (inWord) {
          words.add(token.toString());
          token.setLength(0);
          inWord = false;
        }
      } else if (c == '\\') {
        if (i >= n) {
          throw bad(command, "No escaped character");
        }
        token.append(command.charAt(i++));
        inWord = true;
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else {
        token.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw bad(command, "No closing quotation");
    }
    if (inWord) {
      words.add(token.toString());
    }
    return List.copyOf(words);
  }

  private static SpawnException bad(String command, String why) {
    return new SpawnException(SpawnFault.NOT_EXECUTABLE, "can't parse command " + PyRepr.str(command) + ": " + why);
  }
}

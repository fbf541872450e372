package io.supervisor4j.ctl;

import java.util.ArrayList;
import java.util.List;

/** Text helpers that reproduce Python's formatting where supervisorctl's output depends on it. */
final class PyText {
  private PyText() {}

  /** {@code '%-Ns' % s}: pads with spaces to {@code width} code points, never truncates. */
  static String ljust(String s, int width) {
    int len = s.codePointCount(0, s.length());
    return len >= width ? s : s + " ".repeat(width - len);
  }

  /** Python's {@code repr()} of a str: single quotes unless it contains ' and no ", with escapes. */
  static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(quote);
    s.codePoints().forEach(cp -> {
      switch (cp) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (cp == quote) {
            b.append('\\').appendCodePoint(cp);
          } else if (cp < 0x20 || cp == 0x7f) {
            b.append(String.format("\\x%02x", cp));
          } else {
            b.appendCodePoint(cp);
          }
        }
      }
    });
    return b.append(quote).toString();
  }

  /**
   * {@code cmd.Cmd.columnize}: the fewest rows whose columns fit {@code displayWidth}, columns separated by two
   * spaces, every cell (also the last) left-justified to its column's width.
   */
  static List<String> columnize(List<String> words, int displayWidth) {
    List<String> lines = new ArrayList<>();
    int size = words.size();
    if (size == 0) {
      lines.add("<empty>");
      return lines;
    }
    if (size == 1) {
      lines.add(words.getFirst());
      return lines;
    }
    int nrows = 1;
    List<Integer> widths = List.of();
    boolean fits = false;
    for (; nrows < size; nrows++) {
      int ncols = (size + nrows - 1) / nrows;
      List<Integer> cols = new ArrayList<>();
      int total = -2;
      for (int col = 0; col < ncols; col++) {
        int w = 0;
        for (int row = 0; row < nrows; row++) {
          int i = row + nrows * col;
          if (i >= size) {
            break;
          }
          w = Math.max(w, words.get(i).length());
        }
        cols.add(w);
        total += w + 2;
        if (total > displayWidth) {
          break;
        }
      }
      if (total <= displayWidth) {
        widths = cols;
        fits = true;
        break;
      }
    }
    if (!fits) {
      nrows = size;
      widths = List.of(0);
    }
    for (int row = 0; row < nrows; row++) {
      List<String> texts = new ArrayList<>();
      for (int col = 0; col < widths.size(); col++) {
        int i = row + nrows * col;
        texts.add(i >= size ? "" : words.get(i));
      }
      while (!texts.isEmpty() && texts.getLast().isEmpty()) {
        texts.removeLast();
      }
      for (int col = 0; col < texts.size(); col++) {
        texts.set(col, ljust(texts.get(col), widths.get(col)));
      }
      lines.add(String.join("  ", texts));
    }
    return lines;
  }
}

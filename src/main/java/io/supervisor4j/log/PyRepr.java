package io.supervisor4j.log;

/** Python's {@code repr()} of str and bytes, as supervisord prints names and undecodable output in the main log. */
final class PyRepr {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PyRepr() {}

  static String str(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
    s.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                  if (cp == quote) {
                    b.append('\\').append((char) cp);
                  } else if (cp < 0x20 || cp == 0x7f) {
                    b.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
                  } else {
                    b.appendCodePoint(cp);
                  }
                }
              }
            });
    return b.append(quote).toString();
  }

  static String bytes(byte[] buf, int off, int len) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (int i = off; i < off + len; i++) {
      hasSingle |= buf[i] == '\'';
      hasDouble |= buf[i] == '"';
    }
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder b = new StringBuilder(len + 3).append('b').append(quote);
    for (int i = off; i < off + len; i++) {
      int c = buf[i] & 0xff;
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c == quote) {
            b.append('\\').append((char) c);
          } else if (c < 0x20 || c >= 0x7f) {
            b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            b.append((char) c);
          }
        }
      }
    }
    return b.append(quote).toString();
  }
}

package io.supervisor4j.spawn;

/** Python's {@code repr(str)}, because supervisord formats commands with {@code %r} in its messages. */
final class PyRepr {
  private PyRepr() {}

  static String of(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
    s.codePoints().forEach(c -> {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> {
          if (c == quote) {
            b.append('\\').append((char) c);
          } else if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0xad) {
            b.append(String.format("\\x%02x", c));
          } else {
            b.appendCodePoint(c);
          }
        }
      }
    });
    return b.append(quote).toString();
  }
}

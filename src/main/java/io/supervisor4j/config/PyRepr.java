package io.supervisor4j.config;

/**
 * Python 3's {@code repr()} of str and bytes, because supervisord formats names, values and undecodable output with
 * {@code %r} in its messages.
 */
public final class PyRepr {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PyRepr() {}

  /** {@code repr(str)}: quotes chosen as Python does, characters that are not printable escaped. */
  public static String str(String s) {
    char quote = quote(s.indexOf('\'') >= 0, s.indexOf('"') >= 0);
    StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
    s.codePoints()
        .forEach(
            cp -> {
              if (!escapeCommon(b, cp, quote)) {
                if (cp == ' ' || isPrintable(cp)) {
                  b.appendCodePoint(cp);
                } else if (cp <= 0xff) {
                  hex(b.append("\\x"), cp, 2);
                } else if (cp <= 0xffff) {
                  hex(b.append("\\u"), cp, 4);
                } else {
                  hex(b.append("\\U"), cp, 8);
                }
              }
            });
    return b.append(quote).toString();
  }

  /** {@code repr(bytes)} of {@code buf[off, off + len)}: {@code b'...'}, all but printable ASCII escaped. */
  public static String bytes(byte[] buf, int off, int len) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (int i = off; i < off + len; i++) {
      hasSingle |= buf[i] == '\'';
      hasDouble |= buf[i] == '"';
    }
    char quote = quote(hasSingle, hasDouble);
    StringBuilder b = new StringBuilder(len + 3).append('b').append(quote);
    for (int i = off; i < off + len; i++) {
      int c = buf[i] & 0xff;
      if (!escapeCommon(b, c, quote)) {
        if (c < 0x20 || c >= 0x7f) {
          hex(b.append("\\x"), c, 2);
        } else {
          b.append((char) c);
        }
      }
    }
    return b.append(quote).toString();
  }

  /** Python prefers single quotes, unless the text has some and no double quotes. */
  private static char quote(boolean hasSingle, boolean hasDouble) {
    return hasSingle && !hasDouble ? '"' : '\'';
  }

  /** The escapes str and bytes share; false when {@code c} is none of them. */
  private static boolean escapeCommon(StringBuilder b, int c, char quote) {
    switch (c) {
      case '\\' -> b.append("\\\\");
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      default -> {
        if (c != quote) {
          return false;
        }
        b.append('\\').append(quote);
      }
    }
    return true;
  }

  /** Python's {@code str.isprintable()} for one code point (space is handled by the caller). */
  private static boolean isPrintable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private static void hex(StringBuilder b, int value, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      b.append(HEX[(value >> shift) & 0xf]);
    }
  }
}

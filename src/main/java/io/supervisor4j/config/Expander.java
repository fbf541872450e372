package io.supervisor4j.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Python {@code %}-formatting of a config value against a name map, as supervisord's {@code expand()} does it:
 * {@code %(name)s}, {@code %(process_num)02d}, {@code %%}; values are strings or integers. Error messages are
 * supervisord's. A conversion without a {@code (name)} would format the whole map in Python; nobody wants that,
 * so it is reported as badly formatted instead.
 */
final class Expander {
  private Expander() {}

  static String expand(String s, Map<String, ?> names, String label) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i >= n) {
        throw bad(s, label, "incomplete format");
      }
      Object value = null;
      boolean keyed = false;
      if (s.charAt(i) == '(') {
        int depth = 1;
        int j = i + 1;
        while (j < n && depth > 0) {
          char d = s.charAt(j++);
          depth += d == '(' ? 1 : d == ')' ? -1 : 0;
        }
        if (depth > 0) {
          throw bad(s, label, "incomplete format key");
        }
        String key = s.substring(i + 1, j - 1);
        if (!names.containsKey(key)) {
          throw new ValueProblem("Format string " + Py.repr(s) + " for " + Py.repr(label) + " contains names ("
              + Py.repr(key) + ") which cannot be expanded. Available names: "
              + String.join(", ", new TreeSet<>(names.keySet())));
        }
        value = names.get(key);
        keyed = true;
        i = j;
      }
      StringBuilder flags = new StringBuilder();
      while (i < n && "-+ #0".indexOf(s.charAt(i)) >= 0) {
        flags.append(s.charAt(i++));
      }
      int width = -1;
      int precision = -1;
      if (i < n && s.charAt(i) == '*') {
        throw bad(s, label, "* wants int");
      }
      int start = i;
      while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
      if (i > start) {
        width = Integer.parseInt(s.substring(start, i));
      }
      if (i < n && s.charAt(i) == '.') {
        i++;
        if (i < n && s.charAt(i) == '*') {
          throw bad(s, label, "* wants int");
        }
        start = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        precision = i > start ? Integer.parseInt(s.substring(start, i)) : 0;
      }
      while (i < n && "hlL".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      if (i >= n) {
        throw bad(s, label, "incomplete format");
      }
      char conversion = s.charAt(i++);
      if (conversion == '%') {
        out.append('%');
        continue;
      }
      if ("sradiuoxXeEfFgGc".indexOf(conversion) < 0) {
        throw bad(s, label, String.format("unsupported format character '%c' (0x%x) at index %d",
            conversion, (int) conversion, i - 1));
      }
      if (!keyed) {
        throw bad(s, label, "format requires a mapping");
      }
      out.append(convert(s, label, value, flags.toString(), width, precision, conversion));
    }
    return out.toString();
  }

  private static String convert(String s, String label, Object value, String flags, int width, int precision,
      char conversion) {
    String body;
    boolean numeric = false;
    switch (conversion) {
      case 's', 'r', 'a' -> {
        String str = value instanceof String v && conversion != 's' ? Py.repr(v) : String.valueOf(value);
        body = precision >= 0 && precision < str.length() ? str.substring(0, precision) : str;
      }
      case 'c' -> {
        if (value instanceof Number num) {
          body = new String(Character.toChars(num.intValue()));
        } else if (value instanceof String v && v.codePointCount(0, v.length()) == 1) {
          body = v;
        } else {
          throw bad(s, label, "%c requires int or char");
        }
      }
      case 'd', 'i', 'u', 'o', 'x', 'X' -> {
        if (!(value instanceof Number num)) {
          String kind = conversion == 'd' || conversion == 'i' || conversion == 'u'
              ? "a real number is required, not str" : "an integer is required, not str";
          throw bad(s, label, "%" + conversion + " format: " + kind);
        }
        numeric = true;
        body = integerBody(num.longValue(), flags, precision, conversion);
      }
      default -> {
        if (!(value instanceof Number num)) {
          throw bad(s, label, "must be real number, not str");
        }
        numeric = true;
        double d = num.doubleValue();
        String sign = d < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
        String digits = String.format(Locale.ROOT, "%." + (precision < 0 ? 6 : precision)
            + Character.toLowerCase(conversion == 'F' ? 'f' : conversion), Math.abs(d));
        body = sign + (Character.isUpperCase(conversion) ? digits.toUpperCase(Locale.ROOT) : digits);
      }
    }
    return pad(body, width, flags, numeric);
  }

  private static String integerBody(long v, String flags, int precision, char conversion) {
    String digits = switch (conversion) {
      case 'o' -> Long.toOctalString(Math.abs(v));
      case 'x' -> Long.toHexString(Math.abs(v));
      case 'X' -> Long.toHexString(Math.abs(v)).toUpperCase(Locale.ROOT);
      default -> Long.toString(Math.abs(v));
    };
    if (precision > digits.length()) {
      digits = "0".repeat(precision - digits.length()) + digits;
    }
    String prefix = !flags.contains("#") ? "" : conversion == 'o' ? "0o" : conversion == 'x' ? "0x"
        : conversion == 'X' ? "0X" : "";
    String sign = v < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
    return sign + prefix + digits;
  }

  private static String pad(String body, int width, String flags, boolean numeric) {
    if (width <= body.length()) {
      return body;
    }
    int fill = width - body.length();
    if (flags.contains("-")) {
      return body + " ".repeat(fill);
    }
    if (numeric && flags.contains("0")) {
      int signEnd = 0;
      while (signEnd < body.length() && "+- ".indexOf(body.charAt(signEnd)) >= 0) {
        signEnd++;
      }
      if (body.startsWith("0x", signEnd) || body.startsWith("0X", signEnd) || body.startsWith("0o", signEnd)) {
        signEnd += 2;
      }
      return body.substring(0, signEnd) + "0".repeat(fill) + body.substring(signEnd);
    }
    return " ".repeat(fill) + body;
  }

  private static ValueProblem bad(String s, String label, String why) {
    return new ValueProblem("Format string " + Py.repr(s) + " for " + Py.repr(label) + " is badly formatted: " + why);
  }
}

package io.supervisor4j.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes maps/lists/strings/numbers/booleans exactly as Python's {@code json.dumps(sort_keys, indent=1)}. */
final class PyJson {
  private PyJson() {}

  static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0);
    return b.toString();
  }

  private static void write(StringBuilder b, Object value, int depth) {
    switch (value) {
      case null -> b.append("null");
      case String s -> string(b, s);
      case Boolean bool -> b.append(bool);
      case Number n -> b.append(n.longValue());
      case Map<?, ?> m -> {
        if (m.isEmpty()) {
          b.append("{}");
          return;
        }
        Map<String, Object> sorted = new TreeMap<>();
        m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        b.append("{");
        String sep = "\n";
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
          b.append(sep).append(" ".repeat(depth + 1));
          string(b, e.getKey());
          b.append(": ");
          write(b, e.getValue(), depth + 1);
          sep = ",\n";
        }
        b.append("\n").append(" ".repeat(depth)).append("}");
      }
      case List<?> l -> {
        if (l.isEmpty()) {
          b.append("[]");
          return;
        }
        b.append("[");
        String sep = "\n";
        for (Object v : l) {
          b.append(sep).append(" ".repeat(depth + 1));
          write(b, v, depth + 1);
          sep = ",\n";
        }
        b.append("\n").append(" ".repeat(depth)).append("]");
      }
      default -> throw new IllegalArgumentException("cannot write " + value.getClass());
    }
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c >= 0x7f) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}

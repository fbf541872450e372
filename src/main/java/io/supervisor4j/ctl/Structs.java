package io.supervisor4j.ctl;

import io.supervisor4j.process.Namespec;
import java.util.Map;

/** Typed reads of XML-RPC struct members (ProcessInfo, result structs, ConfigInfo). */
final class Structs {
  private Structs() {}

  static String str(Map<String, Object> s, String key) {
    Object v = s.get(key);
    return v == null ? "" : String.valueOf(v);
  }

  static int integer(Map<String, Object> s, String key) {
    return s.get(key) instanceof Number n ? n.intValue() : 0;
  }

  /** Python truthiness of a member: non-zero numbers, true, non-empty strings. */
  static boolean truthy(Map<String, Object> s, String key) {
    return switch (s.get(key)) {
      case Boolean b -> b;
      case Number n -> n.doubleValue() != 0;
      case String t -> !t.isEmpty();
      case null -> false;
      default -> true;
    };
  }

  /** The namespec of a ProcessInfo or result struct. */
  static String namespec(Map<String, Object> s) {
    return Namespec.of(str(s, "group"), str(s, "name"));
  }
}

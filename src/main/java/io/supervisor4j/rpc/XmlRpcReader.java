package io.supervisor4j.rpc;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses XML-RPC documents. Requests (untrusted) go through the JDK's StAX parser, hardened: any DOCTYPE is
 * rejected (so no entity expansion and no external entities), nesting is bounded. Responses (client side) go
 * through {@link MiniXmlEvents}, which keeps StAX out of a short-lived CLI. Leniency follows supervisord's unmarshaller: an untyped
 * {@code <value>} is a string, unknown type tags yield their text, a missing {@code <params>} means no params.
 * Values: Integer (int/i4), Boolean, String, Double, byte[] (base64), LocalDateTime, List, Map, {@link Nil}.
 */
public final class XmlRpcReader {
  public static final int DEFAULT_MAX_DEPTH = 64;

  private final XmlEvents in;
  private final int maxDepth;
  private int depth;

  private XmlRpcReader(XmlEvents in, int maxDepth) {
    this.in = in;
    this.maxDepth = maxDepth;
  }

  /** Parses a {@code <methodCall>}; a missing or empty methodName is an error (supervisord answers 400). */
  public static XmlRpcCall readCall(byte[] body, int maxDepth) {
    XmlRpcReader r = new XmlRpcReader(new StaxEvents(body), maxDepth);
    try {
      r.root();
      String method = "";
      List<Object> params = List.of();
      while (r.nextChild()) {
        switch (r.in.name()) {
          case "methodName" -> method = r.text();
          case "params" -> params = r.params();
          default -> r.skip();
        }
      }
      if (method.isEmpty()) {
        throw new XmlRpcException("no method name");
      }
      return new XmlRpcCall(method, params);
    } catch (RuntimeException e) {
      throw wrap(e);
    } finally {
      r.close();
    }
  }

  /** Parses a {@code <methodResponse>}: returns its value or throws the {@link RpcFault} it carries. */
  public static Object readResponse(byte[] body) {
    XmlRpcReader r = new XmlRpcReader(new MiniXmlEvents(body), DEFAULT_MAX_DEPTH);
    Object result = null;
    RpcFault fault = null;
    try {
      r.root();
      while (r.nextChild()) {
        switch (r.in.name()) {
          case "params" -> {
            List<Object> params = r.params();
            if (params.size() != 1) {
              throw new XmlRpcException("response must carry exactly one value, got " + params.size());
            }
            result = params.getFirst();
          }
          case "fault" -> fault = r.fault();
          default -> r.skip();
        }
      }
    } catch (RuntimeException e) {
      throw wrap(e);
    } finally {
      r.close();
    }
    if (fault != null) {
      throw fault;
    }
    if (result == null) {
      throw new XmlRpcException("response has neither params nor fault");
    }
    return result;
  }

  private static XmlRpcException wrap(Exception e) {
    return e instanceof XmlRpcException x ? x : new XmlRpcException("unparseable XML-RPC: " + e.getMessage(), e);
  }

  private void close() {
    in.close();
  }

  /** Advances to the root element. */
  private void root() {
    while (true) {
      int ev = next();
      if (ev == XmlEvents.START_ELEMENT) {
        return;
      }
      if (ev == XmlEvents.END_DOCUMENT) {
        throw new XmlRpcException("empty document");
      }
    }
  }

  /** Every read goes through here: DTDs and entity references are refused, depth is bounded. */
  private int next() {
    int ev = in.next();
    switch (ev) {
      case XmlEvents.START_ELEMENT -> {
        if (++depth > maxDepth) {
          throw new XmlRpcException("nesting deeper than " + maxDepth);
        }
      }
      case XmlEvents.END_ELEMENT -> depth--;
      default -> {}
    }
    return ev;
  }

  /** Within the current element: moves to the next child element (true) or past the end tag (false). */
  private boolean nextChild() {
    while (true) {
      int ev = next();
      if (ev == XmlEvents.START_ELEMENT) {
        return true;
      }
      if (ev == XmlEvents.END_ELEMENT || ev == XmlEvents.END_DOCUMENT) {
        return false;
      }
    }
  }

  /** Skips the current element's subtree. */
  private void skip() {
    while (nextChild()) {
      skip();
    }
  }

  /** The concatenated text of the current element; nested elements are skipped. */
  private String text() {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int ev = next();
      switch (ev) {
        case XmlEvents.CHARACTERS ->
            sb.append(in.text());
        case XmlEvents.START_ELEMENT -> skip();
        case XmlEvents.END_ELEMENT, XmlEvents.END_DOCUMENT -> {
          return sb.toString();
        }
        default -> {}
      }
    }
  }

  private List<Object> params() {
    List<Object> params = new ArrayList<>();
    while (nextChild()) { // <param>
      Object v = null;
      while (nextChild()) {
        if (v == null && in.name().equals("value")) {
          v = value();
        } else {
          skip();
        }
      }
      if (v == null) {
        throw new XmlRpcException("param without value");
      }
      params.add(v);
    }
    return params;
  }

  private RpcFault fault() {
    Object v = null;
    while (nextChild()) {
      if (v == null && in.name().equals("value")) {
        v = value();
      } else {
        skip();
      }
    }
    if (v instanceof Map<?, ?> m && m.get("faultCode") instanceof Integer code
        && m.get("faultString") instanceof String s) {
      return new RpcFault(code, s);
    }
    throw new XmlRpcException("malformed fault: " + v);
  }

  /** At a {@code <value>} start tag: its first child element is the typed value, else its text is a string. */
  private Object value() {
    StringBuilder text = new StringBuilder();
    Object typed = null;
    while (true) {
      int ev = next();
      switch (ev) {
        case XmlEvents.CHARACTERS -> {
          if (typed == null) {
            text.append(in.text());
          }
        }
        case XmlEvents.START_ELEMENT -> {
          if (typed == null) {
            typed = typed(in.name());
          } else {
            skip();
          }
        }
        case XmlEvents.END_ELEMENT, XmlEvents.END_DOCUMENT -> {
          return typed != null ? typed : text.toString();
        }
        default -> {}
      }
    }
  }

  private Object typed(String tag) {
    return switch (tag) {
      case "array" -> array();
      case "struct" -> struct();
      case "nil" -> {
        skip();
        yield Nil.INSTANCE;
      }
      case "int", "i4" -> parseInt(text());
      case "boolean" -> text().equals("1");
      case "string" -> text();
      case "double" -> parseDouble(text());
      case "dateTime.iso8601" -> parseDateTime(text());
      case "base64" -> parseBase64(text());
      default -> text(); // supervisord passes unknown types through as their text
    };
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    boolean seenData = false;
    while (nextChild()) {
      if (!seenData) { // <data>, whatever it is called, as supervisord only looks at the first child
        seenData = true;
        while (nextChild()) {
          if (in.name().equals("value")) {
            list.add(value());
          } else {
            skip();
          }
        }
      } else {
        skip();
      }
    }
    return list;
  }

  private Map<String, Object> struct() {
    Map<String, Object> map = new LinkedHashMap<>();
    while (nextChild()) { // <member>
      String name = null;
      Object v = null;
      while (nextChild()) {
        switch (in.name()) {
          case "name" -> name = text();
          case "value" -> v = value();
          default -> skip();
        }
      }
      if (name == null || v == null) {
        throw new XmlRpcException("struct member needs a name and a value");
      }
      map.put(name, v);
    }
    return map;
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.valueOf(s.strip());
    } catch (NumberFormatException e) {
      throw new XmlRpcException("bad int: " + abbreviate(s));
    }
  }

  private static Double parseDouble(String s) {
    String t = s.strip().toLowerCase(java.util.Locale.ROOT);
    String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    double sign = t.startsWith("-") ? -1 : 1;
    switch (unsigned) {
      case "nan" -> {
        return Double.NaN;
      }
      case "inf", "infinity" -> {
        return sign * Double.POSITIVE_INFINITY;
      }
      default -> {}
    }
    if (t.isEmpty() || !t.chars().allMatch(c -> (c >= '0' && c <= '9') || "+-.e".indexOf(c) >= 0)) {
      throw new XmlRpcException("bad double: " + abbreviate(s));
    }
    try {
      return Double.valueOf(t);
    } catch (NumberFormatException e) {
      throw new XmlRpcException("bad double: " + abbreviate(s));
    }
  }

  /** {@code 20200102T03:04:05}, the form Python writes; parsed by hand to keep java.time.format unloaded. */
  private static LocalDateTime parseDateTime(String s) {
    String t = s.strip();
    try {
      if (t.length() == 17 && t.charAt(8) == 'T' && t.charAt(11) == ':' && t.charAt(14) == ':') {
        return LocalDateTime.of(digits(t, 0, 4), digits(t, 4, 6), digits(t, 6, 8), digits(t, 9, 11),
            digits(t, 12, 14), digits(t, 15, 17));
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new XmlRpcException("bad dateTime.iso8601: " + abbreviate(s));
  }

  private static int digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw new NumberFormatException(s);
      }
    }
    return Integer.parseInt(s, from, to, 10);
  }

  private static byte[] parseBase64(String s) {
    try {
      return Base64.getMimeDecoder().decode(s.strip());
    } catch (IllegalArgumentException e) {
      throw new XmlRpcException("bad base64");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}

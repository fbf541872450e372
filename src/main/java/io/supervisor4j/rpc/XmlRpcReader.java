package io.supervisor4j.rpc;

import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses XML-RPC documents with a hardened StAX reader: any DOCTYPE is rejected (so no entity expansion and no
 * external entities), nesting is bounded. Leniency follows supervisord's unmarshaller: an untyped
 * {@code <value>} is a string, unknown type tags yield their text, a missing {@code <params>} means no params.
 * Values: Integer (int/i4), Boolean, String, Double, byte[] (base64), LocalDateTime, List, Map, {@link Nil}.
 */
public final class XmlRpcReader {
  public static final int DEFAULT_MAX_DEPTH = 64;

  private static final XMLInputFactory FACTORY = hardenedFactory();
  private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("uuuuMMdd'T'HH:mm:ss");

  private final XMLStreamReader in;
  private final int maxDepth;
  private int depth;

  private XmlRpcReader(byte[] body, int maxDepth) {
    try {
      this.in = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    } catch (XMLStreamException e) {
      throw new XmlRpcException("unparseable XML: " + e.getMessage(), e);
    }
    this.maxDepth = maxDepth;
  }

  private static XMLInputFactory hardenedFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's own parser, whatever is on the class path
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
      throw new XMLStreamException("external entities are not allowed");
    });
    return f;
  }

  /** Parses a {@code <methodCall>}; a missing or empty methodName is an error (supervisord answers 400). */
  public static XmlRpcCall readCall(byte[] body, int maxDepth) {
    XmlRpcReader r = new XmlRpcReader(body, maxDepth);
    try {
      r.root();
      String method = "";
      List<Object> params = List.of();
      while (r.nextChild()) {
        switch (r.in.getLocalName()) {
          case "methodName" -> method = r.text();
          case "params" -> params = r.params();
          default -> r.skip();
        }
      }
      if (method.isEmpty()) {
        throw new XmlRpcException("no method name");
      }
      return new XmlRpcCall(method, params);
    } catch (XMLStreamException | RuntimeException e) {
      throw wrap(e);
    } finally {
      r.close();
    }
  }

  /** Parses a {@code <methodResponse>}: returns its value or throws the {@link RpcFault} it carries. */
  public static Object readResponse(byte[] body) {
    XmlRpcReader r = new XmlRpcReader(body, DEFAULT_MAX_DEPTH);
    Object result = null;
    RpcFault fault = null;
    try {
      r.root();
      while (r.nextChild()) {
        switch (r.in.getLocalName()) {
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
    } catch (XMLStreamException | RuntimeException e) {
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
    try {
      in.close();
    } catch (XMLStreamException ignored) {
      // nothing to release beyond the in-memory stream
    }
  }

  /** Advances to the root element. */
  private void root() throws XMLStreamException {
    while (true) {
      int ev = next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        return;
      }
      if (ev == XMLStreamConstants.END_DOCUMENT) {
        throw new XmlRpcException("empty document");
      }
    }
  }

  /** Every read goes through here: DTDs and entity references are refused, depth is bounded. */
  private int next() throws XMLStreamException {
    int ev = in.next();
    switch (ev) {
      case XMLStreamConstants.DTD -> throw new XmlRpcException("DOCTYPE is not allowed");
      case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRpcException("entity references are not allowed");
      case XMLStreamConstants.START_ELEMENT -> {
        if (++depth > maxDepth) {
          throw new XmlRpcException("nesting deeper than " + maxDepth);
        }
      }
      case XMLStreamConstants.END_ELEMENT -> depth--;
      default -> {}
    }
    return ev;
  }

  /** Within the current element: moves to the next child element (true) or past the end tag (false). */
  private boolean nextChild() throws XMLStreamException {
    while (true) {
      int ev = next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (ev == XMLStreamConstants.END_ELEMENT || ev == XMLStreamConstants.END_DOCUMENT) {
        return false;
      }
    }
  }

  /** Skips the current element's subtree. */
  private void skip() throws XMLStreamException {
    while (nextChild()) {
      skip();
    }
  }

  /** The concatenated text of the current element; nested elements are skipped. */
  private String text() throws XMLStreamException {
    StringBuilder sb = new StringBuilder();
    while (true) {
      int ev = next();
      switch (ev) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            sb.append(in.getText());
        case XMLStreamConstants.START_ELEMENT -> skip();
        case XMLStreamConstants.END_ELEMENT, XMLStreamConstants.END_DOCUMENT -> {
          return sb.toString();
        }
        default -> {}
      }
    }
  }

  private List<Object> params() throws XMLStreamException {
    List<Object> params = new ArrayList<>();
    while (nextChild()) { // <param>
      Object v = null;
      while (nextChild()) {
        if (v == null && in.getLocalName().equals("value")) {
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

  private RpcFault fault() throws XMLStreamException {
    Object v = null;
    while (nextChild()) {
      if (v == null && in.getLocalName().equals("value")) {
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
  private Object value() throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    Object typed = null;
    while (true) {
      int ev = next();
      switch (ev) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (typed == null) {
            text.append(in.getText());
          }
        }
        case XMLStreamConstants.START_ELEMENT -> {
          if (typed == null) {
            typed = typed(in.getLocalName());
          } else {
            skip();
          }
        }
        case XMLStreamConstants.END_ELEMENT, XMLStreamConstants.END_DOCUMENT -> {
          return typed != null ? typed : text.toString();
        }
        default -> {}
      }
    }
  }

  private Object typed(String tag) throws XMLStreamException {
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

  private List<Object> array() throws XMLStreamException {
    List<Object> list = new ArrayList<>();
    boolean seenData = false;
    while (nextChild()) {
      if (!seenData) { // <data>, whatever it is called, as supervisord only looks at the first child
        seenData = true;
        while (nextChild()) {
          if (in.getLocalName().equals("value")) {
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

  private Map<String, Object> struct() throws XMLStreamException {
    Map<String, Object> map = new LinkedHashMap<>();
    while (nextChild()) { // <member>
      String name = null;
      Object v = null;
      while (nextChild()) {
        switch (in.getLocalName()) {
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

  private static LocalDateTime parseDateTime(String s) {
    try {
      return LocalDateTime.parse(s.strip(), ISO8601);
    } catch (DateTimeParseException e) {
      throw new XmlRpcException("bad dateTime.iso8601: " + abbreviate(s));
    }
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

package io.supervisor4j.rpc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializes XML-RPC documents byte-for-byte as Python's {@code xmlrpc.client.dumps} does, since that is what
 * supervisord sends and what clients are tested against. Java values: Integer (Long/Short/Byte in i4 range),
 * Boolean, String, Double/Float, byte[], LocalDateTime (or Offset/ZonedDateTime, written without zone),
 * List, Map with String keys, {@link Nil}.
 */
public final class XmlRpcWriter {
  private static final String HEADER = "<?xml version='1.0'?>\n";
  private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[] {'\n'});

  private XmlRpcWriter() {}

  /** A {@code <methodResponse>} carrying one value. */
  public static byte[] response(Object value) {
    StringBuilder sb = new StringBuilder(256).append(HEADER).append("<methodResponse>\n<params>\n<param>\n");
    value(sb, value);
    sb.append("</param>\n</params>\n</methodResponse>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A {@code <methodResponse>} carrying a fault struct. */
  public static byte[] fault(int code, String faultString) {
    StringBuilder sb = new StringBuilder(256).append(HEADER).append("<methodResponse>\n<fault>\n");
    value(sb, orderedFault(code, faultString));
    sb.append("</fault>\n</methodResponse>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Object> orderedFault(int code, String faultString) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("faultCode", code);
    m.put("faultString", faultString);
    return m;
  }

  /** A {@code <methodCall>} as Python's client sends it. */
  public static byte[] call(String methodName, List<?> params) {
    StringBuilder sb = new StringBuilder(256).append(HEADER).append("<methodCall>\n<methodName>");
    escape(sb, methodName);
    sb.append("</methodName>\n<params>\n");
    for (Object p : params) {
      sb.append("<param>\n");
      value(sb, p);
      sb.append("</param>\n");
    }
    sb.append("</params>\n</methodCall>\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  static void value(StringBuilder sb, Object v) {
    switch (v) {
      case null -> throw new XmlRpcException("cannot marshal null (XML-RPC has no null; use Nil.INSTANCE)");
      case String s -> escape(sb.append("<value><string>"), s).append("</string></value>\n");
      case Boolean b -> sb.append("<value><boolean>").append(b ? '1' : '0').append("</boolean></value>\n");
      case Integer i -> sb.append("<value><int>").append(i.intValue()).append("</int></value>\n");
      case Long l -> sb.append("<value><int>").append(checkedInt(l)).append("</int></value>\n");
      case Short s -> sb.append("<value><int>").append(s.intValue()).append("</int></value>\n");
      case Byte b -> sb.append("<value><int>").append(b.intValue()).append("</int></value>\n");
      case Double d -> sb.append("<value><double>").append(pythonRepr(d)).append("</double></value>\n");
      case Float f -> sb.append("<value><double>").append(pythonRepr(f.doubleValue())).append("</double></value>\n");
      case byte[] bytes -> {
        sb.append("<value><base64>\n");
        if (bytes.length > 0) {
          sb.append(BASE64.encodeToString(bytes)).append('\n');
        }
        sb.append("</base64></value>\n");
      }
      case LocalDateTime t -> dateTime(sb, t);
      case OffsetDateTime t -> dateTime(sb, t);
      case ZonedDateTime t -> dateTime(sb, t);
      case Nil n -> sb.append("<value><nil/></value>\n");
      case List<?> list -> {
        sb.append("<value><array><data>\n");
        for (Object o : list) {
          value(sb, o);
        }
        sb.append("</data></array></value>\n");
      }
      case Map<?, ?> map -> {
        sb.append("<value><struct>\n");
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw new XmlRpcException("struct keys must be strings, not " + typeName(e.getKey()));
          }
          escape(sb.append("<member>\n<name>"), key).append("</name>\n");
          value(sb, e.getValue());
          sb.append("</member>\n");
        }
        sb.append("</struct></value>\n");
      }
      default -> throw new XmlRpcException("cannot marshal " + typeName(v));
    }
  }

  private static String typeName(Object o) {
    return o == null ? "null" : o.getClass().getName();
  }

  private static int checkedInt(long l) {
    if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
      throw new XmlRpcException("int exceeds XML-RPC limits: " + l);
    }
    return (int) l;
  }

  private static void dateTime(StringBuilder sb, TemporalAccessor t) {
    LocalDateTime d = LocalDateTime.from(t);
    sb.append("<value><dateTime.iso8601>")
        .append(String.format("%04d%02d%02dT%02d:%02d:%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
            d.getHour(), d.getMinute(), d.getSecond()))
        .append("</dateTime.iso8601></value>\n");
  }

  /** Python escapes only these three characters; quotes and control characters pass through. */
  static StringBuilder escape(StringBuilder sb, String s) {
    int first = firstSpecial(s);
    if (first < 0) {
      return sb.append(s); // the usual case, in one copy: half of getAllProcessInfo's serialization was this loop
    }
    sb.append(s, 0, first);
    for (int i = first; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        default -> sb.append(c);
      }
    }
    return sb;
  }

  private static int firstSpecial(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '&' || c == '<' || c == '>') {
        return i;
      }
    }
    return -1;
  }

  /** Python's {@code repr(float)}: shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
  static String pythonRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    String sign = (Double.doubleToRawLongBits(d) < 0) ? "-" : "";
    if (d == 0) {
      return sign + "0.0";
    }
    // Java 19+ Double.toString yields the shortest uniquely identifying digits, as Python's repr does.
    BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
    if (bd.precision() > 1) { // Java renders at least two digits in a few cases (4.9E-324); Python would not
      BigDecimal shorter = bd.round(new MathContext(bd.precision() - 1, RoundingMode.HALF_EVEN));
      if (shorter.doubleValue() == Math.abs(d)) {
        bd = shorter.stripTrailingZeros();
      }
    }
    String digits = bd.unscaledValue().toString();
    int scale = bd.scale();
    int exp = digits.length() - 1 - scale; // decimal exponent of the leading digit
    StringBuilder sb = new StringBuilder(sign);
    if (exp < -4 || exp >= 16) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        sb.append('0');
      }
      sb.append(a);
    } else if (scale <= 0) {
      sb.append(digits).append("0".repeat(-scale)).append(".0");
    } else if (scale >= digits.length()) {
      sb.append("0.").append("0".repeat(scale - digits.length())).append(digits);
    } else {
      int point = digits.length() - scale;
      sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
    }
    return sb.toString();
  }
}

package io.supervisor4j.rpc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
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
    return bytes(response(value, 256));
  }

  /**
   * As {@link #response(Object)}, written straight into one buffer of about {@code sizeHint} bytes (grown when too
   * small) and returned without a final copy. Given the previous size of the same answer, a getAllProcessInfo of 500
   * programs (0.5 MB) makes 0.5 MB of garbage instead of about 2 MB with a growing StringBuilder, its String and
   * its encoding; the heap then grows less and collects less under load.
   */
  public static ByteBuffer response(Object value, int sizeHint) {
    Out out = new Out(sizeHint).ascii(HEADER).ascii("<methodResponse>\n<params>\n<param>\n");
    value(out, value);
    return out.ascii("</param>\n</params>\n</methodResponse>\n").buffer();
  }

  /** A {@code <methodResponse>} carrying a fault struct. */
  public static byte[] fault(int code, String faultString) {
    Out out = new Out(256).ascii(HEADER).ascii("<methodResponse>\n<fault>\n");
    value(out, orderedFault(code, faultString));
    return bytes(out.ascii("</fault>\n</methodResponse>\n").buffer());
  }

  private static Map<String, Object> orderedFault(int code, String faultString) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("faultCode", code);
    m.put("faultString", faultString);
    return m;
  }

  /** A {@code <methodCall>} as Python's client sends it. */
  public static byte[] call(String methodName, List<?> params) {
    Out out = new Out(256).ascii(HEADER).ascii("<methodCall>\n<methodName>").text(methodName)
        .ascii("</methodName>\n<params>\n");
    for (Object p : params) {
      out.ascii("<param>\n");
      value(out, p);
      out.ascii("</param>\n");
    }
    return bytes(out.ascii("</params>\n</methodCall>\n").buffer());
  }

  private static byte[] bytes(ByteBuffer b) {
    return b.remaining() == b.array().length ? b.array() : Arrays.copyOf(b.array(), b.remaining());
  }

  private static void value(Out out, Object v) {
    switch (v) {
      case null -> throw new XmlRpcException("cannot marshal null (XML-RPC has no null; use Nil.INSTANCE)");
      case String s -> out.ascii("<value><string>").text(s).ascii("</string></value>\n");
      case Boolean b -> out.ascii(b ? "<value><boolean>1</boolean></value>\n" : "<value><boolean>0</boolean></value>\n");
      case Integer i -> integer(out, i);
      case Long l -> integer(out, checkedInt(l));
      case Short s -> integer(out, s);
      case Byte b -> integer(out, b);
      case Double d -> out.ascii("<value><double>").ascii(pythonRepr(d)).ascii("</double></value>\n");
      case Float f -> out.ascii("<value><double>").ascii(pythonRepr(f.doubleValue())).ascii("</double></value>\n");
      case byte[] bytes -> {
        out.ascii("<value><base64>\n");
        if (bytes.length > 0) {
          out.ascii(BASE64.encodeToString(bytes)).ascii("\n");
        }
        out.ascii("</base64></value>\n");
      }
      case LocalDateTime t -> dateTime(out, t);
      case OffsetDateTime t -> dateTime(out, t);
      case ZonedDateTime t -> dateTime(out, t);
      case Nil n -> out.ascii("<value><nil/></value>\n");
      case List<?> list -> {
        out.ascii("<value><array><data>\n");
        for (Object o : list) {
          value(out, o);
        }
        out.ascii("</data></array></value>\n");
      }
      case Map<?, ?> map -> {
        out.ascii("<value><struct>\n");
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw new XmlRpcException("struct keys must be strings, not " + typeName(e.getKey()));
          }
          out.ascii("<member>\n<name>").text(key).ascii("</name>\n");
          value(out, e.getValue());
          out.ascii("</member>\n");
        }
        out.ascii("</struct></value>\n");
      }
      default -> throw new XmlRpcException("cannot marshal " + typeName(v));
    }
  }

  private static void integer(Out out, int i) {
    out.ascii("<value><int>").ascii(Integer.toString(i)).ascii("</int></value>\n");
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

  private static void dateTime(Out out, TemporalAccessor t) {
    LocalDateTime d = LocalDateTime.from(t);
    out.ascii("<value><dateTime.iso8601>")
        .ascii(String.format("%04d%02d%02dT%02d:%02d:%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth(),
            d.getHour(), d.getMinute(), d.getSecond()))
        .ascii("</dateTime.iso8601></value>\n");
  }

  /** XML text kept as UTF-8 bytes as it is written (the document is sent as bytes, and is mostly ASCII). */
  private static final class Out {
    private byte[] buf;
    private int len;

    Out(int capacity) {
      buf = new byte[Math.max(capacity, 64)];
    }

    private void room(int n) {
      if (buf.length - len < n) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    /** Markup, numbers, base64: ASCII only. */
    Out ascii(String s) {
      int n = s.length();
      room(n);
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
      return this;
    }

    /** Text as Python escapes it (only {@code & < >}; quotes and control characters pass through), in UTF-8. */
    Out text(String s) {
      int n = s.length();
      room(n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        switch (c) {
          case '&' -> ascii("&amp;");
          case '<' -> ascii("&lt;");
          case '>' -> ascii("&gt;");
          default -> {
            if (c < 0x80) {
              room(1);
              buf[len++] = (byte) c;
            } else {
              i = utf8(s, i, c);
            }
          }
        }
      }
      return this;
    }

    // One non-ASCII character (a surrogate pair counts as one); returns the index of its last char. An unpaired
    // surrogate becomes '?', as String.getBytes(UTF_8) makes it.
    private int utf8(String s, int i, char c) {
      room(4);
      if (c < 0x800) {
        buf[len++] = (byte) (0xc0 | c >> 6);
        buf[len++] = (byte) (0x80 | c & 0x3f);
      } else if (!Character.isSurrogate(c)) {
        buf[len++] = (byte) (0xe0 | c >> 12);
        buf[len++] = (byte) (0x80 | c >> 6 & 0x3f);
        buf[len++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(i + 1));
        buf[len++] = (byte) (0xf0 | cp >> 18);
        buf[len++] = (byte) (0x80 | cp >> 12 & 0x3f);
        buf[len++] = (byte) (0x80 | cp >> 6 & 0x3f);
        buf[len++] = (byte) (0x80 | cp & 0x3f);
        return i + 1;
      } else {
        buf[len++] = '?';
      }
      return i;
    }

    ByteBuffer buffer() {
      return ByteBuffer.wrap(buf, 0, len);
    }
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

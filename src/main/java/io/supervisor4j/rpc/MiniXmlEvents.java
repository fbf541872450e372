package io.supervisor4j.rpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small XML pull parser for XML-RPC responses: elements, text, CDATA, comments, processing instructions and
 * the predefined and numeric character references. No DOCTYPE (rejected), no namespaces, no attributes
 * (skipped). Input is taken as UTF-8, which is what supervisord and Python's xmlrpc send.
 */
final class MiniXmlEvents implements XmlEvents {
  private final String s;
  private final Deque<String> open = new ArrayDeque<>();
  private int pos;
  private String name = "";
  private String text = "";
  private boolean pendingEnd;

  MiniXmlEvents(byte[] body) {
    // XML end-of-line normalization happens before parsing, as in any conforming parser.
    this.s = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
  }

  @Override
  public int next() {
    if (pendingEnd) { // <name/>
      pendingEnd = false;
      open.pop();
      return END_ELEMENT;
    }
    while (true) {
      if (pos >= s.length()) {
        if (!open.isEmpty()) {
          throw new XmlRpcException("unexpected end of XML inside <" + open.peek() + ">");
        }
        return END_DOCUMENT;
      }
      if (s.charAt(pos) != '<') {
        int lt = s.indexOf('<', pos);
        int end = lt < 0 ? s.length() : lt;
        text = decode(s.substring(pos, end));
        pos = end;
        return CHARACTERS;
      }
      if (s.startsWith("<?", pos)) {
        pos = after("?>", pos + 2);
      } else if (s.startsWith("<!--", pos)) {
        pos = after("-->", pos + 4);
      } else if (s.startsWith("<![CDATA[", pos)) {
        int end = indexOrFail("]]>", pos + 9);
        text = s.substring(pos + 9, end);
        pos = end + 3;
        return CHARACTERS;
      } else if (s.startsWith("<!", pos)) {
        throw new XmlRpcException("DOCTYPE is not allowed");
      } else if (s.startsWith("</", pos)) {
        int gt = indexOrFail(">", pos);
        String closing = localName(s.substring(pos + 2, gt).strip());
        if (open.isEmpty() || !open.peek().equals(closing)) {
          throw new XmlRpcException("mismatched end tag </" + closing + ">");
        }
        open.pop();
        pos = gt + 1;
        name = closing;
        return END_ELEMENT;
      } else {
        return startTag();
      }
    }
  }

  private int startTag() {
    int i = pos + 1;
    while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>' && s.charAt(i) != '/') {
      i++;
    }
    if (i == pos + 1) {
      throw new XmlRpcException("malformed tag at offset " + pos);
    }
    name = localName(s.substring(pos + 1, i));
    char quote = 0;
    for (; i < s.length(); i++) { // skip attributes, respecting quoted '>'
      char c = s.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        break;
      }
    }
    if (i >= s.length()) {
      throw new XmlRpcException("unterminated tag <" + name);
    }
    pendingEnd = s.charAt(i - 1) == '/';
    open.push(name);
    pos = i + 1;
    return START_ELEMENT;
  }

  private static String localName(String qname) {
    int colon = qname.indexOf(':');
    return colon < 0 ? qname : qname.substring(colon + 1);
  }

  private int indexOrFail(String token, int from) {
    int i = s.indexOf(token, from);
    if (i < 0) {
      throw new XmlRpcException("unterminated XML construct, missing " + token);
    }
    return i;
  }

  private int after(String token, int from) {
    return indexOrFail(token, from) + token.length();
  }

  private static String decode(String raw) {
    int amp = raw.indexOf('&');
    if (amp < 0) {
      return raw;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    int i = 0;
    while (amp >= 0) {
      sb.append(raw, i, amp);
      int semi = raw.indexOf(';', amp);
      if (semi < 0) {
        throw new XmlRpcException("unterminated entity reference");
      }
      String ref = raw.substring(amp + 1, semi);
      switch (ref) {
        case "lt" -> sb.append('<');
        case "gt" -> sb.append('>');
        case "amp" -> sb.append('&');
        case "quot" -> sb.append('"');
        case "apos" -> sb.append('\'');
        default -> sb.appendCodePoint(charRef(ref));
      }
      i = semi + 1;
      amp = raw.indexOf('&', i);
    }
    return sb.append(raw, i, raw.length()).toString();
  }

  private static int charRef(String ref) {
    try {
      if (ref.startsWith("#x") || ref.startsWith("#X")) {
        return Integer.parseInt(ref.substring(2), 16);
      }
      if (ref.startsWith("#")) {
        return Integer.parseInt(ref.substring(1));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new XmlRpcException("undeclared entity &" + ref + ";");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public void close() {}
}

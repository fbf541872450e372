package io.supervisor4j.rpc.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Hand-written HTTP/1.1 exchanges over a unix socket, for requests no well-behaved client would send. */
final class RawHttp {
  private RawHttp() {}

  record Reply(int status, String head, String body) {}

  static SocketChannel connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return ch;
  }

  static Reply exchange(Path socket, String head, byte[] body) throws IOException {
    try (SocketChannel ch = connect(socket)) {
      write(ch, head.getBytes(StandardCharsets.ISO_8859_1));
      write(ch, body);
      return read(Channels.newInputStream(ch));
    }
  }

  static Reply post(Path socket, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return exchange(socket, "POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\nContent-Length: "
        + b.length + "\r\nConnection: close\r\n\r\n", b);
  }

  static void write(SocketChannel ch, byte[] bytes) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(bytes);
    while (bb.hasRemaining()) {
      ch.write(bb);
    }
  }

  /** Reads one response: status line, headers, then a Content-Length body (or up to EOF). */
  static Reply read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("EOF in headers: " + head);
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(h.split(" ", 3)[1]);
    byte[] body;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(h);
    if (m.find()) {
      body = in.readNBytes(Integer.parseInt(m.group(1)));
    } else {
      body = new byte[0];
    }
    return new Reply(status, h, new String(body, StandardCharsets.UTF_8));
  }
}

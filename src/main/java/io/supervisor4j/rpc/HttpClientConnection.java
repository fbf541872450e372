package io.supervisor4j.rpc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One blocking HTTP/1.1 connection over a unix or TCP socket. Just enough HTTP for supervisord's server:
 * Content-Length or chunked bodies, keep-alive, {@code Connection: close}. Not thread-safe.
 */
final class HttpClientConnection implements Closeable {
  private static final int MAX_HEADER_LINE = 16 * 1024;

  private final SocketChannel channel;
  private final InputStream in;
  private final OutputStream out;
  private boolean reusable = true;

  private HttpClientConnection(SocketChannel channel) {
    this.channel = channel;
    this.in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 16 * 1024);
  }

  static HttpClientConnection open(ServerUrl url) throws IOException {
    SocketAddress address = url.address();
    SocketChannel ch;
    if (address instanceof InetSocketAddress inet) {
      address = inet.isUnresolved() ? new InetSocketAddress(inet.getHostString(), inet.getPort()) : inet;
      ch = SocketChannel.open(); // dual stack: IPv4 and IPv6
    } else {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    }
    try {
      ch.connect(address);
      return new HttpClientConnection(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** A response whose body is fully read (RPC) or left to stream ({@link #body}). */
  record Response(int status, String reason, Map<String, String> headers, InputStream body) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
  }

  /** Sends a request and reads the status line and headers; the body stream ends where the response body ends. */
  Response exchange(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
    StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    if (body.length > 0 || method.equals("POST")) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();

    String statusLine = readLine();
    // "HTTP/1.1 200 OK"
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("malformed HTTP status line: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("malformed HTTP status line: " + statusLine);
    }
    String reason = parts.length > 2 ? parts[2] : "";
    Map<String, String> responseHeaders = new LinkedHashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        responseHeaders.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
      }
    }
    if (parts[0].equals("HTTP/1.0") || "close".equalsIgnoreCase(responseHeaders.get("connection"))) {
      reusable = false;
    }
    InputStream bodyStream;
    if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
      bodyStream = new ChunkedInputStream(in);
    } else if (responseHeaders.containsKey("content-length")) {
      bodyStream = new BoundedInputStream(in, Long.parseLong(responseHeaders.get("content-length")));
    } else if (method.equals("HEAD") || status == 204 || status == 304) {
      bodyStream = InputStream.nullInputStream();
    } else {
      reusable = false;
      bodyStream = in;
    }
    return new Response(status, reason, responseHeaders, bodyStream);
  }

  boolean isReusable() {
    return reusable && channel.isOpen();
  }

  private String readLine() throws IOException {
    return readLine(in);
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by server");
      }
      if (b == '\n') {
        break;
      }
      if (line.size() >= MAX_HEADER_LINE) {
        throw new IOException("HTTP header line too long");
      }
      line.write(b);
    }
    String s = line.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() {
    reusable = false;
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a socket we no longer need
    }
  }

  /** A body of known length. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new EOFException("connection closed before the end of the response body");
      }
      remaining -= n;
      return n;
    }
  }

  /** Decodes {@code Transfer-Encoding: chunked}; returns each chunk's bytes as soon as they arrive. */
  private static final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long chunkRemaining;
    private boolean afterChunk;
    private boolean done;

    ChunkedInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0; // readNBytes asks for 0 bytes once satisfied: must not block for the next chunk
      }
      if (chunkRemaining == 0) {
        if (afterChunk) {
          // The CRLF ending the previous chunk; read only now because servers (Jetty) send it with the next chunk.
          readLine(in);
          afterChunk = false;
        }
        String sizeLine = readLine(in);
        int semi = sizeLine.indexOf(';');
        String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
        try {
          chunkRemaining = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
          throw new IOException("malformed chunk size: " + sizeLine);
        }
        if (chunkRemaining == 0) {
          while (!readLine(in).isEmpty()) {
            // trailers are ignored
          }
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
      if (n < 0) {
        throw new EOFException("connection closed inside a chunk");
      }
      chunkRemaining -= n;
      afterChunk = chunkRemaining == 0;
      return n;
    }
  }
}

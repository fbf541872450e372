package io.supervisor4j.rpc;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a streaming GET ({@code /logtail/...}, {@code /mainlogtail}) as bytes arrive. It never ends on its
 * own while the server follows the file; {@link #close()} drops the connection, which stops the server side.
 */
public final class LogStream extends InputStream {
  private final HttpClientConnection connection;
  private final InputStream body;

  LogStream(HttpClientConnection connection, InputStream body) {
    this.connection = connection;
    this.body = body;
  }

  @Override
  public int read() throws IOException {
    return body.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return body.read(b, off, len);
  }

  @Override
  public void close() {
    connection.close();
  }
}

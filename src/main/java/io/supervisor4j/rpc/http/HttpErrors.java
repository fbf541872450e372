package io.supervisor4j.rpc.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Short HTML error pages in the spirit of medusa's: status and reason, never exception details. */
final class HttpErrors {
  private HttpErrors() {}

  static void write(Response response, Callback callback, int status, boolean close) {
    String reason = HttpStatus.getMessage(status);
    String html = "<html><head><title>Error response</title></head><body><h1>Error response</h1>"
        + "<p>Error code " + status + ".</p><p>Message: " + reason + ".</p></body></html>";
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    if (close) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /**
   * Reads and discards the request body (up to {@code limit} bytes) before answering, as medusa does for 401:
   * closing while the client still sends would make it fail with a broken pipe instead of seeing the status.
   */
  static void drainThenWrite(Request request, Response response, Callback callback, int status, long limit) {
    if (request.getLength() > limit) {
      write(response, callback, status, true);
      return;
    }
    new Runnable() {
      long seen;

      @Override
      public void run() {
        while (true) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            callback.failed(chunk.getFailure());
            return;
          }
          seen += chunk.remaining();
          boolean last = chunk.isLast();
          chunk.release();
          if (last || seen > limit) {
            write(response, callback, status, true);
            return;
          }
        }
      }
    }.run();
  }
}

package io.supervisor4j.rpc.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
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
}

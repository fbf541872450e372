package io.supervisor4j.rpc.http;

import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.StringUtil;

/**
 * HTTP/1.1 as Jetty does it, except that a blank {@code Host} header is accepted. supervisorctl's
 * {@code tail -f}, {@code maintail -f} and {@code fg} ({@code supervisor/http_client.py}) send {@code Host: }
 * with an empty value over unix sockets, which Jetty rejects with "400 Blank Host" and medusa accepts. Relies
 * on Jetty's {@code HttpConnection.newRequestHandler()} hook (pinned Jetty version).
 */
final class LenientHttpConnectionFactory extends HttpConnectionFactory {
  LenientHttpConnectionFactory(HttpConfiguration config) {
    super(config);
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    HttpConnection connection = new BlankHostTolerantConnection(getHttpConfiguration(), connector, endPoint);
    connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
    return configure(connection, connector, endPoint);
  }

  private static final class BlankHostTolerantConnection extends HttpConnection {
    BlankHostTolerantConnection(HttpConfiguration config, Connector connector, EndPoint endPoint) {
      super(config, connector, endPoint);
    }

    @Override
    protected RequestHandler newRequestHandler() {
      return new RequestHandler() {
        @Override
        public void parsedHeader(HttpField field) {
          if (field.getHeader() == HttpHeader.HOST && StringUtil.isBlank(field.getValue())) {
            field = new HostPortHttpField("localhost");
          }
          super.parsedHeader(field);
        }
      };
    }
  }
}

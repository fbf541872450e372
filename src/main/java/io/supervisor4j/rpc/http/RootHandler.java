package io.supervisor4j.rpc.http;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes like supervisord's handler list (first match wins): Basic auth of the connector's section on every
 * path, then {@code /RPC2*}, {@code /logtail*}, {@code /mainlogtail*}, then the fallback (web UI) or 404.
 */
final class RootHandler extends Handler.Abstract {
  private final XmlRpcEndpoint rpc;
  private final LogTailEndpoint tail;
  private final Optional<Handler> fallback;
  private final long drainLimit;
  private final Map<Connector, BasicAuth> auth = new ConcurrentHashMap<>();

  RootHandler(XmlRpcEndpoint rpc, LogTailEndpoint tail, Optional<Handler> fallback, long drainLimit) {
    this.drainLimit = drainLimit;
    this.rpc = rpc;
    this.tail = tail;
    this.fallback = fallback;
    fallback.ifPresent(this::addBean);
  }

  void protect(Connector connector, BasicAuth credentials) {
    auth.put(connector, credentials);
  }

  LogTailEndpoint tail() {
    return tail;
  }

  @Override
  public void setServer(org.eclipse.jetty.server.Server server) {
    super.setServer(server);
    fallback.ifPresent(h -> h.setServer(server));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    BasicAuth credentials = auth.get(request.getConnectionMetaData().getConnector());
    if (credentials != null) {
      switch (credentials.check(Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION)))) {
        case ALLOWED -> {}
        case MALFORMED -> {
          HttpErrors.drainThenWrite(request, response, callback, HttpStatus.BAD_REQUEST_400, drainLimit);
          return true;
        }
        case DENIED -> {
          response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"default\"");
          HttpErrors.drainThenWrite(request, response, callback, HttpStatus.UNAUTHORIZED_401, drainLimit);
          return true;
        }
      }
    }
    String path = request.getHttpURI().getPath();
    if (path == null) {
      path = "";
    }
    if (path.startsWith("/RPC2")) {
      rpc.handle(request, response, callback);
    } else if (path.startsWith("/logtail")) {
      tail.handleProcessTail(request, response, callback);
    } else if (path.startsWith("/mainlogtail")) {
      tail.handleMainTail(request, response, callback);
    } else if (fallback.isEmpty() || !fallback.get().handle(request, response, callback)) {
      HttpErrors.write(response, callback, HttpStatus.NOT_FOUND_404, false);
    }
    return true;
  }
}

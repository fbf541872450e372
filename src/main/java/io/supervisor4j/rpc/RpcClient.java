package io.supervisor4j.rpc;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * XML-RPC client for supervisord-compatible servers over {@code unix:///path} or {@code http://host:port}, with
 * HTTP Basic auth and one kept-alive connection (as supervisorctl's transport). Deliberately free of Jetty and
 * FFM so a short-lived CLI loads few classes. Not thread-safe: one client per thread.
 */
public final class RpcClient implements AutoCloseable {
  private static final String RPC_PATH = "/RPC2";

  private final ServerUrl url;
  private final Optional<String> authorization;
  private HttpClientConnection connection;

  private RpcClient(ServerUrl url, Optional<String> username, Optional<String> password) {
    this.url = url;
    this.authorization = username.isPresent() && password.isPresent()
        ? Optional.of("Basic " + Base64.getEncoder().encodeToString(
            (username.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8)))
        : Optional.empty();
  }

  /** A client for {@code serverUrl}; no I/O happens until the first call. Bad URLs throw IllegalArgumentException. */
  public static RpcClient create(String serverUrl, Optional<String> username, Optional<String> password) {
    return new RpcClient(ServerUrl.parse(serverUrl), username, password);
  }

  public static RpcClient create(String serverUrl) {
    return create(serverUrl, Optional.empty(), Optional.empty());
  }

  public String serverUrl() {
    return url.url();
  }

  /**
   * Calls {@code method} and returns its value (types as {@link XmlRpcReader} produces them).
   *
   * @throws RpcFault the server answered with a fault
   * @throws RpcConnectionException the server could not be reached
   * @throws RpcProtocolException the server answered with an HTTP status other than 200
   * @throws RpcClientException any other transport failure or a malformed response
   */
  public Object call(String method, Object... params) {
    byte[] request = XmlRpcWriter.call(method, List.of(params));
    byte[] body = post(request);
    try {
      return XmlRpcReader.readResponse(body);
    } catch (XmlRpcException e) {
      throw new RpcClientException("malformed XML-RPC response: " + e.getMessage(), e);
    }
  }

  private byte[] post(byte[] request) {
    Map<String, String> headers = headers();
    headers.put("Content-Type", "text/xml");
    headers.put("Accept", "text/xml");
    // A kept-alive connection may have been closed by the server meanwhile: retry once on a fresh one.
    for (int attempt = 0; ; attempt++) {
      boolean reused = connection != null;
      HttpClientConnection c = connection();
      try {
        HttpClientConnection.Response r = c.exchange("POST", RPC_PATH, headers, request);
        byte[] body = r.body().readAllBytes();
        if (!c.isReusable()) {
          dropConnection();
        }
        if (r.status() != 200) {
          dropConnection();
          throw new RpcProtocolException(target(), r.status(), r.reason());
        }
        return body;
      } catch (IOException e) {
        dropConnection();
        // Like Python's xmlrpc transport: a reused connection that broke (EOF, EPIPE, reset) is retried once.
        if (!(reused && attempt == 0)) {
          throw new RpcConnectionException(url.url(), RpcConnectionException.Reason.OTHER, e);
        }
      }
    }
  }

  /**
   * Opens a streaming GET of {@code path} (e.g. {@code /logtail/foo/stderr}, {@code /mainlogtail}) on its own
   * connection. Status 404 (unknown process or no log file) and others throw {@link RpcProtocolException}.
   */
  public LogStream stream(String path) {
    HttpClientConnection c = open();
    try {
      Map<String, String> headers = headers();
      HttpClientConnection.Response r = c.exchange("GET", path, headers, new byte[0]);
      if (r.status() != 200) {
        c.close();
        throw new RpcProtocolException(target(path), r.status(), r.reason());
      }
      return new LogStream(c, r.body());
    } catch (IOException e) {
      c.close();
      throw new RpcConnectionException(url.url(), RpcConnectionException.Reason.OTHER, e);
    }
  }

  private Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Host", url.hostHeader());
    h.put("User-Agent", "supervisor4j");
    authorization.ifPresent(a -> h.put("Authorization", a));
    return h;
  }

  private String target() {
    return target(RPC_PATH);
  }

  private String target(String path) {
    return (url.isUnix() ? "localhost" : url.hostHeader()) + path;
  }

  private HttpClientConnection connection() {
    if (connection == null) {
      connection = open();
    }
    return connection;
  }

  private HttpClientConnection open() {
    try {
      return HttpClientConnection.open(url);
    } catch (IOException e) {
      throw new RpcConnectionException(url.url(), classify(e), e);
    }
  }

  private static RpcConnectionException.Reason classify(IOException e) {
    String msg = String.valueOf(e.getMessage());
    if (e instanceof NoSuchFileException || e instanceof FileNotFoundException || msg.contains("No such file")) {
      return RpcConnectionException.Reason.NO_SUCH_FILE;
    }
    if (e instanceof ConnectException || msg.contains("Connection refused")) {
      return RpcConnectionException.Reason.REFUSED;
    }
    return RpcConnectionException.Reason.OTHER;
  }

  private void dropConnection() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  @Override
  public void close() {
    dropConnection();
  }

  /** Convenience for building struct values in insertion order, e.g. multicall entries. */
  public static Map<String, Object> struct(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("struct needs key/value pairs");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}

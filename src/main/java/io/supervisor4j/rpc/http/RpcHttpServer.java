package io.supervisor4j.rpc.http;

import io.supervisor4j.config.InetHttpServerConfig;
import io.supervisor4j.config.UnixHttpServerConfig;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.XmlRpcReader;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * All of supervisord's HTTP servers ({@code [unix_http_server]}, {@code [inet_http_server]}) in one Jetty
 * {@link Server}: one connector per section, each with its own Basic auth, serving {@code /RPC2} (XML-RPC),
 * {@code /logtail/...} and {@code /mainlogtail}; other paths go to an optional fallback handler (the web UI),
 * else 404. Lifecycle: {@link #start()} once, {@link #stop()} once.
 */
public final class RpcHttpServer {
  public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  private static final int ACCEPT_BACKLOG = 1024;

  static {
    // Jetty's MemoryUtils asks the platform MBean server whether oops are compressed unless this is set, which starts
    // JMX in the daemon: 40-60 ms of start-up and about 300 classes (2-3 MiB of RSS) for a padding size. Below 32 GiB
    // of heap references take 4 bytes.
    String refs = "org.eclipse.jetty.util.referencesPerCacheLine";
    if (System.getProperty(refs) == null && Runtime.getRuntime().maxMemory() < 32L << 30) {
      System.setProperty(refs, Integer.toString(Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64) / 4));
    }
  }

  private final Server server;
  private final ActivityLog log;
  private final RootHandler root;
  private final Map<String, ServerConnector> inetConnectors = new LinkedHashMap<>();
  private final Map<UnixSocketFile, UnixHttpServerConfig> unixSockets = new LinkedHashMap<>();
  private final List<String> sectionsWithoutAuth = new ArrayList<>();

  private RpcHttpServer(Builder b) {
    this.log = b.log;
    int connectors = b.unix.size() + b.inet.size();
    QueuedThreadPool pool = new QueuedThreadPool(Math.max(8, 4 + 2 * connectors), 2, 60_000);
    pool.setName("rpc-http");
    pool.setReservedThreads(0);
    server = new Server(pool);
    server.setStopTimeout(2_000);
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowCauses(false);
    errors.setShowMessageInTitle(false);
    server.setErrorHandler(errors);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    XmlRpcEndpoint rpc = new XmlRpcEndpoint(b.dispatcher, b.log, b.maxBodyBytes, b.maxDepth);
    LogTailEndpoint tail = new LogTailEndpoint(b.logTail, server.getScheduler(), b.tailPollMillis);
    root = new RootHandler(rpc, tail, b.fallback, b.maxBodyBytes);

    for (UnixHttpServerConfig c : b.unix) {
      UnixDomainServerConnector connector =
          new UnixDomainServerConnector(server, 0, 1, new LenientHttpConnectionFactory(http));
      UnixSocketFile socket = new UnixSocketFile(c.file());
      unixSockets.put(socket, c);
      connector.setAcceptQueueSize(ACCEPT_BACKLOG);
      connector.setIdleTimeout(b.idleTimeout.toMillis());
      connector.setName(c.section());
      addConnector(connector, c.section(), BasicAuth.of(c.username(), c.password()));
    }
    for (InetHttpServerConfig c : b.inet) {
      ServerConnector connector = new ServerConnector(server, 0, 1, new LenientHttpConnectionFactory(http));
      connector.setHost(c.host().isEmpty() ? null : c.host()); // empty host: all interfaces
      connector.setPort(c.port());
      connector.setReuseAddress(true);
      connector.setAcceptQueueSize(ACCEPT_BACKLOG);
      connector.setIdleTimeout(b.idleTimeout.toMillis());
      connector.setName(c.section());
      inetConnectors.put(c.section(), connector);
      addConnector(connector, c.section(), BasicAuth.of(c.username(), c.password()));
    }
    server.setHandler(root);
  }

  private void addConnector(Connector connector, String section, Optional<BasicAuth> auth) {
    server.addConnector(connector);
    auth.ifPresent(a -> root.protect(connector, a));
    if (auth.isEmpty()) {
      sectionsWithoutAuth.add(section);
    }
  }

  public static Builder builder(RpcDispatcher dispatcher, ActivityLog log) {
    return new Builder(dispatcher, log);
  }

  /**
   * Binds every server and publishes the unix sockets. Fails with supervisord's one-line message
   * ("Another program is already listening on a port ...") when an address is in use; nothing stays bound then.
   */
  public void start() {
    try {
      for (Connector c : server.getConnectors()) {
        if (c instanceof UnixDomainServerConnector u) {
          UnixSocketFile socket = socketOf(u);
          u.setUnixDomainPath(socket.bindPath());
        }
      }
      server.start();
      if (!server.isStarted()) {
        throw new RpcServerException("Cannot open an HTTP server");
      }
      for (Map.Entry<UnixSocketFile, UnixHttpServerConfig> e : unixSockets.entrySet()) {
        e.getKey().publish(e.getValue().chmod(), e.getValue().chown(), log);
      }
    } catch (RpcServerException e) {
      stop();
      throw e;
    } catch (Exception e) {
      stop();
      if (causedByBind(e)) {
        throw new RpcServerException(UnixSocketFile.ADDRESS_IN_USE, e);
      }
      throw new RpcServerException("Cannot open an HTTP server: " + e.getMessage(), e);
    }
    for (String section : sectionsWithoutAuth) {
      log.critical("Server '" + section + "' running without any HTTP authentication checking");
    }
  }

  private UnixSocketFile socketOf(UnixDomainServerConnector connector) {
    for (Map.Entry<UnixSocketFile, UnixHttpServerConfig> e : unixSockets.entrySet()) {
      if (e.getValue().section().equals(connector.getName())) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("no socket for " + connector.getName());
  }

  private static boolean causedByBind(Throwable t) {
    for (; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** Ends all streams and connections, stops Jetty and removes the socket files. Safe to call twice. */
  public void stop() {
    root.tail().stopAll();
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("HTTP server did not stop cleanly: " + e);
    }
    unixSockets.keySet().forEach(UnixSocketFile::unpublish);
  }

  /** The TCP port an inet section listens on (useful with port 0). */
  public int localPort(String section) {
    ServerConnector c = inetConnectors.get(section);
    if (c == null) {
      throw new IllegalArgumentException("no inet server section " + section);
    }
    return c.getLocalPort();
  }

  /** Log-tail streams currently open. */
  public int activeTailStreams() {
    return root.tail().activeStreams();
  }

  /** Collects the servers to run and the shared limits. */
  public static final class Builder {
    private final RpcDispatcher dispatcher;
    private final ActivityLog log;
    private final List<UnixHttpServerConfig> unix = new ArrayList<>();
    private final List<InetHttpServerConfig> inet = new ArrayList<>();
    private LogTailSource logTail = LogTailSource.none();
    private Optional<Handler> fallback = Optional.empty();
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxDepth = XmlRpcReader.DEFAULT_MAX_DEPTH;
    private long tailPollMillis = 100;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

    private Builder(RpcDispatcher dispatcher, ActivityLog log) {
      this.dispatcher = dispatcher;
      this.log = log;
    }

    public Builder unix(List<UnixHttpServerConfig> servers) {
      unix.addAll(servers);
      return this;
    }

    public Builder inet(List<InetHttpServerConfig> servers) {
      inet.addAll(servers);
      return this;
    }

    public Builder logTail(LogTailSource source) {
      this.logTail = source;
      return this;
    }

    /** Serves every path that is not XML-RPC or a log tail (the web UI); auth is checked before it. */
    public Builder fallback(Handler handler) {
      this.fallback = Optional.of(handler);
      return this;
    }

    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder maxDepth(int depth) {
      this.maxDepth = depth;
      return this;
    }

    public Builder tailPollMillis(long millis) {
      this.tailPollMillis = millis;
      return this;
    }

    /**
     * How long an idle connection is kept. Medusa has practically no limit and supervisorctl's interactive shell
     * keeps one connection, so the default is long. Waiting deferred calls and quiet log tails are not idle.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    public RpcHttpServer build() {
      if (unix.isEmpty() && inet.isEmpty()) {
        throw new IllegalStateException("no HTTP server configured");
      }
      return new RpcHttpServer(this);
    }
  }

}

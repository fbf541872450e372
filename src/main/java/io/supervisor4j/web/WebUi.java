package io.supervisor4j.web;

import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.diagnostics.FailureLog;
import io.supervisor4j.rpc.RpcDispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The web page, the JSON API and the metrics, as the fallback handler of {@code RpcHttpServer} (so every path sits
 * behind the section's Basic auth, on inet and unix servers alike). Routes: {@code /}, {@code /index.html} (page;
 * with supervisord's {@code ?processname=&action=} links still acted on), {@code /tail.html}, {@code /ok.html},
 * {@code /app.js}, {@code /app.css}, {@code /api/v1/...}, {@code /api/v1/events} (SSE), {@code /metrics}. Anything
 * else is left to the caller (404).
 */
public final class WebUi extends Handler.Abstract {
  private static final Set<String> FAILED_STATES = Set.of("BACKOFF", "FATAL", "EXITED", "UNKNOWN");
  private final ApiCalls api;
  private final JsonApi json;
  private final Metrics metrics;
  private final StateStream stream;
  private final LegacyActions legacy;
  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /** Bytes a process's log channel has written; empty when the process has no such log. */
  @FunctionalInterface
  public interface LogCounter {
    OptionalLong bytesWritten(String group, String process, String channel);
  }

  private record Asset(String contentType, byte[] bytes) {}

  private WebUi(RpcDispatcher dispatcher, String namespace, ProcessStats stats, FailureLog failures,
      LogCounter logBytes) {
    this.api = new ApiCalls(dispatcher, namespace);
    Reasons reasons = new Reasons(stats, failures);
    this.json = new JsonApi(api, reasons);
    this.metrics = new Metrics(api, dispatcher, stats, logBytes);
    this.stream = new StateStream(api, reasons);
    this.legacy = new LegacyActions(api);
    assets.put("/app.js", asset("app.js", "text/javascript;charset=utf-8"));
    assets.put("/app.css", asset("app.css", "text/css;charset=utf-8"));
    assets.put("/index.html", asset("index.html", "text/html;charset=utf-8"));
  }

  /**
   * The handler for a daemon whose {@code supervisor.*} namespace is published on {@code dispatcher} as
   * {@code namespace}.
   */
  public static WebUi create(RpcDispatcher dispatcher, String namespace, ProcessStats stats, FailureLog failures,
      LogCounter logBytes) {
    return new WebUi(dispatcher, namespace, stats, failures, logBytes);
  }

  /** Open state streams (for tests). */
  int stateStreams() {
    return stream.subscribers();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Optional.ofNullable(request.getHttpURI().getDecodedPath()).orElse("/");
    String method = request.getMethod();
    Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    if (path.equals("/api/v1/events") && method.equals("GET")) {
      stream.subscribe(response, callback);
      return true;
    }
    if (path.startsWith("/api/v1/")) {
      if (method.equals("POST") && crossSite(request)) {
        send(response, callback, 403, "application/json", "{\"error\":{\"code\":0,\"name\":\"FORBIDDEN\","
            + "\"message\":\"cross-site request refused\"}}");
        return true;
      }
      json.handle(method, path.substring("/api/v1/".length()), query).whenComplete((a, x) -> {
        if (x != null) {
          send(response, callback, 500, "application/json", "{\"error\":{\"code\":0,\"name\":\"FAILED\"}}");
        } else {
          send(response, callback, a.status(), "application/json", a.json());
        }
      });
      return true;
    }
    switch (path) {
      case "/metrics" -> metrics.render().whenComplete((text, x) ->
          send(response, callback, x == null ? 200 : 503, Metrics.CONTENT_TYPE, x == null ? text : "unavailable\n"));
      case "/ok.html" -> send(response, callback, 200, "text/plain;charset=utf-8", "OK");
      case "/", "", "/index.html" -> {
        String action = query.getValue("action");
        if (action != null && !action.isEmpty()) {
          legacy.act(action, Optional.ofNullable(query.getValue("processname")))
              .whenComplete((message, x) -> redirect(request, response, callback, "/?message="
                  + URLEncoder.encode(x == null ? message : "ERROR: " + x, StandardCharsets.UTF_8)));
        } else {
          sendAsset(response, callback, assets.get("/index.html"));
        }
      }
      // supervisord's tail page: the log view of the page, which follows the log as tail -f does
      case "/tail.html" -> redirect(request, response, callback, "/#log=" + URLEncoder.encode(
          Optional.ofNullable(query.getValue("processname")).orElse(""), StandardCharsets.UTF_8));
      default -> {
        Asset a = assets.get(path);
        if (a == null) {
          return false;
        }
        sendAsset(response, callback, a);
      }
    }
    return true;
  }

  /** A browser POST from another site (a form on a foreign page) carries an Origin that is not this server. */
  private static boolean crossSite(Request request) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null || origin.equals("null") && request.getHeaders().get("Sec-Fetch-Site") == null) {
      return false; // curl and other non-browser clients
    }
    String host = request.getHeaders().get(HttpHeader.HOST);
    try {
      HttpURI o = HttpURI.from(origin);
      String authority = o.getPort() > 0 ? o.getHost() + ":" + o.getPort() : o.getHost();
      return host == null || !host.equalsIgnoreCase(authority);
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static void redirect(Request request, Response response, Callback callback, String location) {
    response.setStatus(303);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    noCache(response);
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  private static void sendAsset(Response response, Callback callback, Asset a) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
    noCache(response);
    response.write(true, ByteBuffer.wrap(a.bytes()), callback);
  }

  static void send(Response response, Callback callback, int status, String type, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE,
        type.contains("charset") ? type : type + ";charset=utf-8");
    noCache(response);
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }

  private static void noCache(Response response) {
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put(HttpHeader.PRAGMA, "no-cache");
    response.getHeaders().put(HttpHeader.EXPIRES, "Thu, 01 Jan 1970 00:00:00 GMT");
  }

  private static Asset asset(String name, String type) {
    try (InputStream in = WebUi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("web asset missing from the jar: " + name);
      }
      return new Asset(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void doStop() throws Exception {
    stream.close();
    super.doStop();
  }

  /**
   * Adds {@code namespec} and the failure explanation to a {@code getProcessInfo} struct. A {@code reason} the
   * struct already carries (the XML-RPC layer may add one) wins; else the diagnostics' explanation, else the raw
   * failure the engine recorded. Only for states where a failure is what the process shows.
   */
  static final class Reasons {
    private final ProcessStats stats;
    private final FailureLog failures;

    Reasons(ProcessStats stats, FailureLog failures) {
      this.stats = stats;
      this.failures = failures;
    }

    Map<String, Object> annotate(Map<String, Object> info) {
      Map<String, Object> out = new LinkedHashMap<>(info);
      String group = String.valueOf(info.get("group"));
      String name = String.valueOf(info.get("name"));
      out.put("namespec", group.equals(name) ? name : group + ":" + name);
      boolean failed = FAILED_STATES.contains(String.valueOf(info.get("statename")));
      long start = info.get("start") instanceof Number n ? n.longValue() : 0;
      // an explanation older than the latest spawn belongs to an earlier failure
      Optional<Explanation> why = failed
          ? failures.latest(group, name).filter(e -> e.when().getEpochSecond() >= start)
          : Optional.empty();
      if (!(info.get("reason") instanceof String r) || r.isEmpty()) {
        out.put("reason", why.map(Explanation::cause)
            .or(() -> failed ? stats.reason(group, name) : Optional.empty()).orElse(""));
      }
      out.put("why", why.map(e -> e.render(ZoneId.systemDefault())).orElse(""));
      return out;
    }
  }
}

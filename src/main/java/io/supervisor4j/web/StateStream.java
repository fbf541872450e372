package io.supervisor4j.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/v1/events}: server-sent events with the whole process table whenever it changes. One timer polls
 * {@code getAllProcessInfo} every {@link #POLL_MILLIS} while anyone listens, so N pages cost one poll (and no page,
 * no timer and no thread: an idle daemon neither wakes for it nor keeps its stack); quiet
 * streams get a comment every {@link #HEARTBEAT_MILLIS} so that dead clients are noticed. Uptimes are not part of
 * the comparison (the page counts them itself from {@code start} and the server's {@code now}).
 */
final class StateStream implements AutoCloseable {
  static final long POLL_MILLIS = 500;
  static final long HEARTBEAT_MILLIS = 15_000;

  private final ApiCalls api;
  private final WebUi.Reasons reasons;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final ScheduledThreadPoolExecutor timer =
      new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("web-state-stream").factory());
  private ScheduledFuture<?> polling; // guarded by this; null while nobody listens
  private volatile String lastTable = "";
  private volatile long lastSentMillis;

  StateStream(ApiCalls api, WebUi.Reasons reasons) {
    this.api = api;
    this.reasons = reasons;
    timer.setKeepAliveTime(4 * POLL_MILLIS, TimeUnit.MILLISECONDS);
    timer.allowCoreThreadTimeOut(true); // the thread ends a little after the last stream
    timer.setRemoveOnCancelPolicy(true);
  }

  void subscribe(Response response, Callback callback) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream;charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    response.getHeaders().put("X-Accel-Buffering", "no");
    Subscriber s = new Subscriber(response, callback);
    subscribers.add(s);
    startPolling();
    // the first event right away (not after the next change) so the page fills at once
    api.allProcessInfo().whenComplete((list, failure) ->
        s.send(failure == null ? event(table(list)) : "retry: 1000\n\n"));
  }

  int subscribers() {
    return subscribers.size();
  }

  private synchronized void startPolling() {
    if (polling == null && !timer.isShutdown()) {
      polling = timer.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  // Under the lock, so that a subscriber added meanwhile either is seen here or restarts the timer.
  private synchronized boolean stopPollingIfIdle() {
    if (!subscribers.isEmpty()) {
      return false;
    }
    lastTable = "";
    if (polling != null) {
      polling.cancel(false);
      polling = null;
    }
    return true;
  }

  private void poll() {
    if (subscribers.isEmpty() && stopPollingIfIdle()) {
      return;
    }
    try {
      List<Map<String, Object>> list = api.allProcessInfo().get(5, TimeUnit.SECONDS);
      String table = table(list);
      long now = System.currentTimeMillis();
      if (!table.equals(lastTable)) {
        lastTable = table;
        lastSentMillis = now;
        String e = event(table);
        subscribers.forEach(s -> s.send(e));
      } else if (now - lastSentMillis > HEARTBEAT_MILLIS) {
        lastSentMillis = now;
        subscribers.forEach(s -> s.send(": keep-alive\n\n"));
      }
    } catch (Exception e) {
      // the daemon is reloading or stopping: the next poll tries again
    }
  }

  /** The page's view of the table: the XML-RPC structs plus the failure reason, minus what changes every second. */
  String table(List<Map<String, Object>> list) {
    List<Object> rows = new ArrayList<>(list.size());
    for (Map<String, Object> info : list) {
      Map<String, Object> row = reasons.annotate(info);
      row.remove("now");
      if ("RUNNING".equals(row.get("statename"))) {
        row.remove("description"); // "pid N, uptime H:MM:SS" changes every second
      }
      rows.add(row);
    }
    return Json.write(rows);
  }

  private static String event(String table) {
    String now = String.format(Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0);
    return "event: state\ndata: {\"now\":" + now + ",\"processes\":" + table + "}\n\n";
  }

  /** Ends every stream (server stopping). */
  @Override
  public void close() {
    synchronized (this) {
      timer.shutdownNow();
      polling = null;
    }
    subscribers.forEach(Subscriber::end);
    subscribers.clear();
  }

  /** One open stream; at most one write in flight, later events wait in {@code pending} (newest wins). */
  private final class Subscriber {
    private final Response response;
    private final Callback done;
    private boolean writing;
    private String pending;
    private boolean ended;

    Subscriber(Response response, Callback done) {
      this.response = response;
      this.done = done;
    }

    void send(String text) {
      synchronized (this) {
        if (ended) {
          return;
        }
        if (writing) {
          // a state event replaces whatever waits; a keep-alive never replaces a state event
          if (pending == null || !text.startsWith(":")) {
            pending = text;
          }
          return;
        }
        writing = true;
      }
      response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), Callback.from(this::written,
          this::failed));
    }

    private void written() {
      String next;
      synchronized (this) {
        writing = false;
        next = pending;
        pending = null;
      }
      if (next != null) {
        send(next);
      }
    }

    private void failed(Throwable x) {
      synchronized (this) {
        ended = true;
      }
      subscribers.remove(this);
      done.failed(x);
    }

    void end() {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
      }
      done.succeeded();
    }
  }
}

package io.supervisor4j.web;

import io.supervisor4j.process.ProcessState;
import io.supervisor4j.rpc.RpcDispatcher;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /metrics}: Prometheus text exposition format 0.0.4. Process facts come from
 * {@code getAllProcessInfo} (the same snapshot XML-RPC clients see), counters from {@link ProcessStats}, resource
 * usage from {@code /proc}, RPC counts from the dispatcher.
 */
final class Metrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private final ApiCalls api;
  private final RpcDispatcher dispatcher;
  private final ProcessStats stats;
  private final WebUi.LogCounter logBytes;

  Metrics(ApiCalls api, RpcDispatcher dispatcher, ProcessStats stats, WebUi.LogCounter logBytes) {
    this.api = api;
    this.dispatcher = dispatcher;
    this.stats = stats;
    this.logBytes = logBytes;
  }

  CompletableFuture<String> render() {
    return api.allProcessInfo().thenApply(this::render);
  }

  private String render(List<Map<String, Object>> processes) {
    Text t = new Text();
    t.family("supervisor4j_daemon_uptime_seconds", "gauge", "Seconds since the daemon started.");
    t.sample("supervisor4j_daemon_uptime_seconds", "",
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    t.family("supervisor4j_rpc_requests_total", "counter", "XML-RPC and JSON API calls by method.");
    dispatcher.callCounts().forEach((m, n) -> t.sample("supervisor4j_rpc_requests_total", label("method", m), n));

    t.family("supervisor4j_process_state", "gauge", "1 for the state the process is in, 0 for the others.");
    for (Map<String, Object> p : processes) {
      for (ProcessState s : ProcessState.values()) {
        t.sample("supervisor4j_process_state", ids(p) + "," + label("state", s.name()),
            s.name().equals(p.get("statename")) ? 1 : 0);
      }
    }
    t.family("supervisor4j_process_starts_total", "counter", "Spawns since the daemon started.");
    for (Map<String, Object> p : processes) {
      t.sample("supervisor4j_process_starts_total", ids(p), counters(p).map(c -> c.starts.get()).orElse(0L));
    }
    t.family("supervisor4j_process_exits_total", "counter", "Exits by exit status (-1: killed by a signal).");
    for (Map<String, Object> p : processes) {
      counters(p).ifPresent(c -> c.exitsByStatus().forEach((code, n) ->
          t.sample("supervisor4j_process_exits_total", ids(p) + "," + label("code", code.toString()), n)));
    }
    t.family("supervisor4j_process_uptime_seconds", "gauge", "Seconds since the spawn of a running process.");
    for (Map<String, Object> p : processes) {
      boolean running = "RUNNING".equals(p.get("statename"));
      t.sample("supervisor4j_process_uptime_seconds", ids(p),
          running ? Math.max(0, num(p, "now") - num(p, "start")) : 0);
    }
    t.family("supervisor4j_process_resident_memory_bytes", "gauge", "VmRSS of the live process.");
    for (Map<String, Object> p : processes) {
      pid(p).flatMap(ProcFs::rssBytes)
          .ifPresent(v -> t.sample("supervisor4j_process_resident_memory_bytes", ids(p), v));
    }
    t.family("supervisor4j_process_cpu_seconds_total", "counter", "User plus system CPU time of the live process.");
    for (Map<String, Object> p : processes) {
      pid(p).flatMap(ProcFs::cpuSeconds)
          .ifPresent(v -> t.sample("supervisor4j_process_cpu_seconds_total", ids(p), v));
    }
    t.family("supervisor4j_process_log_bytes_total", "counter", "Bytes of child output written to its log.");
    for (Map<String, Object> p : processes) {
      for (String channel : List.of("stdout", "stderr")) {
        logBytes.bytesWritten((String) p.get("group"), (String) p.get("name"), channel).ifPresent(n ->
            t.sample("supervisor4j_process_log_bytes_total", ids(p) + "," + label("channel", channel), n));
      }
    }
    return t.out.toString();
  }

  private java.util.Optional<ProcessStats.Counters> counters(Map<String, Object> p) {
    return stats.of((String) p.get("group"), (String) p.get("name"));
  }

  private static java.util.Optional<Integer> pid(Map<String, Object> p) {
    int pid = (int) num(p, "pid");
    return pid > 0 ? java.util.Optional.of(pid) : java.util.Optional.empty();
  }

  private static long num(Map<String, Object> p, String key) {
    return p.get(key) instanceof Number n ? n.longValue() : 0;
  }

  private static String ids(Map<String, Object> p) {
    return label("group", String.valueOf(p.get("group"))) + "," + label("name", String.valueOf(p.get("name")));
  }

  static String label(String name, String value) {
    return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  /** The exposition text being built. */
  private static final class Text {
    final StringBuilder out = new StringBuilder(4096);

    void family(String name, String type, String help) {
      out.append("# HELP ").append(name).append(' ').append(help).append('\n');
      out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(String name, String labels, Number value) {
      out.append(name);
      if (!labels.isEmpty()) {
        out.append('{').append(labels).append('}');
      }
      out.append(' ');
      if (value instanceof Double d) {
        out.append(String.format(Locale.ROOT, "%.3f", d));
      } else {
        out.append(value);
      }
      out.append('\n');
    }
  }
}

package io.supervisor4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API, /metrics, supervisord's old URLs and the auth rules against a real daemon, over HTTP. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class JsonApiE2ETest {
  @TempDir static Path dir;
  static WebDaemon daemon;

  @BeforeAll
  static void start() {
    daemon = WebDaemon.start(dir, """
        [program:sleeper]
        command=sleep 1000

        [program:crash]
        command=/bin/sh -c 'echo boom >&2; exit 3'
        startretries=0

        [program:counter]
        command=/bin/sh -c 'i=1; while [ $i -le 3000 ]; do echo "line $i"; i=$((i+1)); done; exec sleep 1000'

        [group:pair]
        programs=left,right

        [program:left]
        command=sleep 1000

        [program:right]
        command=sleep 1000
        """);
    daemon.awaitBody("/api/v1/processes/sleeper", "\"statename\":\"RUNNING\"");
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void listsProcessesWithNamespecAndTheFailureReason() {
    String body = daemon.awaitBody("/api/v1/processes", "\"statename\":\"FATAL\"");
    assertThat(body).startsWith("[").contains("\"namespec\":\"pair:left\"", "\"namespec\":\"sleeper\"");
    String crash = daemon.get("/api/v1/processes/crash").body();
    // the diagnostics' cause: how it failed and what it printed
    assertThat(crash).contains("\"statename\":\"FATAL\"").containsPattern("\"reason\":\"[^\"]*exit 3[^\"]*boom");
    assertThat(crash).containsPattern("\"description\":\"Exited too quickly: exit 3[^\"]*boom");
    assertThat(crash).contains("\"why\":\"crash: FATAL at");
  }

  @Test
  void faultsBecomeHttpStatusesWithTheXmlRpcFaultName() {
    HttpResponse<String> r = daemon.post("/api/v1/processes/nosuch/start");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("{\"error\":{\"code\":10,\"name\":\"BAD_NAME\",\"message\":\"BAD_NAME: nosuch\"}}");
    assertThat(daemon.post("/api/v1/processes/sleeper/start").statusCode()).isEqualTo(409); // ALREADY_STARTED
    assertThat(daemon.post("/api/v1/processes/sleeper/signal").statusCode()).isEqualTo(400); // no signal given
    assertThat(daemon.post("/api/v1/processes/sleeper/signal?signal=NOPE").body()).contains("BAD_SIGNAL");
    assertThat(daemon.get("/api/v1/processes/sleeper/start").statusCode()).isEqualTo(405); // actions are POST
    assertThat(daemon.get("/api/v1/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void stopStartRestartAndSignalAProcess() {
    assertThat(daemon.post("/api/v1/processes/pair:left/stop").body()).isEqualTo("true");
    assertThat(daemon.get("/api/v1/processes/pair:left").body()).contains("\"statename\":\"STOPPED\"");
    assertThat(daemon.post("/api/v1/processes/pair:left/start").body()).isEqualTo("true");
    int pid = pid(daemon.get("/api/v1/processes/pair:left").body());
    assertThat(daemon.post("/api/v1/processes/pair:left/restart").body()).isEqualTo("true");
    int next = pid(daemon.get("/api/v1/processes/pair:left").body());
    assertThat(next).isPositive().isNotEqualTo(pid);
    assertThat(daemon.post("/api/v1/processes/pair:left/signal?signal=CONT").body()).isEqualTo("true");
  }

  @Test
  void groupAndAllActionsAnswerResultStructs() {
    String stopped = daemon.post("/api/v1/groups/pair/stop").body();
    assertThat(stopped).contains("{\"name\":\"left\",\"group\":\"pair\",\"status\":80,\"description\":\"OK\"}",
        "\"name\":\"right\"");
    assertThat(daemon.post("/api/v1/groups/pair/start").body()).contains("\"status\":80");
    assertThat(daemon.post("/api/v1/groups/nosuch/start").statusCode()).isEqualTo(404);
    assertThat(daemon.post("/api/v1/all/signal?signal=CONT").body()).contains("\"name\":\"sleeper\"");
  }

  @Test
  void logPagesWalkBackAndFollow() {
    String tail = daemon.awaitBody("/api/v1/processes/counter/log/stdout?length=100", "line 3000\\n");
    int start = number(tail, "start");
    int size = number(tail, "size");
    assertThat(number(tail, "end")).isEqualTo(size);
    assertThat(size - start).isEqualTo(100);
    String older = daemon.get("/api/v1/processes/counter/log/stdout?before=" + start + "&length=100").body();
    assertThat(number(older, "end")).isEqualTo(start);
    assertThat(number(older, "start")).isEqualTo(start - 100);
    String after = daemon.get("/api/v1/processes/counter/log/stdout?after=" + size).body();
    assertThat(after).isEqualTo("{\"data\":\"\",\"start\":" + size + ",\"end\":" + size + ",\"size\":" + size + "}");
    String first = daemon.get("/api/v1/processes/counter/log/stdout?after=0&length=14").body();
    assertThat(first).startsWith("{\"data\":\"line 1\\nline 2\\n\"");
    assertThat(daemon.get("/api/v1/processes/counter/log/bogus").statusCode()).isEqualTo(400);
  }

  @Test
  void rereadAndUpdateReportTheDiff() {
    assertThat(daemon.post("/api/v1/reread").body()).isEqualTo("{\"added\":[],\"changed\":[],\"removed\":[]}");
    assertThat(daemon.post("/api/v1/update").body()).isEqualTo("{\"added\":[],\"changed\":[],\"removed\":[]}");
    assertThat(daemon.get("/api/v1/supervisor").body())
        .contains("\"statename\":\"RUNNING\"", "\"identification\":\"webtest\"", "\"version\":\"4.2.5\"");
    assertThat(daemon.get("/api/v1/config").body()).contains("\"name\":\"sleeper\"");
  }

  @Test
  void metricsInPrometheusTextFormat() {
    daemon.awaitBody("/api/v1/processes/crash", "FATAL");
    daemon.get("/api/v1/processes/sleeper"); // one counted API call at least
    HttpResponse<String> r = daemon.get("/metrics");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    String m = r.body();
    int sleeperPid = pid(daemon.get("/api/v1/processes/sleeper").body());
    assertThat(m).contains(
        "supervisor4j_process_state{group=\"sleeper\",name=\"sleeper\",state=\"RUNNING\"} 1",
        "supervisor4j_process_state{group=\"crash\",name=\"crash\",state=\"FATAL\"} 1",
        "supervisor4j_process_exits_total{group=\"crash\",name=\"crash\",code=\"3\"} 1",
        "supervisor4j_process_starts_total{group=\"crash\",name=\"crash\"} 1",
        "supervisor4j_rpc_requests_total{method=\"supervisor.getProcessInfo\"}",
        "# TYPE supervisor4j_process_cpu_seconds_total counter");
    assertThat(sleeperPid).isPositive();
    assertThat(m).containsPattern(
        "supervisor4j_process_resident_memory_bytes\\{group=\"sleeper\",name=\"sleeper\"} [1-9]");
    assertThat(m).containsPattern("supervisor4j_process_log_bytes_total\\{group=\"counter\",name=\"counter\","
        + "channel=\"stdout\"} [1-9]\\d{3,}");
    assertThat(m).containsPattern("supervisor4j_process_log_bytes_total\\{group=\"crash\",name=\"crash\","
        + "channel=\"stderr\"} 5");
    assertThat(m).containsPattern("(?m)^supervisor4j_daemon_uptime_seconds \\d+\\.\\d{3}$");
  }

  @Test
  void everyPathNeedsTheCredentials() {
    for (String path : new String[] {"/", "/api/v1/processes", "/metrics", "/app.js", "/api/v1/events"}) {
      HttpResponse<String> none = daemon.send(HttpRequest.newBuilder(java.net.URI.create(daemon.baseUrl() + path))
          .GET().build());
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      HttpResponse<String> wrong = daemon.send(HttpRequest.newBuilder(java.net.URI.create(daemon.baseUrl() + path))
          .header("Authorization", WebDaemon.basic(WebDaemon.USER, "wrong")).GET().build());
      assertThat(wrong.statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void crossSitePostsAreRefused() {
    HttpResponse<String> r = daemon.send(daemon.request("/api/v1/processes/sleeper/stop")
        .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(daemon.get("/api/v1/processes/sleeper").body()).contains("RUNNING");
    HttpResponse<String> same = daemon.send(daemon.request("/api/v1/processes/sleeper/signal?signal=CONT")
        .header("Origin", daemon.baseUrl()).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(same.statusCode()).isEqualTo(200);
  }

  @Test
  void supervisordUrlsKeepWorking() {
    HttpResponse<String> ok = daemon.get("/ok.html");
    assertThat(ok.body()).isEqualTo("OK");
    HttpResponse<String> action = daemon.get("/index.html?processname=pair%3Aright&action=stop");
    assertThat(action.statusCode()).isEqualTo(303);
    assertThat(action.headers().firstValue("Location")).hasValue("/?message=Process+pair%3Aright+stopped");
    assertThat(daemon.get("/api/v1/processes/pair:right").body()).contains("STOPPED");
    assertThat(daemon.get("/index.html?processname=nosuch&action=start").headers().firstValue("Location"))
        .hasValue("/?message=No+such+process+named+nosuch");
    daemon.get("/index.html?processname=pair%3Aright&action=start");
    assertThat(daemon.get("/tail.html?processname=sleeper").headers().firstValue("Location"))
        .hasValue("/#log=sleeper");
    HttpResponse<String> page = daemon.get("/");
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
    assertThat(page.body()).contains("<script src=\"/app.js\"></script>").doesNotContain("http://", "https://");
    assertThat(daemon.get("/app.css").body()).contains("@media (max-width");
    assertThat(daemon.get("/no-such-file").statusCode()).isEqualTo(404);
    HttpResponse<InputStream> tail = daemon.send(daemon.request("/logtail/sleeper").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream()); // still supervisord's endpoint, a stream that never ends
    assertThat(tail.statusCode()).isEqualTo(200);
    try (InputStream ignored = tail.body()) {
      // closing ends the stream
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void stateStreamSendsTheTableThenChanges() throws Exception {
    HttpResponse<InputStream> r = daemon.send(daemon.request("/api/v1/events").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=utf-8");
    try (InputStream in = r.body()) {
      String first = readEvent(in);
      assertThat(first).startsWith("event: state\ndata: {\"now\":").contains("\"namespec\":\"sleeper\"");
      daemon.post("/api/v1/processes/pair:right/stop");
      String next;
      do {
        next = readEvent(in);
      } while (!next.contains("\"name\":\"right\",\"group\":\"pair\",\"start\"") || !rightIs(next, "STOPPED"));
      daemon.post("/api/v1/processes/pair:right/start");
    }
  }

  @Test
  void theStateStreamTimerRunsOnlyWhileSomeoneListens() throws Exception {
    daemon.awaitThread("web-state-strea", false); // another test's stream may still be ending
    HttpResponse<InputStream> r = daemon.send(daemon.request("/api/v1/events").GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      assertThat(readEvent(in)).startsWith("event: state");
      daemon.awaitThread("web-state-strea", true);
    }
    // the stream is dropped at its next write (a change or the keep-alive), the thread a little after
    daemon.post("/api/v1/processes/pair:left/stop");
    daemon.post("/api/v1/processes/pair:left/start");
    daemon.awaitThread("web-state-strea", false);
  }

  private static boolean rightIs(String event, String state) {
    Matcher m = Pattern.compile("\"name\":\"right\",\"group\":\"pair\",[^}]*\"statename\":\"(\\w+)\"").matcher(event);
    return m.find() && m.group(1).equals(state);
  }

  private static String readEvent(InputStream in) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\n\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("stream ended: " + sb);
      }
      sb.append((char) b);
    }
    String s = new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return s.startsWith(":") ? readEvent(in) : s;
  }

  static int pid(String json) {
    return number(json, "pid");
  }

  static int number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?\\d+)").matcher(json);
    assertThat(m.find()).as(key + " in " + json).isTrue();
    return Integer.parseInt(m.group(1));
  }
}

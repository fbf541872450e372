package io.supervisor4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The state stream polls only while a page listens: no thread before the first, no wake-ups after the last. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StateStreamE2ETest {
  private static final String THREAD = "web-state-stream".substring(0, 15); // as comm shows it
  @TempDir Path dir;
  private WebDaemon daemon;

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void pollsOnlyWhileSomeoneListens() throws Exception {
    daemon = WebDaemon.start(dir, """
        [program:sleeper]
        command=sleep 1000
        """);
    daemon.awaitBody("/api/v1/processes/sleeper", "\"statename\":\"RUNNING\"");
    assertThat(wakeups()).as("poll thread before any page").isEmpty();

    try (InputStream in = openStream()) {
      assertThat(readEvent(in)).contains("\"statename\":\"RUNNING\"");
      daemon.post("/api/v1/processes/sleeper/stop");
      awaitEvent(in, "\"statename\":\"STOPPED\"");
    }
    // The server notices the closed stream at its next writes: make changes until the poll thread sleeps for good.
    long deadline = System.nanoTime() + WebDaemon.TIMEOUT.toNanos();
    boolean asleep = false;
    for (int i = 0; !asleep && System.nanoTime() < deadline; i++) {
      daemon.post("/api/v1/processes/sleeper/" + (i % 2 == 0 ? "start" : "stop"));
      OptionalLong before = wakeups();
      WebDaemon.sleep(3 * StateStream.POLL_MILLIS);
      OptionalLong after = wakeups();
      // asleep: the thread did not wake, or it ended (its pool lets it time out after the last stream)
      asleep = after.isEmpty() || after.equals(before);
    }
    assertThat(asleep).as("poll thread idle or gone once the last page left").isTrue();

    // a new page starts the polling again
    daemon.post("/api/v1/processes/sleeper/start");
    daemon.awaitBody("/api/v1/processes/sleeper", "\"statename\":\"RUNNING\"");
    try (InputStream in = openStream()) {
      assertThat(readEvent(in)).contains("\"statename\":\"RUNNING\"");
      daemon.post("/api/v1/processes/sleeper/stop");
      awaitEvent(in, "\"statename\":\"STOPPED\"");
    }
  }

  private InputStream openStream() {
    return daemon.send(daemon.request("/api/v1/events").GET().build(), HttpResponse.BodyHandlers.ofInputStream())
        .body();
  }

  private static void awaitEvent(InputStream in, String text) throws IOException {
    String e;
    do {
      e = readEvent(in);
    } while (!e.contains(text));
  }

  /** Voluntary context switches of the daemon's poll thread, empty while it does not exist. */
  private OptionalLong wakeups() throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(daemon.pid()), "task"))) {
      Optional<Path> task = tasks.filter(t -> read(t.resolve("comm")).strip().equals(THREAD)).findFirst();
      if (task.isEmpty()) {
        return OptionalLong.empty();
      }
      return read(task.get().resolve("status")).lines().filter(l -> l.startsWith("voluntary_ctxt_switches:"))
          .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip())).findFirst();
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }

  private static String readEvent(InputStream in) throws IOException {
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
}

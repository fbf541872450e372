package io.supervisor4j.events;

import static io.supervisor4j.events.Fixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.process.ProcessState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Python listener processes (the test resources, stdlib only) driven by {@link Events} the way the daemon
 * will: one loop thread owns Events, a reader thread per listener hands stdout bytes to the loop, and envelopes
 * go to the listener's stdin pipe.
 */
@Timeout(60)
class RealListenerTest {
  @TempDir Path dir;

  private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "events-loop"));
  private final Map<String, Process> listeners = new ConcurrentHashMap<>();
  private final List<String> sent = new ArrayList<>(); // envelopes as written, loop thread only
  private final TestLog log = new TestLog();
  private final Events events =
      new Events(
          "sup4j",
          log,
          (pool, process, envelope) -> {
            try {
              OutputStream in = listeners.get(process).getOutputStream();
              in.write(envelope);
              in.flush();
              sent.add(new String(envelope, StandardCharsets.UTF_8));
              return ListenerStdin.WriteResult.OK;
            } catch (IOException e) {
              return ListenerStdin.WriteResult.EPIPE;
            }
          });

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : listeners.values()) {
      p.destroy(); // by pid, the processes this test started
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    loop.shutdownNow();
  }

  private void onLoop(Runnable r) throws Exception {
    loop.submit(r).get(10, TimeUnit.SECONDS);
  }

  private static Path listener(String name) throws URISyntaxException {
    return Path.of(RealListenerTest.class.getResource("/events/listeners/" + name).toURI());
  }

  /** Spawns a listener as pool member {@code name} and reports STARTING then RUNNING, as the engine would. */
  private void spawn(String name, String... command) throws Exception {
    spawn(name, new ProcessBuilder(command));
  }

  private void spawn(String name, ProcessBuilder pb) throws Exception {
    Process p = pb.redirectError(dir.resolve(name + ".stderr").toFile()).start();
    listeners.put(name, p);
    onLoop(
        () -> events.onTransition(transition(name, name, ProcessState.STOPPED, ProcessState.STARTING, 0, 0, true)));
    Thread reader =
        Thread.ofPlatform()
            .name("stdout-" + name)
            .daemon(true)
            .start(
                () -> {
                  byte[] buf = new byte[4096];
                  try (InputStream out = p.getInputStream()) {
                    for (int n; (n = out.read(buf)) > 0; ) {
                      byte[] chunk = java.util.Arrays.copyOf(buf, n);
                      loop.execute(() -> events.listenerOutput(name, name, chunk));
                    }
                  } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                    // listener or loop gone: the test is ending
                  }
                });
    onLoop(
        () ->
            events.onTransition(
                transition(name, name, ProcessState.STARTING, ProcessState.RUNNING, (int) p.pid(), 0, true)));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void stateLoggerReceivesEveryEnvelopeAndARejectedOneAgain() throws Exception {
    Path out = dir.resolve("events.txt");
    onLoop(() -> events.addPool(Fixtures.pool("logger", 1, 10, "EVENT")));
    spawn("logger", "/usr/bin/python3", listener("state_logger.py").toString(), out.toString(), "--fail-first", "1");
    onLoop(
        () -> {
          events.groupAdded("web");
          events.remoteCommunication("greeting", "h\u00e9llo \u2713\nsecond line"); // non-ASCII: len in characters
          events.onTransition(transition("web", "web_0", ProcessState.RUNNING, ProcessState.EXITED, 4242, 0, false));
        });
    // the logger's own STARTING and RUNNING (the first one answered FAIL and comes again), then the three above
    await("6 recorded events", () -> lines(out).size() >= 6);
    List<String> recorded = lines(out);
    assertThat(recorded).hasSize(6);
    List<String> expected = new ArrayList<>();
    loop.submit(() -> sent.forEach(e -> expected.add(SupervisordOracleTest.escapeLine(e)))).get();
    assertThat(recorded).containsExactlyElementsOf(expected);
    assertThat(recorded.get(0))
        .startsWith("ver:3.0 server:sup4j serial:0 pool:logger poolserial:0 eventname:PROCESS_STATE_STARTING");
    assertThat(recorded.get(1)).as("redelivered after FAIL").isEqualTo(recorded.get(0));
    assertThat(recorded.get(4))
        .contains("eventname:REMOTE_COMMUNICATION len:33\ttype:greeting\\nh\u00e9llo \u2713\\nsecond line");
    // 33 characters, 36 bytes: the text-mode listener read exactly the payload, so the next event frames right
    assertThat(recorded.get(5)).endsWith("processname:web_0 groupname:web from_state:RUNNING expected:0 pid:4242");
    await("listener READY again", () -> state("logger") == ListenerState.READY);
    assertThat(log.at(io.supervisor4j.log.LogLevel.WARN)).containsExactly("logger: event was rejected");
  }

  @Test
  void crashMailerMailsOnlyUnexpectedExits() throws Exception {
    Path mail = dir.resolve("mail.txt");
    onLoop(() -> events.addPool(Fixtures.pool("crashmail", 1, 10, "PROCESS_STATE_EXITED")));
    spawn("crashmail", "/usr/bin/python3", listener("crashmail.py").toString(), mail.toString());
    onLoop(
        () -> {
          events.onTransition(transition("web", "web_0", ProcessState.RUNNING, ProcessState.EXITED, 11, 0, true));
          events.onTransition(transition("web", "web_1", ProcessState.RUNNING, ProcessState.EXITED, 12, 0, false));
          events.onTransition(transition("cat", "cat", ProcessState.RUNNING, ProcessState.EXITED, 13, 0, false));
        });
    await("two mails", () -> lines(mail).stream().filter(l -> l.startsWith("Subject:")).count() == 2);
    await("all events answered", () -> state("crashmail") == ListenerState.READY && buffered("crashmail") == 0);
    String text = Files.readString(mail);
    assertThat(text).contains("Subject: web:web_1 crashed at ").contains("Subject: cat crashed at ");
    assertThat(text).contains("Process web:web_1 (pid 12) died unexpectedly in state RUNNING");
    assertThat(text).doesNotContain("web_0");
  }

  @Test
  void memoryWatcherKeepsServingWhenTheServerIsUnreachable() throws Exception {
    onLoop(() -> events.addPool(Fixtures.pool("memmon", 1, 10, "TICK_5")));
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", listener("memmon.py").toString(), "1000000");
    pb.environment().put("SUPERVISOR_SERVER_URL", "http://127.0.0.1:9"); // discard port: connection refused
    spawn("memmon", pb);
    onLoop(() -> events.tick(1_000_000_000_000L));
    onLoop(() -> events.tick(1_000_000_005_000L));
    onLoop(() -> events.tick(1_000_000_010_000L));
    await("both ticks answered", () -> state("memmon") == ListenerState.READY && buffered("memmon") == 0);
    assertThat(Files.readString(dir.resolve("memmon.stderr"))).contains("memmon: ").contains("refused");
    assertThat(log.at(io.supervisor4j.log.LogLevel.WARN)).isEmpty();
  }

  private ListenerState state(String name) {
    try {
      return loop.submit(() -> events.listenerState(name, name).orElseThrow()).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private int buffered(String name) {
    try {
      return loop.submit(() -> events.buffered(name).size()).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

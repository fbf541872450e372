package io.supervisor4j.web;

import io.supervisor4j.daemon.SupervisordMain;
import io.supervisor4j.spawn.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * supervisor4j in its own JVM with an {@code [inet_http_server]} on 127.0.0.1, a free port and Basic auth, for the
 * web tests. {@link #close()} stops it with SIGTERM (its children with it) and kills it if it hangs.
 */
final class WebDaemon implements AutoCloseable {
  static final String USER = "admin";
  static final String PASSWORD = "s3cret-pw";
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final Path dir;
  private final int port;
  private final Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private WebDaemon(Path dir, String programs) throws IOException {
    this.dir = dir;
    this.port = freePort();
    Path conf = dir.resolve("supervisord.conf");
    Files.writeString(conf, """
        [supervisord]
        logfile=%1$s/supervisord.log
        pidfile=%1$s/supervisord.pid
        childlogdir=%1$s
        identifier=webtest

        [inet_http_server]
        port=127.0.0.1:%2$d
        username=%3$s
        password=%4$s

        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

        """.formatted(dir, port, USER, PASSWORD) + programs);
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), SupervisordMain.class.getName(), "-c", conf.toString(), "-n");
    process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("daemon.stdout").toFile())
        .redirectError(dir.resolve("daemon.stderr").toFile())
        .start();
    awaitListening();
  }

  static WebDaemon start(Path dir, String programs) {
    try {
      return new WebDaemon(dir, programs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  Path dir() {
    return dir;
  }

  /** A request to {@code path} with the right credentials. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(TIMEOUT)
        .header("Authorization", basic(USER, PASSWORD));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /** Polls {@code path} until its body contains {@code text}; returns that body. */
  String awaitBody(String path, String text) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String body = "";
    while (System.nanoTime() < deadline) {
      body = get(path).body();
      if (body.contains(text)) {
        return body;
      }
      sleep(100);
    }
    throw new AssertionError("timed out waiting for " + text + " in " + path + "; last body: " + body);
  }

  /** Whether the daemon has a thread whose name starts with {@code prefix} (Linux keeps 15 characters of it). */
  boolean hasThread(String prefix) {
    try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      return tasks.anyMatch(t -> read(t.resolve("comm")).strip().startsWith(prefix));
    } catch (IOException e) {
      return false;
    }
  }

  /** Polls until the daemon has (or no longer has) a thread named {@code prefix...}. */
  void awaitThread(String prefix, boolean present) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (hasThread(prefix) != present) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("thread " + prefix + (present ? " did not start" : " did not end"));
      }
      sleep(100);
    }
  }

  String mainLog() {
    try {
      return Files.readString(dir.resolve("supervisord.log"));
    } catch (IOException e) {
      return "(no main log)";
    }
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new AssertionError("daemon exited: " + read(dir.resolve("daemon.stderr")));
        }
        sleep(50);
      }
    }
    throw new AssertionError("daemon did not listen on " + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    http.close();
    if (!process.isAlive()) {
      return;
    }
    Signals.kill((int) process.pid(), 15);
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        Signals.kill((int) process.pid(), 9);
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("daemon did not stop after SIGTERM");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

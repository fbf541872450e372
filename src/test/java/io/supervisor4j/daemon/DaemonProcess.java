package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.spawn.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A supervisor4j daemon running as a separate JVM from the test class path, observed through its main log, the files
 * its children write and /proc. Every process it starts inherits a unique marker in its environment, so
 * {@link #close()} can find and kill anything that survived (the daemon, children, grandchildren) and fail the test.
 *
 * <p>{@link #rpc()} talks to the daemon's XML-RPC server configured by {@link #header}.
 */
final class DaemonProcess implements AutoCloseable {
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;
  static final int SIGHUP = 1;
  static final int SIGUSR2 = 12;
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern SPAWNED = Pattern.compile("spawned: '([^']+)' with pid (\\d+)");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

  private final Path dir;
  private final Path config;
  private final String marker = "s4j-e2e-" + UUID.randomUUID();
  private Process process;
  /** The daemon once a detached launcher handed over to it (read from the pidfile); else the started JVM. */
  private long detachedPid = -1;

  private DaemonProcess(Path dir, Path config) {
    this.dir = dir;
    this.config = config;
  }

  /**
   * The sections every test uses: {@code [supervisord]} with logs and pidfile in {@code dir}, the XML-RPC server on
   * {@code dir/supervisor.sock} with supervisord's API, and {@code [supervisorctl]} pointing at it.
   */
  static String header(Path dir) {
    return """
        [supervisord]
        logfile=%1$s/supervisord.log
        pidfile=%1$s/supervisord.pid
        childlogdir=%1$s
        identifier=e2e
        loglevel=info

        [unix_http_server]
        file=%1$s/supervisor.sock

        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

        [supervisorctl]
        serverurl=unix://%1$s/supervisor.sock

        """.formatted(dir);
  }

  /**
   * {@link #header} with {@code descriptions=supervisord}: for the differential tests, which compare descriptions
   * with the real supervisord's (which ignores the key).
   */
  static String differentialHeader(Path dir) {
    return header(dir).replace("[supervisord]\n", "[supervisord]\ndescriptions=supervisord\n");
  }

  /** Writes {@code supervisord.conf} in {@code dir}: the {@link #differentialHeader} followed by {@code sections}. */
  static Path writeDifferentialConfig(Path dir, String sections) {
    return write(dir, differentialHeader(dir) + sections);
  }

  /** A daemon in the foreground for {@code sections} under the {@link #differentialHeader}; not started yet. */
  static DaemonProcess differential(Path dir, String sections) {
    return new DaemonProcess(dir, writeDifferentialConfig(dir, sections));
  }

  Path socket() {
    return dir.resolve("supervisor.sock");
  }

  /** A client on the daemon's unix socket; waits until the socket accepts calls. Close it after use. */
  RpcClient rpc() {
    await("the XML-RPC socket " + socket(), TIMEOUT, () -> Files.exists(socket()) || !daemonAlive());
    return RpcClient.create("unix://" + socket());
  }

  /** Writes {@code supervisord.conf} in {@code dir}: the standard header followed by {@code sections}. */
  static Path writeConfig(Path dir, String sections) {
    return write(dir, header(dir) + sections);
  }

  private static Path write(Path dir, String text) {
    Path file = dir.resolve("supervisord.conf");
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A daemon in the foreground ({@code -n}) for {@code sections}; not started yet. */
  static DaemonProcess of(Path dir, String sections) {
    return new DaemonProcess(dir, writeConfig(dir, sections));
  }

  /** Starts the daemon with {@code args} after {@code -c <conf>}; {@code -n} is not implied. */
  DaemonProcess start(String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-cp", System.getProperty("java.class.path"), SupervisordMain.class.getName(), "-c", config.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("daemon.stdout").toFile())
        .redirectError(dir.resolve("daemon.stderr").toFile());
    pb.environment().put("_JAVA_SR_SIGNUM", "40");
    pb.environment().put("S4J_E2E_MARKER", marker);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Starts in the foreground, as every test but the detaching one does. */
  DaemonProcess startForeground() {
    return start("-n");
  }

  Path config() {
    return config;
  }

  Path dir() {
    return dir;
  }

  Path mainLog() {
    return dir.resolve("supervisord.log");
  }

  long pid() {
    return detachedPid > 0 ? detachedPid : process.pid();
  }

  /** After a launcher without {@code -n} returned: follow the daemon named by the pidfile from now on. */
  long followDetached() {
    try {
      detachedPid = Long.parseLong(Files.readString(dir.resolve("supervisord.pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return detachedPid;
  }

  boolean daemonAlive() {
    return detachedPid > 0 ? ProcScan.alive(detachedPid) : process.isAlive();
  }

  Process process() {
    return process;
  }

  List<String> logLines() {
    try {
      return Files.exists(mainLog()) ? Files.readAllLines(mainLog(), StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first main-log line matching {@code regex} (searched with find); fails after {@code timeout}. */
  String awaitLogLine(String regex, Duration timeout) {
    return awaitLogLines(regex, 1, timeout).getFirst();
  }

  String awaitLogLine(String regex) {
    return awaitLogLine(regex, TIMEOUT);
  }

  /** The first {@code count} main-log lines matching {@code regex}. */
  List<String> awaitLogLines(String regex, int count, Duration timeout) {
    Pattern p = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> hits = logLines().stream().filter(l -> p.matcher(l).find()).toList();
      if (hits.size() >= count) {
        return hits.subList(0, count);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + count + " log line(s) matching /" + regex
            + "/; main log:\n" + String.join("\n", logLines()) + "\nstderr:\n" + read(dir.resolve("daemon.stderr")));
      }
      if (!daemonAlive() && count > 0) {
        // one last read: the line may have been written just before exiting
        if (logLines().stream().filter(l -> p.matcher(l).find()).count() < count) {
          throw new AssertionError("daemon exited before /" + regex + "/; main log:\n"
              + String.join("\n", logLines()) + "\nstderr:\n" + read(dir.resolve("daemon.stderr")));
        }
      }
      sleep(20);
    }
  }

  /** Lines matching {@code regex} right now. */
  List<String> linesMatching(String regex) {
    Pattern p = Pattern.compile(regex);
    return logLines().stream().filter(l -> p.matcher(l).find()).toList();
  }

  /** The pid of the latest {@code spawned: 'name'} line; waits for one. */
  int pidOf(String name) {
    awaitLogLine("spawned: '" + Pattern.quote(name) + "' with pid");
    return pidsOf(name).getLast();
  }

  /** Every pid {@code name} was spawned with, in order. */
  List<Integer> pidsOf(String name) {
    List<Integer> pids = new ArrayList<>();
    for (String line : logLines()) {
      Matcher m = SPAWNED.matcher(line);
      if (m.find() && m.group(1).equals(name)) {
        pids.add(Integer.parseInt(m.group(2)));
      }
    }
    return pids;
  }

  /** The timestamp at the start of a main-log line. */
  static LocalDateTime timeOf(String line) {
    return LocalDateTime.parse(line.substring(0, 23), STAMP);
  }

  void signal(int sig) {
    Signals.kill((int) pid(), sig);
  }

  /** SIGTERM, then waits; SIGKILL as a last resort. Returns the exit status. */
  int stop() {
    if (process == null) {
      return -1;
    }
    if (daemonAlive()) {
      signal(SIGTERM);
    }
    if (detachedPid > 0) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (ProcScan.alive(detachedPid)) {
        if (System.nanoTime() > deadline) {
          Signals.kill((int) detachedPid, SIGKILL);
          throw new AssertionError("detached daemon did not stop within " + TIMEOUT + " after SIGTERM");
        }
        sleep(20);
      }
      return 0; // not our child: its exit status is not observable
    }
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        Signals.kill((int) pid(), SIGKILL);
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("daemon did not stop within " + TIMEOUT + " after SIGTERM");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the daemon to exit by itself. */
  int awaitExit() {
    try {
      assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("daemon exited").isTrue();
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  String stdout() {
    return read(dir.resolve("daemon.stdout"));
  }

  String stderr() {
    return read(dir.resolve("daemon.stderr"));
  }

  /** Processes still carrying this daemon's marker (the daemon itself, its children, their children). */
  List<Long> survivors() {
    return ProcScan.withEnvironmentEntry("S4J_E2E_MARKER=" + marker);
  }

  /** Stops the daemon, then kills every survivor by pid and fails if there was one. */
  @Override
  public void close() {
    AssertionError failure = null;
    try {
      stop();
    } catch (AssertionError e) {
      failure = e;
    }
    List<Long> left = List.of();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    // orphans killed with their group may take a moment to be reaped by init
    while (System.nanoTime() < deadline && !(left = survivors()).isEmpty()) {
      sleep(50);
    }
    for (long pid : left) {
      try {
        Signals.kill((int) pid, SIGKILL);
      } catch (RuntimeException e) {
        // already gone
      }
    }
    if (!left.isEmpty()) {
      AssertionError e = new AssertionError("processes survived the daemon: " + left);
      if (failure != null) {
        e.addSuppressed(failure);
      }
      throw e;
    }
    if (failure != null) {
      throw failure;
    }
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** Polls {@code condition} until true or {@code timeout}. */
  static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      sleep(20);
    }
  }
}

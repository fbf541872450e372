package io.supervisor4j.daemon;

import io.supervisor4j.spawn.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real supervisord 4.2.5 ({@code /usr/bin/supervisord -n -c conf}) for differential tests, with the same
 * survivor scan as {@link DaemonProcess}: everything it starts carries a marker, and {@link #close()} kills what is
 * left by pid.
 */
final class RealSupervisord implements AutoCloseable {
  static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");
  static final Path SUPERVISORCTL = Path.of("/usr/bin/supervisorctl");
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private final String marker = "s4j-real-" + UUID.randomUUID();
  private final Process process;

  RealSupervisord(Path dir, Path config) {
    ProcessBuilder pb = new ProcessBuilder(SUPERVISORD.toString(), "-n", "-c", config.toString())
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("daemon.stdout").toFile())
        .redirectError(dir.resolve("daemon.stderr").toFile());
    pb.environment().put("S4J_E2E_MARKER", marker);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path socket = dir.resolve("supervisor.sock");
    DaemonProcess.await("real supervisord's socket", DaemonProcess.TIMEOUT,
        () -> Files.exists(socket) || !process.isAlive());
  }

  static boolean installed() {
    return Files.isExecutable(SUPERVISORD) && Files.isExecutable(SUPERVISORCTL) && Files.isExecutable(PYTHON);
  }

  long pid() {
    return process.pid();
  }

  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("real supervisord did not exit within " + timeout);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      Signals.kill((int) process.pid(), DaemonProcess.SIGTERM);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        Signals.kill((int) process.pid(), DaemonProcess.SIGKILL);
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
    List<Long> left = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline && !(left = ProcScan.withEnvironmentEntry("S4J_E2E_MARKER=" + marker))
        .isEmpty()) {
      Thread.sleep(50);
    }
    for (long pid : left) {
      try {
        Signals.kill((int) pid, DaemonProcess.SIGKILL);
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }

  /** Runs a command to completion with a deadline; returns exit status and combined output. */
  static Result run(Path dir, Duration timeout, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "run", ".out");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(command + " did not finish within " + timeout + "; output:\n" + Files.readString(out));
    }
    return new Result(p.exitValue(), Files.readString(out));
  }

  record Result(int status, String output) {}
}

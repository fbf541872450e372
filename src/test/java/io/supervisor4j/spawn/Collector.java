package io.supervisor4j.spawn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A ChildListener that keeps everything, for tests. */
final class Collector implements ChildListener {
  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  final CompletableFuture<Integer> exit = new CompletableFuture<>();
  final CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();
  final CompletableFuture<Void> stderrClosed = new CompletableFuture<>();
  volatile long outputAfterExit;

  @Override
  public synchronized void onOutput(Channel channel, ChildOutput output) {
    (channel == Channel.STDOUT ? stdout : stderr).write(output.array(), 0, output.length());
    if (exit.isDone()) {
      outputAfterExit += output.length();
    }
  }

  @Override
  public void onChannelClosed(Channel channel) {
    (channel == Channel.STDOUT ? stdoutClosed : stderrClosed).complete(null);
  }

  @Override
  public void onExit(int pid, int waitStatus) {
    exit.complete(waitStatus);
  }

  int awaitExit() throws Exception {
    return exit.get(30, TimeUnit.SECONDS);
  }

  /** Waits for exit and EOF on every channel the child has. */
  Collector awaitAll(SpawnedChild child, boolean hasStderr) throws Exception {
    awaitExit();
    stdoutClosed.get(30, TimeUnit.SECONDS);
    if (hasStderr) {
      stderrClosed.get(30, TimeUnit.SECONDS);
    }
    return this;
  }

  synchronized String out() {
    return stdout.toString(StandardCharsets.UTF_8);
  }

  synchronized String err() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  static final Duration TIMEOUT = Duration.ofSeconds(30);
}

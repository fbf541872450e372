package io.supervisor4j.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.SignalNames;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A child that outruns the watcher gets a 1 MiB pipe and 1 MiB reads; quiet children keep the default pipe. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipeGrowthTest {
  static Spawner spawner;
  static ChildWatcher watcher;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spawner = new Spawner();
    watcher = new ChildWatcher((pid, status) -> {}, Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    watcher.close();
    spawner.close();
  }

  private static SpawnSpec sh(String script) {
    return SpawnSpec.of("test", Path.of("/bin/sh"), List.of("/bin/sh", "-c", script), List.of("PATH=/usr/bin:/bin"));
  }

  private static int defaultPipeSize() {
    int[] fds = Libc.pipe2(Libc.O_CLOEXEC);
    try {
      return Libc.fcntl(fds[0], Libc.F_GETPIPE_SZ, 0);
    } finally {
      Libc.close(fds[0]);
      Libc.close(fds[1]);
    }
  }

  @Test
  void aFastWritersPipeGrowsToOneMebibyteAndAQuietOneKeepsItsSize() throws Exception {
    // 64 KiB writes fill the default pipe at once, so a read finds it full; 5000 bytes on stderr do not (but are
    // more than a page, so the watcher asks the pipe's size). Then both pipes stay open (sleep).
    SpawnedChild child = spawner.spawn(
        sh("dd if=/dev/zero bs=65536 count=128 2>/dev/null; head -c 5000 /dev/zero >&2; exec sleep 600"));
    Collector c = new Collector();
    watcher.watch(child, c);
    try {
      ProcFs.await("8 MiB on stdout and 5000 bytes on stderr",
          () -> c.stdout.size() == 8 << 20 && c.stderr.size() == 5000);
      assertThat(Libc.fcntl(child.stdoutFd(), Libc.F_GETPIPE_SZ, 0)).isEqualTo(ChildWatcher.FAST_PIPE_SIZE);
      assertThat(Libc.fcntl(child.stderrFd(), Libc.F_GETPIPE_SZ, 0)).isEqualTo(defaultPipeSize()).isEqualTo(65536);
      assertThat(watcher.readCapacity()).isEqualTo(ChildWatcher.FAST_PIPE_SIZE);
    } finally {
      child.signal(SignalNames.SIGKILL);
    }
    c.awaitAll(child, true);
    ProcFs.await("the 1 MiB read buffer given back with the grown pipe",
        () -> watcher.readCapacity() == ChildWatcher.READ_SIZE);
  }

  @Test
  void aGrownPipeIsReadInLargerChunksLentAsANativeViewAndAnArrayOfTheSameBytes() throws Exception {
    byte[] data = new byte[4 << 20];
    new Random(7).nextBytes(data);
    Path file = tmp.resolve("data");
    Files.write(file, data);
    ViewCollector c = new ViewCollector();
    SpawnedChild child = spawner.spawn(sh("dd if=" + file + " bs=65536 2>/dev/null"));
    watcher.watch(child, c);
    c.closed.get(60, TimeUnit.SECONDS);
    synchronized (c) {
      assertThat(c.problems).isEmpty();
      assertThat(c.out.toByteArray()).isEqualTo(data);
      // the second call waited long enough for dd to fill the grown pipe: the next read took more than 128 KiB
      assertThat(c.largest).isGreaterThan(ChildWatcher.READ_SIZE).isLessThanOrEqualTo(ChildWatcher.FAST_PIPE_SIZE);
    }
  }

  @Test
  void anUnprivilegedDaemonGrowsPipesWithinAQuarterOfItsPipeQuota() {
    assertThat(ChildWatcher.growBudget(1000, 16384)).isEqualTo(4096); // 16 pipes of 1 MiB
    assertThat(ChildWatcher.growBudget(0, 16384)).isEqualTo(Long.MAX_VALUE); // root is not limited
    assertThat(ChildWatcher.growBudget(1000, 0)).isEqualTo(Long.MAX_VALUE); // no soft limit
  }

  /** Takes stdout through {@link ChildOutput#buffer()} and checks it against {@link ChildOutput#array()}. */
  private static final class ViewCollector implements ChildListener {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    final StringBuilder problems = new StringBuilder();
    int calls;
    int largest;

    @Override
    public synchronized void onOutput(Channel channel, ChildOutput output) {
      ByteBuffer view = output.buffer();
      if (!view.isDirect() || !view.isReadOnly() || view.position() != 0 || view.remaining() != output.length()) {
        problems.append("bad view ").append(view).append('\n');
      }
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      if (!Arrays.equals(bytes, 0, bytes.length, output.array(), 0, output.length())) {
        problems.append("array differs from view in call ").append(calls).append('\n');
      }
      out.write(bytes, 0, bytes.length);
      largest = Math.max(largest, output.length());
      if (++calls == 2) {
        try {
          Thread.sleep(1000); // the watcher is blocked here: dd fills the pipe, grown after the first full read
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public void onChannelClosed(Channel channel) {
      if (channel == Channel.STDOUT) {
        closed.complete(null);
      }
    }

    @Override
    public void onExit(int pid, int waitStatus) {}
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.ConfigLoader;
import io.supervisor4j.config.Configuration;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.log.LogLevel;
import io.supervisor4j.log.MainLog;
import io.supervisor4j.log.OutputChannel;
import io.supervisor4j.spawn.Channel;
import io.supervisor4j.spawn.ChildListener;
import io.supervisor4j.spawn.ChildOutput;
import io.supervisor4j.spawn.ChildWatcher;
import io.supervisor4j.spawn.SpawnSpec;
import io.supervisor4j.spawn.Spawner;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fast writer's grown pipe yields reads of up to 1 MiB; every route but the plain one still sees supervisord's
 * chunks of at most 128 KiB (PROCESS_LOG events, ANSI stripping), and the bytes are the same.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChannelRouteTest {
  private static final int SUPERVISORD_READ = 128 * 1024;

  @TempDir Path dir;
  private Spawner spawner;
  private ChildWatcher watcher;
  private final List<byte[]> events = new CopyOnWriteArrayList<>();

  private final OutputEvents recorder = new OutputEvents() {
    @Override
    public boolean isListener(String group) {
      return false;
    }

    @Override
    public void listenerOutput(String group, String process, byte[] data) {}

    @Override
    public void processLog(String group, String process, int pid, OutputChannel channel, byte[] data) {
      events.add(data);
    }

    @Override
    public void processCommunication(String group, String process, int pid, OutputChannel channel, byte[] data) {}
  };

  @BeforeEach
  void start() {
    spawner = new Spawner();
    watcher = new ChildWatcher((pid, status) -> {});
  }

  @AfterEach
  void stop() {
    watcher.close();
    spawner.close();
  }

  /** 6 MiB of lines, coloured every few lines, written by dd in 64 KiB blocks: fast enough to grow its pipe. */
  private byte[] writeData() throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 6 << 20; i++) {
      sb.append(i % 7 == 0 ? "\u001b[1;31m" : "").append("line ").append(i).append(i % 7 == 0 ? "\u001b[0m\n" : "\n");
    }
    byte[] data = sb.toString().getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve("data"), data);
    return data;
  }

  private ProcessOutputs outputs(String options, boolean stripAnsi) throws Exception {
    Path file = dir.resolve("supervisord.conf");
    Files.writeString(file, DaemonProcess.header(dir) + """
        [program:fast]
        command=/bin/true
        stdout_logfile=%s
        %s
        """.formatted(dir.resolve("fast.log"), options));
    Configuration config = ConfigLoader.load(file, Map.of());
    ProcessConfig process = config.groups().getFirst().processes().getFirst();
    return new ProcessOutputs(process, dir, "test", stripAnsi, MainLog.stderr(LogLevel.INFO));
  }

  /** Runs dd on the data file, feeding its stdout to the route; returns the largest read. */
  private int run(ChannelRoute route) throws Exception {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    int[] largest = {0};
    var child = spawner.spawn(SpawnSpec.of("fast", Path.of("/bin/dd"),
        List.of("/bin/dd", "if=" + dir.resolve("data"), "bs=65536", "status=none"), List.of()));
    watcher.watch(child, new ChildListener() {
      private int calls;

      @Override
      public void onOutput(Channel channel, ChildOutput output) {
        if (channel == Channel.STDOUT) {
          largest[0] = Math.max(largest[0], output.length());
          route.write(output);
          if (++calls == 2) {
            sleep(); // dd fills the pipe grown after the first full read: the next read is large
          }
        }
      }

      @Override
      public void onChannelClosed(Channel channel) {
        if (channel == Channel.STDOUT) {
          route.eof();
          closed.complete(null);
        }
      }

      @Override
      public void onExit(int pid, int waitStatus) {}
    });
    closed.get(60, TimeUnit.SECONDS);
    return largest[0];
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void processLogEventsComeInSupervisordsChunksFromALargeRead() throws Exception {
    byte[] data = writeData();
    try (ProcessOutputs outputs = outputs("stdout_events_enabled=true", false)) {
      int largest = run(ChannelRoute.stdout("fast", 1, outputs, recorder));
      assertThat(largest).isGreaterThan(SUPERVISORD_READ);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] event : events) {
      assertThat(event.length).isPositive().isLessThanOrEqualTo(SUPERVISORD_READ);
      all.write(event);
    }
    assertThat(all.toByteArray()).isEqualTo(data);
    assertThat(Files.readAllBytes(dir.resolve("fast.log"))).isEqualTo(data);
  }

  @Test
  void stripAnsiSeesEveryByteOfALargeReadWhateverThePieces() throws Exception {
    byte[] data = writeData();
    try (ProcessOutputs outputs = outputs("", true)) {
      int largest = run(ChannelRoute.stdout("fast", 1, outputs, recorder));
      assertThat(largest).isGreaterThan(SUPERVISORD_READ);
    }
    String stripped = new String(data, StandardCharsets.US_ASCII).replace("\u001b[1;31m", "").replace("\u001b[0m", "");
    assertThat(Files.readString(dir.resolve("fast.log"), StandardCharsets.US_ASCII)).isEqualTo(stripped);
    assertThat(events).isEmpty();
  }

  @Test
  void thePlainRouteWritesALargeReadWhole() throws Exception {
    byte[] data = writeData();
    try (ProcessOutputs outputs = outputs("", false)) {
      assertThat(outputs.stdout().writesDirectly()).isTrue();
      int largest = run(ChannelRoute.stdout("fast", 1, outputs, recorder));
      assertThat(largest).isGreaterThan(SUPERVISORD_READ);
      assertThat(outputs.stdout().bytesWritten()).isEqualTo(data.length);
      List<String> lines = new String(data, StandardCharsets.US_ASCII).lines().toList();
      assertThat(outputs.stdout().tailLines()).isEqualTo(lines.subList(lines.size() - 20, lines.size()));
    }
    assertThat(Files.readAllBytes(dir.resolve("fast.log"))).isEqualTo(data);
  }
}

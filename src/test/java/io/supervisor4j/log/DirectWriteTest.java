package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.LogFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChannelLog#write(ByteBuffer)}, the watcher's no-copy path, against the byte[] path it must equal: the same
 * file, rotations, tail and counts, whatever the chunk sizes.
 */
@Timeout(60)
class DirectWriteTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream mainOut = new ByteArrayOutputStream();

  private MainLog mainLog(LogLevel level) {
    MainLog log = MainLog.pending();
    log.configure(level, Optional.<OutputStream>of(mainOut), Optional.empty(), Optional.empty(), 0, 0);
    return log;
  }

  private ChannelLog open(Path file, long maxbytes, int backups) {
    return ChannelLog.open("x", OutputChannel.STDOUT,
        new ChannelLogConfig(LogFile.file(file), maxbytes, backups, 0, false, false), Optional.empty(), false,
        mainLog(LogLevel.INFO));
  }

  /** Numbered lines of random letters and lengths, so that chunk edges fall anywhere and no byte repeats a run. */
  private static byte[] text(int size, long seed) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder(size + 200);
    for (int i = 0; sb.length() < size; i++) {
      sb.append("line ").append(i).append(' ');
      for (int n = random.nextInt(150); n > 0; n--) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      sb.append('\n');
    }
    return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  private static List<Integer> chunkSizes(int total, long seed) {
    Random random = new Random(seed);
    List<Integer> chunks = new ArrayList<>();
    int[] small = {1, 7, 100, 1000, 2500, 4095};
    int[] large = {4096, 4097, 65536, 200_000, 1 << 20};
    for (int left = total; left > 0; ) {
      int[] sizes = random.nextInt(10) < 8 ? small : large; // many small chunks wrap around the ring
      int n = Math.min(left, sizes[random.nextInt(sizes.length)]);
      chunks.add(n);
      left -= n;
    }
    return chunks;
  }

  @Test
  void theTailRingTakesTheSameBytesFromABufferAsFromAnArray() {
    byte[] data = text(4 << 20, 1);
    TailRing fromArrays = new TailRing();
    TailRing fromBuffers = new TailRing();
    int at = 0;
    for (int n : chunkSizes(data.length, 2)) {
      fromArrays.add(data, at, n);
      ByteBuffer view = ByteBuffer.wrap(data).slice(at, n).asReadOnlyBuffer();
      fromBuffers.add(view);
      assertThat(view.remaining()).as("the ring leaves the buffer unconsumed").isEqualTo(n);
      assertThat(fromBuffers.lines()).isEqualTo(fromArrays.lines());
      at += n;
    }
    assertThat(fromBuffers.lines()).hasSize(TailRing.MAX_LINES);
  }

  @Test
  void aDirectBufferIsLoggedLikeTheSameBytesInAnArray() throws IOException {
    byte[] data = text(5 << 20, 3);
    Path viaArrays = dir.resolve("arrays.log");
    Path viaBuffers = dir.resolve("buffers.log");
    try (ChannelLog arrays = open(viaArrays, 0, 0);
        ChannelLog buffers = open(viaBuffers, 0, 0);
        Arena arena = Arena.ofConfined()) {
      assertThat(buffers.writesDirectly()).isTrue();
      MemorySegment memory = arena.allocate(data.length);
      MemorySegment.copy(data, 0, memory, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, data.length);
      ByteBuffer native_ = memory.asByteBuffer().asReadOnlyBuffer();
      int at = 0;
      for (int n : chunkSizes(data.length, 4)) {
        arrays.write(data, at, n);
        ByteBuffer chunk = native_.slice(at, n);
        buffers.write(chunk);
        assertThat(chunk.hasRemaining()).as("consumed").isFalse();
        at += n;
      }
      assertThat(buffers.bytesWritten()).isEqualTo(arrays.bytesWritten()).isEqualTo(data.length);
      assertThat(buffers.tailLines()).isEqualTo(arrays.tailLines()).hasSize(TailRing.MAX_LINES);
    }
    assertThat(Files.readAllBytes(viaBuffers)).isEqualTo(data);
    assertThat(Files.readAllBytes(viaArrays)).isEqualTo(data);
  }

  @Test
  void aLargeBufferRotatesAsTheDefaultPipesChunksDid() throws IOException {
    // Before pipes grew, a 1 MiB burst came as 64 KiB reads, each write followed by the rotation check: with
    // maxbytes 150000, files of 3 such writes (128 KiB pieces would make 2, whole chunks 1 MiB).
    byte[] data = text(3 << 20, 5);
    Path arraysDir = Files.createDirectory(dir.resolve("arrays"));
    Path buffersDir = Files.createDirectory(dir.resolve("buffers"));
    try (ChannelLog arrays = open(arraysDir.resolve("x.log"), 150_000, 100);
        ChannelLog buffers = open(buffersDir.resolve("x.log"), 150_000, 100)) {
      for (int at = 0; at < data.length; at += 64 * 1024) {
        arrays.write(data, at, Math.min(64 * 1024, data.length - at));
      }
      for (int at = 0; at < data.length; at += 1 << 20) {
        buffers.write(ByteBuffer.allocateDirect(1 << 20).put(0, data, at, 1 << 20));
      }
    }
    Map<String, Long> rotated = sizes(buffersDir);
    assertThat(rotated).hasSizeGreaterThan(10).isEqualTo(sizes(arraysDir));
    assertThat(rotated.values()).allMatch(size -> size <= 3 * 64 * 1024);
    assertThat(Files.readAllBytes(buffersDir.resolve("x.log.1")))
        .isEqualTo(Files.readAllBytes(arraysDir.resolve("x.log.1")));
  }

  @Test
  void stripAnsiSyslogAndDebugTakeTheCopyingPathWithTheSameResult() throws IOException {
    Path file = dir.resolve("x.log");
    List<String> syslog = new ArrayList<>();
    try (ChannelLog log = new ChannelLog("x", OutputChannel.STDERR, Optional.of(RotatingFile.open(file, 0, 0)),
        Optional.<Consumer<String>>of(syslog::add), true, mainLog(LogLevel.DEBG))) {
      assertThat(log.writesDirectly()).isFalse();
      log.write(ByteBuffer.allocateDirect(16).put("a\u001b[1".getBytes(StandardCharsets.US_ASCII)).flip());
      ByteBuffer rest = ByteBuffer.wrap(";31mb\n".getBytes(StandardCharsets.US_ASCII));
      log.write(rest);
      assertThat(rest.hasRemaining()).isFalse();
      assertThat(log.tailLines()).containsExactly("ab");
      assertThat(log.bytesWritten()).isEqualTo(3);
    }
    assertThat(Files.readString(file)).isEqualTo("ab\n");
    assertThat(syslog).containsExactly("x a", "x b");
    assertThat(mainOut.toString(StandardCharsets.UTF_8)).contains(" DEBG 'x' stderr output:\nb\n\n");
  }

  @Test
  void eachOfStripAnsiSyslogAndDebugAloneDisablesTheDirectPath() {
    try (ChannelLog strip = new ChannelLog("x", OutputChannel.STDOUT, Optional.empty(), Optional.empty(), true,
            mainLog(LogLevel.INFO));
        ChannelLog syslog = new ChannelLog("x", OutputChannel.STDOUT, Optional.empty(),
            Optional.<Consumer<String>>of(line -> {}), false, mainLog(LogLevel.INFO));
        ChannelLog debug = new ChannelLog("x", OutputChannel.STDOUT, Optional.empty(), Optional.empty(), false,
            mainLog(LogLevel.DEBG));
        ChannelLog plain = new ChannelLog("x", OutputChannel.STDOUT, Optional.empty(), Optional.empty(), false,
            mainLog(LogLevel.INFO))) {
      assertThat(List.of(strip, syslog, debug)).noneMatch(ChannelLog::writesDirectly);
      assertThat(plain.writesDirectly()).isTrue();
      plain.write(ByteBuffer.wrap("no file\n".getBytes(StandardCharsets.US_ASCII)));
      assertThat(plain.tailLines()).containsExactly("no file");
    }
  }

  private static Map<String, Long> sizes(Path directory) throws IOException {
    Map<String, Long> sizes = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path f : files.toList()) {
        sizes.put(f.getFileName().toString(), Files.size(f));
      }
    }
    return sizes;
  }
}

package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class RotatingFileTest {
  @TempDir Path dir;

  @Test
  void aLargeChunkRotatesWholeAsSupervisordDoes() throws IOException {
    Path log = dir.resolve("rot.log");
    try (RotatingFile f = RotatingFile.open(log, 200, 3)) {
      f.write(new byte[1000], 0, 1000);
    }
    assertThat(Files.size(dir.resolve("rot.log.1"))).isEqualTo(1000);
    assertThat(Files.size(log)).isZero();
    assertThat(dir.resolve("rot.log.2")).doesNotExist();
  }

  @Test
  void rotatesWhenTheSizeReachesMaxbytesExactly() throws IOException {
    Path log = dir.resolve("a.log");
    try (RotatingFile f = RotatingFile.open(log, 10, 2)) {
      f.write(bytes("123456789"));
      assertThat(dir.resolve("a.log.1")).doesNotExist();
      f.write(bytes("0"));
      assertThat(Files.readString(dir.resolve("a.log.1"))).isEqualTo("1234567890");
      assertThat(Files.size(log)).isZero();
    }
  }

  @Test
  void backupsShiftAndTheOldestIsDropped() throws IOException {
    Path log = dir.resolve("a.log");
    try (RotatingFile f = RotatingFile.open(log, 10, 2)) {
      for (String chunk : List.of("AAAAAAAAAA", "BBBBBBBBBB", "CCCCCCCCCC", "DDDDD")) {
        f.write(bytes(chunk));
      }
    }
    assertThat(Files.readString(log)).isEqualTo("DDDDD");
    assertThat(Files.readString(dir.resolve("a.log.1"))).isEqualTo("CCCCCCCCCC");
    assertThat(Files.readString(dir.resolve("a.log.2"))).isEqualTo("BBBBBBBBBB");
    assertThat(dir.resolve("a.log.3")).doesNotExist();
  }

  @Test
  void noBackupsTruncates() throws IOException {
    Path log = dir.resolve("a.log");
    try (RotatingFile f = RotatingFile.open(log, 10, 0)) {
      f.write(bytes("0123456789abc"));
      assertThat(Files.size(log)).isZero();
      f.write(bytes("xy"));
    }
    assertThat(Files.readString(log)).isEqualTo("xy");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(log);
    }
  }

  @Test
  void appendsToAnExistingFileAndCountsItsSize() throws IOException {
    Path log = dir.resolve("a.log");
    Files.writeString(log, "12345678");
    try (RotatingFile f = RotatingFile.open(log, 10, 1)) {
      f.write(bytes("9"));
      assertThat(Files.readString(log)).isEqualTo("123456789");
      f.write(bytes("0"));
    }
    assertThat(Files.readString(dir.resolve("a.log.1"))).isEqualTo("1234567890");
  }

  @Test
  void maxbytesZeroNeverRotates() throws IOException {
    Path log = dir.resolve("a.log");
    try (RotatingFile f = RotatingFile.open(log, 0, 5)) {
      for (int i = 0; i < 100; i++) {
        f.write(new byte[1000], 0, 1000);
      }
    }
    assertThat(Files.size(log)).isEqualTo(100_000);
    assertThat(dir.resolve("a.log.1")).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({"0", "100"})
  void writesToDevNullWithoutRotatingIt(long maxbytes) {
    try (RotatingFile f = RotatingFile.open(Path.of("/dev/null"), maxbytes, 3)) {
      for (int i = 0; i < 10; i++) {
        f.write(new byte[500], 0, 500);
      }
      f.reopen();
      f.write(bytes("x"));
    }
    assertThat(Path.of("/dev/null")).exists();
    assertThat(Path.of("/dev/null.1")).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({"0", "100"})
  void writesEverythingToAFifo(long maxbytes) throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mkfifo.exitValue()).isZero();
    CompletableFuture<byte[]> reader =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    byte[] chunk = "0123456789".repeat(30).getBytes(StandardCharsets.US_ASCII);
    try (RotatingFile f = RotatingFile.open(fifo, maxbytes, 2)) { // blocks until the reader opens the FIFO
      for (int i = 0; i < 1000; i++) {
        f.write(chunk, 0, chunk.length);
      }
    }
    assertThat(reader.get(30, TimeUnit.SECONDS)).hasSize(300_000);
    assertThat(dir.resolve("pipe.1")).doesNotExist();
  }

  @Test
  void reopenAfterRenameRecreatesTheFile() throws IOException {
    Path log = dir.resolve("a.log");
    Path moved = dir.resolve("a.log.old");
    try (RotatingFile f = RotatingFile.open(log, 0, 0)) {
      f.write(bytes("before\n"));
      Files.move(log, moved);
      f.write(bytes("still old\n"));
      f.reopen();
      f.write(bytes("after\n"));
    }
    assertThat(Files.readString(moved)).isEqualTo("before\nstill old\n");
    assertThat(Files.readString(log)).isEqualTo("after\n");
  }

  @Test
  void clearDeletesAndReopensEmpty() throws IOException {
    Path log = dir.resolve("a.log");
    try (RotatingFile f = RotatingFile.open(log, 0, 0)) {
      f.write(bytes("old\n"));
      f.clear();
      assertThat(log).exists();
      assertThat(Files.size(log)).isZero();
      f.write(bytes("new\n"));
    }
    assertThat(Files.readString(log)).isEqualTo("new\n");
  }

  @Test
  void writeAfterCloseFailsWithALogException() {
    RotatingFile f = RotatingFile.open(dir.resolve("a.log"), 0, 0);
    f.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.write(bytes("x")))
        .isInstanceOf(LogException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void openInAMissingDirectoryFailsWithOneLine() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RotatingFile.open(dir.resolve("missing/a.log"), 0, 0))
        .isInstanceOf(LogException.class)
        .hasMessageStartingWith("cannot open ");
  }

  @Test
  void concurrentReopensLoseNoByteOfARotatingWriter() throws Exception {
    Path log = dir.resolve("c.log");
    byte[] chunk = new byte[100];
    java.util.Arrays.fill(chunk, (byte) 'c');
    try (RotatingFile f = RotatingFile.open(log, 10_000, 1000)) {
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 5000; i++) {
                  f.write(chunk, 0, chunk.length);
                }
              });
      while (!writer.isDone()) {
        f.reopen();
      }
      writer.get(30, TimeUnit.SECONDS);
    }
    long sum = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        sum += Files.size(p);
      }
    }
    assertThat(sum).isEqualTo(500_000);
    assertThat(dir.resolve("c.log.50")).exists();
    assertThat(dir.resolve("c.log.51")).doesNotExist();
  }

  /** The same chunk sequences through supervisord's RotatingFileHandler give the same files, byte for byte. */
  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "200; 3; 1000",
        "10; 2; 3 3 3 3 3 3 3 3 3 3 3 3 3 3 3",
        "10; 0; 4 4 4 4 4 4 4",
        "100; 5; 99 1 99 2 150 1 1 1 100 100 100 100 100 100 100 100 7",
        "1; 3; 1 2 3 4 5 6",
        "0; 3; 500 500 500"
      })
  void matchesSupervisordsRotatingFileHandler(long maxbytes, int backups, String chunkSizes) throws Exception {
    List<Integer> sizes = Stream.of(chunkSizes.trim().split(" ")).map(Integer::parseInt).toList();
    Path ours = Files.createDirectory(dir.resolve("ours"));
    Path theirs = Files.createDirectory(dir.resolve("theirs"));
    try (RotatingFile f = RotatingFile.open(ours.resolve("x.log"), maxbytes, backups)) {
      for (int i = 0; i < sizes.size(); i++) {
        f.write(java.nio.ByteBuffer.wrap(chunk(i, sizes.get(i))));
      }
    }
    String script =
        """
        import sys
        from supervisor.loggers import FileHandler, RotatingFileHandler, LogRecord, LevelsByName
        maxbytes = int(sys.argv[2])
        # as loggers.handle_file: rotating only when maxbytes > 0
        if maxbytes:
            h = RotatingFileHandler(sys.argv[1], 'a', maxbytes, int(sys.argv[3]))
        else:
            h = FileHandler(sys.argv[1])
        for i, n in enumerate(sys.argv[4:]):
            h.emit(LogRecord(LevelsByName.INFO, bytes([ord('a') + i % 26]) * int(n)))
        h.close()
        """;
    List<String> args = new ArrayList<>(List.of(theirs.resolve("x.log").toString(), "" + maxbytes, "" + backups));
    sizes.forEach(n -> args.add("" + n));
    PythonOracle.run(script, args);
    assertThat(contents(ours)).isEqualTo(contents(theirs)).isNotEmpty();
  }

  private static Map<String, String> contents(Path d) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> files = Files.list(d)) {
      for (Path p : files.toList()) {
        m.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return m;
  }

  private static byte[] chunk(int i, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) ('a' + i % 26));
    return b;
  }

  private static java.nio.ByteBuffer bytes(String s) {
    return java.nio.ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }
}

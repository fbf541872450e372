package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.LogFile;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ChannelLogTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream mainOut = new ByteArrayOutputStream();

  private MainLog mainLog(LogLevel level) {
    MainLog log = MainLog.pending();
    log.configure(level, Optional.<OutputStream>of(mainOut), Optional.empty(), Optional.empty(), 0, 0);
    return log;
  }

  private static ChannelLogConfig config(LogFile file, long maxbytes, int backups, boolean syslog) {
    return new ChannelLogConfig(file, maxbytes, backups, 0, false, syslog);
  }

  @Test
  void writesChunksRawAndCountsThem() throws Exception {
    Path file = dir.resolve("x.log");
    try (ChannelLog log =
        ChannelLog.open("x", OutputChannel.STDOUT, config(LogFile.file(file), 0, 0, false), Optional.empty(),
            false, mainLog(LogLevel.INFO))) {
      write(log, "partial ");
      write(log, "line\n\u001b[31mred\u001b[0m\n");
      assertThat(log.bytesWritten()).isEqualTo(26);
      assertThat(log.path()).contains(file);
    }
    assertThat(Files.readString(file)).isEqualTo("partial line\n\u001b[31mred\u001b[0m\n");
    assertThat(mainOut.size()).as("nothing in the main log at info").isZero();
  }

  @Test
  void stripsAnsiBeforeEveryTarget() throws Exception {
    Path file = dir.resolve("x.log");
    List<String> syslog = new ArrayList<>();
    try (ChannelLog log =
        new ChannelLog("x", OutputChannel.STDERR, Optional.of(RotatingFile.open(file, 0, 0)),
            Optional.<Consumer<String>>of(syslog::add), true, mainLog(LogLevel.DEBG))) {
      write(log, "a\u001b[1");
      write(log, ";31mb\n");
      assertThat(log.tailLines()).containsExactly("ab");
      assertThat(log.bytesWritten()).isEqualTo(3);
    }
    assertThat(Files.readString(file)).isEqualTo("ab\n");
    assertThat(syslog).containsExactly("x a", "x b");
    assertThat(mainOut.toString(StandardCharsets.UTF_8))
        .contains(" DEBG 'x' stderr output:\na\n")
        .contains(" DEBG 'x' stderr output:\nb\n\n");
  }

  @Test
  void copiesOutputToTheMainLogAtDebugWithSupervisordsWords() {
    try (ChannelLog log =
        ChannelLog.open("cat", OutputChannel.STDOUT, config(LogFile.NONE, 0, 0, false), Optional.empty(), false,
            mainLog(LogLevel.DEBG))) {
      write(log, "hello\n");
      byte[] cut = "h\u00e9".getBytes(StandardCharsets.UTF_8);
      log.write(cut, 0, 2); // ends inside the two-byte é
    }
    String main = mainOut.toString(StandardCharsets.UTF_8);
    assertThat(main).matches("(?s)\\S+ \\S+ DEBG 'cat' stdout output:\nhello\n\n"
        + "\\S+ \\S+ DEBG 'cat' stdout output:\nUndecodable: b'h\\\\xc3'\n");
  }

  @Test
  void keepsTheLastLinesWithoutAFile() {
    try (ChannelLog log =
        ChannelLog.open("x", OutputChannel.STDERR, config(LogFile.NONE, 0, 0, false), Optional.empty(), false,
            mainLog(LogLevel.INFO))) {
      assertThat(log.tailLines()).isEmpty();
      assertThat(log.path()).isEmpty();
      for (int i = 1; i <= 30; i++) {
        write(log, "line " + i + "\n");
      }
      write(log, "Traceback (most");
      List<String> tail = log.tailLines();
      assertThat(tail).hasSize(TailRing.MAX_LINES);
      assertThat(tail.getFirst()).isEqualTo("line 12");
      assertThat(tail.getLast()).isEqualTo("Traceback (most");
      write(log, " recent call last):\n");
      assertThat(log.tailLines().getLast()).isEqualTo("Traceback (most recent call last):");
    }
  }

  @Test
  void theTailRingIsBoundedInBytesAndDropsACutFirstLine() {
    try (ChannelLog log =
        ChannelLog.open("x", OutputChannel.STDOUT, config(LogFile.NONE, 0, 0, false), Optional.empty(), false,
            mainLog(LogLevel.INFO))) {
      write(log, "a".repeat(5000) + "\n" + "b".repeat(1000) + "\n" + "c".repeat(3000) + "\ntail");
      // the window starts inside the a-line, which is dropped: the b-line is whole
      assertThat(log.tailLines()).containsExactly("b".repeat(1000), "c".repeat(3000), "tail");
      byte[] huge = new byte[100_000];
      java.util.Arrays.fill(huge, (byte) 'z');
      log.write(huge, 0, huge.length);
      assertThat(log.tailLines()).containsExactly("z".repeat(TailRing.CAPACITY));
      assertThat(log.bytesWritten()).isEqualTo(9007 + 100_000);
    }
  }

  @Test
  void clearKeepsTheRingAndReopenFollowsARename() throws Exception {
    Path file = dir.resolve("x.log");
    try (ChannelLog log =
        ChannelLog.open("x", OutputChannel.STDOUT, config(LogFile.file(file), 0, 0, false), Optional.empty(), false,
            mainLog(LogLevel.INFO))) {
      write(log, "one\n");
      log.clear();
      assertThat(Files.size(file)).isZero();
      assertThat(log.tailLines()).containsExactly("one");
      Files.move(file, dir.resolve("x.log.rotated"));
      log.reopen();
      write(log, "two\n");
    }
    assertThat(Files.readString(file)).isEqualTo("two\n");
  }

  @Test
  void rotatesWithTheChannelsMaxbytes() throws Exception {
    Path file = dir.resolve("x.log");
    try (ChannelLog log =
        ChannelLog.open("x", OutputChannel.STDOUT, config(LogFile.file(file), 10, 1, false), Optional.empty(), false,
            mainLog(LogLevel.INFO))) {
      write(log, "0123456789");
      write(log, "abc");
    }
    assertThat(Files.readString(dir.resolve("x.log.1"))).isEqualTo("0123456789");
    assertThat(Files.readString(file)).isEqualTo("abc");
  }

  @Test
  void autoNeedsAResolvedPathAndUsesIt() throws Exception {
    ChannelLogConfig auto = config(LogFile.AUTO, 0, 0, false);
    assertThatThrownBy(
            () -> ChannelLog.open("x", OutputChannel.STDOUT, auto, Optional.empty(), false, mainLog(LogLevel.INFO)))
        .isInstanceOf(IllegalArgumentException.class);
    Path resolved = AutoChildLogs.create(dir, "x", OutputChannel.STDOUT, "supervisor");
    try (ChannelLog log =
        ChannelLog.open("x", OutputChannel.STDOUT, auto, Optional.of(resolved), false, mainLog(LogLevel.INFO))) {
      write(log, "auto\n");
    }
    assertThat(Files.readString(resolved)).isEqualTo("auto\n");
  }

  @Test
  void aWriteErrorIsReportedOnceAndTheRingStillFills() {
    RotatingFile file = RotatingFile.open(dir.resolve("x.log"), 0, 0);
    file.close(); // every write now fails
    try (ChannelLog log =
        new ChannelLog("x", OutputChannel.STDOUT, Optional.of(file), Optional.empty(), false,
            mainLog(LogLevel.INFO))) {
      write(log, "a\n");
      write(log, "b\n");
      assertThat(log.tailLines()).containsExactly("a", "b");
    }
    assertThat(mainOut.toString(StandardCharsets.UTF_8)).containsOnlyOnce(" ERRO 'x' stdout log: ");
  }

  @Test
  void writesAfterCloseAreIgnored() {
    ChannelLog log =
        ChannelLog.open("x", OutputChannel.STDOUT, config(LogFile.NONE, 0, 0, false), Optional.empty(), false,
            mainLog(LogLevel.INFO));
    log.close();
    write(log, "late\n");
    assertThat(log.bytesWritten()).isZero();
  }

  private static void write(ChannelLog log, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    log.write(b, 0, b.length);
  }
}

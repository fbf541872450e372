package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class MainLogTest {
  private static final Pattern LINE =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) (.*)");

  @TempDir Path dir;

  @Test
  void writesSupervisordsLineFormatInLocalTime() throws Exception {
    Path file = dir.resolve("supervisord.log");
    LocalDateTime before = LocalDateTime.now().withNano(0);
    try (MainLog log = MainLog.open(Optional.of(file), false, 0, 0, LogLevel.INFO, false)) {
      log.info("supervisord started with pid 42");
    }
    LocalDateTime after = LocalDateTime.now();
    String content = Files.readString(file);
    assertThat(content).endsWith("\n");
    Matcher m = LINE.matcher(content.strip());
    assertThat(m.matches()).as(content).isTrue();
    assertThat(m.group(2)).isEqualTo("INFO");
    assertThat(m.group(3)).isEqualTo("supervisord started with pid 42");
    LocalDateTime stamp = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"));
    assertThat(stamp).isBetween(before, after);
  }

  @Test
  void millisecondsAreTruncatedNotRounded() {
    long millis = LocalDateTime.of(2026, 11, 24, 18, 44, 15, 758_999_999)
        .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();
    assertThat(MainLog.format(millis, LogLevel.WARN, "x")).isEqualTo("2026-11-24 18:44:15,758 WARN x\n");
  }

  @Test
  void millisecondsArePaddedToThreeDigitsAcrossSecondsAndDays() {
    java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    long base = LocalDateTime.of(2026, 11, 24, 23, 59, 59).atZone(zone).toInstant().toEpochMilli();
    assertThat(MainLog.format(base + 7, LogLevel.INFO, "a")).isEqualTo("2026-11-24 23:59:59,007 INFO a\n");
    assertThat(MainLog.format(base + 42, LogLevel.INFO, "b")).isEqualTo("2026-11-24 23:59:59,042 INFO b\n");
    assertThat(MainLog.format(base + 1000, LogLevel.INFO, "c")).isEqualTo("2026-11-25 00:00:00,000 INFO c\n");
    assertThat(MainLog.format(base + 999, LogLevel.INFO, "d")).isEqualTo("2026-11-24 23:59:59,999 INFO d\n");
  }

  @Test
  void filtersByLevel() throws Exception {
    Path file = dir.resolve("a.log");
    try (MainLog log = MainLog.open(Optional.of(file), false, 0, 0, LogLevel.WARN, false)) {
      assertThat(log.isEnabled(LogLevel.INFO)).isFalse();
      assertThat(log.isEnabled(LogLevel.ERRO)).isTrue();
      for (LogLevel l : LogLevel.values()) {
        log.log(l, "at " + l.configName());
      }
    }
    assertThat(levels(Files.readString(file))).containsExactly("CRIT", "ERRO", "WARN");
  }

  @Test
  void pendingMessagesAreWrittenOnceConfiguredThenFiltered() throws Exception {
    MainLog log = MainLog.pending();
    assertThat(log.isEnabled(LogLevel.BLAT)).isTrue();
    log.critical("Supervisor is running as root.");
    log.info("Included extra file \"x.conf\" during parsing");
    log.debug("too detailed");
    Path file = dir.resolve("a.log");
    log.configure(Optional.of(file), false, 0, 0, LogLevel.INFO, false);
    log.warn("after");
    log.close();
    List<String> lines = Files.readString(file).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).endsWith(" CRIT Supervisor is running as root.");
    assertThat(lines.get(1)).endsWith(" INFO Included extra file \"x.conf\" during parsing");
    assertThat(lines.get(2)).endsWith(" WARN after");
    assertThatThrownBy(() -> log.configure(Optional.of(file), false, 0, 0, LogLevel.INFO, false))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void whatPilesUpBeforeConfigurationIsBounded() throws Exception {
    MainLog log = MainLog.pending();
    String big = "x".repeat(300_000);
    for (int i = 0; i < 5; i++) {
      log.debug(big);
    }
    Path file = dir.resolve("a.log");
    log.configure(Optional.of(file), false, 0, 0, LogLevel.DEBG, false);
    log.close();
    List<String> lines = Files.readString(file).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.getLast()).endsWith(" WARN 2 early log messages dropped");
  }

  @Test
  void echoesToStdoutBeforeTheFileAndSplitsSyslogLines() throws Exception {
    ByteArrayOutputStream echo = new ByteArrayOutputStream();
    MainLog log = MainLog.pending();
    log.configure(LogLevel.DEBG, Optional.<OutputStream>of(echo), Optional.of(dir.resolve("a.log")),
        Optional.empty(), 0, 0);
    log.debug("'x' stdout output:\nhello\n");
    log.close();
    String line = echo.toString(StandardCharsets.UTF_8);
    assertThat(line).matches("(?s)\\S+ \\S+ DEBG 'x' stdout output:\nhello\n\n");
    assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo(line);

    List<String> sent = new ArrayList<>();
    MainLog sys = MainLog.pending();
    sys.configure(LogLevel.INFO, Optional.empty(), Optional.of(dir.resolve("ignored.log")),
        Optional.<Consumer<String>>of(sent::add), 0, 0);
    sys.info("one\ntwo\n\n");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).matches("\\S+ \\S+ INFO one\n");
    assertThat(sent.get(1)).matches("\\S+ \\S+ INFO two\n");
    assertThat(sys.logfile()).isEmpty();
    assertThat(dir.resolve("ignored.log")).doesNotExist();
  }

  @Test
  void rotatesWithLogfileMaxbytes() throws Exception {
    Path file = dir.resolve("a.log");
    try (MainLog log = MainLog.open(Optional.of(file), false, 100, 2, LogLevel.INFO, false)) {
      for (int i = 0; i < 10; i++) {
        log.info("message number " + i); // 46 bytes a line: 3 lines reach 100
      }
    }
    assertThat(Files.readString(dir.resolve("a.log.2")).lines()).hasSize(3);
    assertThat(Files.readString(dir.resolve("a.log.1")).lines()).hasSize(3);
    assertThat(Files.readString(file).lines()).hasSize(1).allMatch(l -> l.endsWith("message number 9"));
  }

  @Test
  void reopenRecreatesARenamedFileAndClearEmptiesIt() throws Exception {
    Path file = dir.resolve("a.log");
    try (MainLog log = MainLog.open(Optional.of(file), false, 0, 0, LogLevel.INFO, false)) {
      log.info("received SIGUSR2 indicating log reopen request");
      Files.move(file, dir.resolve("a.log.moved"));
      log.reopen();
      log.info("after reopen");
      assertThat(Files.readString(file)).endsWith(" INFO after reopen\n").hasLineCount(1);

      log.clear();
      assertThat(Files.readString(file)).isEmpty();
      log.info("after clear");
    }
    assertThat(Files.readString(file)).endsWith(" INFO after clear\n").hasLineCount(1);
    assertThat(Files.readString(dir.resolve("a.log.moved"))).contains("SIGUSR2").hasLineCount(1);
  }

  @Test
  void clearWithoutAFileIsNoFile() {
    MainLog log = MainLog.pending();
    log.configure(LogLevel.INFO, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
    assertThatThrownBy(log::clear)
        .isInstanceOfSatisfying(
            LogReadException.class, e -> assertThat(e.fault()).isEqualTo(LogReadException.Fault.NO_FILE));
  }

  private static List<String> levels(String content) {
    return content.lines().map(l -> l.split(" ")[2]).toList();
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Child output through the daemon into rotating log files: nothing lost, rotation, reopen on SIGUSR2. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ChildOutputE2ETest extends DaemonE2E {
  private static final long MAXBYTES = 50L * 1024 * 1024;
  private static final long READ_CHUNK = io.supervisor4j.spawn.ChildWatcher.READ_SIZE;

  /** 1 GiB takes a few seconds here (a few hundred MB/s), so it runs in the suite rather than as a benchmark. */
  @Test
  void oneGibibyteIsLoggedWithoutLossAcrossRotations() throws IOException {
    assertZeroLoss(1024L * 1024 * 1024);
  }

  private void assertZeroLoss(long total) throws IOException {
    Path log = dir.resolve("big.log");
    daemon = DaemonProcess.of(dir, """
        [program:big]
        command=/usr/bin/head -c %d /dev/zero
        stdout_logfile=%s
        stdout_logfile_maxbytes=50MB
        stdout_logfile_backups=30
        startsecs=0
        autorestart=false
        """.formatted(total, log)).startForeground();
    String spawned = daemon.awaitLogLine("spawned: 'big' with pid");
    String exited = daemon.awaitLogLine("exited: big \\(exit status 0; expected\\)", Duration.ofMinutes(4));
    double seconds = Duration.between(DaemonProcess.timeOf(spawned), DaemonProcess.timeOf(exited)).toMillis() / 1000.0;
    System.out.printf("zero-loss: %d MiB through the daemon in %.2f s = %.0f MB/s%n", total >> 20, seconds,
        total / 1e6 / Math.max(seconds, 0.001));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("big.log")).sorted().toList();
    }
    long sum = 0;
    for (Path f : files) {
      sum += Files.size(f);
    }
    assertThat(sum).isEqualTo(total);
    assertThat(files).as("rotated backups").hasSizeGreaterThanOrEqualTo((int) (total / (MAXBYTES + READ_CHUNK)));
    for (Path f : files) {
      assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(MAXBYTES + READ_CHUNK);
    }
  }

  @Test
  void everyByteOfAShortBurstBeforeExitIsLogged() throws IOException {
    Path log = dir.resolve("burst.log");
    daemon = DaemonProcess.of(dir, """
        [program:burst]
        command=/usr/bin/seq 1 20000
        stdout_logfile=%s
        startsecs=0
        autorestart=false
        """.formatted(log)).startForeground();
    daemon.awaitLogLine("exited: burst \\(exit status 0; expected\\)");
    String expected = IntStream.rangeClosed(1, 20000).mapToObj(Integer::toString)
        .collect(Collectors.joining("\n", "", "\n"));
    assertThat(expected.length()).isGreaterThan(100_000);
    assertThat(Files.readString(log, StandardCharsets.US_ASCII)).isEqualTo(expected);
  }

  @Test
  void sigusr2ReopensARenamedChildLogOnItsPath() throws IOException {
    Path log = dir.resolve("ticks.log");
    Path moved = dir.resolve("ticks.log.moved");
    daemon = DaemonProcess.of(dir, """
        [program:ticks]
        command=/bin/sh -c 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.1; done'
        stdout_logfile=%s
        startsecs=0
        """.formatted(log)).startForeground();
    DaemonProcess.await("first ticks", DaemonProcess.TIMEOUT, () -> DaemonProcess.read(log).contains("tick 3\n"));
    Files.move(log, moved);
    daemon.signal(DaemonProcess.SIGUSR2);
    daemon.awaitLogLine("received SIGUSR2 indicating log reopen request");
    daemon.awaitLogLine("supervisord logreopen");
    DaemonProcess.await("ticks in a re-created " + log, DaemonProcess.TIMEOUT,
        () -> DaemonProcess.read(log).lines().count() >= 3);
    long movedSize = Files.size(moved);
    DaemonProcess.sleep(500);
    assertThat(Files.size(moved)).as("the renamed file no longer grows").isEqualTo(movedSize);
    assertThat(DaemonProcess.read(log)).matches("(?s)(tick \\d+\n)+");
  }
}

package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.LogFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Everything handed to a rotating ChannelLog ends up in its files, in order, byte for byte. */
@Timeout(300)
class ZeroLossTest {
  private static final int CHUNK = 64 * 1024;
  private static final long MAXBYTES = 50L * 1024 * 1024; // supervisord's 50MB
  private static final int BACKUPS = 30;

  @TempDir Path dir;

  // 1 GiB takes about 4 s on the 2-core box, well under the 20 s budget, so it runs in the normal suite.
  @Test
  void oneGibThroughRotationLosesNothing() throws IOException {
    run(1024L * 1024 * 1024, false);
  }

  @Test
  @Tag("benchmark")
  void oneGibWithAnsiStrippingLosesNothing() throws IOException {
    run(1024L * 1024 * 1024, true);
  }

  private void run(long total, boolean stripAnsi) throws IOException {
    Path file = dir.resolve("big.log");
    ChannelLogConfig config = new ChannelLogConfig(LogFile.file(file), MAXBYTES, BACKUPS, 0, false, false);
    MainLog main = MainLog.pending();
    main.configure(LogLevel.INFO, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
    byte[] chunk = new byte[CHUNK];
    CRC32 written = new CRC32();
    long start = System.nanoTime();
    try (ChannelLog log = ChannelLog.open("big", OutputChannel.STDOUT, config, Optional.empty(), stripAnsi, main)) {
      for (long n = 0; n < total / CHUNK; n++) {
        for (int i = 0; i < CHUNK; i += 4096) {
          chunk[i] = (byte) n; // vary the content so that order matters to the checksum
          chunk[i + 1] = (byte) (n >> 8);
        }
        chunk[CHUNK - 1] = '\n';
        log.write(chunk, 0, CHUNK);
        written.update(chunk);
      }
      assertThat(log.bytesWritten()).isEqualTo(total);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "ZeroLossTest: %d MiB in %.2f s = %.0f MiB/s (64 KiB chunks, maxbytes 50MB, strip_ansi %s)%n",
        total >> 20, seconds, (total >> 20) / seconds, stripAnsi);

    List<Path> files = new ArrayList<>();
    for (int i = BACKUPS; i >= 1; i--) {
      Path backup = dir.resolve("big.log." + i);
      if (Files.exists(backup)) {
        files.add(backup);
      }
    }
    files.add(file);
    long sum = 0;
    CRC32 read = new CRC32();
    byte[] buf = new byte[1 << 20];
    for (Path p : files) {
      sum += Files.size(p);
      try (InputStream in = Files.newInputStream(p)) {
        for (int r; (r = in.read(buf)) > 0; ) {
          read.update(buf, 0, r);
        }
      }
    }
    assertThat(sum).isEqualTo(total);
    assertThat(read.getValue()).isEqualTo(written.getValue());
    assertThat(files).hasSize((int) (total / MAXBYTES) + 1);
    for (Path p : files.subList(0, files.size() - 1)) {
      assertThat(Files.size(p)).isEqualTo(MAXBYTES);
    }
  }
}

package io.supervisor4j.log;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * supervisord's main ("activity") log: lines {@code YYYY-MM-DD HH:MM:SS,mmm LEVL message\n} in local time, written
 * when the level reaches the threshold, to stdout (nodaemon and not silent) and then to the logfile (a
 * {@link RotatingFile}) or syslog.
 *
 * <p>A log made by {@link #pending()} buffers what is logged before {@link #configure} (supervisord emits the
 * config parser's messages once its logger exists) and writes it then, filtered by the configured level. Safe to
 * call from any thread.
 */
public final class MainLog implements ActivityLog, Closeable {
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  // The last second formatted: lines come in bursts (N=500: 1000 in about a second at start-up) and formatting the
  // date-time was most of a line's cost. One record, so that a racing thread reads a consistent triple.
  private record FormattedSecond(long epochSecond, ZoneId zone, String text) {}

  private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, ZoneOffset.UTC, "");
  // Bounds on what is kept before configure(): child output at debug could otherwise pile up.
  private static final int MAX_PENDING = 10_000;
  private static final long MAX_PENDING_CHARS = 1 << 20;

  private record Record(long millis, LogLevel level, String message) {}

  /** Where formatted lines go; fixed once configured. */
  private record Targets(
      LogLevel threshold,
      Optional<OutputStream> echo,
      Optional<RotatingFile> file,
      Optional<Consumer<String>> syslog) {}

  private final Object configureLock = new Object();
  private volatile Targets targets; // null while pending
  private List<Record> pending = new ArrayList<>();
  private long pendingChars;
  private int dropped;

  private MainLog() {}

  /** A log that buffers until {@link #configure} (or {@link #abandonToStderr}). */
  public static MainLog pending() {
    return new MainLog();
  }

  /** supervisord's {@code make_logger}: logfile (or syslog) plus stdout echo when {@code echoToStdout}. */
  public static MainLog open(
      Optional<Path> logfile, boolean syslog, long maxbytes, int backups, LogLevel level, boolean echoToStdout) {
    MainLog log = pending();
    log.configure(logfile, syslog, maxbytes, backups, level, echoToStdout);
    return log;
  }

  /** A fallback for errors before any configuration: every line at {@code level} or above goes to stderr. */
  public static MainLog stderr(LogLevel level) {
    MainLog log = pending();
    log.configure(
        new Targets(level, Optional.of(stream(FileDescriptor.err)), Optional.empty(), Optional.empty()));
    return log;
  }

  /**
   * Configures the targets and writes what was logged so far. {@code syslog} wins over {@code logfile}
   * ({@code logfile=syslog}); with maxbytes 0 the file never rotates.
   *
   * @throws LogException if the logfile cannot be opened (the log stays pending)
   */
  public void configure(
      Optional<Path> logfile, boolean syslog, long maxbytes, int backups, LogLevel level, boolean echoToStdout) {
    configure(
        level,
        echoToStdout ? Optional.of(stream(FileDescriptor.out)) : Optional.empty(),
        logfile,
        syslog ? Optional.of(Syslog::send) : Optional.empty(),
        maxbytes,
        backups);
  }

  // Test seam: an in-memory echo stream and syslog sink instead of fd 1 and syslog(3).
  void configure(
      LogLevel level,
      Optional<OutputStream> echo,
      Optional<Path> logfile,
      Optional<Consumer<String>> syslog,
      long maxbytes,
      int backups) {
    if (targets != null) {
      throw new IllegalStateException("main log already configured");
    }
    Optional<RotatingFile> file =
        syslog.isPresent() ? Optional.empty() : logfile.map(p -> RotatingFile.open(p, maxbytes, backups));
    configure(new Targets(level, echo, file, syslog));
  }

  /** If configuration failed: writes the buffered messages to stderr and keeps logging there. */
  public void abandonToStderr(LogLevel level) {
    configure(
        new Targets(level, Optional.of(stream(FileDescriptor.err)), Optional.empty(), Optional.empty()));
  }

  private void configure(Targets t) {
    synchronized (configureLock) {
      if (targets != null) {
        throw new IllegalStateException("main log already configured");
      }
      for (Record r : pending) {
        write(t, r);
      }
      if (dropped > 0) {
        write(t, new Record(System.currentTimeMillis(), LogLevel.WARN, dropped + " early log messages dropped"));
      }
      pending = null;
      targets = t;
    }
  }

  @Override
  public void log(LogLevel level, String message) {
    Targets t = targets;
    if (t == null) {
      synchronized (configureLock) {
        t = targets;
        if (t == null) {
          if (pending.size() < MAX_PENDING && pendingChars + message.length() <= MAX_PENDING_CHARS) {
            pending.add(new Record(System.currentTimeMillis(), level, message));
            pendingChars += message.length();
          } else {
            dropped++;
          }
          return;
        }
      }
    }
    write(t, new Record(System.currentTimeMillis(), level, message));
  }

  @Override
  public boolean isEnabled(LogLevel level) {
    Targets t = targets;
    return t == null || level.isAtLeast(t.threshold());
  }

  /** The configured threshold; empty while pending. */
  public Optional<LogLevel> level() {
    return Optional.ofNullable(targets).map(Targets::threshold);
  }

  /** The log file (for readLog/clearLog); empty when pending, logging to syslog or to no file. */
  public Optional<Path> logfile() {
    return Optional.ofNullable(targets).flatMap(Targets::file).map(RotatingFile::path);
  }

  /**
   * SIGUSR2: reopens the log file on the same path.
   *
   * @throws LogException if it cannot be reopened
   */
  public void reopen() {
    Targets t = targets;
    if (t != null) {
      t.file().ifPresent(RotatingFile::reopen);
    }
  }

  /**
   * clearLog: deletes the file and reopens it. Like supervisord, {@code reopening log file} is logged once per
   * reopenable handler (stdout, then file or syslog) before it is reopened, so the first lands in the old file.
   */
  public void clear() {
    Targets t = targets;
    if (t == null || t.file().isEmpty()) {
      throw new LogReadException(LogReadException.Fault.NO_FILE, "no main log file");
    }
    RotatingFile file = t.file().get();
    if (t.echo().isPresent()) {
      info("reopening log file");
    }
    info("reopening log file");
    try {
      file.clear();
    } catch (LogException e) {
      throw new LogReadException(LogReadException.Fault.FAILED, e.getMessage());
    }
  }

  @Override
  public void close() {
    Targets t = targets;
    if (t != null) {
      t.file().ifPresent(RotatingFile::close);
    }
  }

  /** The line supervisord writes for a message logged at {@code epochMillis}. */
  static String format(long epochMillis, LogLevel level, String message) {
    long second = Math.floorDiv(epochMillis, 1000);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    ZoneId zone = ZoneId.systemDefault();
    FormattedSecond s = lastSecond;
    if (s.epochSecond() != second || !s.zone().equals(zone)) {
      s = new FormattedSecond(second, zone, SECOND.format(Instant.ofEpochSecond(second).atZone(zone)));
      lastSecond = s;
    }
    StringBuilder line = new StringBuilder(s.text().length() + message.length() + 16).append(s.text()).append(',');
    if (millis < 100) {
      line.append(millis < 10 ? "00" : "0");
    }
    return line.append(millis).append(' ').append(level.name()).append(' ').append(message).append('\n').toString();
  }

  private static void write(Targets t, Record r) {
    if (!r.level().isAtLeast(t.threshold())) {
      return;
    }
    String line = format(r.millis(), r.level(), r.message());
    if (t.echo().isPresent()) {
      try {
        t.echo().get().write(line.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // like supervisord: a closed stdout (EPIPE) must not stop logging to the file
      }
    }
    if (t.file().isPresent()) {
      try {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        t.file().get().write(bytes, 0, bytes.length);
      } catch (LogException e) {
        System.err.print(line); // supervisord prints the handler's error to stderr and goes on
      }
    }
    if (t.syslog().isPresent()) {
      for (String part : Syslog.lines(r.message())) {
        t.syslog().get().accept(format(r.millis(), r.level(), part));
      }
    }
  }

  private static OutputStream stream(FileDescriptor fd) {
    return new FileOutputStream(fd); // unbuffered: one write(2) per line, as Python's flush after each record
  }
}

package io.supervisor4j.log;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.PyRepr;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The log of one output channel (stdout or stderr) of one process, fed with raw chunks by its I/O thread. Each chunk
 * is written as is (no timestamps), after {@code strip_ansi} if enabled, to the log file (none when NONE), to syslog
 * as {@code <processname> <line>} lines when {@code *_syslog}, and to the main log as
 * {@code 'name' stdout output:\n<data>} (DEBG) when the main log is at debug or lower.
 *
 * <p>A small ring of the last lines is always kept, file or not, to explain failures.
 *
 * <p>Threading: all methods may be called from any thread; {@link #write} normally comes from the channel's I/O
 * thread, {@link #reopen}, {@link #clear} and {@link #tailLines} from others.
 */
public final class ChannelLog implements Closeable {
  static final int ROTATION_PIECE = 64 * 1024; // the default pipe size: what one read yielded before pipes grew
  private final String processName;
  private final OutputChannel channel;
  private final Optional<RotatingFile> file;
  private final Optional<Consumer<String>> syslog;
  private final Optional<AnsiStripper> stripper;
  private final ActivityLog mainLog;
  private final TailRing ring = new TailRing();
  private volatile long bytesWritten;
  private final ReentrantLock writeLock = new ReentrantLock();
  private boolean closed; // guarded by writeLock, like the stripper's state
  private boolean failing; // a write error was reported; report again only after a success

  ChannelLog(
      String processName,
      OutputChannel channel,
      Optional<RotatingFile> file,
      Optional<Consumer<String>> syslog,
      boolean stripAnsi,
      ActivityLog mainLog) {
    this.processName = processName;
    this.channel = channel;
    this.file = file;
    this.syslog = syslog;
    this.stripper = stripAnsi ? Optional.of(new AnsiStripper()) : Optional.empty();
    this.mainLog = mainLog;
  }

  /**
   * Opens the channel's log. The file is {@code resolvedPath} when given (the AUTO file made by
   * {@link AutoChildLogs#create}), else the config's path; NONE means no file.
   *
   * @throws IllegalArgumentException for AUTO without a resolved path
   * @throws LogException if the file cannot be opened
   */
  public static ChannelLog open(
      String processName,
      OutputChannel channel,
      ChannelLogConfig config,
      Optional<Path> resolvedPath,
      boolean stripAnsi,
      ActivityLog mainLog) {
    Optional<Path> path =
        switch (config.logfile().kind()) {
          case NONE -> Optional.empty();
          case FILE -> resolvedPath.or(() -> config.logfile().path());
          case AUTO -> {
            if (resolvedPath.isEmpty()) {
              throw new IllegalArgumentException(
                  processName + " " + channel.wireName() + ": AUTO log file has not been created");
            }
            yield resolvedPath;
          }
        };
    Optional<RotatingFile> file = path.map(p -> RotatingFile.open(p, config.maxbytes(), config.backups()));
    Optional<Consumer<String>> syslog = config.syslog() ? Optional.of(Syslog::send) : Optional.empty();
    return new ChannelLog(processName, channel, file, syslog, stripAnsi, mainLog);
  }

  public void write(byte[] buf, int off, int len) {
    writeLock.lock(); // uncontended but for close(); cheap next to a write(2)
    try {
      if (closed || len <= 0) {
        return;
      }
      writeLocked(buf, off, len);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * True when {@link #write(ByteBuffer)} needs no heap copy of the bytes: no {@code strip_ansi}, no syslog, main
   * log above debug. Then a direct buffer goes to the file with one write(2) and no copy at all.
   */
  public boolean writesDirectly() {
    return stripper.isEmpty() && syslog.isEmpty() && !mainLog.isEnabled(LogLevel.DEBG);
  }

  /**
   * As {@link #write(byte[], int, int)} with the remaining bytes of {@code data}, which it consumes. Copies them
   * to the heap only when {@link #writesDirectly()} is false; the tail ring takes just the last bytes it keeps.
   */
  public void write(ByteBuffer data) {
    writeLock.lock();
    try {
      int len = data.remaining();
      if (closed || len <= 0) {
        return;
      }
      if (!writesDirectly()) {
        byte[] copy = new byte[len];
        data.get(copy);
        writeLocked(copy, 0, len);
        return;
      }
      ring.add(data);
      bytesWritten += len;
      if (file.isPresent() && file.get().maxbytes() > 0) {
        // Rotation is checked after each write, and a write used to be one read of a 64 KiB pipe (supervisord's
        // too): a grown pipe's larger chunk goes in such pieces, so rotated files overshoot maxbytes as before.
        for (int at = data.position(); at < data.limit(); at += ROTATION_PIECE) {
          writeFile(data.slice(at, Math.min(ROTATION_PIECE, data.limit() - at)));
        }
      } else if (file.isPresent()) {
        writeFile(data);
      }
      data.position(data.limit());
    } finally {
      writeLock.unlock();
    }
  }

  private void writeLocked(byte[] buf, int off, int len) {
    if (stripper.isPresent()) {
      AnsiStripper s = stripper.get();
      s.strip(buf, off, len);
      record(s.buffer(), 0, s.length());
    } else {
      record(buf, off, len);
    }
  }

  private void record(byte[] buf, int off, int len) {
    if (len == 0) {
      return;
    }
    ring.add(buf, off, len);
    bytesWritten += len;
    if (file.isPresent()) {
      writeFile(ByteBuffer.wrap(buf, off, len));
    }
    if (syslog.isPresent()) {
      String text = new String(buf, off, len, StandardCharsets.UTF_8);
      for (String line : Syslog.lines(text)) {
        syslog.get().accept(processName + " " + line);
      }
    }
    if (mainLog.isEnabled(LogLevel.DEBG)) {
      mainLog.debug(
          PyRepr.str(processName) + " " + channel.wireName() + " output:\n" + strictText(buf, off, len));
    }
  }

  private void writeFile(ByteBuffer data) {
    try {
      file.get().write(data);
      failing = false;
    } catch (LogException e) {
      if (!failing) {
        failing = true;
        mainLog.error(PyRepr.str(processName) + " " + channel.wireName() + " log: " + e.getMessage());
      }
    }
  }

  // supervisord shows output that is not valid UTF-8 (e.g. a chunk cut inside a character) as a bytes repr.
  private static String strictText(byte[] buf, int off, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buf, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return "Undecodable: " + PyRepr.bytes(buf, off, len);
    }
  }

  /** The last lines of output (at most 20 lines / 4 KiB, an unterminated last line included). */
  public List<String> tailLines() {
    return ring.lines();
  }

  /** Bytes of output logged so far (after ANSI stripping), whether or not there is a file. */
  public long bytesWritten() {
    return bytesWritten;
  }

  /** The log file path; empty for NONE. */
  public Optional<Path> path() {
    return file.map(RotatingFile::path);
  }

  public String processName() {
    return processName;
  }

  public OutputChannel channel() {
    return channel;
  }

  /**
   * SIGUSR2: reopen the file on the same path.
   *
   * @throws LogException if it cannot be reopened (e.g. its directory is gone); later writes then report errors
   */
  public void reopen() {
    file.ifPresent(RotatingFile::reopen);
  }

  /**
   * clearProcessLogs: delete and reopen the file. The tail ring is kept (it explains the next failure).
   *
   * @throws LogException if the file cannot be removed or reopened (supervisord's FAILED)
   */
  public void clear() {
    file.ifPresent(RotatingFile::clear);
  }

  /** Writes a held-back trailing ESC, then closes the file; later writes are ignored. */
  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      if (stripper.isPresent()) {
        AnsiStripper s = stripper.get();
        s.flush();
        record(s.buffer(), 0, s.length());
      }
      closed = true;
      file.ifPresent(RotatingFile::close);
    } finally {
      writeLock.unlock();
    }
  }
}

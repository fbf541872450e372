package io.supervisor4j.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The read side of log files, as supervisord's {@code options.readFile} / {@code tailFile} and the rpcinterface
 * methods around them. Bytes are decoded as UTF-8 with U+FFFD for malformed input, where supervisord's strict decode
 * fails the whole call with an HTTP 500.
 */
public final class LogFiles {
  private LogFiles() {}

  /** The result of {@link #tailFile}: the text, the offset for the next call (the file size) and the overflow flag. */
  public record Tail(String text, long offset, boolean overflow) {}

  /**
   * readLog / readProcessStdoutLog: {@code NO_FILE} when there is no log file or it does not exist, else
   * {@link #readFile}.
   */
  public static String readLog(Optional<Path> logfile, long offset, long length) {
    if (logfile.isEmpty() || !Files.exists(logfile.get())) {
      throw new LogReadException(LogReadException.Fault.NO_FILE, logfile.map(Path::toString).orElse("None"));
    }
    return readFile(logfile.get(), offset, length);
  }

  /**
   * supervisord's {@code readFile}: offset &lt; 0 with length 0 reads the last |offset| bytes; offset &ge; 0 reads
   * {@code length} bytes (0 = to the end) from offset. A negative offset with a non-zero length, or a negative
   * length, is {@code BAD_ARGUMENTS}; an I/O error (checked first, like opening in Python) is {@code FAILED}.
   */
  public static String readFile(Path path, long offset, long length) {
    try (FileChannel ch = open(path)) {
      long size = ch.size();
      long from;
      long count;
      if (offset < 0) {
        if (length != 0) {
          throw badArguments();
        }
        from = Math.max(0, size + offset);
        count = -offset;
      } else {
        if (length < 0) {
          throw badArguments();
        }
        from = offset;
        count = length == 0 ? Long.MAX_VALUE : length;
      }
      return decode(read(ch, from, count));
    } catch (IOException e) {
      throw new LogReadException(LogReadException.Fault.FAILED, path + ": " + RotatingFile.reason(e));
    }
  }

  /** tailProcessStdoutLog: {@code ['', 0, false]} when there is no log file, else {@link #tailFile}. */
  public static Tail tailLog(Optional<Path> logfile, long offset, long length) {
    if (logfile.isEmpty() || !Files.exists(logfile.get())) {
      return new Tail("", 0, false);
    }
    return tailFile(logfile.get(), offset, length);
  }

  /**
   * supervisord's {@code tailFile}: if the file grew beyond {@code offset + length} the last {@code length} bytes are
   * returned with overflow set; otherwise the bytes from offset (as many as exist). The new offset is the file size.
   * Errors yield {@code ('', offset, false)}.
   */
  public static Tail tailFile(Path path, long requestedOffset, long requestedLength) {
    long offset = requestedOffset;
    long length = requestedLength;
    try (FileChannel ch = open(path)) {
      long size = ch.size();
      boolean overflow = false;
      if (size > offset + length) {
        overflow = true;
        offset = size - 1;
      }
      if (offset + length > size) {
        if (offset > size - 1) {
          length = 0;
        }
        offset = size - length;
      }
      offset = Math.max(0, offset);
      length = Math.max(0, length);
      String text = length == 0 ? "" : decode(read(ch, offset, length));
      return new Tail(text, size, overflow);
    } catch (IOException e) {
      return new Tail("", requestedOffset, false);
    }
  }

  // Python's open(dir, 'rb') fails, while open(2) of a directory for reading succeeds.
  private static FileChannel open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      throw new IOException("Is a directory");
    }
    return FileChannel.open(path, StandardOpenOption.READ);
  }

  private static byte[] read(FileChannel ch, long from, long count) throws IOException {
    long available = Math.max(0, ch.size() - from);
    long n = Math.min(count, available);
    if (n > Integer.MAX_VALUE - 16) {
      throw new IOException("read of " + n + " bytes is too large");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) n);
    long pos = from;
    while (buf.hasRemaining()) {
      int r = ch.read(buf, pos);
      if (r < 0) {
        break; // the file shrank meanwhile
      }
      pos += r;
    }
    return buf.position() == buf.capacity() ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
  }

  private static String decode(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static LogReadException badArguments() {
    return new LogReadException(LogReadException.Fault.BAD_ARGUMENTS, "bad offset/length");
  }
}

package io.supervisor4j.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An append-mode log file with supervisord's size-based rotation ({@code RotatingFileHandler}): after every write, if
 * the file has reached {@code maxbytes}, {@code .N-1 -> .N ... .1 -> .2}, current {@code -> .1}, and the base name is
 * reopened empty; with {@code backups == 0} the file is just truncated. {@code maxbytes == 0} never rotates.
 *
 * <p>Every chunk is written through at once (one write(2), no user-space buffer), so a crash loses nothing that was
 * handed to {@link #write}. Thread-safe: the I/O thread writes while others may {@link #reopen} or {@link #clear}.
 *
 * <p>Only regular files rotate: a FIFO, tty or {@code /dev/stdout} is written to forever, where supervisord fails
 * every write with ESPIPE when rotation is configured on such a target.
 */
public final class RotatingFile implements Closeable {
  private static final OpenOption[] APPEND = {
    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND
  };
  // supervisord's ESPIPE workaround: some special files refuse append mode, so retry in plain write mode.
  private static final OpenOption[] PLAIN_WRITE = {StandardOpenOption.CREATE, StandardOpenOption.WRITE};

  private final Path path;
  private final long maxbytes;
  private final int backups;
  private final ReentrantLock lock = new ReentrantLock();
  private FileChannel channel; // null once closed
  private OpenOption[] mode = APPEND;
  private boolean rotates;

  private RotatingFile(Path path, long maxbytes, int backups) {
    if (maxbytes < 0 || backups < 0) {
      throw new IllegalArgumentException("maxbytes and backups must be >= 0");
    }
    this.path = path;
    this.maxbytes = maxbytes;
    this.backups = backups;
  }

  /** Opens (creating if needed) {@code path} for appending. */
  public static RotatingFile open(Path path, long maxbytes, int backups) {
    RotatingFile file = new RotatingFile(path, maxbytes, backups);
    file.lock.lock();
    try {
      file.openChannel();
    } finally {
      file.lock.unlock();
    }
    return file;
  }

  public Path path() {
    return path;
  }

  public long maxbytes() {
    return maxbytes;
  }

  public int backups() {
    return backups;
  }

  public void write(byte[] buf, int off, int len) {
    write(ByteBuffer.wrap(buf, off, len));
  }

  /** Writes all remaining bytes of {@code data}, then rotates if the file reached maxbytes. */
  public void write(ByteBuffer data) {
    lock.lock();
    try {
      if (channel == null) {
        throw new LogException("log file " + path + " is closed", null);
      }
      try {
        while (data.hasRemaining()) {
          channel.write(data);
        }
      } catch (IOException e) {
        throw new LogException("cannot write " + path + ": " + reason(e), e);
      }
      if (rotates) {
        rolloverIfFull();
      }
    } finally {
      lock.unlock();
    }
  }

  /** SIGUSR2: closes and reopens the same path, so a file renamed away by logrotate is created anew. */
  public void reopen() {
    lock.lock();
    try {
      closeChannel();
      openChannel();
    } finally {
      lock.unlock();
    }
  }

  /** clearLog: deletes the file and reopens an empty one. Special files (/dev/stdout...) are never deleted. */
  public void clear() {
    lock.lock();
    try {
      closeChannel();
      try {
        if (!Files.exists(path) || Files.isRegularFile(path)) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        openChannel();
        throw new LogException("cannot remove " + path + ": " + reason(e), e);
      }
      openChannel();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closeChannel();
    } finally {
      lock.unlock();
    }
  }

  private void rolloverIfFull() {
    long size;
    try {
      size = channel.size(); // = tell() of supervisord's append-mode stream, and right after a copytruncate
    } catch (IOException e) {
      throw new LogException("cannot stat " + path + ": " + reason(e), e);
    }
    if (size < maxbytes) {
      return;
    }
    closeChannel();
    LogException failure = null;
    try {
      if (backups > 0) {
        for (int i = backups - 1; i > 0; i--) {
          Path source = backup(i);
          if (Files.exists(source)) {
            removeAndRename(source, backup(i + 1));
          }
        }
        removeAndRename(path, backup(1));
      }
    } catch (IOException e) {
      failure = new LogException("cannot rotate " + path + ": " + reason(e), e);
    }
    try {
      // Reopened even after a failed rename, to keep logging. NIO refuses APPEND with TRUNCATE_EXISTING.
      channel = FileChannel.open(path, APPEND);
      channel.truncate(0);
    } catch (IOException e) {
      throw new LogException("cannot reopen " + path + " after rotation: " + reason(e), e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private Path backup(int n) {
    return path.resolveSibling(path.getFileName() + "." + n);
  }

  // A concurrent cleanup may delete either file: tolerated, as supervisord does.
  private static void removeAndRename(Path source, Path target) throws IOException {
    Files.deleteIfExists(target);
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      // source vanished
    }
  }

  private void openChannel() {
    try {
      channel = FileChannel.open(path, mode);
    } catch (FileSystemException e) {
      if (mode != APPEND || !"Illegal seek".equals(e.getReason())) {
        throw new LogException("cannot open " + path + ": " + reason(e), e);
      }
      mode = PLAIN_WRITE;
      openChannel();
      return;
    } catch (IOException e) {
      throw new LogException("cannot open " + path + ": " + reason(e), e);
    }
    rotates = maxbytes > 0 && Files.isRegularFile(path);
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was buffered in user space, so nothing is lost here
      }
      channel = null;
    }
  }

  static String reason(IOException e) {
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}

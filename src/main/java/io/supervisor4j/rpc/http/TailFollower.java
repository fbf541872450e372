package io.supervisor4j.rpc.http;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Follows one log file like {@code tail -f}, as supervisord's {@code tail_f_producer}: if the path's inode
 * changes (rotation) the new file is read from its start; if the file shrinks, {@code ==> File truncated <==}
 * is sent and reading restarts at 0. At most one step (poll or write) is in flight, so no locking is needed
 * beyond the stop flag.
 */
final class TailFollower {
  private static final byte[] TRUNCATED = "==> File truncated <==\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_WRITE = 64 * 1024;

  private final Path path;
  private final Response response;
  private final Callback callback;
  private final Scheduler scheduler;
  private final long pollMillis;
  private final Consumer<TailFollower> onStop;
  private final BooleanSupplier clientGone;
  private int quietPolls;
  private FileChannel file;
  private Object inode;
  private long position;
  private volatile boolean stopped;

  TailFollower(Path path, int head, Response response, Callback callback, Scheduler scheduler, long pollMillis,
      BooleanSupplier clientGone, Consumer<TailFollower> onStop) throws IOException {
    this.clientGone = clientGone;
    this.path = path;
    this.response = response;
    this.callback = callback;
    this.scheduler = scheduler;
    this.pollMillis = pollMillis;
    this.onStop = onStop;
    open();
    long size = file.size();
    position = size >= head ? size - head : 0;
  }

  private void open() throws IOException {
    file = FileChannel.open(path, StandardOpenOption.READ);
    inode = inodeOf(path);
  }

  private static Object inodeOf(Path p) throws IOException {
    return Files.getAttribute(p, "unix:ino");
  }

  void start() {
    // Commit the headers at once so the client sees 200 before any log data exists.
    response.write(false, ByteBuffer.allocate(0), Callback.from(this::step, this::stop));
  }

  /** One poll: send what is new, or look again after {@code pollMillis}. */
  private void step() {
    if (stopped) {
      return;
    }
    try {
      follow();
      long size = file.size();
      if (size < position) {
        position = 0;
        write(ByteBuffer.wrap(TRUNCATED));
        return;
      }
      if (size > position) {
        int n = (int) Math.min(size - position, MAX_WRITE);
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
          int r = file.read(buf, position + buf.position());
          if (r < 0) {
            break;
          }
        }
        buf.flip();
        position += buf.remaining();
        write(buf);
        return;
      }
      // Nothing to write means no write can fail: look for a closed client now and then (about once a second).
      if (++quietPolls * pollMillis >= 1000) {
        quietPolls = 0;
        if (clientGone.getAsBoolean()) {
          stop(new EOFException("client closed the log tail"));
          return;
        }
      }
      scheduler.schedule(this::step, pollMillis, TimeUnit.MILLISECONDS);
    } catch (IOException | RuntimeException e) {
      stop(e);
    }
  }

  /** Reopens the path when it names another file now (rotation); keeps the old one while the path is missing. */
  private void follow() throws IOException {
    Object current;
    try {
      current = inodeOf(path);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!Objects.equals(current, inode)) {
      file.close();
      open();
      position = 0;
    }
  }

  private void write(ByteBuffer buf) {
    // The next step runs when the client has taken the bytes: a slow reader slows the tail, not the server.
    response.write(false, buf, Callback.from(this::step, this::stop));
  }

  void stop(Throwable cause) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    try {
      file.close();
    } catch (IOException ignored) {
      // nothing more to do with a log we no longer follow
    }
    onStop.accept(this);
    callback.failed(cause);
  }
}

package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One platform thread running epoll over every watched child's pidfd and output pipes plus a wake-up eventfd.
 * A readable pidfd means the child exited: it is reaped at once. After every wake-up (and at least every sweep
 * interval) {@code waitpid(-1, WNOHANG)} sweeps up orphans re-parented to us as {@link Subreaper}; a swept pid
 * that is one of our children still reaches its listener, other pids go to the {@link UnknownExitListener}.
 * Orphans raise SIGCHLD but no pidfd event: a daemon that handles SIGCHLD should call {@link #wakeup()} from its
 * handler; otherwise they are reaped within the sweep interval.
 *
 * <p>Concurrency: {@link #watch} and {@link #wakeup} may be called from any thread; registration, reads, reaping
 * and all listener calls happen on the watcher thread, so fds are never closed under a concurrent epoll_ctl.
 */
public final class ChildWatcher implements AutoCloseable {
  /** Exit of a process we did not spawn (an orphan re-parented to the subreaper). */
  @FunctionalInterface
  public interface UnknownExitListener {
    void onUnknownExit(int pid, int waitStatus);
  }

  /** Bytes read per read() call, as supervisord's 128 KiB. */
  public static final int READ_SIZE = 128 * 1024;

  private static final long WAKE_TOKEN = 0;
  private static final int KIND_PIDFD = 0;
  private static final int KIND_STDOUT = 1;
  private static final int KIND_STDERR = 2;
  private static final int MAX_EVENTS = 64;

  private final UnknownExitListener unknownExits;
  private final int sweepMillis;
  private final int epfd;
  private final int wakeFd;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Watched> registrations = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<long[]> reaped = new ConcurrentLinkedQueue<>(); // {pid, status}
  private final AtomicInteger watchedCount = new AtomicInteger();
  private volatile boolean running = true;
  // Watcher thread only.
  private final Map<Long, Watched> byId = new HashMap<>();
  private final Map<Integer, Watched> byPid = new HashMap<>();
  private long nextId = 1;

  private static final class Watched {
    final SpawnedChild child;
    final ChildListener listener;
    long id;
    boolean pidfdRegistered;
    boolean stdoutOpen;
    boolean stderrOpen;
    boolean exited;

    Watched(SpawnedChild child, ChildListener listener) {
      this.child = child;
      this.listener = listener;
    }
  }

  public ChildWatcher(UnknownExitListener unknownExits) {
    this(unknownExits, Duration.ofSeconds(1));
  }

  public ChildWatcher(UnknownExitListener unknownExits, Duration sweepInterval) {
    this.unknownExits = unknownExits;
    this.sweepMillis = Math.clamp(sweepInterval.toMillis(), 1, Integer.MAX_VALUE);
    this.epfd = Libc.epollCreate1(Libc.EPOLL_CLOEXEC);
    this.wakeFd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
    try (Arena arena = Arena.ofConfined()) {
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_ADD, wakeFd, Libc.EPOLLIN, WAKE_TOKEN, arena.allocate(16, 8));
    }
    this.thread = Thread.ofPlatform().daemon().name("supervisor4j-child-watcher").start(this::run);
  }

  /**
   * Starts delivering the child's output and exit to {@code listener}. The child must come from {@link Spawner}
   * and be watched once; from now on the watcher owns its stdout/stderr fds and closes stdin and pidfd at exit.
   */
  public void watch(SpawnedChild child, ChildListener listener) {
    if (!running) {
      throw new IllegalStateException("watcher is closed");
    }
    registrations.add(new Watched(child, listener));
    watchedCount.incrementAndGet();
    wakeup();
  }

  /** Wakes the loop to sweep for exited children now (call it from a SIGCHLD handler). */
  public void wakeup() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment one = arena.allocate(JAVA_LONG);
      one.set(JAVA_LONG, 0, 1L);
      Libc.write(wakeFd, one, 8);
    }
  }

  /** Children whose exit or output has not been fully delivered yet. */
  public int watchedCount() {
    return watchedCount.get();
  }

  /** Stops the thread and closes the output pipes still open; children keep running. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    wakeup();
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Called by {@link ChildTable#sweep} from whichever watcher swept this owner's child. */
  void exitReaped(SpawnedChild child, int status) {
    reaped.add(new long[] {child.pid(), status});
    if (Thread.currentThread() != thread) {
      wakeup();
    }
  }

  private void run() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment events = arena.allocate(Libc.EPOLL_EVENT_SIZE * MAX_EVENTS, 8);
      MemorySegment event = arena.allocate(16, 8);
      MemorySegment buffer = arena.allocate(READ_SIZE, 8);
      MemorySegment status = arena.allocate(8, 8);
      byte[] data = new byte[READ_SIZE];
      while (running) {
        int n = Libc.epollWait(epfd, events, MAX_EVENTS, sweepMillis);
        for (int i = 0; i < n; i++) {
          long token = Libc.epollToken(events, i);
          if (token == WAKE_TOKEN) {
            Libc.read(wakeFd, buffer, 8);
            continue;
          }
          Watched w = byId.get(token >>> 2);
          if (w == null) {
            continue;
          }
          switch ((int) (token & 3)) {
            case KIND_PIDFD -> onPidfdReady(w, status, event);
            case KIND_STDOUT -> onReadable(w, Channel.STDOUT, buffer, data, event);
            default -> onReadable(w, Channel.STDERR, buffer, data, event);
          }
        }
        for (Watched w; (w = registrations.poll()) != null; ) {
          register(w, event);
        }
        ChildTable.sweep(status, this::unknownExit);
        for (long[] r; (r = reaped.poll()) != null; ) {
          Watched w = byPid.get((int) r[0]);
          if (w != null) {
            deliverExit(w, (int) r[1], event);
          }
        }
      }
    } finally {
      for (Watched w : byPid.values()) {
        w.child.closeStdout();
        w.child.closeStderr();
      }
      SpawnedChild.closeQuietly(epfd);
      SpawnedChild.closeQuietly(wakeFd);
    }
  }

  private void register(Watched w, MemorySegment event) {
    w.id = nextId++;
    byId.put(w.id, w);
    byPid.put(w.child.pid(), w);
    int out = w.child.stdoutFd();
    if (out >= 0) {
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_ADD, out, Libc.EPOLLIN, w.id << 2 | KIND_STDOUT, event);
      w.stdoutOpen = true;
    }
    int err = w.child.stderrFd();
    if (err >= 0) {
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_ADD, err, Libc.EPOLLIN, w.id << 2 | KIND_STDERR, event);
      w.stderrOpen = true;
    }
    int early = ChildTable.attach(w.child, this);
    if (early >= 0) {
      deliverExit(w, early, event);
    } else {
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_ADD, w.child.pidfd(), Libc.EPOLLIN, w.id << 2 | KIND_PIDFD, event);
      w.pidfdRegistered = true;
    }
  }

  private void onPidfdReady(Watched w, MemorySegment status, MemorySegment event) {
    int st = ChildTable.reap(w.child.pid(), status);
    if (st >= 0) {
      deliverExit(w, st, event);
    } else if (w.pidfdRegistered) {
      // a sweep reaped it first; its status is queued in `reaped`. Stop the level-triggered readiness meanwhile.
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_DEL, w.child.pidfd(), 0, 0, event);
      w.pidfdRegistered = false;
    }
  }

  private void deliverExit(Watched w, int status, MemorySegment event) {
    if (w.exited) {
      return;
    }
    w.exited = true;
    if (w.pidfdRegistered) {
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_DEL, w.child.pidfd(), 0, 0, event);
      w.pidfdRegistered = false;
    }
    w.child.closePidfd();
    w.child.closeStdin();
    try {
      w.listener.onExit(w.child.pid(), status);
    } catch (RuntimeException e) {
      log(System.Logger.Level.ERROR, "exit listener of pid " + w.child.pid() + " failed", e);
    }
    forgetIfDone(w);
  }

  private void onReadable(Watched w, Channel channel, MemorySegment buffer, byte[] data, MemorySegment event) {
    int fd = channel == Channel.STDOUT ? w.child.stdoutFd() : w.child.stderrFd();
    long n = fd < 0 ? 0 : Libc.read(fd, buffer, READ_SIZE);
    if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
      return;
    }
    if (n > 0) {
      MemorySegment.copy(buffer, JAVA_BYTE, 0, data, 0, (int) n);
      try {
        w.listener.onOutput(channel, data, (int) n);
      } catch (RuntimeException e) {
        log(System.Logger.Level.ERROR, "output listener of pid " + w.child.pid() + " failed", e);
      }
      return;
    }
    // EOF (or a read error, which ends the channel the same way)
    if (fd >= 0) {
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_DEL, fd, 0, 0, event);
    }
    if (channel == Channel.STDOUT) {
      w.child.closeStdout();
      w.stdoutOpen = false;
    } else {
      w.child.closeStderr();
      w.stderrOpen = false;
    }
    try {
      w.listener.onChannelClosed(channel);
    } catch (RuntimeException e) {
      log(System.Logger.Level.ERROR, "output listener of pid " + w.child.pid() + " failed", e);
    }
    forgetIfDone(w);
  }

  private void forgetIfDone(Watched w) {
    if (w.exited && !w.stdoutOpen && !w.stderrOpen) {
      byId.remove(w.id);
      byPid.remove(w.child.pid());
      watchedCount.decrementAndGet();
    }
  }

  private void unknownExit(int pid, int status) {
    try {
      unknownExits.onUnknownExit(pid, status);
    } catch (RuntimeException e) {
      log(System.Logger.Level.ERROR, "unknown-exit listener failed for pid " + pid, e);
    }
  }

  // Looked up on first use: System.getLogger loads java.util.logging (about 60 classes) and only errors log here.
  private static void log(System.Logger.Level level, String message, Throwable error) {
    System.getLogger(ChildWatcher.class.getName()).log(level, message, error);
  }
}

package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One platform thread running epoll over every watched child's pidfd and output pipes plus a wake-up eventfd.
 * A readable pidfd means the child exited: it is reaped at once. After every {@link #wakeup()}, child exit or
 * registration (and at least every sweep interval) {@code waitpid(-1, WNOHANG)} sweeps up orphans re-parented to
 * us as {@link Subreaper}; a swept pid that is one of our children still reaches its listener, other pids go to
 * the {@link UnknownExitListener}. Orphans raise SIGCHLD but no pidfd event: a daemon that handles SIGCHLD should
 * call {@link #wakeup()} from its handler; otherwise they are reaped within the sweep interval.
 *
 * <p>Output pipes start at the kernel's default size (64 KiB). A pipe that a read finds full belongs to a child
 * that writes faster than we read: it grows once to {@value #FAST_PIPE_SIZE} bytes, and reads grow as large.
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

  /** Bytes read per read() call, as supervisord's 128 KiB, until a pipe grows; then as large as that pipe. */
  public static final int READ_SIZE = 128 * 1024;

  /** The size a pipe grows to once its child outruns us. */
  public static final int FAST_PIPE_SIZE = 1024 * 1024;

  private static final long WAKE_TOKEN = 0;
  private static final int KIND_PIDFD = 0;
  private static final int KIND_STDOUT = 1;
  private static final int KIND_STDERR = 2;
  private static final int MAX_EVENTS = 64;
  private static final int PAGE = 4096; // the smallest pipe; reads below it never fill one
  private static final int PIPE_SETTLED = -1; // full-size, or refused: never asked again
  private static final int PIPE_GROWN = -2;

  private final UnknownExitListener unknownExits;
  private final int sweepMillis;
  private final long sweepNanos;
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
  private ChildOutput output; // the read buffer, lent to listeners
  private volatile int readCapacity = READ_SIZE; // for tests and diagnostics
  private final long growBudget = growBudget(Libc.getuid(), pipeUserPagesSoft()); // pages
  private long grownPages;

  private static final class Watched {
    final SpawnedChild child;
    final ChildListener listener;
    long id;
    boolean pidfdRegistered;
    boolean stdoutOpen;
    boolean stderrOpen;
    boolean exited;
    // Per channel (stdout, stderr): the pipe's size once a large read made us ask (0 before), or PIPE_SETTLED
    // or PIPE_GROWN.
    final int[] pipeSize = new int[2];

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
    this.sweepNanos = sweepMillis * 1_000_000L;
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

  /** Bytes the next read may return: {@link #READ_SIZE}, or more while a grown pipe is open. */
  int readCapacity() {
    return readCapacity;
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
      MemorySegment counter = arena.allocate(8, 8);
      MemorySegment status = arena.allocate(8, 8);
      output = new ChildOutput(READ_SIZE);
      long lastSweep = System.nanoTime();
      while (running) {
        int n = Libc.epollWait(epfd, events, MAX_EVENTS, sweepMillis);
        boolean sweep = n <= 0; // the sweep interval passed idle (or EINTR)
        for (int i = 0; i < n; i++) {
          long token = Libc.epollToken(events, i);
          if (token == WAKE_TOKEN) {
            Libc.read(wakeFd, counter, 8);
            sweep = true;
            continue;
          }
          Watched w = byId.get(token >>> 2);
          if (w == null) {
            continue;
          }
          switch ((int) (token & 3)) {
            case KIND_PIDFD -> {
              onPidfdReady(w, status, event);
              sweep = true;
            }
            case KIND_STDOUT -> onReadable(w, Channel.STDOUT, event);
            default -> onReadable(w, Channel.STDERR, event);
          }
        }
        for (Watched w; (w = registrations.poll()) != null; ) {
          register(w, event);
        }
        // A wake-up for output alone skips the sweep (a waitpid(-1) and a lock per chunk: 1 GiB of dd at 64 KiB
        // reads, 0.27 -> 0.23 s/GB daemon CPU) until the interval is due; orphans raise SIGCHLD, i.e. wakeup().
        long now = System.nanoTime();
        if (sweep || now - lastSweep >= sweepNanos) {
          lastSweep = now;
          ChildTable.sweep(status, this::unknownExit);
        }
        for (long[] r; (r = reaped.poll()) != null; ) {
          Watched w = byPid.get((int) r[0]);
          if (w != null) {
            deliverExit(w, (int) r[1], event);
          }
        }
      }
    } finally {
      if (output != null) {
        output.close();
      }
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

  private void onReadable(Watched w, Channel channel, MemorySegment event) {
    int fd = channel == Channel.STDOUT ? w.child.stdoutFd() : w.child.stderrFd();
    long n = fd < 0 ? 0 : output.read(fd);
    if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
      return;
    }
    if (n > 0) {
      try {
        w.listener.onOutput(channel, output);
      } catch (RuntimeException e) {
        log(System.Logger.Level.ERROR, "output listener of pid " + w.child.pid() + " failed", e);
      }
      if (n >= PAGE) {
        growIfOutrun(w, channel.ordinal(), fd, n);
      }
      return;
    }
    // EOF (or a read error, which ends the channel the same way)
    if (fd >= 0) {
      Libc.epollCtl(epfd, Libc.EPOLL_CTL_DEL, fd, 0, 0, event);
    }
    if (w.pipeSize[channel.ordinal()] == PIPE_GROWN) {
      grownPages -= FAST_PIPE_SIZE / PAGE; // EOF: every write end is closed, so the pipe is freed with our end
      if (grownPages == 0) {
        output.shrink(READ_SIZE); // the last fast child is gone: give its 1 MiB read buffer back
        readCapacity = output.capacity();
      }
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

  /**
   * A read that emptied a full pipe means the child writes faster than we read: that pipe grows to 1 MiB and reads
   * with it (1 GiB of dd into a log file: 16k reads and 16k context switches -> 1.2k and 0.4k). Only such pipes
   * grow: past /proc/sys/fs/pipe-user-pages-soft pages in all of a user's pipes, the kernel refuses an
   * unprivileged user (EPERM) and gives new pipes a minimal size, so growing every pipe would starve a daemon with
   * many programs; an unprivileged daemon also keeps its grown pipes within a quarter of that limit.
   */
  private void growIfOutrun(Watched w, int index, int fd, long n) {
    int size = w.pipeSize[index];
    if (size < 0) {
      return;
    }
    try {
      if (size == 0) {
        size = Libc.fcntl(fd, Libc.F_GETPIPE_SZ, 0);
        w.pipeSize[index] = size;
      }
      if (n < size) {
        return;
      }
      w.pipeSize[index] = PIPE_SETTLED;
      if (size >= FAST_PIPE_SIZE || grownPages + FAST_PIPE_SIZE / PAGE > growBudget) {
        return;
      }
      int grown = Libc.fcntl(fd, Libc.F_SETPIPE_SZ, FAST_PIPE_SIZE);
      w.pipeSize[index] = PIPE_GROWN;
      grownPages += FAST_PIPE_SIZE / PAGE;
      output.ensureCapacity(grown);
      readCapacity = output.capacity();
    } catch (LibcException e) {
      // EPERM (over the user's pipe quota or pipe-max-size) or EBUSY: the pipe keeps its size
    }
  }

  /** Pages an unprivileged daemon may put in grown pipes: a quarter of the per-user soft limit (0: no limit). */
  static long growBudget(int uid, long pipeUserPagesSoft) {
    return uid == 0 || pipeUserPagesSoft <= 0 ? Long.MAX_VALUE : pipeUserPagesSoft / 4;
  }

  private static long pipeUserPagesSoft() {
    try {
      return Long.parseLong(Files.readString(Path.of("/proc/sys/fs/pipe-user-pages-soft")).trim());
    } catch (IOException | RuntimeException e) {
      return 16384; // the kernel's default
    }
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

package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A running child and our ends of its descriptors (-1 when absent or closed). Once handed to
 * {@link ChildWatcher#watch}, the watcher owns stdout/stderr (closed at EOF) and closes the pidfd and stdin when
 * the child is reaped. Closing and signalling are synchronized, so a closed pidfd is never reused by accident:
 * {@link #signal} after close reports ESRCH, like a process that is gone.
 */
public final class SpawnedChild {
  private final int pid;
  private int pidfd;
  private int stdinFd;
  private int stdoutFd;
  private int stderrFd;

  public SpawnedChild(int pid, int pidfd, int stdinFd, int stdoutFd, int stderrFd) {
    this.pid = pid;
    this.pidfd = pidfd;
    this.stdinFd = stdinFd;
    this.stdoutFd = stdoutFd;
    this.stderrFd = stderrFd;
  }

  public int pid() {
    return pid;
  }

  public synchronized int pidfd() {
    return pidfd;
  }

  public synchronized int stdinFd() {
    return stdinFd;
  }

  public synchronized int stdoutFd() {
    return stdoutFd;
  }

  public synchronized int stderrFd() {
    return stderrFd;
  }

  /**
   * Sends a signal to this process only (not its group) through the pidfd.
   *
   * @throws LibcException ESRCH when the process is gone (callers ignore it, as supervisord does)
   */
  public synchronized void signal(int sig) {
    if (pidfd < 0) {
      throw new LibcException("pidfd_send_signal", Errno.ESRCH);
    }
    Signals.pidfdSendSignal(pidfd, sig);
  }

  /** One non-blocking write of {@code data[offset, offset+length)} to the child's stdin pipe. */
  public synchronized StdinWrite writeStdin(byte[] data, int offset, int length) {
    if (stdinFd < 0) {
      return new StdinWrite(0, Optional.of("EBADF"));
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(Math.max(1, length));
      MemorySegment.copy(data, offset, buf, JAVA_BYTE, 0, length);
      long n = Libc.write(stdinFd, buf, length);
      if (n >= 0) {
        return new StdinWrite((int) n, Optional.empty());
      }
      return -n == Errno.EAGAIN ? new StdinWrite(0, Optional.empty()) : new StdinWrite(0, Optional.of(Errno.name((int) -n)));
    }
  }

  public synchronized void closeStdin() {
    stdinFd = closeQuietly(stdinFd);
  }

  public synchronized void closePidfd() {
    pidfd = closeQuietly(pidfd);
  }

  synchronized void closeStdout() {
    stdoutFd = closeQuietly(stdoutFd);
  }

  synchronized void closeStderr() {
    stderrFd = closeQuietly(stderrFd);
  }

  /** Closes every descriptor still open (for callers that never hand the child to a watcher). */
  public synchronized void closeAll() {
    closeStdin();
    closePidfd();
    closeStdout();
    closeStderr();
  }

  static int closeQuietly(int fd) {
    if (fd >= 0) {
      try {
        Libc.close(fd);
      } catch (LibcException e) {
        // EBADF/EIO on close: the descriptor is released anyway on Linux
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "SpawnedChild[pid=" + pid + "]";
  }
}

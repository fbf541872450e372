package io.supervisor4j.spawn;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bound, listening stream socket owned by the daemon and handed to children as fd 0 ({@code [fcgi-program:x]}).
 * The fd is O_CLOEXEC, so only the children it is dup2'ed into inherit it.
 */
public final class ListeningSocket implements AutoCloseable {
  private static final int SUN_PATH_SIZE = 108;
  private static final int SOCKADDR_IN_SIZE = 16;
  private int fd;

  private ListeningSocket(int fd) {
    this.fd = fd;
  }

  /**
   * A unix socket at {@code path}: an existing file there is unlinked first; after bind the file gets
   * {@code uid}/{@code gid} (-1 = unchanged) and {@code mode} (-1 = unchanged), as supervisord does.
   */
  public static ListeningSocket unix(Path path, int backlog, int mode, int uid, int gid) {
    byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
    if (name.length >= SUN_PATH_SIZE) {
      throw new SocketException("AF_UNIX path too long: " + path);
    }
    if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      unlinkQuietly(path);
    }
    int fd = create(Libc.AF_UNIX);
    boolean bound = false;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment addr = arena.allocate(2 + SUN_PATH_SIZE, 2);
      addr.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_UNIX);
      MemorySegment.copy(name, 0, addr, ValueLayout.JAVA_BYTE, 2, name.length);
      Libc.bind(fd, addr, 2 + name.length + 1);
      bound = true;
      if (uid != -1 || gid != -1) {
        Libc.chown(path.toString(), uid, gid);
      }
      if (mode != -1) {
        Libc.chmod(path.toString(), mode);
      }
      Libc.listen(fd, backlog);
      return new ListeningSocket(fd);
    } catch (LibcException e) {
      SpawnedChild.closeQuietly(fd);
      if (bound) {
        unlinkQuietly(path);
      }
      throw new SocketException(e);
    }
  }

  /** A TCP socket on an IPv4 address with SO_REUSEADDR (supervisord binds AF_INET only). */
  public static ListeningSocket tcp(Inet4Address host, int port, int backlog) {
    int fd = create(Libc.AF_INET);
    try (Arena arena = Arena.ofConfined()) {
      Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_REUSEADDR, 1);
      MemorySegment addr = arena.allocate(SOCKADDR_IN_SIZE, 4);
      addr.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
      addr.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >>> 8)); // network byte order
      addr.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
      MemorySegment.copy(host.getAddress(), 0, addr, ValueLayout.JAVA_BYTE, 4, 4);
      Libc.bind(fd, addr, SOCKADDR_IN_SIZE);
      Libc.listen(fd, backlog);
      return new ListeningSocket(fd);
    } catch (LibcException e) {
      SpawnedChild.closeQuietly(fd);
      throw new SocketException(e);
    }
  }

  private static int create(int domain) {
    try {
      return Libc.socket(domain, Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0);
    } catch (LibcException e) {
      throw new SocketException(e);
    }
  }

  private static void unlinkQuietly(Path path) {
    try {
      Libc.unlink(path.toString());
    } catch (LibcException e) {
      // bind reports the real problem
    }
  }

  public synchronized int fd() {
    if (fd < 0) {
      throw new IllegalStateException("socket closed");
    }
    return fd;
  }

  @Override
  public synchronized void close() {
    fd = SpawnedChild.closeQuietly(fd);
  }

  /** Creating the socket failed; the message reads like Python's OSError ({@code [Errno 98] Address in use}). */
  public static final class SocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SocketException(LibcException e) {
      super("[Errno " + e.errno() + "] " + Libc.strerror(e.errno()), e);
    }

    SocketException(String message) {
      super(message);
    }
  }
}

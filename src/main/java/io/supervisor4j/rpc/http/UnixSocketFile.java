package io.supervisor4j.rpc.http;

import io.supervisor4j.config.UidGid;
import io.supervisor4j.log.ActivityLog;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Publishes a unix socket at its configured path the way supervisord does: the server binds a private
 * {@code <file>.<pid>}, which is chmod'ed and then hard-linked to {@code <file>}, so the public name never
 * exists with the wrong mode. A live server at the path is an error; a stale socket file is replaced.
 */
final class UnixSocketFile {
  static final String ADDRESS_IN_USE = "Another program is already listening on a port that one of our HTTP servers "
      + "is configured to use.  Shut this program down first before starting supervisord.";

  private final Path file;
  private final Path temp;
  private Object inode;

  UnixSocketFile(Path file) {
    this.file = file.toAbsolutePath();
    this.temp = Path.of(this.file + "." + ProcessHandle.current().pid());
  }

  /** Where the server must bind. Removes a leftover of an earlier run with our pid. */
  Path bindPath() throws IOException {
    Files.deleteIfExists(temp);
    return temp;
  }

  /** After the server bound {@link #bindPath()}: chmod, link to the public name, chown. */
  void publish(int mode, UidGid owner, ActivityLog log) throws IOException {
    try {
      Files.setAttribute(temp, "unix:mode", mode);
      for (int attempt = 0; ; attempt++) {
        try {
          Files.createLink(file, temp);
          break;
        } catch (FileAlreadyExistsException e) {
          if (isLive(file)) {
            throw new RpcServerException(ADDRESS_IN_USE);
          }
          if (!isSocket(file)) {
            // supervisord would unlink any file here; we refuse to delete what is not a socket.
            throw new RpcServerException("Cannot create unix socket " + file + ": a file that is not a socket exists");
          }
          if (attempt >= 5) {
            throw new RpcServerException("Cannot replace stale socket " + file);
          }
          log.warn("Unlinking stale socket " + file);
          Files.deleteIfExists(file);
        }
      }
      inode = Files.getAttribute(file, "unix:ino");
    } finally {
      Files.deleteIfExists(temp);
    }
    if (owner.uid() != -1 || owner.gid() != -1) {
      chown(owner);
    }
  }

  private void chown(UidGid owner) {
    try {
      if (owner.uid() != -1) {
        Files.setAttribute(file, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
      }
      if (owner.gid() != -1) {
        Files.setAttribute(file, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
      }
    } catch (IOException e) {
      throw new RpcServerException("Not permitted to chown " + file + " to uid/gid (" + owner.uid() + ", "
          + owner.gid() + "); adjust \"sockchown\" value in config file or on command line to values that the "
          + "current user (" + System.getProperty("user.name") + ") can successfully chown", e);
    }
  }

  /** Removes the public name if it is still our socket (another instance may own it by now). */
  void unpublish() {
    try {
      Files.deleteIfExists(temp);
      if (inode != null && Objects.equals(Files.getAttribute(file, "unix:ino"), inode)) {
        Files.delete(file);
      }
    } catch (IOException ignored) {
      // already gone, or replaced by someone else's socket
    }
    inode = null;
  }

  Path file() {
    return file;
  }

  /** True when something accepts connections at {@code p}, supervisord's only "already running" check. */
  static boolean isLive(Path p) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(p));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isSocket(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      return (mode & 0170000) == 0140000;
    } catch (NoSuchFileException e) {
      return true; // vanished meanwhile: linking again will tell
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}

package io.supervisor4j.spawn;

/** A libc call failed; carries the errno so callers can build supervisord-style messages ({@code ESRCH}, ...). */
public final class LibcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int errno;

  public LibcException(String call, int errno) {
    super(call + ": " + Errno.name(errno));
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }

  /** The symbolic errno name, e.g. {@code EPIPE}. */
  public String errnoName() {
    return Errno.name(errno);
  }
}

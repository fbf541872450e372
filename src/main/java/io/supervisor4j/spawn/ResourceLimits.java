package io.supervisor4j.spawn;

import java.util.Optional;

/** supervisord's {@code minfds} / {@code minprocs}: raise our soft (and if needed hard) limit at startup. */
public final class ResourceLimits {
  public enum Resource {
    NOFILE(Libc.RLIMIT_NOFILE, "RLIMIT_NOFILE",
        "The minimum number of file descriptors required to run this process is %d as per the \"minfds\" "
            + "command-line argument or config file setting. The current environment will only allow you to "
            + "open %d file descriptors.  Either raise the number of usable file descriptors in your "
            + "environment (see README.rst) or lower the minfds setting in the config file to allow the "
            + "process to start."),
    NPROC(Libc.RLIMIT_NPROC, "RLIMIT_NPROC",
        "The minimum number of available processes required to run this program is %d as per the "
            + "\"minprocs\" command-line argument or config file setting. The current environment will only "
            + "allow you to open %d processes.  Either raise the number of usable processes in your "
            + "environment (see README.rst) or lower the minprocs setting in the config file to allow the "
            + "program to start.");

    final int number;
    final String rlimitName;
    final String failure;

    Resource(int number, String rlimitName, String failure) {
      this.number = number;
      this.rlimitName = rlimitName;
      this.failure = failure;
    }
  }

  /** supervisord's usage error for a limit it could not raise; the daemon prints it and exits 2. */
  public static final class LimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LimitException(String message) {
      super(message);
    }
  }

  private ResourceLimits() {}

  /**
   * Raises the soft limit to {@code minimum} when it is lower (and the hard limit too, which needs root).
   *
   * @return the info line supervisord logs ({@code Increased RLIMIT_NOFILE limit to 1024}) when it raised it
   * @throws LimitException with supervisord's message when the limit cannot be raised
   */
  public static Optional<String> raise(Resource resource, long minimum) {
    long[] limits = Libc.getrlimit(resource.number);
    long soft = limits[0];
    long hard = limits[1];
    if (soft == Libc.RLIM_INFINITY || Long.compareUnsigned(soft, minimum) >= 0) {
      return Optional.empty();
    }
    if (hard != Libc.RLIM_INFINITY && Long.compareUnsigned(hard, minimum) < 0) {
      hard = minimum; // as supervisord: ask for a higher hard limit (works as root); the message then shows it
    }
    try {
      Libc.setrlimit(resource.number, minimum, hard);
    } catch (LibcException e) {
      throw new LimitException(String.format(resource.failure, minimum, hard));
    }
    return Optional.of("Increased " + resource.rlimitName + " limit to " + minimum);
  }

  /** The current {soft, hard} limits; -1 means unlimited. */
  public static long[] current(Resource resource) {
    return Libc.getrlimit(resource.number);
  }
}

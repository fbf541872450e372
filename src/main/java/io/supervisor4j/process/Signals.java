package io.supervisor4j.process;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** Linux signal names and numbers as supervisord renders ({@code signame}) and parses ({@code signal_number}). */
public final class Signals {
  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGQUIT = 3;
  public static final int SIGKILL = 9;
  public static final int SIGTERM = 15;
  public static final int SIGCHLD = 17;

  // The name supervisord prints for each number (Python's signal module on Linux, aliases resolved as it does).
  private static final String[] NAMES = {
    null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
    "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
    "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGPOLL", "SIGPWR",
    "SIGSYS"
  };

  // Names accepted by signal_number beyond NAMES: aliases, real-time bounds and the SIG_* constants that Python's
  // signal module also exposes (so "_DFL" is accepted as 0, a quirk kept for compatibility).
  private static final Map<String, Integer> EXTRA =
      Map.of(
          "SIGIOT", 6, "SIGCLD", 17, "SIGIO", 29, "SIGRTMIN", 34, "SIGRTMAX", 64, "SIG_DFL", 0, "SIG_IGN", 1,
          "SIG_BLOCK", 0, "SIG_UNBLOCK", 1, "SIG_SETMASK", 2);

  private Signals() {}

  /** {@code SIGTERM} for 15; {@code signal N} for numbers without a name, as supervisord prints them. */
  public static String name(int signal) {
    if (signal > 0 && signal < NAMES.length) {
      return NAMES[signal];
    }
    if (signal == 34) {
      return "SIGRTMIN";
    }
    if (signal == 64) {
      return "SIGRTMAX";
    }
    return "signal " + signal;
  }

  /**
   * Parses a signal as supervisord's {@code signal_number}: a number, or a name with or without {@code SIG}, any
   * case. Empty when supervisord would raise BAD_SIGNAL.
   */
  public static OptionalInt parse(String value) {
    String v = value.strip();
    int number;
    try {
      number = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
    } catch (NumberFormatException e) {
      String name = v.toUpperCase(Locale.ROOT);
      if (!name.startsWith("SIG")) {
        name = "SIG" + name;
      }
      Integer n = lookup(name);
      if (n == null) {
        return OptionalInt.empty();
      }
      number = n;
    }
    boolean known = (number >= 0 && number < NAMES.length) || number == 34 || number == 64;
    return known ? OptionalInt.of(number) : OptionalInt.empty();
  }

  private static Integer lookup(String name) {
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i;
      }
    }
    return EXTRA.get(name);
  }
}

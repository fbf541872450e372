package io.supervisor4j.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one table of Linux signal numbers and names (x86_64 and aarch64 share them), with supervisord's two views of
 * it: {@code signame} to print a number and {@code signal_number} to read one. Pure data: sending signals is
 * spawn's business.
 */
public final class SignalNames {
  public static final int SIGHUP = 1;
  public static final int SIGINT = 2;
  public static final int SIGQUIT = 3;
  public static final int SIGKILL = 9;
  public static final int SIGUSR1 = 10;
  public static final int SIGSEGV = 11;
  public static final int SIGUSR2 = 12;
  public static final int SIGTERM = 15;
  public static final int SIGCHLD = 17;
  public static final int SIGCONT = 18;
  public static final int SIGSTOP = 19;

  public static final int SIGRTMIN = 34;
  public static final int SIGRTMAX = 64;

  /** Canonical names of 1..31, without the {@code SIG} prefix. */
  private static final String[] NAMES = {
    null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
    "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
    "PROF", "WINCH", "IO", "PWR", "SYS"
  };

  /** Every name Python's signal module has after {@code SIG}, canonical names first. */
  private static final Map<String, Integer> NUMBERS = new LinkedHashMap<>();

  static {
    for (int i = 1; i < NAMES.length; i++) {
      NUMBERS.put(NAMES[i], i);
    }
    NUMBERS.put("RTMIN", SIGRTMIN);
    NUMBERS.put("RTMAX", SIGRTMAX);
    NUMBERS.put("IOT", 6);
    NUMBERS.put("CLD", 17);
    NUMBERS.put("POLL", 29);
    // Python's signal module also has these SIG_* constants, which signal_number() accepts as names: a quirk kept
    // for compatibility ("_DFL" reads as 0).
    NUMBERS.put("_DFL", 0);
    NUMBERS.put("_IGN", 1);
    NUMBERS.put("_BLOCK", 0);
    NUMBERS.put("_UNBLOCK", 1);
    NUMBERS.put("_SETMASK", 2);
  }

  private SignalNames() {}

  /**
   * The number for a name as Python's signal module knows it: {@code TERM}, {@code sigterm}, aliases like
   * {@code IOT}; the caller strips white space. Numbers are not names: {@code "15"} is empty.
   */
  public static Optional<Integer> number(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return Optional.ofNullable(NUMBERS.get(n.startsWith("SIG") ? n.substring(3) : n));
  }

  /** Whether supervisord accepts this number as a signal: 0 to 31 and the real-time bounds 34 and 64. */
  public static boolean isKnown(int number) {
    return (number >= 0 && number < NAMES.length) || number == SIGRTMIN || number == SIGRTMAX;
  }

  /** {@code TERM} for 15, {@code IO} for 29; real-time signals as {@code RTMIN+n}; other numbers as the number. */
  public static String name(int sig) {
    if (sig >= 1 && sig < NAMES.length) {
      return NAMES[sig];
    }
    if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
      return sig == SIGRTMIN ? "RTMIN" : sig == SIGRTMAX ? "RTMAX" : "RTMIN+" + (sig - SIGRTMIN);
    }
    return Integer.toString(sig);
  }

  /**
   * supervisord's {@code signame}, as it prints signals in its messages: {@code SIGTERM}, {@code SIGPOLL} for 29
   * (Python's name wins over IO there), {@code SIGRTMIN}/{@code SIGRTMAX}, otherwise {@code signal 40}.
   */
  public static String signame(int sig) {
    if (sig == 29) {
      return "SIGPOLL";
    }
    if (sig >= 1 && sig < NAMES.length) {
      return "SIG" + NAMES[sig];
    }
    return sig == SIGRTMIN ? "SIGRTMIN" : sig == SIGRTMAX ? "SIGRTMAX" : "signal " + sig;
  }

  /**
   * supervisord's {@code signal_number} as the RPC interface applies it: a number, or a name with or without
   * {@code SIG} in any case, surrounding white space ignored. Empty where supervisord answers BAD_SIGNAL.
   */
  public static OptionalInt signalNumber(String value) {
    String v = value.strip();
    int number;
    try {
      number = Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
    } catch (NumberFormatException e) {
      Optional<Integer> named = number(v);
      if (named.isEmpty()) {
        return OptionalInt.empty();
      }
      number = named.get();
    }
    return isKnown(number) ? OptionalInt.of(number) : OptionalInt.empty();
  }
}

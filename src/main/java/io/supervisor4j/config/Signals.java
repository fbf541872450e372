package io.supervisor4j.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Linux signal names and numbers as supervisord accepts them for {@code stopsignal=}: any {@code SIG*} attribute
 * of Python's {@code signal} module (aliases like IOT/CLD/POLL included), with or without the prefix, or a number
 * that is one of those values.
 */
final class Signals {
  private Signals() {}

  /** Canonical names first, so the reverse lookup names a number by its usual name. */
  private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

  static {
    String[] names = {
      "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
      "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
      "WINCH", "IO", "PWR", "SYS"
    };
    for (int i = 0; i < names.length; i++) {
      BY_NAME.put(names[i], i + 1);
    }
    BY_NAME.put("RTMIN", 34);
    BY_NAME.put("RTMAX", 64);
    BY_NAME.put("IOT", 6);
    BY_NAME.put("CLD", 17);
    BY_NAME.put("POLL", 29);
    // Python's signal module also has these SIG_* constants, which signal_number() accepts as names.
    BY_NAME.put("_DFL", 0);
    BY_NAME.put("_IGN", 1);
    BY_NAME.put("_BLOCK", 0);
    BY_NAME.put("_UNBLOCK", 1);
    BY_NAME.put("_SETMASK", 2);
  }

  static SignalSpec parse(String value) {
    int number;
    try {
      number = Math.toIntExact(Py.parseInt(value, 10));
    } catch (NumberFormatException | ArithmeticException e) {
      String name = Py.strip(value).toUpperCase(Locale.ROOT);
      Integer n = BY_NAME.get(name.startsWith("SIG") ? name.substring(3) : name);
      if (n == null) {
        throw new ValueProblem("value " + Py.repr(value) + " is not a valid signal name");
      }
      number = n;
    }
    if (!BY_NAME.containsValue(number)) {
      throw new ValueProblem("value " + Py.repr(value) + " is not a valid signal number");
    }
    return of(number);
  }

  /** The signal with this number, named by its canonical name ({@code "0"} for the null signal). */
  static SignalSpec of(int number) {
    for (Map.Entry<String, Integer> e : BY_NAME.entrySet()) {
      if (e.getValue() == number && !e.getKey().startsWith("_")) {
        return new SignalSpec(e.getKey(), number);
      }
    }
    return new SignalSpec(Integer.toString(number), number);
  }
}

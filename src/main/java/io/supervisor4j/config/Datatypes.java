package io.supervisor4j.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * supervisord's value conversions ({@code supervisor/datatypes.py}), with its accepted inputs and, where it has
 * one, its wording for rejected ones. Every method throws {@link ValueProblem} for a bad value.
 */
final class Datatypes {
  private Datatypes() {}

  static final List<String> LOG_LEVELS =
      List.of("critical", "error", "warn", "info", "debug", "trace", "blather");

  static long pyLong(String value, int base) {
    try {
      return Py.parseInt(value, base);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ValueProblem(Py.repr(value) + " is not an integer");
    }
  }

  static int integer(String value) {
    long v = pyLong(value, 10);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new ValueProblem(Py.repr(value) + " is out of range");
    }
    return (int) v;
  }

  static boolean bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "yes", "true", "on", "1" -> true;
      case "no", "false", "off", "0" -> false;
      default -> throw new ValueProblem("not a valid boolean value: " + Py.repr(value));
    };
  }

  /** Integer with an optional KB/MB/GB suffix (1024-based); the suffix must end the value. */
  static long byteSize(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    long multiplier = 1;
    String number = v;
    if (v.endsWith("kb") || v.endsWith("mb") || v.endsWith("gb")) {
      multiplier = v.endsWith("kb") ? 1024L : v.endsWith("mb") ? 1024L * 1024 : 1024L * 1024 * 1024;
      number = v.substring(0, v.length() - 2);
    }
    try {
      return Math.multiplyExact(Py.parseInt(number, 10), multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ValueProblem(Py.repr(value) + " is not a byte size (an integer, optionally followed by KB, MB or GB)");
    }
  }

  static int octal(String value) {
    try {
      return Math.toIntExact(Py.parseInt(value, 8));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ValueProblem(value + " can not be converted to an octal type");
    }
  }

  /** Comma-separated, each item stripped; empty input gives an empty list, {@code "a,"} gives {@code [a, ""]}. */
  static List<String> listOfStrings(String value) {
    List<String> items = new ArrayList<>();
    if (value == null || value.isEmpty()) {
      return items;
    }
    for (String item : value.split(",", -1)) {
      items.add(Py.strip(item));
    }
    return items;
  }

  static Set<Integer> exitcodes(String value) {
    Set<Integer> codes = new LinkedHashSet<>();
    if (value.isEmpty()) {
      return codes;
    }
    for (String item : value.split(",", -1)) {
      try {
        long code = Py.parseInt(item, 10);
        if (code < 0 || code > 255) {
          throw new NumberFormatException(item);
        }
        codes.add((int) code);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new ValueProblem("not a valid list of exit codes: " + Py.repr(value));
      }
    }
    return codes;
  }

  /** A program, group or process name: stripped, without space, colon or slash. */
  static String name(String value) {
    String s = Py.strip(value);
    for (char c : new char[] {' ', ':', '/'}) {
      if (s.indexOf(c) >= 0) {
        throw new ValueProblem("Invalid name: " + Py.repr(value) + " because of character: " + Py.repr("" + c));
      }
    }
    return s;
  }

  static AutoRestart autoRestart(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    return switch (v) {
      case "yes", "true", "on", "1" -> AutoRestart.TRUE;
      case "no", "false", "off", "0" -> AutoRestart.FALSE;
      case "unexpected" -> AutoRestart.UNEXPECTED;
      default -> throw new ValueProblem("invalid 'autorestart' value " + Py.repr(v));
    };
  }

  static String loggingLevel(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(v)) {
      throw new ValueProblem("bad logging level name " + Py.repr(value));
    }
    return v;
  }

  /** {@code os.path.expanduser}: {@code ~} from HOME (else passwd), {@code ~user} from passwd. */
  static String expandUser(String value, Map<String, String> env) {
    if (!value.startsWith("~")) {
      return value;
    }
    int slash = value.indexOf('/');
    String user = slash < 0 ? value.substring(1) : value.substring(1, slash);
    String rest = slash < 0 ? "" : value.substring(slash);
    String home;
    if (user.isEmpty()) {
      home = env.containsKey("HOME") ? env.get("HOME") : Accounts.system().homeOfUid(Accounts.currentUid()).orElse(null);
    } else {
      home = Accounts.system().homeOfUser(user).orElse(null);
    }
    if (home == null) {
      return value;
    }
    String trimmed = home.endsWith("/") && home.length() > 1 ? home.substring(0, home.length() - 1) : home;
    return (trimmed.isEmpty() ? "/" : trimmed) + rest;
  }

  static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new ValueProblem(Py.repr(value) + " is not a valid path");
    }
  }

  static Path existingDirectory(String value, Map<String, String> env) {
    String expanded = expandUser(value, env);
    Path p = path(expanded);
    if (!expanded.isEmpty() && Files.isDirectory(p)) {
      return p;
    }
    throw new ValueProblem(value + " is not an existing directory");
  }

  /** The parent directory must exist; a bare file name is accepted as is. */
  static Path existingDirpath(String value, Map<String, String> env) {
    String expanded = expandUser(value, env);
    int slash = expanded.lastIndexOf('/');
    Path p = path(expanded);
    if (slash < 0) {
      return p;
    }
    String dir = slash == 0 ? "/" : expanded.substring(0, slash);
    if (Files.isDirectory(path(dir))) {
      return p;
    }
    throw new ValueProblem("The directory named as part of the path " + value + " does not exist");
  }

  /** {@code os.path.normpath(os.path.abspath(os.path.expanduser(v)))}. */
  static Path normalizePath(String value, Map<String, String> env) {
    return path(expandUser(value, env)).toAbsolutePath().normalize();
  }

  /** A child log file name: NONE/OFF, AUTO, SYSLOG (deprecated), or a path in an existing directory. */
  sealed interface LogTarget {}

  record LogNamed(LogFile file) implements LogTarget {}

  record LogSyslog() implements LogTarget {}

  static LogTarget logfileName(String value, Map<String, String> env) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "none", "off" -> new LogNamed(LogFile.NONE);
      case "auto" -> new LogNamed(LogFile.AUTO);
      case "syslog" -> new LogSyslog();
      default -> new LogNamed(LogFile.file(existingDirpath(value, env)));
    };
  }

  static int portNumber(String value) {
    long port = pyLong(value, 10);
    if (port < 1) {
      throw new ValueProblem(port + " is below lower bound (1)");
    }
    if (port > 0xffff) {
      throw new ValueProblem(port + " is above upper bound (65535)");
    }
    return (int) port;
  }

  /** {@code host:port}, {@code :port}, {@code *:port} or {@code port}; the host is empty for all interfaces. */
  record InetAddress(String host, int port) {}

  static InetAddress inetAddress(String value) {
    String host = "";
    int port;
    int colon = value.lastIndexOf(':');
    if (colon >= 0) {
      host = value.substring(0, colon).toLowerCase(Locale.ROOT);
      String p = value.substring(colon + 1);
      if (p.isEmpty()) {
        throw new ValueProblem("no port number specified in ''");
      }
      port = portNumber(p);
    } else {
      try {
        port = portNumber(value);
      } catch (ValueProblem e) {
        throw new ValueProblem("not a valid port number: " + Py.repr(value) + " ");
      }
    }
    return new InetAddress(host.equals("*") ? "" : host, port);
  }

  /** {@code user} or {@code user:group}, names or numeric ids, checked against the account files. */
  static UidGid userGroup(String value) {
    try {
      String[] parts = value.split(":", 2);
      int uid = Accounts.system().nameToUid(parts[0]);
      int gid = parts.length == 1 ? -1 : Accounts.system().nameToGid(parts[1]);
      return new UidGid(uid, gid);
    } catch (ValueProblem e) {
      throw new ValueProblem("Invalid user:group definition " + value);
    }
  }

  /** The {@code scheme://...} check supervisorctl applies to {@code -s}. */
  static String url(String value) {
    int colon = value.indexOf(':');
    boolean scheme = colon > 0 && value.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    if (scheme && colon + 1 < value.length()) {
      return value;
    }
    throw new ValueProblem("value " + Py.repr(value) + " is not a URL");
  }
}

package io.supervisor4j.log;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * syslog(3) as supervisord uses it through Python's {@code syslog} module: opened once with ident
 * {@code supervisord} (Python's default, the basename of argv[0]), no options, facility LOG_USER; each message is
 * sent at LOG_INFO. Messages go through a {@code "%s"} format so {@code %} in output is harmless.
 */
final class Syslog {
  static final int LOG_USER = 1 << 3;
  static final int LOG_INFO = 6;
  private static final String IDENT = "supervisord";

  private static final MethodHandle OPENLOG;
  private static final MethodHandle SYSLOG;
  private static final MemorySegment FORMAT;
  private static volatile boolean opened;

  static {
    Linker linker = Linker.nativeLinker();
    var libc = linker.defaultLookup();
    OPENLOG =
        linker.downcallHandle(
            libc.find("openlog").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
    SYSLOG =
        linker.downcallHandle(
            libc.find("syslog").orElseThrow(),
            FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS),
            Linker.Option.firstVariadicArg(2));
    FORMAT = Arena.global().allocateFrom("%s");
  }

  private Syslog() {}

  /** Sends one message at LOG_INFO|LOG_USER. */
  static void send(String message) {
    openOnce();
    try (Arena arena = Arena.ofConfined()) {
      SYSLOG.invokeExact(LOG_INFO | LOG_USER, FORMAT, arena.allocateFrom(message));
    } catch (Throwable t) {
      throw new LogException("syslog failed: " + t, t);
    }
  }

  private static void openOnce() {
    if (opened) {
      return;
    }
    synchronized (Syslog.class) {
      if (!opened) {
        try {
          // openlog keeps the ident pointer: it must live forever
          OPENLOG.invokeExact(Arena.global().allocateFrom(IDENT), 0, LOG_USER);
        } catch (Throwable t) {
          throw new LogException("openlog failed: " + t, t);
        }
        opened = true;
      }
    }
  }

  /** Python's {@code message.rstrip('\n').split('\n')}: the lines supervisord's SyslogHandler sends one by one. */
  static String[] lines(String message) {
    int end = message.length();
    while (end > 0 && message.charAt(end - 1) == '\n') {
      end--;
    }
    return message.substring(0, end).split("\n", -1);
  }
}

package io.supervisor4j.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resource usage of a live process from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}. */
final class ProcFs {
  /** Linux's USER_HZ: the unit of utime/stime, 100 on every architecture supervisor4j runs on. */
  static final double CLOCK_TICKS = 100.0;

  private ProcFs() {}

  /** utime + stime in seconds. */
  static Optional<Double> cpuSeconds(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      // the command name (field 2) may contain spaces and parentheses: fields count from the last ')'
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
      return Optional.of(ticks / CLOCK_TICKS);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // gone meanwhile
    }
  }

  /** VmRSS in bytes. */
  static Optional<Long> rssBytes(int pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
      return Optional.empty(); // a zombie has no VmRSS line
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}

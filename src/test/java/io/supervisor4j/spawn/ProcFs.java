package io.supervisor4j.spawn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** /proc readers and polling for tests. */
final class ProcFs {
  private ProcFs() {}

  /** Fields of /proc/PID/stat after the command name: index 0 = state, 1 = ppid, 2 = pgrp, 3 = session. */
  static Optional<String[]> stat(int pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return Optional.of(s.substring(s.lastIndexOf(')') + 2).trim().split(" "));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<String> statusField(int pid, String field) {
    try {
      return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(l -> l.startsWith(field + ":")).map(l -> l.substring(field.length() + 1).trim()).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Our direct children (any state), from /proc. */
  static List<Integer> childrenOf(int ppid) {
    try (var dirs = Files.list(Path.of("/proc"))) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Integer::parseInt).filter(pid -> stat(pid).map(f -> f[1].equals(Integer.toString(ppid))).orElse(false))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Integer> zombieChildrenOf(int ppid) {
    return childrenOf(ppid).stream().filter(pid -> stat(pid).map(f -> f[0].equals("Z")).orElse(false)).toList();
  }

  static long openFdCount() {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean alive(int pid) {
    return stat(pid).map(f -> !f[0].equals("Z")).orElse(false);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Collector.TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}

package io.supervisor4j.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** /proc readers for the end-to-end tests. */
final class ProcScan {
  private ProcScan() {}

  /** Fields of /proc/PID/stat after the command name: 0 = state, 1 = ppid, 2 = pgrp, 3 = session. */
  static Optional<String[]> stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return Optional.of(s.substring(s.lastIndexOf(')') + 2).trim().split(" "));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static List<Long> allPids() {
    try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
      return dirs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
          .map(Long::parseLong).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Processes (zombies included) whose process group is {@code pgid}. */
  static List<Long> inProcessGroup(long pgid) {
    return allPids().stream().filter(p -> stat(p).map(f -> f[2].equals(Long.toString(pgid))).orElse(false)).toList();
  }

  static List<Long> zombieChildrenOf(long ppid) {
    return allPids().stream()
        .filter(p -> stat(p).map(f -> f[1].equals(Long.toString(ppid)) && f[0].equals("Z")).orElse(false))
        .toList();
  }

  static long openFdCount(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean alive(long pid) {
    return stat(pid).map(f -> !f[0].equals("Z")).orElse(false);
  }

  /** Live processes whose environment contains exactly {@code entry} ({@code K=V}). */
  static List<Long> withEnvironmentEntry(String entry) {
    long self = ProcessHandle.current().pid();
    return allPids().stream().filter(p -> p != self && alive(p) && environ(p).contains(entry)).toList();
  }

  private static List<String> environ(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
      return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }
}

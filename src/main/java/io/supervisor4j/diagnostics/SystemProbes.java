package io.supervisor4j.diagnostics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The few OS facts the hints need, read from /proc and /sys: the daemon cgroup's OOM-kill counter and the processes
 * a program left behind. Every read is best effort: an unreadable file yields "unknown", never an error.
 */
public final class SystemProbes {
  private final Optional<Path> oomCounter;
  private final Path proc;

  SystemProbes(Optional<Path> oomCounter, Path proc) {
    this.oomCounter = oomCounter;
    this.proc = proc;
  }

  /** Probes for this process: its cgroup's memory events (v2, or v1's memory.oom_control) and /proc. */
  public static SystemProbes forThisProcess() {
    return new SystemProbes(findOomCounter(Path.of("/proc/self/cgroup"), Path.of("/sys/fs/cgroup")), Path.of("/proc"));
  }

  /** The file holding {@code oom_kill N} for this process's cgroup, if any. */
  static Optional<Path> findOomCounter(Path cgroupFile, Path cgroupRoot) {
    List<Path> candidates = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(cgroupFile)) {
        String[] f = line.split(":", 3);
        if (f.length < 3) {
          continue;
        }
        String rel = f[2].startsWith("/") ? f[2].substring(1) : f[2];
        if (f[0].equals("0") && f[1].isEmpty()) {
          candidates.add(0, cgroupRoot.resolve(rel).resolve("memory.events"));
          candidates.add(cgroupRoot.resolve("unified").resolve(rel).resolve("memory.events"));
        } else if (List.of(f[1].split(",")).contains("memory")) {
          candidates.add(cgroupRoot.resolve("memory").resolve(rel).resolve("memory.oom_control"));
          candidates.add(cgroupRoot.resolve("memory").resolve("memory.oom_control")); // a namespaced root
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return candidates.stream().filter(p -> readOomKills(p).isPresent()).findFirst();
  }

  /** Where the OOM counter is read from, if anywhere. */
  public Optional<Path> oomCounterFile() {
    return oomCounter;
  }

  /** The cgroup's {@code oom_kill} counter now. */
  public OptionalLong oomKills() {
    return oomCounter.map(SystemProbes::readOomKills).orElse(OptionalLong.empty());
  }

  static OptionalLong readOomKills(Path file) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("oom_kill ")) {
          return OptionalLong.of(Long.parseLong(line.substring(9).trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable: unknown
    }
    return OptionalLong.empty();
  }

  /**
   * Processes other than {@code exitedPid} whose environment names the process {@code group:name} (every child
   * inherits its {@code SUPERVISOR_*} variables): what a program that daemonized itself left running. Their parent
   * is not checked: orphans go to the nearest subreaper, which is the daemon only when it could become one. Reads
   * every process's environ, so callers use it only for the rare exit-0 failures.
   */
  public List<Integer> survivors(String group, String name, int exitedPid) {
    byte[] wantName = ("SUPERVISOR_PROCESS_NAME=" + name).getBytes(StandardCharsets.UTF_8);
    byte[] wantGroup = ("SUPERVISOR_GROUP_NAME=" + group).getBytes(StandardCharsets.UTF_8);
    long self = ProcessHandle.current().pid();
    List<Integer> found = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path d : dirs) {
        int pid = Integer.parseInt(d.getFileName().toString());
        if (pid == exitedPid || pid == self) {
          continue;
        }
        try {
          byte[] env = Files.readAllBytes(d.resolve("environ"));
          if (containsEntry(env, wantName) && containsEntry(env, wantGroup)) {
            found.add(pid);
          }
        } catch (IOException | RuntimeException e) {
          // gone, or a kernel thread: skip
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort
    }
    return found;
  }

  private static boolean containsEntry(byte[] environ, byte[] entry) {
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }
}

package io.supervisor4j.diagnostics;

import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.process.FailureReason;
import java.util.List;
import java.util.OptionalLong;

/**
 * Everything a hint rule may look at: the engine's facts, the configuration, the output tail, the launch context,
 * and what the OS said right after the failure.
 *
 * @param oomKillsNow the daemon cgroup's {@code oom_kill} counter after the failure, when readable
 * @param survivors pids of processes that still carry this program's {@code SUPERVISOR_PROCESS_NAME} after its
 *     main process exited (a program that daemonized itself)
 */
public record Evidence(
    FailureReason reason,
    ProcessConfig config,
    List<String> tail,
    LaunchContext launch,
    OptionalLong oomKillsNow,
    List<Integer> survivors) {

  public Evidence {
    tail = List.copyOf(tail);
    survivors = List.copyOf(survivors);
  }

  /** The tail as one string, for pattern searches across lines. */
  public String tailText() {
    return String.join("\n", tail);
  }

  /** OOM kills in the daemon's cgroup since the spawn, when both readings exist. */
  public OptionalLong oomKillsSinceStart() {
    if (oomKillsNow.isEmpty() || launch.oomKillsAtStart().isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(oomKillsNow.getAsLong() - launch.oomKillsAtStart().getAsLong());
  }
}

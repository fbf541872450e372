package io.supervisor4j.diagnostics;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a process was (or would have been) started with: identity, environment and working directory, plus the
 * cgroup's OOM-kill counter at that moment, so a later SIGKILL can be compared with it.
 *
 * @param user the effective user name (the daemon's own when the program has no {@code user=})
 * @param userHome the passwd home of that user, to tell a foreign HOME from the user's own
 * @param environment the child's complete environment (empty when the spawn failed before it was built)
 * @param cwd the working directory: {@code directory=} or the daemon's
 * @param oomKillsAtStart the daemon cgroup's {@code oom_kill} counter at the spawn, when readable
 */
public record LaunchContext(
    String user,
    String userHome,
    Map<String, String> environment,
    String cwd,
    OptionalLong oomKillsAtStart) {

  public LaunchContext {
    environment = Map.copyOf(environment);
  }

  /** HOME as the child sees it. */
  public Optional<String> home() {
    return Optional.ofNullable(environment.get("HOME"));
  }

  /** PATH as the child sees it. */
  public Optional<String> path() {
    return Optional.ofNullable(environment.get("PATH"));
  }
}

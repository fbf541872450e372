package io.supervisor4j.process;

import io.supervisor4j.config.ProcessConfig;
import java.util.Optional;

/**
 * Port to the spawner: creates the child of one process (pipes, fork/exec, user switch, environment). Called only on
 * the event-loop thread, so it must not block for long. A failure is a value, never an exception: it becomes
 * {@code spawnerr} and BACKOFF (an exception thrown anyway is treated the same way).
 */
public interface ProcessLauncher {
  Launch launch(ProcessConfig config, String groupName);

  /**
   * The engine has handled the exit of {@code pid} (state changed, exit logged): supervisord's {@code after_finish},
   * where an fcgi process lets go of its group's socket. Called on the event-loop thread.
   */
  default void finished(ProcessConfig config, String groupName, int pid) {}

  /**
   * Resolves the command without spawning, as supervisord's {@code get_execv_args}: {@code startProcess} faults
   * with the result's fault (NO_FILE, NOT_EXECUTABLE) and spawns nothing. Empty when the command looks runnable.
   */
  default Optional<Launch.Failed> check(ProcessConfig config) {
    return Optional.empty();
  }
}

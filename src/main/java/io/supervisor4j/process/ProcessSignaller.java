package io.supervisor4j.process;

import java.util.Optional;

/** Port to {@code kill(2)}. Called only on the event-loop thread. */
public interface ProcessSignaller {
  /**
   * Sends {@code signal} to {@code pid}, or to its process group ({@code -pid}) when {@code toGroup}.
   *
   * @return empty when sent, else the errno name (e.g. {@code ESRCH}, {@code EPERM}); ESRCH means the process is
   *     already gone and is not an error (its exit arrives as usual)
   */
  Optional<String> kill(int pid, int signal, boolean toGroup);
}

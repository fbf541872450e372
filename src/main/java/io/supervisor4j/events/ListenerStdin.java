package io.supervisor4j.events;

/**
 * Port to the listeners' stdin pipes, implemented by the daemon. Called on the events thread, so it must not
 * block: write what the pipe takes now and queue the rest (supervisord's stdin dispatcher flushes the remainder
 * later). It must not call back into {@link Events} synchronously.
 */
@FunctionalInterface
public interface ListenerStdin {
  /**
   * Writes one envelope to the stdin of process {@code process} of pool {@code pool}.
   *
   * @return {@link WriteResult#EPIPE} when the process has no open stdin (not running, being killed, pipe closed)
   */
  WriteResult write(String pool, String process, byte[] envelope);

  enum WriteResult {
    OK,
    EPIPE
  }
}

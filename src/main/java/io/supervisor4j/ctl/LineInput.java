package io.supervisor4j.ctl;

import java.util.Optional;

/**
 * Where the controller reads typed input: confirmations, credentials, and lines for {@code fg}. The shell reads
 * through JLine, one-shot commands read stdin.
 */
public interface LineInput {
  /**
   * Prints {@code prompt} and reads a line without its end; empty at end of input.
   *
   * @throws CtlInterrupted on Ctrl-C
   */
  Optional<String> readLine(String prompt);

  /** Like {@link #readLine} without echo where a terminal allows it. */
  Optional<String> readPassword(String prompt);

  /**
   * Runs {@code onInterrupt} on Ctrl-C (SIGINT) until the returned handle is closed. While no such hook is open,
   * Ctrl-C keeps its usual effect.
   */
  Interruption onInterrupt(Runnable onInterrupt);

  /** An installed Ctrl-C hook. */
  interface Interruption extends AutoCloseable {
    @Override
    void close();
  }
}

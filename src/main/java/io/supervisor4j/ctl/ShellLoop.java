package io.supervisor4j.ctl;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * supervisorctl's command loop: {@code status} first, then each line read until quit/exit, end of input or
 * Ctrl-C (both print an empty line, as {@code do_EOF} and the KeyboardInterrupt handler do).
 */
final class ShellLoop {
  private ShellLoop() {}

  /**
   * {@code readLine} returns empty at end of input and throws {@link CtlInterrupted} on Ctrl-C.
   * {@code lineEditor} says the reader already ended the line at end of input or Ctrl-C (JLine does), so no
   * empty line is added for it.
   */
  static void run(Controller ctl, Supplier<Optional<String>> readLine, boolean lineEditor) {
    try {
      if (ctl.onecmd("status")) {
        return;
      }
      while (true) {
        Optional<String> line = readLine.get();
        if (line.isEmpty()) {
          if (!lineEditor) {
            ctl.output("");
          }
          return;
        }
        if (ctl.onecmd(line.get())) {
          return;
        }
      }
    } catch (CtlInterrupted e) {
      if (!lineEditor) {
        ctl.output("");
      }
    }
  }
}

package io.supervisor4j.ctl;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * supervisorctl's command loop: {@code status} first, then each line read until quit/exit, end of input or
 * Ctrl-C (both print an empty line, as {@code do_EOF} and the KeyboardInterrupt handler do).
 */
final class ShellLoop {
  private ShellLoop() {}

  /** {@code readLine} returns empty at end of input and throws {@link CtlInterrupted} on Ctrl-C. */
  static void run(Controller ctl, Supplier<Optional<String>> readLine) {
    try {
      if (ctl.onecmd("status")) {
        return;
      }
      while (true) {
        Optional<String> line = readLine.get();
        if (line.isEmpty()) {
          ctl.output("");
          return;
        }
        if (ctl.onecmd(line.get())) {
          return;
        }
      }
    } catch (CtlInterrupted e) {
      ctl.output("");
    }
  }
}

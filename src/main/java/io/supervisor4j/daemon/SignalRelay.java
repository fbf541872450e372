package io.supervisor4j.daemon;

import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * Routes the daemon's signals to the event loop. The JVM runs each handler on a fresh thread, so handlers only hand
 * the signal over. SIGQUIT cannot be handled (HotSpot owns it for thread dumps): use TERM or INT.
 */
final class SignalRelay {
  static final int SIGHUP = 1;
  static final int SIGINT = 2;
  static final int SIGUSR2 = 12;
  static final int SIGTERM = 15;
  static final int SIGCHLD = 17;

  private SignalRelay() {}

  static void install(IntConsumer target) {
    for (String name : new String[] {"HUP", "INT", "TERM", "USR2", "CHLD"}) {
      try {
        Signal.handle(new Signal(name), s -> target.accept(s.getNumber()));
      } catch (IllegalArgumentException e) {
        // refused by the VM (e.g. started with -Xrs): run without that signal rather than fail
      }
    }
  }
}

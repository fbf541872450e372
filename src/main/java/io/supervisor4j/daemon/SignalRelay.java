package io.supervisor4j.daemon;

import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;
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

  /** Installs the handlers; each delivery goes through a {@link SignalReceiver} to {@code target}. */
  static void install(IntFunction<CompletionStage<?>> target) {
    SignalReceiver receiver = new SignalReceiver(target);
    for (String name : new String[] {"HUP", "INT", "TERM", "USR2", "CHLD"}) {
      try {
        Signal.handle(new Signal(name), s -> receiver.receive(s.getNumber()));
      } catch (IllegalArgumentException e) {
        // refused by the VM (e.g. started with -Xrs): run without that signal rather than fail
      }
    }
  }
}

package io.supervisor4j.process;

import java.util.OptionalLong;

/**
 * A command waiting for processes to reach a state: supervisord's deferred {@code onwait} callbacks, polled by the
 * loop after every wake-up instead of every 50 ms.
 */
interface Waiter {
  /** True when done; false while not yet; throws {@link FaultException} when the wait failed. */
  boolean poll();

  /** When the waiter needs a wake-up of its own (e.g. to repeat "waiting for x to stop"). */
  default OptionalLong deadline() {
    return OptionalLong.empty();
  }
}

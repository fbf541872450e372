package io.supervisor4j.daemon;

import io.supervisor4j.spawn.Libc;
import io.supervisor4j.spawn.UserAccount;

/**
 * Runs the costliest initializations of the daemon's start-up on a thread of their own while the main thread reads
 * the configuration: {@code Libc}'s downcall handles (60-90 ms: every handle of a new shape generates a class), the
 * user-lookup handles (the daemon's own account is looked up before the first spawn) and Jetty's {@code MimeTypes}
 * (25-40 ms: it lists every available locale). Class initialization is thread-safe: a thread that needs the class
 * meanwhile waits for it, and nothing is done twice.
 */
final class Warmup {
  private Warmup() {}

  /** {@code servers}: the HTTP servers will run in this JVM (not only the launcher of a detached daemon). */
  static void start(boolean servers) {
    Thread.ofPlatform().name("supervisor4j-warmup").daemon().start(() -> {
      try {
        UserAccount.lookup(Integer.toString(Libc.getuid())); // initializes Libc, links the user lookups
      } catch (Throwable e) {
        // done again, and reported, where it is needed
      }
      if (servers) {
        initialize("org.eclipse.jetty.http.MimeTypes");
      }
    });
  }

  private static void initialize(String className) {
    try {
      Class.forName(className, true, Warmup.class.getClassLoader());
    } catch (Throwable e) {
      // the thread that needs the class reports the failure
    }
  }
}

package io.supervisor4j.ctl;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts the server under test for the differential suite: Python's supervisord now; the lead adds supervisor4j's
 * daemon as a second implementation, and the same script then runs against it.
 */
interface ServerLauncher {
  String name();

  /** Starts a server on {@code config} (which has a unix_http_server in {@code dir}) and waits until it answers. */
  RunningServer start(Path config, Path dir) throws IOException;

  /** A started server; {@link #close()} ends it and its children, by pid, whatever state it is in. */
  interface RunningServer extends AutoCloseable {
    long pid();

    /** Waits until the server has exited (e.g. after {@code shutdown}); false if still alive at the deadline. */
    boolean awaitExit(long millis);

    @Override
    void close();
  }
}

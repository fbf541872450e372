package io.supervisor4j.daemon;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What every end-to-end test of the daemon shares: a scratch directory and the daemon, closed after each test. */
abstract class DaemonE2E {
  @TempDir Path dir;
  DaemonProcess daemon;

  @AfterEach
  void closeDaemon() {
    if (daemon != null) {
      daemon.close();
    }
  }
}

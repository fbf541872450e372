package io.supervisor4j.ctl;

import io.supervisor4j.rpc.RpcClient;

/**
 * {@link ShellDifferentialTest} with supervisor4j's daemon as the server: real supervisorctl and ours against it; the
 * failure reason our status shows is checked and masked by {@link ReasonMask}.
 */
class ShellS4jDifferentialTest extends ShellDifferentialTest {
  @Override
  ServerLauncher launcher() {
    return new Supervisor4jDaemon();
  }

  @Override
  String ourOutput(String stdout) {
    try (RpcClient c = client()) {
      return ReasonMask.restore(stdout, c).text();
    }
  }
}

package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.ctl.DifferentialScript.Side;
import io.supervisor4j.rpc.RpcClient;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The differential suite with supervisor4j's daemon as the server: the real supervisorctl against one supervisor4j,
 * ours against its twin, same outputs and exit statuses. The one legitimate difference: our {@code status} shows
 * the failure reason supervisor4j adds in place of supervisord's description ({@link ReasonMask}).
 */
class SupervisorctlS4jDifferentialTest extends SupervisorctlDifferentialTest {
  private int reasonsShown;

  @Override
  ServerLauncher launcher() {
    return new Supervisor4jDaemon();
  }

  @Test
  @Override
  void standardScriptGivesTheSameOutputAndExitStatus() throws IOException {
    super.standardScriptGivesTheSameOutputAndExitStatus();
    assertThat(reasonsShown).as("status lines that showed a failure reason (quick is FATAL)").isPositive();
  }

  @Override
  String ourOutput(String stdout, Side ours) {
    try (RpcClient c = RpcClient.create(ours.socketUrl())) {
      ReasonMask.Restored r = ReasonMask.restore(stdout, c);
      reasonsShown += r.reasons();
      return r.text();
    }
  }
}

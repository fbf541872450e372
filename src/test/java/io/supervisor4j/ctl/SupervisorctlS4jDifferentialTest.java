package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.ctl.DifferentialScript.Side;
import io.supervisor4j.rpc.RpcClient;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The differential suite with supervisor4j's daemon as the server: the real supervisorctl against one supervisor4j,
 * ours against its twin, same outputs and exit statuses. The one legitimate difference: our {@code status} shows
 * the failure reason supervisor4j adds in place of supervisord's description; each such line must show exactly the
 * server's {@code reason}, and is compared with the {@code description} put back.
 */
class SupervisorctlS4jDifferentialTest extends SupervisorctlDifferentialTest {
  private static final Pattern FAILED_LINE = Pattern.compile("^(\\S+)(\\s+)(BACKOFF|FATAL|EXITED)(\\s+)(.*)$");

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
  @SuppressWarnings("unchecked")
  String ourOutput(String stdout, Side ours) {
    if (stdout.lines().noneMatch(l -> FAILED_LINE.matcher(l).matches())) {
      return stdout;
    }
    try (RpcClient c = RpcClient.create(ours.socketUrl())) {
      return stdout.lines().map(line -> {
        Matcher m = FAILED_LINE.matcher(line);
        if (!m.matches()) {
          return line;
        }
        Map<String, Object> info = (Map<String, Object>) c.call("supervisor.getProcessInfo", m.group(1));
        String reason = (String) info.get("reason");
        if (reason.isEmpty()) {
          return line;
        }
        assertThat(m.group(5)).as("status line of " + m.group(1)).isEqualTo(reason);
        reasonsShown++;
        return m.group(1) + m.group(2) + m.group(3) + m.group(4) + info.get("description");
      }).collect(Collectors.joining("\n", "", stdout.endsWith("\n") ? "\n" : ""));
    }
  }
}

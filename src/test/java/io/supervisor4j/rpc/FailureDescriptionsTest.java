package io.supervisor4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.Descriptions;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@code description} says for each state, with supervisor4j's descriptions and with supervisord's. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FailureDescriptionsTest {
  private static final String QUICK = "Exited too quickly (process log may have details)";
  private static final String REASON = "Exited too quickly: exit 1; ModuleNotFoundError: No module named 'x'";

  private static ProcessInfo info(ProcessState state, String description) {
    return new ProcessInfo("p", "p", 1, 2, 3, state, "", 0, "", "", 0, description);
  }

  @Test
  void backoffAndFatalShowTheReasonInPlaceOfSupervisordsPhrase() {
    assertThat(FailureDescriptions.description(info(ProcessState.FATAL, QUICK), REASON, Descriptions.SUPERVISOR4J))
        .isEqualTo(REASON);
    assertThat(FailureDescriptions.description(info(ProcessState.BACKOFF, QUICK), REASON, Descriptions.SUPERVISOR4J))
        .isEqualTo(REASON);
    String spawn = "Spawn error: can't find command '/nope'";
    assertThat(FailureDescriptions.description(info(ProcessState.BACKOFF, "can't find command '/nope'"), spawn,
        Descriptions.SUPERVISOR4J)).isEqualTo(spawn);
  }

  @Test
  void anUnexpectedExitKeepsTheStopTimeInFront() {
    assertThat(FailureDescriptions.description(info(ProcessState.EXITED, "Dec 04 09:01 PM"),
        "Exited unexpectedly: exit 3", Descriptions.SUPERVISOR4J))
        .isEqualTo("Dec 04 09:01 PM, Exited unexpectedly: exit 3");
  }

  @Test
  void withoutAReasonOrWithSupervisordsDescriptionsTheTextIsSupervisords() {
    assertThat(FailureDescriptions.description(info(ProcessState.EXITED, "Dec 04 09:01 PM"), "",
        Descriptions.SUPERVISOR4J)).isEqualTo("Dec 04 09:01 PM");
    assertThat(FailureDescriptions.description(info(ProcessState.RUNNING, "pid 7, uptime 0:00:01"), "",
        Descriptions.SUPERVISOR4J)).isEqualTo("pid 7, uptime 0:00:01");
    assertThat(FailureDescriptions.description(info(ProcessState.FATAL, QUICK), REASON, Descriptions.SUPERVISORD))
        .isEqualTo(QUICK);
  }

  @Test
  void aLongReasonIsCutToOneBoundedLine() {
    String reason = "Exited too quickly: exit 1; " + "x".repeat(500);
    String d = FailureDescriptions.description(info(ProcessState.FATAL, QUICK), reason, Descriptions.SUPERVISOR4J);
    assertThat(d).hasSize(FailureDescriptions.MAX_LENGTH).startsWith("Exited too quickly: exit 1; xx").endsWith("…");
  }
}

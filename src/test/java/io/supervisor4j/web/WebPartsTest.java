package io.supervisor4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.process.FailureReason;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.Transition;
import io.supervisor4j.process.WaitStatus;
import io.supervisor4j.rpc.Nil;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The small pieces: JSON text, /proc readings, the counters fed by state changes. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class WebPartsTest {
  @Test
  void jsonEscapesAndNests() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a\"b\\c\n\t</script>\u0001");
    m.put("n", List.of(1, -2L, 1.5, true, Nil.INSTANCE));
    m.put("e", Map.of());
    assertThat(Json.write(m)).isEqualTo(
        "{\"s\":\"a\\\"b\\\\c\\n\\t\\u003c/script\\u003e\\u0001\",\"n\":[1,-2,1.5,true,null],\"e\":{}}");
  }

  @Test
  void procReadsThisJvmAndNothingForAMissingPid() {
    int self = (int) ProcessHandle.current().pid();
    assertThat(ProcFs.rssBytes(self)).hasValueSatisfying(v -> assertThat(v).isGreaterThan(1024 * 1024));
    assertThat(ProcFs.cpuSeconds(self)).hasValueSatisfying(v -> assertThat(v).isGreaterThan(0.0));
    assertThat(ProcFs.rssBytes(Integer.MAX_VALUE)).isEmpty();
    assertThat(ProcFs.cpuSeconds(Integer.MAX_VALUE)).isEmpty();
  }

  @Test
  void countsSpawnsAndExitsWithTheRealStatusOfQuickExits() {
    ProcessStats stats = new ProcessStats();
    var listener = stats.alongside((t, s) -> {});
    FailureReason quick = new FailureReason(FailureReason.Kind.EXITED_TOO_QUICKLY, "exit status 3",
        Optional.of(WaitStatus.exited(3)), 0.1, 1, 1);
    change(listener, ProcessState.STOPPED, ProcessState.STARTING, Optional.empty(), 0);
    change(listener, ProcessState.STARTING, ProcessState.BACKOFF, Optional.of(quick), 0); // exitstatus stays 0
    change(listener, ProcessState.BACKOFF, ProcessState.STARTING, Optional.empty(), 0);
    change(listener, ProcessState.STARTING, ProcessState.RUNNING, Optional.empty(), 0);
    change(listener, ProcessState.RUNNING, ProcessState.STOPPING, Optional.empty(), 0);
    change(listener, ProcessState.STOPPING, ProcessState.STOPPED, Optional.empty(), -1);
    var c = stats.of("g", "p").orElseThrow();
    assertThat(c.starts.get()).isEqualTo(2);
    assertThat(c.exitsByStatus()).containsExactly(Map.entry(-1, 1L), Map.entry(3, 1L));
    assertThat(stats.reason("g", "p")).isEmpty(); // cleared once RUNNING
    change(listener, ProcessState.RUNNING, ProcessState.EXITED, Optional.of(quick), 3);
    assertThat(stats.reason("g", "p")).hasValue("exited too quickly: exit status 3 after 0.1 s");
    listener.groupRemoved("g");
    assertThat(stats.of("g", "p")).isEmpty();
  }

  private static void change(io.supervisor4j.process.StateListener l, ProcessState from, ProcessState to,
      Optional<FailureReason> failure, int exitstatus) {
    l.processStateChanged(new Transition("g", "p", from, to, 42, 0, failure.isEmpty(), 0L, failure),
        new ProcessInfo("p", "g", 0, 0, 0, to, "", exitstatus, "", "", 0, ""));
  }
}

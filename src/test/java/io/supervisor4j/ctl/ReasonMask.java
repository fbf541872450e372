package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.rpc.RpcClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one legitimate difference of our supervisorctl against supervisor4j: a {@code status} line of a failed
 * process shows the server's {@code reason} where supervisorctl shows the {@code description}. {@link #restore}
 * checks that each such line shows exactly the reason and puts the description back for the comparison.
 */
final class ReasonMask {
  private static final Pattern FAILED_LINE = Pattern.compile("^(\\S+ +)(BACKOFF|FATAL|EXITED)( +)(.*)$");

  private ReasonMask() {}

  /** The output with supervisord's descriptions, and how many reasons it had shown. */
  record Restored(String text, int reasons) {}

  @SuppressWarnings("unchecked")
  static Restored restore(String stdout, RpcClient server) {
    int[] reasons = {0};
    String text = stdout.lines().map(line -> {
      Matcher m = FAILED_LINE.matcher(line);
      if (!m.matches()) {
        return line;
      }
      Map<String, Object> info = (Map<String, Object>) server.call("supervisor.getProcessInfo", m.group(1).strip());
      String reason = (String) info.get("reason");
      if (reason.isEmpty()) {
        return line;
      }
      assertThat(m.group(4)).as("status line of " + m.group(1).strip()).isEqualTo(reason);
      reasons[0]++;
      return m.group(1) + m.group(2) + m.group(3) + info.get("description");
    }).collect(Collectors.joining("\n", "", stdout.endsWith("\n") ? "\n" : ""));
    return new Restored(text, reasons[0]);
  }

  /** Polls until no process is STARTING, BACKOFF or STOPPING. */
  @SuppressWarnings("unchecked")
  static void awaitSettled(RpcClient server) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      List<Object> infos = (List<Object>) server.call("supervisor.getAllProcessInfo");
      if (infos.stream().map(i -> (String) ((Map<String, Object>) i).get("statename"))
          .noneMatch(s -> s.equals("STARTING") || s.equals("BACKOFF") || s.equals("STOPPING"))) {
        return;
      }
      PythonSupervisord.sleep(100);
    }
    throw new IllegalStateException("processes did not settle");
  }
}

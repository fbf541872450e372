package io.supervisor4j.diagnostics;

import io.supervisor4j.process.ProcessState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Why one process entered BACKOFF, FATAL or an unexpected EXITED, with what it was started with.
 *
 * @param cause one line for a status column, e.g. {@code Exited too quickly: exit 1; PermissionError: [Errno 13]
 *     Permission denied: '/root/.python-eggs'}
 * @param facts exit status or signal (and core dump), seconds run against startsecs, attempts, spawn error
 * @param tail the last lines of the channel named by {@code tailChannel} as they were at the failure
 * @param tailChannel {@code stderr}, or {@code stdout} when stderr is redirected into it
 * @param user the effective user the process runs as
 * @param home the HOME in its environment (empty when it has none)
 * @param cwd its working directory
 * @param command the command line as configured
 * @param hints what probably went wrong and how to fix it, most specific first
 */
public record Explanation(
    String group,
    String name,
    ProcessState state,
    String cause,
    List<String> facts,
    List<String> tail,
    String tailChannel,
    String user,
    String home,
    String cwd,
    String command,
    List<String> hints,
    Instant when) {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  public Explanation {
    facts = List.copyOf(facts);
    tail = List.copyOf(tail);
    hints = List.copyOf(hints);
  }

  /** {@code group:name}, or {@code name} when the group has the process's name, as supervisorctl shows it. */
  public String namespec() {
    return group.equals(name) ? name : group + ":" + name;
  }

  /** The full text {@code supervisorctl why NAME} prints. */
  public String render(ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    sb.append(namespec()).append(": ").append(state).append(" at ")
        .append(WHEN.format(when.atZone(zone))).append('\n');
    sb.append("cause:    ").append(cause).append('\n');
    facts.forEach(f -> sb.append("          ").append(f).append('\n'));
    sb.append("user:     ").append(user).append('\n');
    sb.append("HOME:     ").append(home.isEmpty() ? "(not set)" : home).append('\n');
    sb.append("cwd:      ").append(cwd).append('\n');
    sb.append("command:  ").append(command).append('\n');
    if (tail.isEmpty()) {
      sb.append(tailChannel).append(": (no output)\n");
    } else {
      sb.append("last lines of ").append(tailChannel).append(":\n");
      tail.forEach(l -> sb.append("  | ").append(l).append('\n'));
    }
    if (!hints.isEmpty()) {
      sb.append("hints:\n");
      hints.forEach(h -> sb.append("  - ").append(h).append('\n'));
    }
    return sb.toString();
  }
}

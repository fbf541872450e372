package io.supervisor4j.diagnostics;

import io.supervisor4j.process.FailureReason;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.Transition;
import io.supervisor4j.process.WaitStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** Builds an {@link Explanation} from the engine's {@link FailureReason} and the {@link Evidence} around it. */
public final class Explainer {
  static final int MAX_KEY_LINE = 200;

  private Explainer() {}

  /** The explanation of {@code transition} (which must carry a failure) with {@code evidence}. */
  public static Explanation explain(Transition transition, Evidence evidence, String tailChannel) {
    return explain(transition.group(), transition.to(), Instant.ofEpochMilli(transition.atMillis()), evidence,
        tailChannel);
  }

  public static Explanation explain(
      String group, ProcessState state, Instant when, Evidence e, String tailChannel) {
    LaunchContext l = e.launch();
    return new Explanation(
        group,
        e.config().name(),
        state,
        cause(e),
        facts(e),
        e.tail(),
        tailChannel,
        l.user(),
        l.home().orElse(""),
        l.cwd(),
        e.config().command(),
        Hints.all(e),
        when);
  }

  /**
   * The lines at the end of {@code tail} that fit in the last {@code bytes} bytes of output: the output of the
   * latest run only, when the ring still holds earlier runs' lines. Counts UTF-8 bytes plus one per newline.
   */
  public static List<String> producedSince(List<String> tail, long bytes) {
    long budget = bytes;
    int from = tail.size();
    while (from > 0) {
      long cost = tail.get(from - 1).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
          + (from == tail.size() ? 0 : 1);
      if (cost > budget) {
        break;
      }
      budget -= cost;
      from--;
    }
    return List.copyOf(tail.subList(from, tail.size()));
  }

  /** The one-line cause: what happened, the exit, and the most telling line of output. */
  static String cause(Evidence e) {
    FailureReason r = e.reason();
    String what =
        switch (r.kind()) {
          case SPAWN_ERROR -> "Spawn error: " + r.detail();
          case EXITED_TOO_QUICKLY -> "Exited too quickly: " + shortExit(r);
          case UNEXPECTED_EXIT -> "Exited unexpectedly: " + shortExit(r);
          case GAVE_UP, GIVEN_UP_AT_SHUTDOWN -> lastFailure(r);
          case SIGNAL_FAILED -> "Could not signal the process: " + r.detail();
        };
    if (r.exit().isEmpty()) {
      return what; // nothing ran, so no output to quote
    }
    return Patterns.keyLine(e.tail()).map(k -> what + "; " + Patterns.clip(k, MAX_KEY_LINE)).orElse(what);
  }

  // giving up repeats the facts of the last failure under another kind: tell which one it was
  private static String lastFailure(FailureReason r) {
    if (r.exit().isEmpty()) {
      return r.detail().isEmpty() ? "Too many start retries" : "Spawn error: " + r.detail();
    }
    return (r.secondsRun() < r.startsecs() ? "Exited too quickly: " : "Exited unexpectedly: ") + shortExit(r);
  }

  /** {@code exit 1}, {@code killed by SIGKILL}, {@code killed by SIGSEGV (core dumped)}. */
  static String shortExit(FailureReason r) {
    if (r.exit().isEmpty()) {
      return r.detail();
    }
    WaitStatus s = r.exit().get();
    if (s.isExited()) {
      return "exit " + s.exitCode();
    }
    return s.describe().replace("terminated by", "killed by");
  }

  static List<String> facts(Evidence e) {
    FailureReason r = e.reason();
    List<String> facts = new ArrayList<>();
    r.exit().ifPresentOrElse(s -> facts.add(s.describe()), () -> {
      if (!r.detail().isEmpty()) {
        facts.add((r.kind() == FailureReason.Kind.SIGNAL_FAILED ? "kill failed: " : "spawn error: ") + r.detail());
      }
    });
    if (r.exit().isPresent()) {
      facts.add(String.format(Locale.ROOT, "ran %.2f s (startsecs=%d)", r.secondsRun(), r.startsecs()));
    }
    Optional<WaitStatus> exited = r.exit().filter(WaitStatus::isExited);
    if (r.kind() == FailureReason.Kind.UNEXPECTED_EXIT && exited.isPresent()) {
      facts.add("exit code " + exited.get().exitCode() + " is not in exitcodes="
          + String.join(",", new TreeSet<>(e.config().exitcodes()).stream().map(String::valueOf).toList()));
    }
    int retries = e.config().startretries();
    switch (r.kind()) {
      case GAVE_UP -> facts.add("gave up after " + r.attempts() + " attempt(s) (startretries=" + retries + ")");
      case GIVEN_UP_AT_SHUTDOWN -> facts.add("given up at shutdown after " + r.attempts() + " attempt(s)");
      case SPAWN_ERROR, EXITED_TOO_QUICKLY ->
          facts.add("attempt " + r.attempts() + " of " + (retries + 1) + " (startretries=" + retries + ")");
      default -> {}
    }
    return facts;
  }
}

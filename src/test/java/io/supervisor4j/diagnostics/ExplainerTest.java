package io.supervisor4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.process.FailureReason;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExplainerTest {
  static final String MAKEDIRS_TRACEBACK = """
      Traceback (most recent call last):
        File "/srv/app/main.py", line 3, in <module>
          os.makedirs(os.path.expanduser('~/.python-eggs'), exist_ok=True)
        File "<frozen os>", line 225, in makedirs
      PermissionError: [Errno 13] Permission denied: '/root/.python-eggs'""";

  @Test
  void causeNamesTheExitAndTheTellingLineOfStderr() {
    Explanation x = Cases.failing().exit(1).home("/root").tail(MAKEDIRS_TRACEBACK).explain();
    assertThat(x.cause()).isEqualTo(
        "Exited too quickly: exit 1; PermissionError: [Errno 13] Permission denied: '/root/.python-eggs'");
    assertThat(x.facts()).containsExactly("exit status 1", "ran 0.20 s (startsecs=1)", "attempt 1 of 4 (startretries=3)");
    assertThat(x.tail()).hasSize(5).last().asString().contains("Permission denied");
    assertThat(x.tailChannel()).isEqualTo("stderr");
    assertThat(x.user()).isEqualTo("app");
    assertThat(x.home()).isEqualTo("/root");
    assertThat(x.command()).isEqualTo("/usr/bin/python3 /srv/app/main.py");
    assertThat(x.hints()).anyMatch(h -> h.startsWith("HOME is /root but the program runs as app"));
  }

  @Test
  void givingUpRepeatsTheLastFailureAndCountsAttempts() {
    Cases c = Cases.failing().exit(1).tail("boom").kind(FailureReason.Kind.GAVE_UP);
    c.attempts = 4;
    Explanation x = c.explain();
    assertThat(x.cause()).isEqualTo("Exited too quickly: exit 1; boom");
    assertThat(x.facts()).contains("gave up after 4 attempt(s) (startretries=3)");
  }

  @Test
  void spawnErrorsQuoteNoOutput() {
    Explanation x = Cases.failing().spawnError("can't find command 'gunicorn'").tail("old output").explain();
    assertThat(x.cause()).isEqualTo("Spawn error: can't find command 'gunicorn'");
    assertThat(x.facts()).containsExactly("spawn error: can't find command 'gunicorn'",
        "attempt 1 of 4 (startretries=3)");
  }

  @Test
  void signalsAndUnexpectedExitCodes() {
    Explanation crash = Cases.failing().signal(11, true).ran(30).kind(FailureReason.Kind.UNEXPECTED_EXIT)
        .tail("Segmentation fault").explain();
    assertThat(crash.cause()).isEqualTo("Exited unexpectedly: killed by SIGSEGV (core dumped); Segmentation fault");
    Explanation bad = Cases.failing().exit(3).ran(12.5).kind(FailureReason.Kind.UNEXPECTED_EXIT).tail("boom")
        .explain();
    assertThat(bad.cause()).isEqualTo("Exited unexpectedly: exit 3; boom");
    assertThat(bad.facts()).containsExactly("exit status 3", "ran 12.50 s (startsecs=1)",
        "exit code 3 is not in exitcodes=0");
  }

  @Test
  void keyLinePrefersErrorsOverChatterAndFallsBackToTheLastLine() {
    assertThat(Patterns.keyLine(List.of("Starting server", "ValueError: bad port 'x'", "shutting down")))
        .contains("ValueError: bad port 'x'");
    assertThat(Patterns.keyLine(List.of("Starting", "bye", ""))).contains("bye");
    assertThat(Patterns.keyLine(List.of())).isEmpty();
  }

  @Test
  void producedSinceKeepsOnlyTheLatestRunsLines() {
    List<String> ring = List.of("old 1", "old 2", "new 1", "new 2");
    assertThat(Explainer.producedSince(ring, "new 1\nnew 2\n".length())).containsExactly("new 1", "new 2");
    assertThat(Explainer.producedSince(ring, 0)).isEmpty();
    assertThat(Explainer.producedSince(ring, Long.MAX_VALUE)).isEqualTo(ring);
  }

  @Test
  void renderShowsEverythingWhyPrints() {
    String text = Cases.failing().exit(1).home("/root").tail(MAKEDIRS_TRACEBACK).explain().render(ZoneOffset.UTC);
    assertThat(text).startsWith("web: BACKOFF at 1970-01-01 00:00:00\ncause:    Exited too quickly: exit 1;")
        .contains("user:     app\n", "HOME:     /root\n", "cwd:      /\n",
            "command:  /usr/bin/python3 /srv/app/main.py\n", "last lines of stderr:\n",
            "  | PermissionError: [Errno 13]", "hints:\n  - HOME is /root");
  }

  @Test
  void failureLogKeepsTheLatestPerProcessAndForgetsRemovedGroups() {
    FailureLog log = new FailureLog();
    Cases first = Cases.failing().exit(1);
    log.record(first.explain());
    Cases second = Cases.failing().exit(2);
    log.record(second.explain());
    assertThat(log.latest("web", "web")).get().extracting(Explanation::cause).asString().contains("exit 2");
    assertThat(log.snapshot()).containsOnlyKeys("web:web");
    log.forgetGroup("web");
    assertThat(log.latest("web", "web")).isEmpty();
  }
}

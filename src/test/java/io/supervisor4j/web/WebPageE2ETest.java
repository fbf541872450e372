package io.supervisor4j.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web page in headless Debian Chromium, driven by Playwright ({@code src/test/e2e-web/web-page.mjs}): refusal
 * of a wrong password, the live table, a stop through XML-RPC seen without reload, restart giving a new pid, the log
 * view following a line the child writes, paging back, the phone layout. Screenshots land in
 * {@code target/web-screenshots/}. Chromium and playwright-core are installed by {@code .ci/run}; without them this
 * test fails (it does not skip).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebPageE2ETest {
  static final Path E2E = Path.of("src/test/e2e-web");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SHOTS = Path.of("target/web-screenshots");

  @TempDir Path dir;

  @Test
  void pageInChromium() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("Debian's chromium at %s (apt-get install chromium; .ci/run installs it)", CHROMIUM).isTrue();
    assertThat(Files.isDirectory(E2E.resolve("node_modules/playwright-core")))
        .as("playwright-core in %s/node_modules (run: cd %s && npm ci; .ci/run does it)", E2E, E2E).isTrue();
    try (WebDaemon daemon = WebDaemon.start(dir, """
        [program:ticker]
        command=/bin/sh -c 'while true; do echo tick; sleep 1; done'

        [program:sleeper]
        command=sleep 1000

        [program:echoer]
        command=/bin/sh -c 'while read line; do echo "got: $line"; done'

        [program:chatty]
        command=/bin/sh -c 'i=1; while [ $i -le 4000 ]; do echo "line $i .........."; i=$((i+1)); done; exec sleep 1000'

        [program:crash]
        command=/bin/sh -c 'echo "cannot open /etc/app.conf" >&2; exit 3'
        startretries=0

        [group:workers]
        programs=worker_a,worker_b

        [program:worker_a]
        command=sleep 1000

        [program:worker_b]
        command=sleep 1000
        """)) {
      daemon.awaitBody("/api/v1/processes/crash", "FATAL");
      daemon.awaitBody("/api/v1/processes/chatty/log/stdout?length=40", "line 4000");
      Process node = new ProcessBuilder("node", "web-page.mjs", daemon.baseUrl(), WebDaemon.USER,
          WebDaemon.PASSWORD, SHOTS.toAbsolutePath().toString())
          .directory(E2E.toFile()).redirectErrorStream(true).start();
      boolean finished = node.waitFor(3, TimeUnit.MINUTES);
      if (!finished) {
        node.destroyForcibly();
      }
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(finished).as("playwright script finished; output:\n" + out).isTrue();
      assertThat(node.exitValue()).as("playwright script exit status; output:\n%s\nmain log:\n%s", out,
          daemon.mainLog()).isZero();
      for (String check : List.of("wrong-password", "no-credentials", "page-loads", "xmlrpc-stop-seen",
          "failure-reason", "restart-new-pid", "log-follow", "log-page-back", "phone-layout")) {
        assertThat(out).as(out).contains("PASS " + check);
      }
      assertThat(out).doesNotContain("PAGE ERROR");
      for (String shot : List.of("desktop.png", "log.png", "phone.png")) {
        assertThat(Files.size(SHOTS.resolve(shot))).as(shot).isGreaterThan(10_000);
      }
      // the restart went through the engine: the daemon logged the new spawn
      assertThat(daemon.mainLog()).containsPattern("spawned: 'ticker' with pid \\d+(?s).*spawned: 'ticker' with pid");
    }
  }

  static String read(Path p) throws IOException {
    return Files.readString(p);
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code supervisord -c FILE --check}: exit 0 clean, 1 with a table of problems, 2 for an invalid config. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SupervisordCheckTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int check(String sections) {
    Path conf = DaemonProcess.writeConfig(dir, sections);
    return SupervisordMain.run(new String[] {"-c", conf.toString(), "--check"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void cleanConfigurationExitsZeroAndStartsNothing() {
    assertThat(check("""
        [program:ok]
        command=/bin/sleep 30
        """)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).matches("OK: 1 process checked in \\d+ ms, no problems found\n");
    assertThat(dir.resolve("supervisord.log")).doesNotExist();
    assertThat(dir.resolve("supervisord.pid")).doesNotExist();
  }

  @Test
  void problemsExitOneWithTheTable() {
    assertThat(check("""
        [program:web]
        command=no-such-command-s4j
        directory=/nonexistent-s4j
        """)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("PROGRAM  CHECK      PROBLEM\n")
        .contains("web      command    can't find command 'no-such-command-s4j'\n",
            "web      directory  directory /nonexistent-s4j does not exist\n",
            "                   fix: create it (mkdir -p /nonexistent-s4j) or fix directory=\n")
        .contains("2 problems (1 process checked in ");
  }

  @Test
  void invalidConfigurationExitsTwoWithTheUsualError() {
    assertThat(check("""
        [program:web]
        command=/bin/true
        startsecs=soon
        """)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Error: ").contains("startsecs")
        .contains("For help, use supervisord -h");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}

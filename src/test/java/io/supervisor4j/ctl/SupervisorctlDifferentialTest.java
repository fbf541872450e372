package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supervisor4j.ctl.DifferentialScript.Compare;
import io.supervisor4j.ctl.DifferentialScript.Side;
import io.supervisor4j.ctl.DifferentialScript.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link DifferentialScript#standard()} with the real {@code /usr/bin/supervisorctl} against one server and
 * with {@link SupervisorctlMain} against a twin server started from the same configuration, and requires equal
 * stdout (after {@link OutputMask}) and exit status at every step. The server comes from {@link #launcher()}.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SupervisorctlDifferentialTest {
  @TempDir Path tmp;
  private final List<ServerLauncher.RunningServer> servers = new ArrayList<>();

  /** The server implementation under test. */
  ServerLauncher launcher() {
    return new PythonSupervisord();
  }

  @BeforeAll
  static void realSupervisorInstalled() {
    assumeTrue(Files.isExecutable(PythonSupervisord.SUPERVISORD) && Files.isExecutable(Path.of("/usr/bin/supervisorctl")),
        "Debian's supervisor package is not installed");
  }

  @AfterEach
  void stopServers() {
    servers.forEach(ServerLauncher.RunningServer::close);
  }

  private Side startSide(String name) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve(name));
    Path config = dir.resolve("supervisord.conf");
    Files.writeString(config, DifferentialScript.config(dir, false));
    ServerLauncher.RunningServer server = launcher().start(config, dir);
    servers.add(server);
    return new Side(dir, config, server);
  }

  @Test
  void standardScriptGivesTheSameOutputAndExitStatus() throws IOException {
    Side theirs = startSide("a");
    Side ours = startSide("b");
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (Step step : DifferentialScript.standard()) {
      if (step.action().isPresent()) {
        step.action().get().accept(theirs);
        step.action().get().accept(ours);
        continue;
      }
      CtlClient.Result expected = CtlClient.PYTHON.run(theirs.dir(), DifferentialScript.argv(theirs, step));
      CtlClient.Result actual = CtlClient.JAVA.run(ours.dir(), DifferentialScript.argv(ours, step));
      compared++;
      String want = normalize(step.compare(), OutputMask.mask(expected.stdout(), theirs.dir()), false);
      String got = normalize(step.compare(), OutputMask.mask(ourOutput(actual.stdout(), ours), ours.dir()), true);
      if (!want.equals(got) || expected.exitStatus() != actual.exitStatus()) {
        mismatches.add("$ supervisorctl " + step.label() + "\n--- expected (exit " + expected.exitStatus() + ")\n"
            + want + "--- actual (exit " + actual.exitStatus() + ")\n" + got + actual.stderr());
      }
    }
    assertThat(compared).isGreaterThan(100);
    assertThat(mismatches).as("steps whose output or exit status differ").isEmpty();
  }

  @Test
  void authenticationRequiredIsReportedTheSameWay() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("auth"));
    Path config = dir.resolve("supervisord.conf");
    Files.writeString(config, DifferentialScript.config(dir, false)
        .replace("file=" + dir + "/supervisor.sock\n", "file=" + dir + "/supervisor.sock\nusername=user\npassword=secret\n"));
    servers.add(launcher().start(config, dir));
    List<List<String>> cases = List.of(
        List.of("status"), List.of("pid"), List.of("avail"), List.of("tail", "long"),
        List.of("-u", "user", "-p", "wrong", "version"), List.of("-u", "user", "-p", "secret", "status", "long"),
        List.of("-u", "user", "-p", "secret", "version"));
    for (List<String> c : cases) {
      List<String> argv = new ArrayList<>(List.of("-c", config.toString()));
      argv.addAll(c);
      CtlClient.Result expected = CtlClient.PYTHON.run(dir, argv);
      CtlClient.Result actual = CtlClient.JAVA.run(dir, argv);
      assertThat(OutputMask.mask(actual.stdout(), dir)).as(c.toString())
          .isEqualTo(OutputMask.mask(expected.stdout(), dir));
      assertThat(actual.exitStatus()).as(c.toString()).isEqualTo(expected.exitStatus());
    }
  }

  /** Our client's stdout before masking: where it legitimately shows more than supervisorctl (none here). */
  String ourOutput(String stdout, Side ours) {
    return stdout;
  }

  /** Mirrors comparison modes; {@code ours} drops the supervisor4j help block before comparing. */
  static String normalize(Compare compare, String text, boolean ours) {
    return switch (compare) {
      case EXACT -> text;
      case SORTED -> {
        String[] lines = text.split("\n", -1);
        Arrays.sort(lines);
        yield String.join("\n", lines);
      }
      case LAST_LINE -> {
        String[] lines = text.strip().split("\n");
        yield lines[lines.length - 1] + "\n";
      }
      case HELP -> {
        if (!ours) {
          yield text;
        }
        String without = DifferentialScriptHelp.withoutS4jBlock(text);
        yield without.equals(text) ? text + "<no s4j block>" : without;
      }
    };
  }
}

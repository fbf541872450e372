package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code help} and {@code help <command>} for every command, against the real supervisorctl's text. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HelpTextDifferentialTest {
  @TempDir Path tmp;

  @Test
  void everyHelpTextMatches() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/supervisorctl")), "supervisorctl is not installed");
    String url = "unix://" + tmp.resolve("none.sock");
    List<String> topics = new java.util.ArrayList<>(DefaultCommands.all().stream().map(CtlCommand::name).toList());
    topics.addAll(List.of("help", "EOF", "nosuch", ""));
    for (String topic : topics) {
      List<String> argv = topic.isEmpty() ? List.of("-s", url, "help") : List.of("-s", url, "help", topic);
      CtlClient.Result expected = CtlClient.PYTHON.run(tmp, argv);
      CtlClient.Result actual = CtlClient.JAVA.run(tmp, argv);
      String ours = topic.isEmpty() ? DifferentialScriptHelp.withoutS4jBlock(actual.stdout()) : actual.stdout();
      assertThat(ours).as("help " + topic).isEqualTo(expected.stdout());
      assertThat(actual.exitStatus()).as("help " + topic).isEqualTo(expected.exitStatus());
    }
  }

  @Test
  void supervisor4jCommandsHaveTheirOwnBlock() {
    CtlClient.Result r = CtlClient.JAVA.run(tmp, List.of("-s", "unix://" + tmp.resolve("none.sock"), "help"));
    assertThat(r.stdout()).endsWith(DifferentialScriptHelp.S4J_BLOCK)
        .startsWith("\ndefault commands (type help <topic>):\n");
    CtlClient.Result why = CtlClient.JAVA.run(tmp, List.of("-s", "unix://" + tmp.resolve("none.sock"), "help", "why"));
    assertThat(why.stdout()).startsWith("why <name>\t\tExplain why a process failed");
    CtlClient.Result check =
        CtlClient.JAVA.run(tmp, List.of("-s", "unix://" + tmp.resolve("none.sock"), "help", "check"));
    assertThat(check.stdout()).startsWith("check\t\t\tCheck the configuration").contains("exit status 1");
  }
}

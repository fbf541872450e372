package io.supervisor4j.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandLineTest {
  static final List<String> CASES = List.of(
      "/bin/cat", "  cat   -n  file  ", "echo 'a b' \"c d\"", "echo \"a\\\"b\" 'c\\d'", "echo a\\ b",
      "echo \"x\\y\\\\z\\$\"", "echo # not a comment", "a''b \"\"", "''", "x 'it''s'", "tab\there\nnewline",
      "echo \"unterminated", "echo 'unterminated", "trailing\\", "echo \"esc at end\\", "mixed'quo'\"tes\"x",
      "", "   ", "sh -c 'echo \"$HOME\"; exit 3'", "ünïcode 'ß'", "don't", "say \"it's\" 'he said \"hi\"'");

  @Test
  void splitsLikePythonShlexAndReportsLikeSupervisord() throws Exception {
    String oracle = "import shlex,sys\n"
        + "for c in sys.argv[1:]:\n"
        + "  try:\n"
        + "    r = 'OK' + '\\x1f'.join(shlex.split(c))\n"
        + "  except ValueError as e:\n"
        + "    r = \"can't parse command %r: %s\" % (c, e)\n"
        + "  print(r.encode().hex())\n";
    List<String> argv = new ArrayList<>(List.of("python3", "-c", oracle));
    argv.addAll(CASES);
    try (Spawner spawner = new Spawner(); ChildWatcher watcher = new ChildWatcher((p, s) -> {}, Duration.ofMillis(100))) {
      SpawnedChild child = spawner.spawn(SpawnSpec.of("oracle", Path.of("/usr/bin/python3"), argv, List.of("LANG=C.UTF-8")));
      Collector c = new Collector();
      watcher.watch(child, c);
      c.awaitAll(child, true);
      assertThat(c.err()).isEmpty();
      String[] lines = c.out().split("\n");
      assertThat(lines).hasSize(CASES.size());
      for (int i = 0; i < CASES.size(); i++) {
        String expected = new String(HexFormat.of().parseHex(lines[i]), StandardCharsets.UTF_8);
        String actual;
        try {
          actual = "OK" + String.join("\u001f", CommandLine.split(CASES.get(i)));
        } catch (SpawnException e) {
          actual = e.getMessage();
          assertThat(e.fault()).isEqualTo(SpawnFault.NOT_EXECUTABLE);
        }
        assertThat(actual).as("case %s", CASES.get(i)).isEqualTo(expected);
      }
    }
  }

  @Test
  void examples() {
    assertThat(CommandLine.split("echo 'a b' c#d")).containsExactly("echo", "a b", "c#d");
    assertThatThrownBy(() -> CommandLine.split("echo \"x"))
        .hasMessage("can't parse command 'echo \"x': No closing quotation");
    assertThatThrownBy(() -> CommandLine.split("echo 'x"))
        .hasMessage("can't parse command \"echo 'x\": No closing quotation");
  }
}

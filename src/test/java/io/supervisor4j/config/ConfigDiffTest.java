package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConfigDiffTest {
  static final String HEAD = "[supervisord]\nlogfile=/tmp/s.log\npidfile=/tmp/s.pid\n";

  @TempDir Path dir;

  private Configuration load(String text) throws IOException {
    Path f = Files.writeString(dir.resolve("c" + System.nanoTime() + ".conf"), HEAD + text);
    return ConfigLoader.load(f, Map.of(), Map.of(), "n");
  }

  @Test
  void addedChangedRemovedSorted() throws IOException {
    Configuration before = load("[program:a]\ncommand=/bin/a\n[program:b]\ncommand=/bin/b\n[program:c]\n"
        + "command=/bin/c\n");
    Configuration after = load("[program:c]\ncommand=/bin/c\n[program:b]\ncommand=/bin/b2\n[program:z]\n"
        + "command=/bin/z\n[program:d]\ncommand=/bin/d\n");
    ConfigDiff diff = ConfigDiff.between(before.groups(), after.groups());
    assertThat(diff).isEqualTo(new ConfigDiff(List.of("d", "z"), List.of("b"), List.of("a")));
  }

  @Test
  void autoLogOnEitherSideIsNotAChangeButAFileIs() throws IOException {
    Configuration auto = load("[program:a]\ncommand=/bin/a\n");
    Configuration file = load("[program:a]\ncommand=/bin/a\nstdout_logfile=/tmp/a.log\n");
    Configuration other = load("[program:a]\ncommand=/bin/a\nstdout_logfile=/tmp/b.log\n");
    assertThat(ConfigDiff.between(auto.groups(), file.groups()).changed()).isEmpty();
    assertThat(ConfigDiff.between(file.groups(), other.groups()).changed()).containsExactly("a");
  }

  @Test
  void globalEnvironmentChangesEveryGroup() throws IOException {
    Configuration before = load("environment=A=1\n[program:a]\ncommand=/bin/a\n");
    Configuration after = load("environment=A=2\n[program:a]\ncommand=/bin/a\n");
    assertThat(ConfigDiff.between(before, after).changed()).containsExactly("a");
    assertThat(ConfigDiff.between(before, before).changed()).isEmpty();
  }

  @Test
  void oneMemberChangesItsWholeGroup() throws IOException {
    Configuration before = load("[group:g]\nprograms=a,b\n[program:a]\ncommand=/bin/a\n[program:b]\ncommand=/bin/b\n");
    Configuration after = load("[group:g]\nprograms=a,b\n[program:a]\ncommand=/bin/a\n[program:b]\ncommand=/bin/b\n"
        + "startsecs=5\n");
    assertThat(ConfigDiff.between(before.groups(), after.groups()).changed()).containsExactly("g");
  }
}

package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ExpanderTest {
  private static final Map<String, Object> NAMES =
      Map.of("program_name", "web", "process_num", 7, "numprocs", 12, "ENV_HOME", "/root");

  private static String x(String s) {
    return Expander.expand(s, NAMES, "program:web.command");
  }

  @Test
  void pythonPercentFormatting() {
    assertThat(x("%(program_name)s-%(process_num)02d")).isEqualTo("web-07");
    assertThat(x("%(process_num)d/%(numprocs)s")).isEqualTo("7/12");
    assertThat(x("100%% %(ENV_HOME)s")).isEqualTo("100% /root");
    assertThat(x("[%(process_num)-3d][%(process_num)3d][%(process_num)+d]")).isEqualTo("[7  ][  7][+7]");
    assertThat(x("%(numprocs)x %(numprocs)X %(numprocs)o %(numprocs)#x")).isEqualTo("c C 14 0xc");
    assertThat(x("%(program_name)r %(program_name).2s %(program_name)5s")).isEqualTo("'web' we   web");
    assertThat(x("no names")).isEqualTo("no names");
  }

  @Test
  void unknownNamesListTheAvailableOnes() {
    assertThatThrownBy(() -> x("run %(nope)s")).hasMessage("Format string 'run %(nope)s' for "
        + "'program:web.command' contains names ('nope') which cannot be expanded. Available names: ENV_HOME, "
        + "numprocs, process_num, program_name");
  }

  @Test
  void badFormatsUseSupervisordWording() {
    assertThatThrownBy(() -> x("100%")).hasMessage(
        "Format string '100%' for 'program:web.command' is badly formatted: incomplete format");
    assertThatThrownBy(() -> x("%(program_name")).hasMessageEndingWith("incomplete format key");
    assertThatThrownBy(() -> x("5%x")).hasMessageContaining("format requires a mapping");
    assertThatThrownBy(() -> x("a%(program_name)y")).hasMessageEndingWith(
        "unsupported format character 'y' (0x79) at index 16");
    assertThatThrownBy(() -> x("%(program_name)d")).hasMessageEndingWith(
        "%d format: a real number is required, not str");
  }
}

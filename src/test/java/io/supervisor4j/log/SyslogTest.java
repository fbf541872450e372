package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SyslogTest {
  @Test
  void theDowncallsWorkAndPercentSignsAreData() {
    // Without a syslog daemon glibc drops the message; this proves the FFM signatures (a wrong variadic layout
    // or a format-string bug would crash or misbehave here).
    assertThatCode(() -> Syslog.send("supervisor4j SyslogTest %s %n %d 100%")).doesNotThrowAnyException();
    assertThatCode(() -> Syslog.send("second message")).doesNotThrowAnyException();
  }

  @Test
  void splitsLinesLikePythonsRstripAndSplit() throws Exception {
    List<String> inputs = List.of("a\n\nb\n\n", "one", "\n", "", "x\ny", "tail\n\n\n");
    List<String> args = new ArrayList<>();
    inputs.forEach(i -> args.add(PythonOracle.hex(i)));
    List<String> expected =
        PythonOracle.run(
            """
            import sys
            for a in sys.argv[1:]:
                m = bytes.fromhex(a).decode()
                print('|'.join(m.rstrip('\\n').split('\\n')))
            """,
            args);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(String.join("|", Syslog.lines(inputs.get(i)))).as(inputs.get(i)).isEqualTo(expected.get(i));
    }
  }
}

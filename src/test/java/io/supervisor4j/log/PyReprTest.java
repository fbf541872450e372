package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.PyRepr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PyReprTest {
  private static final List<String> INPUTS =
      List.of("cat", "web_01", "it's", "say \"hi\"", "both ' and \"", "tab\there", "back\\slash", "nl\n\r", "\u0001",
          "é", "");

  @Test
  void matchesPythonsReprOfStrAndBytes() throws Exception {
    List<String> args = new ArrayList<>();
    INPUTS.forEach(i -> args.add(PythonOracle.hex(i)));
    args.add(PythonOracle.hex(new byte[] {(byte) 0xc3, 'h', 0x7f, (byte) 0xff, '\'', 0}));
    List<String> expected =
        PythonOracle.run(
            """
            import sys
            for a in sys.argv[1:]:
                b = bytes.fromhex(a)
                try:
                    s = repr(b.decode('utf-8'))
                except UnicodeDecodeError:
                    s = '-'
                print((s + '\\t' + repr(b)).encode('utf-8').hex())
            """,
            args);
    for (int i = 0; i < args.size(); i++) {
      byte[] b = PythonOracle.unhex(args.get(i));
      String str = i < INPUTS.size() ? PyRepr.str(INPUTS.get(i)) : "-";
      String actual = str + "\t" + PyRepr.bytes(b, 0, b.length);
      assertThat(actual).isEqualTo(new String(PythonOracle.unhex(expected.get(i)), StandardCharsets.UTF_8));
    }
  }
}

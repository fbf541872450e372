package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AnsiStripperTest {
  private static final List<String> CASES =
      List.of(
          "\u001b[31mred\u001b[0m plain\n",
          "a\u001b[1;2Hb\u001b[2Jc\u001b[Kd",
          "lone \u001b x \u001bq",
          "unterminated \u001b[12;3",
          "\u001b\u001b[mX\u001b",
          "[m no escape [31m",
          "\u001b[?25l\u001b[?25hhidden cursor",
          "\u001b[38;5;208mcolour\u001b[0m\r\n",
          "\u001b[sA\u001b[uB\u001b[6nC\u001b[5AD\u001b[1fE\u001b[4lF\u001b[pG",
          "é\u001b[1mü\u001b[0m",
          "");

  @Test
  void stripsLikeSupervisordForWholeChunks() throws Exception {
    List<String> args = new ArrayList<>();
    CASES.forEach(c -> args.add(PythonOracle.hex(c)));
    List<String> expected =
        PythonOracle.run(
            """
            import sys
            from supervisor.dispatchers import stripEscapes
            for a in sys.argv[1:]:
                print(stripEscapes(bytes.fromhex(a)).hex())
            """,
            args);
    for (int i = 0; i < CASES.size(); i++) {
      byte[] in = CASES.get(i).getBytes(StandardCharsets.UTF_8);
      assertThat(PythonOracle.hex(strip(in, List.of(in.length)))).as(CASES.get(i)).isEqualTo(expected.get(i));
    }
  }

  @Test
  void aSequenceSplitAnywhereIsStrippedAsIfWhole() {
    for (String c : CASES) {
      byte[] in = c.getBytes(StandardCharsets.UTF_8);
      byte[] whole = strip(in, List.of(in.length));
      for (int cut = 0; cut <= in.length; cut++) {
        assertThat(strip(in, List.of(cut, in.length - cut))).as("%s cut at %d", c, cut).isEqualTo(whole);
      }
      List<Integer> bytewise = new ArrayList<>();
      for (int i = 0; i < in.length; i++) {
        bytewise.add(1);
      }
      assertThat(strip(in, bytewise)).as("%s byte by byte", c).isEqualTo(whole);
    }
  }

  @Test
  void removesTheEscapeOfAColouredLine() {
    byte[] in = "\u001b[1;32mOK\u001b[0m\n".getBytes(StandardCharsets.UTF_8);
    assertThat(new String(strip(in, List.of(in.length)), StandardCharsets.UTF_8)).isEqualTo("OK\n");
  }

  @Test
  void findsAnEscapeAtEveryPositionOfALongChunk() {
    for (int at = 0; at < 40; at++) {
      byte[] in = new byte[40];
      java.util.Arrays.fill(in, (byte) 'x');
      in[at] = 0x1b;
      byte[] out = strip(in, List.of(in.length));
      assertThat(out).as("ESC at %d", at).hasSize(40).contains((byte) 0x1b);
      assertThat(out[at]).isEqualTo((byte) 0x1b);
      if (at < 39) {
        in[at + 1] = '[';
        assertThat(strip(in, List.of(in.length))).as("ESC[ at %d", at).hasSize(at);
      }
    }
  }

  /** Feeds {@code in} in chunks of the given sizes, then flushes. */
  static byte[] strip(byte[] in, List<Integer> sizes) {
    AnsiStripper s = new AnsiStripper();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int off = 0;
    for (int n : sizes) {
      s.strip(in, off, n);
      out.write(s.buffer(), 0, s.length());
      off += n;
    }
    s.flush();
    out.write(s.buffer(), 0, s.length());
    return out.toByteArray();
  }
}

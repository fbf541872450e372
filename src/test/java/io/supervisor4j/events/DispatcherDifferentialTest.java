package io.supervisor4j.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random read scripts run through supervisord 4.2.5's own dispatchers ({@code dispatch_oracle.py} with Debian's
 * python) and through ours; the transcripts (states, log lines, rejections; logged/captured chunks and comm
 * events) must be identical.
 */
@Timeout(120)
class DispatcherDifferentialTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] PROTOCOL_WORDS = {
    "READY\n", "READY\n", "READY\n", "RESULT 2\nOK", "RESULT 2\nOK", "RESULT 4\nFAIL", "RESULT 0\n", "RESULT x\n",
    "RESULT  3 \nabc", "junk!!\n", "REA", "OK\n", "RESULT 1\n", "\n", "RESULT 2\nOKREADY\n", "RESULT +2\r\nOK"
  };
  private static final String[] CAPTURE_WORDS = {
    "text ", "more text\n", "\n", "<!--XSUPERVISOR:BEGIN-->", "<!--XSUPERVISOR:END-->", "<!--XSUP", "<!--",
    "RVISOR:END-->", "x", "0123456789abcdefghij", "<", "\u00e9\u00e8"
  };

  @Test
  void protocolAndCaptureMatchSupervisordOnRandomScripts() throws Exception {
    Random random = new Random(4_2_5);
    StringBuilder input = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int c = 0; c < 150; c++) {
      boolean protocol = c % 2 == 0;
      List<byte[]> reads = reads(random, protocol ? PROTOCOL_WORDS : CAPTURE_WORDS);
      long maxbytes = new long[] {5, 10, 30, 1 << 20}[random.nextInt(4)];
      input.append(protocol ? "protocol 100" : "capture " + maxbytes).append('\n');
      reads.forEach(r -> input.append(HEX.formatHex(r)).append('\n'));
      expected.addAll(protocol ? runProtocol(reads) : runCapture(maxbytes, reads));
      expected.add("END");
    }
    assertThat(oracle(input.toString())).containsExactlyElementsOf(expected);
  }

  private static List<byte[]> reads(Random random, String[] words) {
    StringBuilder text = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      text.append(words[random.nextInt(words.length)]);
    }
    byte[] all = text.toString().getBytes(StandardCharsets.UTF_8);
    List<byte[]> reads = new ArrayList<>();
    int at = 0;
    while (at < all.length) {
      int len = 1 + random.nextInt(Math.min(all.length - at, random.nextBoolean() ? 4 : 40));
      reads.add(java.util.Arrays.copyOfRange(all, at, at + len));
      at += len;
    }
    return reads;
  }

  private static List<String> runProtocol(List<byte[]> reads) {
    List<String> out = new ArrayList<>();
    TestLog log = new TestLog();
    ListenerProtocol p = new ListenerProtocol("lst", ResultHandler.DEFAULT, log, e -> out.add("REJECT"));
    p.spawned();
    PoolEvent event = new PoolEvent(Event.supervisorRunning(), 0, "lst", 0);
    int sends = 100;
    int seen = 0;
    for (byte[] r : reads) {
      p.output(r);
      for (String l : log.lines.subList(seen, log.lines.size())) {
        out.add("LOG " + l.substring(5));
      }
      seen = log.lines.size();
      if (p.state() == ListenerState.READY && sends > 0) {
        p.sent(event);
        sends--;
      }
      out.add("STATE " + p.state());
    }
    return out;
  }

  private static List<String> runCapture(long maxbytes, List<byte[]> reads) {
    List<String> out = new ArrayList<>();
    CaptureMode mode = new CaptureMode(maxbytes);
    for (byte[] r : reads) {
      for (CaptureMode.Piece piece : mode.feed(r)) {
        switch (piece) {
          case CaptureMode.Output o -> out.add("LOG " + (o.captured() ? 1 : 0) + " " + HEX.formatHex(o.data()));
          case CaptureMode.Communication cm -> out.add("COMM " + HEX.formatHex(cm.data()));
        }
      }
    }
    return out;
  }

  static List<String> oracle(String input) throws IOException, InterruptedException, URISyntaxException {
    Path script = Path.of(DispatcherDifferentialTest.class.getResource("/events/oracle/dispatch_oracle.py").toURI());
    Process p = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectErrorStream(true).start();
    try {
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      return output.lines().toList();
    } finally {
      p.destroyForcibly();
    }
  }
}

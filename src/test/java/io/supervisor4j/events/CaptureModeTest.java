package io.supervisor4j.events;

import static io.supervisor4j.events.Fixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CaptureModeTest {
  private static final String BEGIN = "<!--XSUPERVISOR:BEGIN-->";
  private static final String END = "<!--XSUPERVISOR:END-->";

  /** What a sequence of reads became: logged text, captured text, comm events. */
  record Result(String logged, String captured, List<String> comms) {}

  static Result run(CaptureMode mode, List<byte[]> reads, boolean eof) {
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> comms = new ArrayList<>();
    List<CaptureMode.Piece> pieces = new ArrayList<>();
    reads.forEach(r -> pieces.addAll(mode.feed(r)));
    if (eof) {
      pieces.addAll(mode.eof());
    }
    for (CaptureMode.Piece p : pieces) {
      switch (p) {
        case CaptureMode.Output o -> (o.captured() ? captured : logged).writeBytes(o.data());
        case CaptureMode.Communication c -> comms.add(new String(c.data(), StandardCharsets.UTF_8));
      }
    }
    return new Result(logged.toString(StandardCharsets.UTF_8), captured.toString(StandardCharsets.UTF_8), comms);
  }

  @Test
  void textBetweenTheTokensBecomesOneEvent() {
    String out = "before" + BEGIN + "captured\ndata" + END + "after-text-longer-than-the-token\n";
    Result r = run(new CaptureMode(1 << 20), List.of(bytes(out)), false);
    assertThat(r.logged()).isEqualTo("beforeafter-text-longer-than-the-token\n");
    assertThat(r.captured()).isEqualTo("captured\ndata");
    assertThat(r.comms()).containsExactly("captured\ndata");
  }

  @Test
  void tokensSplitAtEveryPossiblePosition() {
    String out = "log1 " + BEGIN + "msg one" + END + " log2 " + BEGIN + "msg two" + END + " and the rest of it\n";
    byte[] all = bytes(out);
    for (int cut1 = 1; cut1 < all.length; cut1 += 1) {
      int cut2 = Math.min(all.length - 1, cut1 + 17);
      List<byte[]> reads =
          cut2 > cut1
              ? List.of(slice(all, 0, cut1), slice(all, cut1, cut2), slice(all, cut2, all.length))
              : List.of(slice(all, 0, cut1), slice(all, cut1, all.length));
      Result r = run(new CaptureMode(1 << 20), reads, true);
      assertThat(r.comms()).as("cut at %d/%d", cut1, cut2).containsExactly("msg one", "msg two");
      assertThat(r.logged()).as("cut at %d/%d", cut1, cut2).isEqualTo("log1  log2  and the rest of it\n");
    }
  }

  @Test
  void byteByByte() {
    String out = "a" + BEGIN + "x" + END + "0123456789012345678901234567890";
    List<byte[]> reads = new ArrayList<>();
    for (byte b : bytes(out)) {
      reads.add(new byte[] {b});
    }
    Result r = run(new CaptureMode(100), reads, true);
    assertThat(r.comms()).containsExactly("x");
    assertThat(r.logged()).isEqualTo("a0123456789012345678901234567890");
  }

  @Test
  void shortOutputWaitsForMoreAsInSupervisord() {
    CaptureMode mode = new CaptureMode(100);
    assertThat(mode.feed(bytes("hi\n"))).isEmpty(); // not more than a token's length yet
    assertThat(run(mode, List.of(bytes("0123456789012345678901234")), false).logged())
        .isEqualTo("hi\n0123456789012345678901234");
    assertThat(mode.feed(bytes("bye\n"))).isEmpty();
    assertThat(run(mode, List.of(), true).logged()).as("delivered at eof").isEqualTo("bye\n");
  }

  @Test
  void aPartialTokenAtTheEndIsHeldBackUntilDecided() {
    CaptureMode mode = new CaptureMode(100);
    Result r = run(mode, List.of(bytes("some text long enough <!--XSUPER")), false);
    assertThat(r.logged()).isEqualTo("some text long enough ");
    r = run(mode, List.of(bytes("VISOR:BEGIN-->inside and more text" + END + "x".repeat(30))), false);
    assertThat(r.comms()).containsExactly("inside and more text");
  }

  @Test
  void theCaptureBufferDropsAsManyOldBytesAsTheNewChunkHas() {
    CaptureMode mode = new CaptureMode(10);
    List<byte[]> reads =
        List.of(
            bytes(BEGIN + "0123456789012345678901234"),
            bytes("abcdefghijklmnopqrstuvwxyz0"),
            bytes(END + "-".repeat(30)));
    Result r = run(mode, reads, false);
    // first chunk (25 bytes) exceeds 10 on its own: kept whole; the second (27) drops 27 old bytes, then appends
    assertThat(r.comms()).containsExactly("abcdefghijklmnopqrstuvwxyz0");
    assertThat(r.captured()).isEqualTo("0123456789012345678901234abcdefghijklmnopqrstuvwxyz0");
  }

  @Test
  void withoutCaptureEverythingPassesThrough() {
    CaptureMode mode = new CaptureMode(0);
    assertThat(mode.enabled()).isFalse();
    Result r = run(mode, List.of(bytes("a" + BEGIN + "b" + END)), false);
    assertThat(r.logged()).isEqualTo("a" + BEGIN + "b" + END);
    assertThat(r.comms()).isEmpty();
  }

  @Test
  void prefixAtEndMatchesAsynchat() {
    byte[] token = bytes(END);
    assertThat(CaptureMode.prefixAtEnd(bytes("abc<!--"), token)).isEqualTo(4);
    assertThat(CaptureMode.prefixAtEnd(bytes("abc<"), token)).isEqualTo(1);
    assertThat(CaptureMode.prefixAtEnd(bytes("abc"), token)).isZero();
    assertThat(CaptureMode.prefixAtEnd(bytes(END), token)).as("only proper prefixes").isZero();
  }

  private static byte[] slice(byte[] b, int from, int to) {
    return java.util.Arrays.copyOfRange(b, from, to);
  }
}

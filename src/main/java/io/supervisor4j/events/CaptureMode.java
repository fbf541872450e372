package io.supervisor4j.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Capture mode of one output channel ({@code dispatchers.py: POutputDispatcher.record_output}), on when
 * {@code *_capture_maxbytes} > 0. Output before {@code <!--XSUPERVISOR:BEGIN-->} is ordinary output; output up to
 * {@code <!--XSUPERVISOR:END-->} is captured, and at END the captured bytes become a PROCESS_COMMUNICATION event.
 * Tokens split across reads are held back until they can be recognised.
 *
 * <p>As in supervisord: input is only examined once more than a token's length is pending (so a short tail can
 * wait for more output); the capture buffer, when a chunk would overflow it, drops as many of its oldest bytes
 * as the chunk has (an approximate bound); captured chunks are also reported as output, for the main log and
 * PROCESS_LOG events, but not for the channel's log file. Not thread-safe: owned by the channel's reader.
 */
public final class CaptureMode {
  static final byte[] BEGIN = "<!--XSUPERVISOR:BEGIN-->".getBytes(StandardCharsets.US_ASCII);
  static final byte[] END = "<!--XSUPERVISOR:END-->".getBytes(StandardCharsets.US_ASCII);

  /** What a read turned into, in order. */
  public sealed interface Piece {}

  /**
   * Child output, in read order.
   *
   * @param captured true between the tokens: not for the channel log, still for PROCESS_LOG and the main log
   */
  public record Output(byte[] data, boolean captured) implements Piece {}

  /** The END token was seen: the captured bytes, for a PROCESS_COMMUNICATION event. */
  public record Communication(byte[] data) implements Piece {}

  private final long maxbytes;
  private byte[] pending = new byte[0];
  private byte[] captured = new byte[0];
  private boolean capturing;

  /** @param maxbytes the channel's {@code capture_maxbytes}; 0 turns capture mode off (output passes through) */
  public CaptureMode(long maxbytes) {
    this.maxbytes = maxbytes;
  }

  public boolean enabled() {
    return maxbytes > 0;
  }

  public boolean capturing() {
    return capturing;
  }

  /** Feeds one read of the channel. */
  public List<Piece> feed(byte[] data) {
    List<Piece> out = new ArrayList<>(2);
    pending = concat(pending, data);
    if (!enabled()) {
      emit(out, pending);
      pending = new byte[0];
      return out;
    }
    while (true) {
      byte[] token = capturing ? END : BEGIN;
      if (pending.length <= token.length) {
        return out; // not enough to decide
      }
      byte[] chunk = pending;
      pending = new byte[0];
      int at = indexOf(chunk, token);
      if (at < 0) {
        int keep = prefixAtEnd(chunk, token);
        pending = Arrays.copyOfRange(chunk, chunk.length - keep, chunk.length);
        emit(out, Arrays.copyOf(chunk, chunk.length - keep));
        return out;
      }
      emit(out, Arrays.copyOf(chunk, at));
      toggle(out);
      pending = Arrays.copyOfRange(chunk, at + token.length, chunk.length);
      if (pending.length == 0) {
        return out;
      }
    }
  }

  /**
   * End of the channel: bytes still held back (at most a token's length) come out as output. supervisord drops
   * them; delivering them loses nothing a listener relies on.
   */
  public List<Piece> eof() {
    List<Piece> out = new ArrayList<>(1);
    emit(out, pending);
    pending = new byte[0];
    return out;
  }

  private void emit(List<Piece> out, byte[] data) {
    if (data.length == 0) {
      return;
    }
    if (capturing) {
      if (captured.length + data.length > maxbytes) {
        captured = Arrays.copyOfRange(captured, Math.min(data.length, captured.length), captured.length);
      }
      captured = concat(captured, data);
    }
    out.add(new Output(data, capturing));
  }

  private void toggle(List<Piece> out) {
    capturing = !capturing;
    if (!capturing) {
      out.add(new Communication(captured));
      captured = new byte[0];
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (a.length == 0) {
      return b.clone();
    }
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Length of the longest proper prefix of {@code token} that {@code data} ends with (asynchat's helper). */
  static int prefixAtEnd(byte[] data, byte[] token) {
    for (int l = token.length - 1; l > 0; l--) {
      if (data.length >= l && Arrays.equals(data, data.length - l, data.length, token, 0, l)) {
        return l;
      }
    }
    return 0;
  }
}

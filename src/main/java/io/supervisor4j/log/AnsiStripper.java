package io.supervisor4j.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * supervisord's {@code strip_ansi} ({@code dispatchers.stripEscapes}): drops everything from {@code ESC [} up to and
 * including the first following byte in {@code HfABCDRsuJKhlpm}; a lone ESC not followed by {@code [} is kept.
 *
 * <p>Unlike supervisord, which strips each chunk on its own, the state is carried across chunks, so a sequence split
 * by a pipe read is still removed whole. A trailing ESC is held back until the next chunk shows whether {@code [}
 * follows ({@link #flush()} releases it). Not thread-safe: one instance per channel, used by its I/O thread.
 */
final class AnsiStripper {
  private static final byte ESC = 0x1b;
  private static final long ESC_BYTES = 0x1b1b1b1b1b1b1b1bL;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final boolean[] TERMINATOR = new boolean[256];

  static {
    for (char c : "HfABCDRsuJKhlpm".toCharArray()) {
      TERMINATOR[c] = true;
    }
  }

  private enum State {
    TEXT,
    ESC_HELD,
    IN_SEQUENCE
  }

  private State state = State.TEXT;
  private byte[] out = new byte[0];
  private int outLen;

  /** Strips one chunk; the result is in {@link #buffer()}[0, {@link #length()}), valid until the next call. */
  void strip(byte[] buf, int off, int len) {
    if (out.length < len + 1) {
      out = new byte[Math.max(len + 1, 1024)];
    }
    outLen = 0;
    int end = off + len;
    int i = off;
    if (state == State.ESC_HELD && i < end) {
      if (buf[i] == '[') {
        state = State.IN_SEQUENCE;
        i++;
      } else {
        out[outLen++] = ESC;
        state = State.TEXT;
      }
    }
    while (i < end) {
      if (state == State.IN_SEQUENCE) {
        while (i < end && !TERMINATOR[buf[i] & 0xff]) {
          i++;
        }
        if (i < end) {
          i++;
          state = State.TEXT;
        }
        continue;
      }
      int esc = indexOfEsc(buf, i, end);
      int textEnd = esc < 0 ? end : esc;
      System.arraycopy(buf, i, out, outLen, textEnd - i);
      outLen += textEnd - i;
      if (esc < 0) {
        break;
      }
      if (esc + 1 == end) {
        state = State.ESC_HELD;
        i = end;
      } else if (buf[esc + 1] == '[') {
        state = State.IN_SEQUENCE;
        i = esc + 2;
      } else {
        out[outLen++] = ESC;
        i = esc + 1;
      }
    }
  }

  /** Releases a held-back trailing ESC (at close). Result in {@link #buffer()} like {@link #strip}. */
  void flush() {
    outLen = 0;
    if (state == State.ESC_HELD) {
      if (out.length == 0) {
        out = new byte[1024];
      }
      out[outLen++] = ESC;
    }
    state = State.TEXT;
  }

  byte[] buffer() {
    return out;
  }

  int length() {
    return outLen;
  }

  // Eight bytes at a time (SWAR zero-byte test on x ^ 0x1b..): output without escapes is scanned at memory speed.
  private static int indexOfEsc(byte[] buf, int from, int end) {
    int i = from;
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ ESC_BYTES;
      long zeroBytes = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (zeroBytes != 0) {
        return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3); // the lowest flag is exact
      }
    }
    for (; i < end; i++) {
      if (buf[i] == ESC) {
        return i;
      }
    }
    return -1;
  }
}

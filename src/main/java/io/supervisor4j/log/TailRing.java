package io.supervisor4j.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The last bytes a channel produced (at most {@value #CAPACITY}), kept in memory even without a log file, to explain
 * failures ("last lines of stderr"). Costs O(min(chunk, capacity)) per chunk; the buffer is allocated on first use.
 */
final class TailRing {
  static final int CAPACITY = 4096;
  static final int MAX_LINES = 20;

  private byte[] ring; // circular; the oldest byte is at (head - count) mod CAPACITY
  private int head;
  private int count;
  private long total;

  synchronized void add(byte[] buf, int off, int len) {
    if (len <= 0) {
      return;
    }
    if (ring == null) {
      ring = new byte[CAPACITY];
    }
    total += len;
    if (len >= CAPACITY) {
      System.arraycopy(buf, off + len - CAPACITY, ring, 0, CAPACITY);
      head = 0;
      count = CAPACITY;
      return;
    }
    int first = Math.min(len, CAPACITY - head);
    System.arraycopy(buf, off, ring, head, first);
    System.arraycopy(buf, off + first, ring, 0, len - first);
    head = (head + len) % CAPACITY;
    count = Math.min(CAPACITY, count + len);
  }

  /** As {@link #add(byte[], int, int)} with the remaining bytes of {@code data}, which it leaves unconsumed. */
  synchronized void add(ByteBuffer data) {
    int len = data.remaining();
    if (len <= 0) {
      return;
    }
    if (ring == null) {
      ring = new byte[CAPACITY];
    }
    total += len;
    int pos = data.position();
    if (len >= CAPACITY) { // only the last CAPACITY bytes are kept: copy just those
      data.get(pos + len - CAPACITY, ring, 0, CAPACITY);
      head = 0;
      count = CAPACITY;
      return;
    }
    int first = Math.min(len, CAPACITY - head);
    data.get(pos, ring, head, first);
    data.get(pos + first, ring, 0, len - first);
    head = (head + len) % CAPACITY;
    count = Math.min(CAPACITY, count + len);
  }

  /** The last lines (up to {@value #MAX_LINES}), the unterminated last line included, decoded as lenient UTF-8. */
  synchronized List<String> lines() {
    if (count == 0) {
      return List.of();
    }
    byte[] bytes = new byte[count];
    int start = Math.floorMod(head - count, CAPACITY);
    int first = Math.min(count, CAPACITY - start);
    System.arraycopy(ring, start, bytes, 0, first);
    System.arraycopy(ring, 0, bytes, first, count - first);
    int from = 0;
    if (total > count) { // the oldest line is cut: drop it unless it is all we have
      for (int i = 0; i < count - 1; i++) {
        if (bytes[i] == '\n') {
          from = i + 1;
          break;
        }
      }
    }
    String text = new String(bytes, from, count - from, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (text.endsWith("\n")) {
      lines.removeLast();
    }
    return List.copyOf(lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size()));
  }
}

package io.supervisor4j.events;

import java.nio.charset.StandardCharsets;

/**
 * An event as buffered by one pool: the event, its global {@code serial} (shared by every pool that took it) and
 * the pool's own {@code poolserial}. A rejected event keeps both when it is buffered again.
 */
public record PoolEvent(Event event, long serial, String pool, long poolSerial) {

  /**
   * The bytes written to a listener's stdin: the header line, then the payload with no terminator.
   *
   * <p>{@code len} counts the payload's Unicode code points, exactly as supervisord's {@code len(payload)} on a
   * Python str, although the payload goes out as UTF-8. Listeners that read stdin as text and then read
   * {@code len} characters (supervisor.childutils, superlance: the listeners this must run unchanged) frame
   * correctly; byte-oriented listeners mis-frame non-ASCII payloads exactly as they do under supervisord. Counting
   * bytes instead would break the text-mode listeners, which are the common ones.
   */
  public byte[] envelope(String identifier) {
    String p = event.payload();
    String header =
        "ver:3.0 server:" + identifier + " serial:" + serial + " pool:" + pool + " poolserial:" + poolSerial
            + " eventname:" + event.type().name() + " len:" + p.codePointCount(0, p.length()) + "\n";
    return (header + p).getBytes(StandardCharsets.UTF_8);
  }
}

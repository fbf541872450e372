package io.supervisor4j.events;

import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The eventlistener protocol of one listener process, driven by the bytes it writes on stdout
 * ({@code dispatchers.py: PEventListenerDispatcher}): ACKNOWLEDGED -({@code READY\n})-> READY -(envelope sent)->
 * BUSY -({@code RESULT <n>\n} + n bytes)-> ACKNOWLEDGED. Any other output is a violation and the listener goes
 * to UNKNOWN until it is restarted. Lines may be split across reads; several messages may come in one read.
 *
 * <p>Leniency as in supervisord: the {@code RESULT } prefix itself is not checked (only the number after the
 * first 7 bytes), the number may carry blanks and a sign, and fewer than 6 bytes in ACKNOWLEDGED wait for more.
 * Not thread-safe: owned by the events thread.
 */
final class ListenerProtocol {
  private static final byte[] READY_TOKEN = "READY\n".getBytes(StandardCharsets.US_ASCII);
  private static final int RESULT_PREFIX_LEN = "RESULT ".length();
  /** A result line longer than this cannot be valid; supervisord would buffer it forever. */
  static final int MAX_RESULT_LINE = 64 * 1024;
  // Python's int() on bytes: surrounding whitespace, an optional sign, digits with single underscores between.
  private static final Pattern PY_INT =
      Pattern.compile("[ \\t\\n\\r\\x0b\\x0c]*([+-]?[0-9]+(?:_[0-9]+)*)[ \\t\\n\\r\\x0b\\x0c]*");

  private final String name;
  private final ResultHandler handler;
  private final ActivityLog log;
  private final Consumer<PoolEvent> rejected;

  private ListenerState state = ListenerState.ACKNOWLEDGED;
  private byte[] buffer = new byte[0];
  private final ByteArrayOutputStream result = new ByteArrayOutputStream();
  private long resultLen = -1; // -1: the result line has not been read yet
  private PoolEvent inFlight;
  private boolean alive; // output is only read between spawn and exit, as supervisord's dispatchers live

  ListenerProtocol(String name, ResultHandler handler, ActivityLog log, Consumer<PoolEvent> rejected) {
    this.name = name;
    this.handler = handler;
    this.log = log;
    this.rejected = rejected;
  }

  ListenerState state() {
    return state;
  }

  Optional<PoolEvent> inFlight() {
    return Optional.ofNullable(inFlight);
  }

  /** A new process was spawned: fresh pipes, so a fresh ACKNOWLEDGED protocol. */
  void spawned() {
    state = ListenerState.ACKNOWLEDGED;
    buffer = new byte[0];
    result.reset();
    resultLen = -1;
    inFlight = null;
    alive = true;
  }

  /** The process is gone: an unanswered event is rejected (buffered again); later output is ignored. */
  void exited() {
    alive = false;
    buffer = new byte[0];
    result.reset();
    resultLen = -1;
    if (inFlight != null) {
      PoolEvent e = inFlight;
      inFlight = null;
      rejected.accept(e);
    }
  }

  boolean canReceive() {
    return alive && state == ListenerState.READY;
  }

  /** The envelope of {@code event} was written to the listener's stdin. */
  void sent(PoolEvent event) {
    if (state != ListenerState.READY) {
      throw new IllegalStateException(name + ": event sent in state " + state);
    }
    state = ListenerState.BUSY;
    inFlight = event;
  }

  /** Bytes the listener wrote on stdout. */
  void output(byte[] data) {
    if (!alive || data.length == 0) {
      return;
    }
    byte[] joined = Arrays.copyOf(buffer, buffer.length + data.length);
    System.arraycopy(data, 0, joined, buffer.length, data.length);
    buffer = joined;
    while (buffer.length > 0 && step()) {
      // each step consumes input or waits for more
    }
  }

  /** One round of supervisord's handle_listener_state_change; false when more input is needed. */
  private boolean step() {
    switch (state) {
      case UNKNOWN -> {
        buffer = new byte[0];
        return false;
      }
      case ACKNOWLEDGED -> {
        if (buffer.length < READY_TOKEN.length) {
          return false;
        }
        if (Arrays.equals(buffer, 0, READY_TOKEN.length, READY_TOKEN, 0, READY_TOKEN.length)) {
          change(ListenerState.READY);
          buffer = Arrays.copyOfRange(buffer, READY_TOKEN.length, buffer.length);
        } else {
          change(ListenerState.UNKNOWN);
          buffer = new byte[0];
        }
        return true;
      }
      case READY -> {
        // nothing may come while we have not sent anything: be strict, as supervisord is
        change(ListenerState.UNKNOWN);
        buffer = new byte[0];
        return false;
      }
      case BUSY -> {
        return resultLen < 0 ? readResultLine() : readResultBody();
      }
    }
    throw new AssertionError(state);
  }

  private boolean readResultLine() {
    int nl = indexOf(buffer, (byte) '\n');
    if (nl < 0) {
      if (buffer.length > MAX_RESULT_LINE) {
        // deviation: cap memory and rescanning cost for a listener that never ends its result line
        violation(Arrays.copyOf(buffer, 80), "...");
      }
      return false;
    }
    byte[] line = Arrays.copyOfRange(buffer, 0, nl);
    buffer = Arrays.copyOfRange(buffer, nl + 1, buffer.length);
    long len = parseLength(line);
    if (len < 0) {
      // supervisord also takes a negative length, then recurses until Python's stack overflows and the
      // listener's stdout is closed for good; a bad result line is the honest outcome
      violation(line, "");
      return false;
    }
    resultLen = len;
    return true;
  }

  private boolean readResultBody() {
    long needed = resultLen - result.size();
    if (needed > 0) {
      int take = (int) Math.min(needed, buffer.length);
      result.write(buffer, 0, take);
      buffer = Arrays.copyOfRange(buffer, take, buffer.length);
      needed = resultLen - result.size();
    }
    if (needed == 0) {
      handleResult(result.toByteArray());
      result.reset();
      resultLen = -1;
      return true;
    }
    return false;
  }

  private void handleResult(byte[] body) {
    PoolEvent event = inFlight;
    inFlight = null;
    switch (handler.judge(event.event(), body)) {
      case ACCEPTED -> {
        if (log.isEnabled(LogLevel.DEBG)) {
          log.debug(name + ": event was processed");
        }
        change(ListenerState.ACKNOWLEDGED);
      }
      case REJECTED -> {
        log.warn(name + ": event was rejected");
        change(ListenerState.ACKNOWLEDGED);
        rejected.accept(event);
      }
      case ERROR -> {
        log.warn(name + ": event caused an error");
        change(ListenerState.UNKNOWN);
        rejected.accept(event);
      }
    }
  }

  private void violation(byte[] line, String suffix) {
    log.warn(name + ": bad result line: '" + Event.decode(line) + suffix + "'");
    change(ListenerState.UNKNOWN);
    buffer = new byte[0];
    rejectInFlight();
  }

  private void rejectInFlight() {
    if (inFlight != null) {
      PoolEvent e = inFlight;
      inFlight = null;
      rejected.accept(e);
    }
  }

  private void change(ListenerState to) {
    // debug lines are built only when they are written: a concatenation is a VM call under C1 (several per event)
    if (log.isEnabled(LogLevel.DEBG)) {
      log.debug(name + ": " + state + " -> " + to);
    }
    state = to;
    if (to == ListenerState.UNKNOWN) {
      log.warn(
          name + ": has entered the UNKNOWN state and will no longer receive events, this usually indicates the"
              + " process violated the eventlistener protocol");
    }
  }

  /** The number after the first 7 bytes of the result line; negative when Python's int() would refuse it. */
  private static long parseLength(byte[] line) {
    if (line.length <= RESULT_PREFIX_LEN) {
      return -1;
    }
    String digits = new String(line, RESULT_PREFIX_LEN, line.length - RESULT_PREFIX_LEN, StandardCharsets.ISO_8859_1);
    var m = PY_INT.matcher(digits);
    if (!m.matches()) {
      return -1;
    }
    try {
      return Long.parseLong(m.group(1).replace("_", ""));
    } catch (NumberFormatException e) {
      return -1; // beyond a long: no listener could ever send that much
    }
  }

  private static int indexOf(byte[] b, byte value) {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == value) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return name + " " + state + (alive ? "" : " (not running)");
  }
}

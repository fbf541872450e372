package io.supervisor4j.daemon;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.events.CaptureMode;
import io.supervisor4j.log.ChannelLog;
import io.supervisor4j.log.OutputChannel;
import io.supervisor4j.spawn.ChildOutput;
import io.supervisor4j.spawn.ChildWatcher;
import java.util.Arrays;
import java.util.List;

/**
 * Where the reads of one output channel of one spawned process go (supervisord's {@code POutputDispatcher}): the
 * channel log, and for the event system the listener protocol (a listener's stdout), PROCESS_LOG events
 * ({@code *_events_enabled}) and capture mode ({@code *_capture_maxbytes}; captured output stays out of the log
 * file). Owned by the watcher thread; a new route per spawn, as supervisord makes new dispatchers per spawn.
 */
final class ChannelRoute {
  private static final int PIECE = ChildWatcher.READ_SIZE;

  private final String group;
  private final String process;
  private final int pid;
  private final OutputChannel channel;
  private final ChannelLog log;
  private final boolean protocol;
  private final boolean eventsEnabled;
  private final CaptureMode capture;
  private final OutputEvents events;

  private ChannelRoute(String group, String process, int pid, OutputChannel channel, ChannelLog log,
      boolean protocol, ChannelLogConfig settings, OutputEvents events) {
    this.group = group;
    this.process = process;
    this.pid = pid;
    this.channel = channel;
    this.log = log;
    this.protocol = protocol;
    // a listener's stdout is never captured nor turned into PROCESS_LOG events
    this.eventsEnabled = !protocol && settings.eventsEnabled();
    this.capture = new CaptureMode(protocol ? 0 : settings.captureMaxbytes());
    this.events = events;
  }

  /** The stdout route; with redirect_stderr it carries stderr too, as one channel (as in supervisord). */
  static ChannelRoute stdout(String group, int pid, ProcessOutputs outputs, OutputEvents events) {
    return new ChannelRoute(group, outputs.config().name(), pid, OutputChannel.STDOUT, outputs.stdout(),
        events.isListener(group), outputs.config().stdout(), events);
  }

  static ChannelRoute stderr(String group, int pid, ProcessOutputs outputs, OutputEvents events) {
    return new ChannelRoute(group, outputs.config().name(), pid, OutputChannel.STDERR, outputs.stderrOrStdout(),
        false, outputs.config().stderr(), events);
  }

  void write(ChildOutput output) {
    boolean plain = !protocol && !eventsEnabled && !capture.enabled();
    if (plain && log.writesDirectly()) {
      // The common case: no heap copy, the read buffer goes to write(2) as is (1 GiB of dd through the daemon:
      // user CPU 0.26 -> 0.10 s/GB against copying it to the heap).
      log.write(output.buffer());
      return;
    }
    // supervisord reads (so strips, logs at debug, emits events for) at most 128 KiB at a time; a grown pipe
    // yields up to 1 MiB per read, handled here in such pieces.
    byte[] data = output.array();
    for (int off = 0; off < output.length(); off += PIECE) {
      int length = Math.min(PIECE, output.length() - off);
      if (plain) {
        log.write(data, off, length);
      } else if (protocol) {
        log.write(data, off, length);
        events.listenerOutput(group, process, Arrays.copyOfRange(data, off, off + length));
      } else {
        route(capture.feed(Arrays.copyOfRange(data, off, off + length)));
      }
    }
  }

  /** The channel reached EOF: what capture mode held back is output. */
  void eof() {
    if (capture.enabled()) {
      route(capture.eof());
    }
  }

  private void route(List<CaptureMode.Piece> pieces) {
    for (CaptureMode.Piece piece : pieces) {
      switch (piece) {
        case CaptureMode.Output o -> {
          if (!o.captured()) {
            log.write(o.data(), 0, o.data().length);
          }
          if (eventsEnabled) {
            events.processLog(group, process, pid, channel, o.data());
          }
        }
        case CaptureMode.Communication c -> events.processCommunication(group, process, pid, channel, c.data());
      }
    }
  }
}

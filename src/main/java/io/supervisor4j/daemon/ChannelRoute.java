package io.supervisor4j.daemon;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.events.CaptureMode;
import io.supervisor4j.log.ChannelLog;
import io.supervisor4j.log.OutputChannel;
import java.util.Arrays;
import java.util.List;

/**
 * Where the reads of one output channel of one spawned process go (supervisord's {@code POutputDispatcher}): the
 * channel log, and for the event system the listener protocol (a listener's stdout), PROCESS_LOG events
 * ({@code *_events_enabled}) and capture mode ({@code *_capture_maxbytes}; captured output stays out of the log
 * file). Owned by the watcher thread; a new route per spawn, as supervisord makes new dispatchers per spawn.
 */
final class ChannelRoute {
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

  void write(byte[] data, int length) {
    if (protocol) {
      log.write(data, 0, length);
      events.listenerOutput(group, process, Arrays.copyOf(data, length));
    } else if (!eventsEnabled && !capture.enabled()) {
      log.write(data, 0, length); // the common case: no copy
    } else {
      route(capture.feed(Arrays.copyOf(data, length)));
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

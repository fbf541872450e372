package io.supervisor4j.daemon;

import io.supervisor4j.spawn.Channel;
import io.supervisor4j.spawn.ChildListener;
import io.supervisor4j.spawn.ChildOutput;
import io.supervisor4j.spawn.SpawnedChild;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds one child's output into its logs (and the event system) and reports its exit, on the watcher thread.
 *
 * <p>The exit is reported once every pipe reached EOF, so that the output written just before dying is in the logs
 * (and in the tail used to explain the failure) when the engine handles the exit. A grandchild may hold a pipe open
 * forever, so the exit is reported after {@link #GRACE_MILLIS} at the latest.
 */
final class OutputForwarder implements ChildListener {
  static final long GRACE_MILLIS = 200;
  private static final ScheduledExecutorService GRACE =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("exit-grace").daemon(true).unstarted(r));

  private final int pid;
  private final ChannelRoute stdout;
  private final ChannelRoute stderr;
  private final ProcessRuntime.ExitSink sink;
  private int openChannels; // watcher thread only
  private int exitStatus;
  private boolean exited;
  private boolean reported; // guarded by this: the grace timer races the watcher thread

  OutputForwarder(
      SpawnedChild child, String group, ProcessOutputs outputs, OutputEvents events, ProcessRuntime.ExitSink sink) {
    this.pid = child.pid();
    this.stdout = ChannelRoute.stdout(group, pid, outputs, events);
    this.stderr = ChannelRoute.stderr(group, pid, outputs, events);
    this.sink = sink;
    this.openChannels = (child.stdoutFd() >= 0 ? 1 : 0) + (child.stderrFd() >= 0 ? 1 : 0);
  }

  @Override
  public void onOutput(Channel channel, ChildOutput output) {
    (channel == Channel.STDOUT ? stdout : stderr).write(output);
  }

  @Override
  public void onChannelClosed(Channel channel) {
    (channel == Channel.STDOUT ? stdout : stderr).eof();
    openChannels--;
    if (openChannels <= 0 && exited) {
      report();
    }
  }

  @Override
  public void onExit(int pid, int waitStatus) {
    exitStatus = waitStatus;
    exited = true;
    if (openChannels <= 0) {
      report();
    } else {
      GRACE.schedule(this::report, GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void report() {
    synchronized (this) {
      if (reported) {
        return;
      }
      reported = true;
    }
    sink.childExited(pid, exitStatus);
  }
}

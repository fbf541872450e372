package io.supervisor4j.daemon;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.AutoChildLogs;
import io.supervisor4j.log.ChannelLog;
import io.supervisor4j.log.OutputChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The stdout and stderr logs of one process, opened when its group is first used and kept across restarts of the
 * process (as supervisord keeps its dispatchers' loggers). AUTO files are created here, once.
 */
final class ProcessOutputs implements AutoCloseable {
  private final ProcessConfig config;
  private final ChannelLog stdout;
  private final Optional<ChannelLog> stderr;

  ProcessOutputs(ProcessConfig config, Path childlogdir, String identifier, boolean stripAnsi, ActivityLog log) {
    this.config = config;
    this.stdout = open(config, OutputChannel.STDOUT, config.stdout(), childlogdir, identifier, stripAnsi, log);
    // redirect_stderr: stderr shares the stdout pipe and its log, as supervisord forces stderr_logfile to none
    this.stderr =
        config.redirectStderr()
            ? Optional.empty()
            : Optional.of(
                open(config, OutputChannel.STDERR, config.stderr(), childlogdir, identifier, stripAnsi, log));
  }

  private static ChannelLog open(
      ProcessConfig config,
      OutputChannel channel,
      ChannelLogConfig settings,
      Path childlogdir,
      String identifier,
      boolean stripAnsi,
      ActivityLog log) {
    Optional<Path> resolved =
        settings.logfile().kind() == LogFile.Kind.AUTO
            ? Optional.of(AutoChildLogs.create(childlogdir, config.name(), channel, identifier))
            : Optional.empty();
    return ChannelLog.open(config.name(), channel, settings, resolved, stripAnsi, log);
  }

  ProcessConfig config() {
    return config;
  }

  ChannelLog stdout() {
    return stdout;
  }

  /** The log stderr bytes go to: its own, or stdout's when redirected. */
  ChannelLog stderrOrStdout() {
    return stderr.orElse(stdout);
  }

  Optional<ChannelLog> stderr() {
    return stderr;
  }

  void reopen() {
    stdout.reopen();
    stderr.ifPresent(ChannelLog::reopen);
  }

  @Override
  public void close() {
    stdout.close();
    stderr.ifPresent(ChannelLog::close);
  }
}

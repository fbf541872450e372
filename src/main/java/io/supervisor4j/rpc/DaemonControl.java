package io.supervisor4j.rpc;

import io.supervisor4j.config.ConfigDiff;
import io.supervisor4j.config.Descriptions;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.diagnostics.Preflight;
import io.supervisor4j.process.Supervisor;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code supervisor.*} namespace needs from the daemon, and nothing more: the running engine and the few
 * daemon-level facts and actions that are not the engine's (main log, configuration file, child log files, stdin
 * pipes). Implemented by the daemon; every method may be called on any HTTP thread.
 */
public interface DaemonControl {
  /** The engine currently running; empty before the first one starts. During a reload it is the stopping one. */
  Optional<Supervisor> engine();

  /** The daemon's pid ({@code getPID}). */
  long pid();

  /** {@code [supervisord] identifier} ({@code getIdentification}). */
  String identification();

  /** The main log file; empty when logging to syslog only. */
  Optional<Path> mainLogFile();

  /**
   * Deletes and reopens the main log ({@code clearLog}).
   *
   * @throws io.supervisor4j.log.LogReadException NO_FILE or FAILED
   */
  void clearMainLog();

  /**
   * Re-parses the configuration file with the daemon's command-line overrides, keeps it as the "last read"
   * configuration (for {@link #lastReadGroups()}) and compares its groups with {@code activeGroups}. The running
   * groups are not touched.
   *
   * @throws io.supervisor4j.config.ConfigException with the parser's message (the CANT_REREAD fault)
   */
  ConfigDiff reread(List<GroupConfig> activeGroups);

  /** The groups of the configuration read last (at start, or by the latest {@link #reread}). */
  List<GroupConfig> lastReadGroups();

  /**
   * Prepares the daemon-side resources of a group about to be added at run time (an fcgi group's socket).
   *
   * @throws RuntimeException with a one-line message when that fails
   */
  void prepareGroup(GroupConfig group);

  /**
   * Deletes and reopens the stdout and stderr logs of one process ({@code clearProcessLogs}).
   *
   * @throws RuntimeException when a file cannot be removed or reopened (the FAILED fault)
   */
  void clearProcessLogs(String group, String process);

  /** Sends bytes to a child's stdin; what the pipe does not take at once is written as it drains. */
  StdinResult writeStdin(int pid, byte[] data);

  /** The outcome of {@link #writeStdin}. */
  enum StdinResult {
    ACCEPTED,
    /** No stdin pipe, or the child closed its end (EPIPE): the NO_FILE fault. */
    CLOSED
  }

  /**
   * A REMOTE_COMMUNICATION event from {@code sendRemoteCommEvent}, handed to the event bus (listener pools
   * subscribe there). The daemon decides who receives it; the API only reports success, as supervisord does.
   */
  void remoteCommunication(String type, String data);

  // ---- supervisor4j.* (diagnostics)

  /** {@code [supervisord] descriptions=} of the running configuration. */
  Descriptions descriptions();

  /**
   * The explanation of the failure state (BACKOFF, FATAL, unexpected EXITED) process {@code name} of {@code group}
   * is in now; empty when it is in no failure state or the failure could not be explained.
   */
  Optional<Explanation> currentFailure(String group, String name);

  /** The explanation of the latest failure of a process, kept after it recovered. */
  Optional<Explanation> lastFailure(String group, String name);

  /** The preflight checks of the configuration read last, as the running daemon sees it. */
  Preflight.Report preflight();
}

package io.supervisor4j.daemon;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.Configuration;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.diagnostics.FailureLog;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.process.Fault;
import io.supervisor4j.process.Launch;
import io.supervisor4j.process.LogPaths;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessLauncher;
import io.supervisor4j.process.ProcessSignaller;
import io.supervisor4j.process.StateListener;
import io.supervisor4j.process.Transition;
import io.supervisor4j.process.WaitStatus;
import io.supervisor4j.rpc.DaemonControl.StdinResult;
import io.supervisor4j.spawn.ChildWatcher;
import io.supervisor4j.spawn.ExecutableResolver;
import io.supervisor4j.spawn.LibcException;
import io.supervisor4j.spawn.Signals;
import io.supervisor4j.spawn.SpawnException;
import io.supervisor4j.spawn.SpawnSpec;
import io.supervisor4j.spawn.SpawnedChild;
import io.supervisor4j.spawn.Spawner;
import io.supervisor4j.spawn.StdinSource;
import io.supervisor4j.spawn.UserAccount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's ports implemented with real processes: spawning through {@link Spawner}, exits and output through
 * one {@link ChildWatcher}, output into each process's {@link ProcessOutputs}. The engine calls the launcher and
 * signaller on its loop thread; output and exits arrive on the watcher thread and reach the engine only as
 * {@code childExited} messages.
 */
final class ProcessRuntime implements ProcessLauncher, ProcessSignaller, LogPaths, StateListener, AutoCloseable {
  private static final Duration ORPHAN_SWEEP = Duration.ofSeconds(30);
  // created at the first spawn: a daemon without programs needs neither its thread nor the downcalls it links
  private Spawner spawner;
  private final ChildWatcher watcher;
  private final ActivityLog log;
  private final Map<String, ProcessOutputs> outputs = new ConcurrentHashMap<>();
  private final Map<Integer, SpawnedChild> children = new ConcurrentHashMap<>();
  private final FcgiSockets fcgi;
  private final Map<Integer, String> fcgiChildren = new ConcurrentHashMap<>(); // pid -> group holding its socket
  private volatile RuntimeSettings settings;
  private volatile ExitSink exits = (pid, status) -> {};
  private volatile OutputEvents outputEvents = OutputEvents.NONE;
  private final StdinWriter stdin = new StdinWriter();
  private final FailureCapture failures;
  private volatile Thread logsAhead; // the thread of the last openLogsAhead (null before)

  /** Where reaped exits go: the engine's {@code childExited}. */
  interface ExitSink {
    void childExited(int pid, int waitStatus);
  }

  /** What depends on the loaded configuration (replaced on reload). */
  record RuntimeSettings(ChildEnvironment environment, Path childlogdir, String identifier, boolean stripAnsi) {
    static RuntimeSettings of(Configuration config, Map<String, String> daemonEnv) {
      var s = config.supervisord();
      return new RuntimeSettings(
          new ChildEnvironment(daemonEnv, config), s.childlogdir(), s.identifier(), s.stripAnsi());
    }
  }

  ProcessRuntime(ActivityLog log, RuntimeSettings settings) {
    this.log = log;
    this.settings = settings;
    this.fcgi = new FcgiSockets(log);
    this.failures = new FailureCapture(log);
    // Orphans are swept at once on SIGCHLD (Daemon.onSignal -> wakeup), so the timed sweep is only a safety net:
    // once a second it was 1 wake-up/s and ~7 ms of CPU per 30 s, a fifth of the idle daemon's CPU (bench idle).
    this.watcher =
        new ChildWatcher(
            (pid, status) -> log.info("reaped unknown pid " + pid + " (" + new WaitStatus(status).describe() + ")"),
            ORPHAN_SWEEP);
  }

  void configure(RuntimeSettings next, ExitSink sink, OutputEvents events) {
    this.settings = next;
    this.exits = sink;
    this.outputEvents = events;
  }

  /**
   * Makes the sockets of the fcgi groups among {@code groups} known, creating each once to fail early; replaces
   * what a previous configuration registered (its processes are all stopped by then).
   *
   * @throws FcgiSockets.FcgiSocketException when a socket cannot be created
   */
  void registerGroups(List<GroupConfig> groups) {
    fcgi.close();
    fcgiChildren.clear();
    groups.forEach(fcgi::register);
  }

  /** A group added at run time ({@code addProcessGroup}): same as {@link #registerGroups} for one group. */
  void registerGroup(GroupConfig group) {
    fcgi.register(group);
  }

  private synchronized Spawner spawner() {
    if (spawner == null) {
      spawner = new Spawner();
    }
    return spawner;
  }

  /** SIGCHLD: orphans adopted as subreaper produce no pidfd event, so sweep now. */
  void wakeup() {
    watcher.wakeup();
  }

  private static String key(String group, String process) {
    return group + ":" + process;
  }

  private ProcessOutputs outputsFor(ProcessConfig config, String group) {
    return outputs.compute(
        key(group, config.name()),
        (k, existing) -> {
          if (existing != null && existing.config().equals(config)) {
            return existing;
          }
          if (existing != null) {
            existing.close();
          }
          RuntimeSettings s = settings;
          return new ProcessOutputs(config, s.childlogdir(), s.identifier(), s.stripAnsi(), log);
        });
  }

  /**
   * Opens, on a thread of its own, the logs of the processes of {@code groups} that the engine starts at once or whose
   * logs are all AUTO (or none), in the order it spawns them, so the loop finds them ready: creating a file costs
   * 0.35-1 ms of kernel time on our test VM, as much as the rest of a spawn, and the two then overlap on two cores
   * (N=500: 0.4-0.6 s of the loop's work). supervisord too creates every AUTO log when it adds its groups, before it
   * serves or spawns anything; a FILE log of a program started later is still opened when first used, as there. A
   * log that cannot be created here is left to its first use, which reports the error as before.
   */
  void openLogsAhead(List<GroupConfig> groups) {
    List<GroupConfig> byPriority = new ArrayList<>(groups);
    byPriority.sort(Comparator.comparingInt(GroupConfig::priority)); // stable, as the engine's order
    awaitLogsAhead();
    logsAhead = Thread.ofPlatform().name("supervisor4j-logs").daemon().start(() -> {
      for (GroupConfig g : byPriority) {
        for (ProcessConfig p : g.processes()) {
          if (p.autostart() || (!hasFileLog(p.stdout()) && (p.redirectStderr() || !hasFileLog(p.stderr())))) {
            try {
              outputsFor(p, g.name());
            } catch (RuntimeException e) {
              // opened (and reported) again by its first use
            }
          }
        }
      }
    });
  }

  private static boolean hasFileLog(ChannelLogConfig c) {
    return c.logfile().kind() == LogFile.Kind.FILE;
  }

  // Before logs are closed: none may be opened behind closeLogs's or groupRemoved's back.
  private void awaitLogsAhead() {
    Thread t = logsAhead;
    if (t == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The outputs of a process that has been launched at least once, if any. */
  Optional<ProcessOutputs> outputs(String group, String process) {
    return Optional.ofNullable(outputs.get(key(group, process)));
  }

  /** The latest failure explanation of each process (read by the RPC layer from any thread). */
  FailureLog failures() {
    return failures.log();
  }

  /** The explanation of the failure state a process is in now (empty once it moved on). */
  Optional<Explanation> currentFailure(String group, String process) {
    return failures.current(group, process);
  }

  Optional<SpawnedChild> child(int pid) {
    return Optional.ofNullable(children.get(pid));
  }

  /**
   * Writes to a child's stdin without blocking ({@code sendProcessStdin}, listener envelopes): what the pipe does
   * not take now is written later, in order. Any thread.
   */
  StdinResult writeStdin(int pid, byte[] data) {
    return child(pid).map(child -> stdin.write(child, data)).orElse(StdinResult.CLOSED);
  }

  // ---- ProcessLauncher

  @Override
  public Optional<Launch.Failed> check(ProcessConfig config) {
    try {
      ExecutableResolver.resolveCommand(config.command(), settings.environment().searchPath(config));
      return Optional.empty();
    } catch (SpawnException e) {
      return Optional.of(failed(e));
    }
  }

  @Override
  public Launch launch(ProcessConfig config, String groupName) {
    try {
      RuntimeSettings s = settings;
      Optional<UserAccount> user = config.user().flatMap(UserAccount::lookup);
      Map<String, String> env = s.environment().build(config, groupName, user);
      failures.launching(config, groupName, user, env, outputs(groupName, config.name()));
      var command = ExecutableResolver.resolveCommand(config.command(), s.environment().searchPath(config));
      if (config.user().isPresent() && user.isEmpty()) {
        return new Launch.Failed("Invalid user name " + config.user().get(), Fault.SPAWN_ERROR);
      }
      SpawnSpec spec = SpawnSpec.of(config.name(), command.executable(), command.argv(), ChildEnvironment.asEnvp(env))
          .withRedirectStderr(config.redirectStderr());
      if (config.directory().isPresent()) {
        spec = spec.withDirectory(config.directory().get());
      }
      if (config.umask().isPresent()) {
        spec = spec.withUmask(config.umask().getAsInt());
      }
      if (user.isPresent()) {
        spec = spec.withUser(user.get());
      }
      ProcessOutputs out = outputsFor(config, groupName);
      OptionalInt socket = fcgi.acquire(groupName);
      if (socket.isPresent()) {
        spec = spec.withStdin(StdinSource.fd(socket.getAsInt()));
      }
      SpawnedChild child;
      try {
        child = spawner().spawn(spec);
      } catch (RuntimeException e) {
        if (socket.isPresent()) {
          fcgi.release(groupName);
        }
        throw e;
      }
      if (socket.isPresent()) {
        fcgiChildren.put(child.pid(), groupName);
      }
      children.put(child.pid(), child);
      watcher.watch(child, new OutputForwarder(child, groupName, out, outputEvents, this::exited));
      return new Launch.Launched(child.pid());
    } catch (SpawnException e) {
      return failed(e);
    } catch (FcgiSockets.FcgiSocketException e) {
      return new Launch.Failed(e.getMessage(), Fault.SPAWN_ERROR);
    } catch (RuntimeException e) {
      return new Launch.Failed("unknown error making dispatchers for '" + config.name() + "': " + e.getMessage(),
          Fault.SPAWN_ERROR);
    }
  }

  /** After the engine logged the exit: the last process of an fcgi pool closes the socket ("Closing socket"). */
  @Override
  public void finished(ProcessConfig config, String groupName, int pid) {
    String group = fcgiChildren.remove(pid);
    if (group != null) {
      fcgi.release(group);
    }
  }

  private void exited(int pid, int status) {
    children.remove(pid);
    stdin.forget(pid);
    exits.childExited(pid, status);
  }

  private static Launch.Failed failed(SpawnException e) {
    Fault fault =
        switch (e.fault()) {
          case NO_FILE -> Fault.NO_FILE;
          case NOT_EXECUTABLE -> Fault.NOT_EXECUTABLE;
          case SPAWN_ERROR -> Fault.SPAWN_ERROR;
        };
    return new Launch.Failed(e.getMessage(), fault);
  }

  // ---- ProcessSignaller

  @Override
  public Optional<String> kill(int pid, int signal, boolean toGroup) {
    try {
      if (toGroup) {
        Signals.killProcessGroup(pid, signal);
      } else {
        Signals.kill(pid, signal);
      }
      return Optional.empty();
    } catch (LibcException e) {
      return Optional.of(e.errnoName());
    }
  }

  // ---- LogPaths

  @Override
  public Optional<Path> stdoutLogfile(String groupName, ProcessConfig config) {
    return outputsFor(config, groupName).stdout().path();
  }

  @Override
  public Optional<Path> stderrLogfile(String groupName, ProcessConfig config) {
    return outputsFor(config, groupName).stderr().flatMap(l -> l.path());
  }

  // ---- StateListener

  @Override
  public void processStateChanged(Transition transition, ProcessInfo snapshot) {
    failures.stateChanged(transition, outputs(transition.group(), transition.name()));
  }

  @Override
  public void groupRemoved(String groupName) {
    fcgi.groupRemoved(groupName);
    failures.groupRemoved(groupName);
    awaitLogsAhead(); // (only right after a start) so that it does not reopen the logs closed here
    String prefix = groupName + ":";
    outputs.entrySet().removeIf(
        e -> {
          if (e.getKey().startsWith(prefix)) {
            e.getValue().close();
            return true;
          }
          return false;
        });
  }

  /** SIGUSR2: reopen every child log on its path. */
  void reopenLogs() {
    outputs.values().forEach(ProcessOutputs::reopen);
  }

  /** Closes every child log (at reload and exit); processes must already be stopped. */
  void closeLogs() {
    awaitLogsAhead();
    outputs.values().forEach(ProcessOutputs::close);
    outputs.clear();
  }

  @Override
  public void close() {
    stdin.close();
    watcher.close();
    synchronized (this) {
      if (spawner != null) {
        spawner.close();
      }
    }
    closeLogs();
    fcgi.close();
  }
}

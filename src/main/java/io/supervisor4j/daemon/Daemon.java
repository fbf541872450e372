package io.supervisor4j.daemon;

import io.supervisor4j.config.ConfigException;
import io.supervisor4j.config.ConfigLoader;
import io.supervisor4j.config.Configuration;
import io.supervisor4j.config.SupervisordConfig;
import io.supervisor4j.log.AutoChildLogs;
import io.supervisor4j.log.LogException;
import io.supervisor4j.log.LogLevel;
import io.supervisor4j.log.MainLog;
import io.supervisor4j.process.Clock;
import io.supervisor4j.process.Ports;
import io.supervisor4j.process.Supervisor;
import io.supervisor4j.process.SupervisorState;
import io.supervisor4j.rpc.http.RpcHttpServer;
import io.supervisor4j.rpc.http.RpcServerException;
import io.supervisor4j.spawn.Libc;
import io.supervisor4j.spawn.ResourceLimits;
import io.supervisor4j.spawn.Subreaper;
import io.supervisor4j.spawn.UserAccount;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's life: main log, limits, subreaper, pidfile, signals, then one engine per configuration until a
 * shutdown; a restart (SIGHUP, {@code supervisor.restart}) stops everything, re-reads the file and starts again in
 * the same process, as supervisord does.
 */
public final class Daemon {
  private final SupervisordOptions options;
  private final Map<String, String> daemonEnv = System.getenv();
  private Configuration config;
  private final AtomicReference<Supervisor> engine = new AtomicReference<>();
  private MainLog log;
  private ProcessRuntime runtime;
  private DaemonRpc rpc;
  private Optional<RpcHttpServer> servers = Optional.empty();

  private Daemon(Configuration config, SupervisordOptions options) {
    this.config = config;
    this.options = options;
  }

  /** Runs the daemon: detached in the background unless {@code nodaemon}, else in this process. */
  static int launch(Configuration config, SupervisordOptions options, PrintStream out, PrintStream err) {
    if (!config.supervisord().nodaemon() && !options.detached()) {
      return Detacher.detach(err);
    }
    return new Daemon(config, options).run(err);
  }

  private int run(PrintStream err) {
    SupervisordConfig s = config.supervisord();
    try {
      log = openMainLog(s);
      prepareProcess(s);
    } catch (LogException | StartupException | ResourceLimits.LimitException e) {
      err.println("Error: " + e.getMessage());
      if (log != null) {
        log.critical(e.getMessage());
        log.close();
      }
      return 2;
    }
    PidFile pidFile = new PidFile(s.pidfile());
    runtime = new ProcessRuntime(log, ProcessRuntime.RuntimeSettings.of(config, daemonEnv));
    prepareLogs();
    rpc = new DaemonRpc(() -> Optional.ofNullable(engine.get()), log, runtime, options.overrides(), config);
    try {
      // supervisord opens its HTTP servers before anything runs: a busy address ends it with nothing spawned
      servers = rpc.servers(config);
      servers.ifPresent(RpcHttpServer::start);
    } catch (RpcServerException e) {
      err.println("Error: " + e.getMessage());
      err.println("For help, use " + System.getProperty("s4j.argv0", "supervisord") + " -h");
      log.critical(e.getMessage());
      rpc.close();
      runtime.close();
      log.close();
      return 2;
    }
    try {
      SignalRelay.install(this::onSignal);
      pidFile.write(ProcessHandle.current().pid(), log);
      boolean first = true;
      while (true) {
        Supervisor supervisor = startEngine(first);
        if (first && options.detached()) {
          Detacher.signalReady();
        }
        first = false;
        SupervisorState end = supervisor.awaitStopped();
        supervisor.close();
        runtime.closeLogs();
        if (end != SupervisorState.RESTARTING) {
          break;
        }
        reload();
      }
      return 0;
    } catch (FcgiSockets.FcgiSocketException e) {
      // supervisord fails the same way when a group's socket cannot be created (at start or reload)
      err.println("Error: " + e.getMessage());
      log.critical(e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      // Unlike supervisord 4.2 (which closes and reopens them at every reload, as 4.3 no longer does), the
      // servers live as long as the daemon: clients keep their connection through a reload and get
      // SHUTDOWN_STATE until the new engine runs.
      servers.ifPresent(RpcHttpServer::stop);
      rpc.close();
      runtime.close();
      pidFile.remove(log);
      log.info("supervisord stopped");
      log.close();
    }
  }

  /**
   * supervisord's order at each (re)start: clear the old AUTO logs, create the new ones as the groups are added, then
   * serve and spawn. The logs are opened in the background while the servers start and the first spawns run.
   */
  private void prepareLogs() {
    SupervisordConfig s = config.supervisord();
    if (!s.nocleanup()) {
      AutoChildLogs.cleanup(s.childlogdir(), s.identifier(), log);
    }
    runtime.openLogsAhead(config.groups());
  }

  private Supervisor startEngine(boolean first) {
    SupervisordConfig s = config.supervisord();
    runtime.registerGroups(config.groups());
    EventWiring events = new EventWiring(s.identifier(), log, runtime, Clock.system());
    // order: failure capture (runtime), web counters, then events, each after the state is committed
    StateListeners listeners = new StateListeners(log, rpc.webStats().alongside(runtime), events);
    Supervisor supervisor = new Supervisor(new Ports(Clock.system(), runtime, runtime, log, runtime, listeners));
    events.bind(supervisor);
    // exits go through the loop's mailbox too, so that a child's last output is handled before its exit
    runtime.configure(ProcessRuntime.RuntimeSettings.of(config, daemonEnv),
        (pid, status) -> supervisor.execute(() -> supervisor.childExited(pid, status)), events);
    if (!first) {
      prepareLogs(); // the first engine's were prepared before the servers started
    }
    rpc.onRemoteCommunication(events::remoteCommunication);
    engine.set(supervisor);
    log.info("supervisord started with pid " + ProcessHandle.current().pid());
    supervisor.start(config.groups());
    return supervisor;
  }

  /** supervisord re-reads the whole file on restart; a broken file keeps the configuration that was running. */
  private void reload() {
    try {
      config = ConfigLoader.load(config.file(), options.overrides());
      config.messages().forEach(m -> log.log(level(m.level()), m.text()));
      rpc.configurationLoaded(config);
    } catch (ConfigException e) {
      log.critical("could not reload configuration, keeping the previous one: " + e.getMessage());
    }
  }

  /** Completes once the signal has been handled (for TERM, INT and HUP: by the loop). */
  private CompletionStage<?> onSignal(int sig) {
    switch (sig) {
      case SignalRelay.SIGUSR2 -> {
        log.info("received SIGUSR2 indicating log reopen request");
        log.info("supervisord logreopen");
        log.reopen();
        runtime.reopenLogs();
      }
      case SignalRelay.SIGCHLD -> runtime.wakeup();
      default -> {
        Supervisor s = engine.get();
        if (s != null) {
          return s.handleSignal(sig);
        }
      }
    }
    return SignalReceiver.done();
  }

  private MainLog openMainLog(SupervisordConfig s) {
    LogLevel level = LogLevel.fromConfigName(s.loglevel()).orElse(LogLevel.INFO);
    boolean echo = s.nodaemon() && !s.silent() && !options.detached();
    MainLog main = MainLog.open(s.logfile(), s.logToSyslog(), s.logfileMaxbytes(), s.logfileBackups(), level, echo);
    config.messages().forEach(m -> main.log(level(m.level()), m.text()));
    return main;
  }

  private static LogLevel level(String name) {
    return LogLevel.fromConfigName(name).orElse(LogLevel.INFO);
  }

  /** What supervisord does to itself before starting programs: identity, cwd/umask when daemonized, limits. */
  private void prepareProcess(SupervisordConfig s) {
    int uid = Libc.getuid();
    if (s.user().isPresent()) {
      UserAccount account =
          UserAccount.lookup(s.user().get())
              .orElseThrow(() -> new StartupException("Invalid user name " + s.user().get()));
      if (account.uid() != uid) {
        throw new StartupException(
            "user=" + s.user().get() + ": supervisor4j does not switch its own user; start it as that user");
      }
    } else if (uid == 0) {
      log.critical(
          "Supervisor is running as root.  Privileges were not dropped because no user is specified in the"
              + " config file.  If you intend to run as root, you can set user=root in the config file to avoid"
              + " this message.");
    }
    if (options.detached()) {
      // supervisord applies directory= and umask= only when it daemonizes
      s.directory().ifPresent(d -> Libc.chdir(d.toString()));
      Libc.umask(s.umask());
    }
    ResourceLimits.raise(ResourceLimits.Resource.NOFILE, s.minfds()).ifPresent(log::info);
    ResourceLimits.raise(ResourceLimits.Resource.NPROC, s.minprocs()).ifPresent(log::info);
    Subreaper.enable();
  }

  /** A problem that stops the daemon before it runs anything (exit status 2). */
  static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message) {
      super(message);
    }
  }
}

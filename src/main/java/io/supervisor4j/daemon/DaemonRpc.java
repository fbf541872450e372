package io.supervisor4j.daemon;

import io.supervisor4j.config.ConfigDiff;
import io.supervisor4j.config.ConfigLoader;
import io.supervisor4j.config.Configuration;
import io.supervisor4j.config.Descriptions;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.PluginConfig;
import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.diagnostics.Preflight;
import io.supervisor4j.log.ChannelLog;
import io.supervisor4j.log.LogReadException;
import io.supervisor4j.log.MainLog;
import io.supervisor4j.process.Namespec;
import io.supervisor4j.process.Supervisor;
import io.supervisor4j.rpc.DaemonControl;
import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.RpcMethod;
import io.supervisor4j.rpc.Supervisor4jApi;
import io.supervisor4j.rpc.SupervisorApi;
import io.supervisor4j.rpc.http.LogTailSource;
import io.supervisor4j.rpc.http.RpcHttpServer;
import io.supervisor4j.web.ProcessStats;
import io.supervisor4j.web.WebUi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The daemon as the XML-RPC API sees it ({@link DaemonControl}) and as the log-tail URLs see it
 * ({@link LogTailSource}), plus the HTTP servers' construction. Keeps the "last read" configuration that
 * {@code reloadConfig} produces and {@code addProcessGroup}/{@code getAllConfigInfo} use.
 */
final class DaemonRpc implements DaemonControl, LogTailSource {
  private final Supplier<Optional<Supervisor>> engine;
  private final MainLog log;
  private final ProcessRuntime runtime;
  private final Map<String, String> overrides;
  private final ProcessStats webStats = new ProcessStats();
  private volatile Configuration running;
  private volatile Configuration lastRead;
  // Set by the daemon for each engine (the engine's event system); before that the event goes nowhere.
  private volatile BiConsumer<String, String> remoteCommunication = (type, data) -> {};

  DaemonRpc(Supplier<Optional<Supervisor>> engine, MainLog log, ProcessRuntime runtime,
      Map<String, String> overrides, Configuration initial) {
    this.engine = engine;
    this.log = log;
    this.runtime = runtime;
    this.overrides = Map.copyOf(overrides);
    configurationLoaded(initial);
  }

  /** A configuration the daemon runs from now on (start, reload): it is also the last one read. */
  void configurationLoaded(Configuration config) {
    running = config;
    lastRead = config;
  }

  /** Where REMOTE_COMMUNICATION events go: the running engine's event system. */
  void onRemoteCommunication(BiConsumer<String, String> sink) {
    this.remoteCommunication = sink;
  }

  /**
   * The HTTP servers of {@code config}, not started; empty when none is configured. {@code supervisor.*} is
   * published only when an {@code [rpcinterface:x]} names supervisord's own factory (under namespace x), as
   * supervisord publishes exactly the interfaces configured.
   */
  Optional<RpcHttpServer> servers(Configuration config) {
    if (config.unixHttpServers().isEmpty() && config.inetHttpServers().isEmpty()) {
      return Optional.empty();
    }
    RpcDispatcher dispatcher = new RpcDispatcher();
    List<String> published = new ArrayList<>();
    for (PluginConfig p : config.rpcInterfaces()) {
      if (!p.factory().replace(" ", "").equals(PluginConfig.MAIN_RPC_FACTORY)) {
        log.warn("rpcinterface '" + p.name() + "': factory " + p.factory()
            + " is a Python entry point supervisor4j cannot load; namespace not published");
        continue;
      }
      for (RpcMethod m : SupervisorApi.methods(this)) {
        String method = m.name().substring(m.name().indexOf('.') + 1);
        dispatcher.register(m.alias(p.name() + "." + method));
      }
      published.add(p.name());
    }
    if (!published.isEmpty()) {
      // supervisor4j's own namespace, served wherever supervisord's API is (clients tell the servers apart by it)
      dispatcher.registerAll(Supervisor4jApi.methods(this));
    }
    int servers = config.unixHttpServers().size() + config.inetHttpServers().size();
    for (int i = 0; i < servers; i++) {
      published.forEach(name -> log.info("RPC interface '" + name + "' initialized"));
    }
    RpcHttpServer.Builder http = RpcHttpServer.builder(dispatcher, log)
        .unix(config.unixHttpServers())
        .inet(config.inetHttpServers())
        .logTail(this);
    if (!published.isEmpty()) { // the web page drives the same namespace, like supervisord's does
      http.fallback(WebUi.create(dispatcher, published.getFirst(), webStats, runtime.failures(), (g, p, ch) ->
          runtime.outputs(g, p).flatMap(o -> ch.equals("stdout") ? Optional.of(o.stdout()) : o.stderr())
              .map(l -> OptionalLong.of(l.bytesWritten())).orElse(OptionalLong.empty())));
    }
    return Optional.of(http.build());
  }

  // ---- DaemonControl

  @Override
  public Optional<Supervisor> engine() {
    return engine.get();
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public String identification() {
    // supervisord re-reads [supervisord] into its options on reread: the identifier follows the last read
    return lastRead.supervisord().identifier();
  }

  @Override
  public Optional<Path> mainLogFile() {
    return log.logfile();
  }

  @Override
  public void clearMainLog() {
    if (log.logfile().isEmpty() || !Files.exists(log.logfile().get())) {
      throw new LogReadException(LogReadException.Fault.NO_FILE, "None");
    }
    log.clear();
  }

  @Override
  public ConfigDiff reread(List<GroupConfig> activeGroups) {
    Configuration base = running;
    Configuration next = ConfigLoader.load(base.file(), overrides);
    lastRead = next;
    Configuration active = new Configuration(base.file(), base.supervisord(), base.unixHttpServers(),
        base.inetHttpServers(), base.supervisorctl(), activeGroups, base.rpcInterfaces(), base.ctlPlugins(),
        List.of());
    ConfigDiff diff = ConfigDiff.between(active, next);
    // supervisord lists added and changed groups in the new file's order, removed ones in the active order
    return new ConfigDiff(inOrderOf(diff.added(), next.groups()), inOrderOf(diff.changed(), next.groups()),
        inOrderOf(diff.removed(), activeGroups));
  }

  private static List<String> inOrderOf(List<String> names, List<GroupConfig> order) {
    List<String> names2 = order.stream().map(GroupConfig::name).toList();
    return names.stream().sorted(Comparator.comparingInt(names2::indexOf)).toList();
  }

  @Override
  public List<GroupConfig> lastReadGroups() {
    return lastRead.groups();
  }

  @Override
  public void prepareGroup(GroupConfig group) {
    runtime.registerGroup(group);
  }

  @Override
  public void clearProcessLogs(String group, String process) {
    runtime.outputs(group, process).ifPresent(o -> {
      o.stdout().clear();
      o.stderr().ifPresent(ChannelLog::clear);
    });
  }

  @Override
  public StdinResult writeStdin(int pid, byte[] data) {
    return runtime.writeStdin(pid, data);
  }

  @Override
  public void remoteCommunication(String type, String data) {
    remoteCommunication.accept(type, data);
  }

  @Override
  public Descriptions descriptions() {
    return running.supervisord().descriptions();
  }

  @Override
  public Optional<Explanation> currentFailure(String group, String name) {
    return runtime.currentFailure(group, name);
  }

  @Override
  public Optional<Explanation> lastFailure(String group, String name) {
    return runtime.failures().latest(group, name);
  }

  @Override
  public Preflight.Report preflight() {
    return Preflight.check(lastRead, System.getenv(), Preflight.Scope.RUNNING_DAEMON);
  }

  // ---- LogTailSource

  @Override
  public Optional<Path> processLog(String namespec, String channel) {
    Namespec ns = Namespec.parse(namespec);
    if (ns.process().isEmpty()) {
      return Optional.empty();
    }
    if (!channel.equals("stdout") && !channel.equals("stderr")) {
      return Optional.empty();
    }
    var outputs = runtime.outputs(ns.group(), ns.process().get());
    if (outputs.isPresent()) {
      var o = outputs.get();
      return channel.equals("stdout") ? o.stdout().path() : o.stderr().flatMap(ChannelLog::path);
    }
    // a process never started nor looked at yet: the engine knows its configured files
    try {
      var info = engine().orElseThrow().getProcessInfo(namespec).get(5, TimeUnit.SECONDS);
      String path = channel.equals("stdout") ? info.stdoutLogfile() : info.stderrLogfile();
      return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return Optional.empty(); // unknown process, or the daemon is stopping: 404
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Optional<Path> mainLog() {
    return log.logfile();
  }

  /** Counters for the web page and /metrics; the engine's state listener must feed them. */
  ProcessStats webStats() {
    return webStats;
  }

  void close() {
  }
}

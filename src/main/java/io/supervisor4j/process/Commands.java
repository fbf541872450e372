package io.supervisor4j.process;

import static io.supervisor4j.process.ProcessState.RUNNING;
import static io.supervisor4j.process.ProcessState.RUNNING_STATES;
import static io.supervisor4j.process.ProcessState.SIGNALLABLE_STATES;
import static io.supervisor4j.process.ProcessState.STARTING;
import static io.supervisor4j.process.ProcessState.STOPPED_STATES;

import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.SignalNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor commands with the semantics of supervisord's {@code rpcinterface.py}: same checks in the same
 * order, same faults, same wait rules. Runs on the loop thread; {@link Supervisor} is the thread-safe face.
 */
final class Commands {
  private final Engine engine;

  Commands(Engine engine) {
    this.engine = engine;
  }

  // supervisord's _update: every command faults while shutting down or restarting.
  private void update() {
    if (engine.mood().isStopping()) {
      throw new FaultException(Fault.SHUTDOWN_STATE);
    }
  }

  private record Target(ProcessGroup group, Optional<Subprocess> process) {}

  private Target lookup(String namespec) {
    Namespec ns = Namespec.parse(namespec);
    ProcessGroup g = engine.group(ns.group()).orElseThrow(() -> new FaultException(Fault.BAD_NAME, namespec));
    if (ns.process().isEmpty()) {
      return new Target(g, Optional.empty());
    }
    Subprocess p = g.process(ns.process().get()).orElseThrow(() -> new FaultException(Fault.BAD_NAME, namespec));
    return new Target(g, Optional.of(p));
  }

  private ProcessGroup group(String name) {
    return engine.group(name).orElseThrow(() -> new FaultException(Fault.BAD_NAME, name));
  }

  // ---- start ----------------------------------------------------------------------------------------------

  CompletableFuture<Reply> startProcess(String namespec, boolean wait) {
    update();
    Target t = lookup(namespec);
    if (t.process().isEmpty()) {
      return startProcessGroup(t.group().name(), wait).thenApply(Reply.Results::new);
    }
    return engine.await(start(t.process().get(), namespec, wait), () -> Reply.DONE);
  }

  CompletableFuture<List<ProcessResult>> startProcessGroup(String name, boolean wait) {
    update();
    return new AllProcesses(engine).run(group(name).byPriority(), p -> !RUNNING_STATES.contains(p.state()),
        p -> start(p, p.namespec(), wait));
  }

  CompletableFuture<List<ProcessResult>> startAllProcesses(boolean wait) {
    update();
    return new AllProcesses(engine).run(engine.processesByPriority(), p -> !RUNNING_STATES.contains(p.state()),
        p -> start(p, p.namespec(), wait));
  }

  private Optional<Waiter> start(Subprocess p, String name, boolean wait) {
    update();
    engine.ports().launcher().check(p.config()).ifPresent(f -> {
      throw new FaultException(f.fault(), f.spawnerr());
    });
    if (RUNNING_STATES.contains(p.state())) {
      throw new FaultException(Fault.ALREADY_STARTED, name);
    }
    if (p.state() == ProcessState.UNKNOWN) {
      throw new FaultException(Fault.FAILED, name + " is in an unknown process state");
    }
    p.spawn();
    engine.reap(); // an exit already reported shows up now, as supervisord's reap() right after the spawn
    if (p.spawnerr().isPresent()) {
      throw new FaultException(Fault.SPAWN_ERROR, name);
    }
    p.transition(engine.mood()); // startsecs=0: RUNNING at once
    if (!wait || p.state() == RUNNING) {
      return Optional.empty();
    }
    return Optional.of(() -> {
      if (p.spawnerr().isPresent()) {
        throw new FaultException(Fault.SPAWN_ERROR, name);
      }
      if (p.state() != STARTING && p.state() != RUNNING) {
        throw new FaultException(Fault.ABNORMAL_TERMINATION, name);
      }
      return p.state() == RUNNING;
    });
  }

  // ---- stop -----------------------------------------------------------------------------------------------

  CompletableFuture<Reply> stopProcess(String namespec, boolean wait) {
    update();
    Target t = lookup(namespec);
    if (t.process().isEmpty()) {
      return stopProcessGroup(t.group().name(), wait).thenApply(Reply.Results::new);
    }
    return engine.await(stop(t.process().get(), namespec, wait), () -> Reply.DONE);
  }

  CompletableFuture<List<ProcessResult>> stopProcessGroup(String name, boolean wait) {
    update();
    return new AllProcesses(engine).run(group(name).byPriority(), p -> RUNNING_STATES.contains(p.state()),
        p -> stop(p, p.namespec(), wait));
  }

  CompletableFuture<List<ProcessResult>> stopAllProcesses(boolean wait) {
    update();
    return new AllProcesses(engine).run(engine.processesByPriority(), p -> RUNNING_STATES.contains(p.state()),
        p -> stop(p, p.namespec(), wait));
  }

  private Optional<Waiter> stop(Subprocess p, String name, boolean wait) {
    update();
    if (!RUNNING_STATES.contains(p.state())) {
      throw new FaultException(Fault.NOT_RUNNING, name);
    }
    p.stop().ifPresent(msg -> {
      throw new FaultException(Fault.FAILED, msg);
    });
    engine.reap();
    if (!wait || STOPPED_STATES.contains(p.state())) {
      return Optional.empty();
    }
    return Optional.of(new Waiter() {
      @Override
      public boolean poll() {
        p.stopReport();
        return STOPPED_STATES.contains(p.state());
      }

      @Override
      public java.util.OptionalLong deadline() {
        return p.stopReportDeadline();
      }
    });
  }

  // ---- signal ---------------------------------------------------------------------------------------------

  CompletableFuture<Reply> signalProcess(String namespec, String signal) {
    update();
    Target t = lookup(namespec);
    if (t.process().isEmpty()) {
      return signalProcessGroup(t.group().name(), signal).thenApply(Reply.Results::new);
    }
    signal(t.process().get(), namespec, signal);
    return CompletableFuture.completedFuture(Reply.DONE);
  }

  CompletableFuture<List<ProcessResult>> signalProcessGroup(String name, String signal) {
    Optional<ProcessGroup> g = engine.group(name);
    update();
    if (g.isEmpty()) {
      throw new FaultException(Fault.BAD_NAME, name);
    }
    var result = signalEach(g.get().byPriority(), signal);
    update();
    return result;
  }

  CompletableFuture<List<ProcessResult>> signalAllProcesses(String signal) {
    // As supervisord: the signals go out first, the mood check comes afterwards.
    var result = signalEach(engine.processesByPriority(), signal);
    update();
    return result;
  }

  private CompletableFuture<List<ProcessResult>> signalEach(List<Subprocess> processes, String signal) {
    return new AllProcesses(engine).run(processes, p -> SIGNALLABLE_STATES.contains(p.state()), p -> {
      update();
      signal(p, p.namespec(), signal);
      return Optional.empty();
    });
  }

  private void signal(Subprocess p, String name, String signal) {
    int sig = SignalNames.signalNumber(signal).orElseThrow(() -> new FaultException(Fault.BAD_SIGNAL, signal));
    if (!SIGNALLABLE_STATES.contains(p.state())) {
      throw new FaultException(Fault.NOT_RUNNING, name);
    }
    p.signal(sig).ifPresent(msg -> {
      throw new FaultException(Fault.FAILED, msg);
    });
  }

  // ---- info, groups, mood ---------------------------------------------------------------------------------

  ProcessInfo getProcessInfo(String namespec) {
    update();
    Subprocess p = lookup(namespec).process().orElseThrow(() -> new FaultException(Fault.BAD_NAME, namespec));
    return ProcessInfo.of(p, engine.ports());
  }

  /** Sorted by group name, then process name. */
  List<ProcessInfo> getAllProcessInfo() {
    update();
    List<Subprocess> all = new ArrayList<>(engine.processesByPriority());
    all.sort(Comparator.comparing(Subprocess::groupName).thenComparing(Subprocess::name));
    return all.stream().map(p -> ProcessInfo.of(p, engine.ports())).toList();
  }

  boolean addProcessGroup(GroupConfig config) {
    update();
    if (!engine.addGroup(config)) {
      throw new FaultException(Fault.ALREADY_ADDED, config.name());
    }
    return true;
  }

  boolean removeProcessGroup(String name) {
    update();
    if (engine.group(name).isEmpty()) {
      throw new FaultException(Fault.BAD_NAME, name);
    }
    if (!engine.removeGroup(name)) {
      throw new FaultException(Fault.STILL_RUNNING, name);
    }
    return true;
  }

  boolean shutdown() {
    update();
    engine.setMood(SupervisorState.SHUTDOWN);
    return true;
  }

  boolean restart() {
    update();
    engine.setMood(SupervisorState.RESTARTING);
    return true;
  }

  /** supervisord's {@code handle_signal} for the signals that change the mood. */
  void handleSignal(int sig) {
    var log = engine.ports().log();
    String name = SignalNames.signame(sig);
    switch (sig) {
      case SignalNames.SIGTERM, SignalNames.SIGINT, SignalNames.SIGQUIT -> {
        log.warn("received " + name + " indicating exit request");
        engine.setMood(SupervisorState.SHUTDOWN);
      }
      case SignalNames.SIGHUP -> {
        if (engine.mood() == SupervisorState.SHUTDOWN) {
          log.warn("ignored " + name + " indicating restart request (shutdown in progress)");
        } else {
          log.warn("received " + name + " indicating restart request");
          engine.setMood(SupervisorState.RESTARTING);
        }
      }
      case SignalNames.SIGCHLD -> log.debug("received " + name + " indicating a child quit");
      default -> log.blather("received " + name + " indicating nothing");
    }
  }
}

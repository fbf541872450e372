package io.supervisor4j.process;

import static io.supervisor4j.process.ProcessState.BACKOFF;
import static io.supervisor4j.process.ProcessState.EXITED;
import static io.supervisor4j.process.ProcessState.FATAL;
import static io.supervisor4j.process.ProcessState.RUNNING;
import static io.supervisor4j.process.ProcessState.STARTING;
import static io.supervisor4j.process.ProcessState.STOPPED;
import static io.supervisor4j.process.ProcessState.STOPPING;
import static io.supervisor4j.process.ProcessState.UNKNOWN;

import io.supervisor4j.config.AutoRestart;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.SignalNames;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One process's state machine, as supervisord 4.2.5's {@code Subprocess}: same fields, same transitions, same
 * arithmetic and the same main-log lines. Confined to the event-loop thread: nothing here is thread-safe.
 *
 * <p>Deadlines use monotonic time. Unlike supervisord, which polls once a second, the loop wakes at the exact
 * deadline, so supervisord's race (a process dying just before startsecs being first promoted to RUNNING when
 * the reap comes a poll later) does not happen here: an exit is always handled before the promotion check.
 */
public final class Subprocess {
  static final int HISTORY_LIMIT = 256;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final ProcessConfig config;
  private final String groupName;
  private final Ports ports;
  private final ActivityLog log;
  private final Map<Integer, Subprocess> pidHistory;
  private final ArrayDeque<Transition> history = new ArrayDeque<>();

  private ProcessState state = STOPPED;
  private int pid;
  private boolean everStarted;
  private long laststartMillis; // 0 = never started
  private long laststartNanos;
  private long laststopMillis; // 0 = never stopped
  private long delayNanos; // BACKOFF: retry after; STOPPING: SIGKILL at
  private boolean stopReported;
  private long laststopreportNanos;
  private boolean killing;
  private boolean administrativeStop;
  private boolean systemStop;
  private int backoff;
  private OptionalInt exitstatus = OptionalInt.empty();
  private Optional<String> spawnerr = Optional.empty();
  private Optional<FailureReason> lastFailure = Optional.empty();

  Subprocess(ProcessConfig config, String groupName, Ports ports, Map<Integer, Subprocess> pidHistory) {
    this.config = config;
    this.groupName = groupName;
    this.ports = ports;
    this.log = ports.log();
    this.pidHistory = pidHistory;
  }

  // ---- spawning -------------------------------------------------------------------------------------------

  /** Starts the child: to STARTING, then BACKOFF with spawnerr if the launcher fails. */
  void spawn() {
    if (pid != 0) {
      log.warn("process '" + name() + "' already running");
      return;
    }
    requireState(EXITED, FATAL, BACKOFF, STOPPED);
    killing = false;
    spawnerr = Optional.empty();
    exitstatus = OptionalInt.empty();
    systemStop = false;
    administrativeStop = false;
    everStarted = true;
    laststartMillis = ports.clock().wallMillis();
    laststartNanos = ports.clock().nanoTime();
    changeState(STARTING, true, Optional.empty());
    Launch launch;
    try {
      launch = ports.launcher().launch(config, groupName);
    } catch (RuntimeException e) {
      String msg = "unknown error during fork for '" + name() + "': " + e.getMessage();
      launch = new Launch.Failed(msg, Fault.SPAWN_ERROR);
    }
    switch (launch) {
      case Launch.Failed f -> {
        spawnerr = Optional.of(f.spawnerr());
        log.info("spawnerr: " + f.spawnerr());
        var reason = new FailureReason(FailureReason.Kind.SPAWN_ERROR, f.spawnerr(), Optional.empty(), 0,
            config.startsecs(), backoff + 1);
        changeState(BACKOFF, true, Optional.of(reason));
      }
      case Launch.Launched l -> {
        pid = l.pid();
        pidHistory.put(pid, this);
        log.info("spawned: '" + name() + "' with pid " + pid);
        delayNanos = laststartNanos + config.startsecs() * NANOS_PER_SECOND;
      }
    }
  }

  // ---- the periodic step ----------------------------------------------------------------------------------

  /** supervisord's {@code transition()}: autorestart, autostart, retries, promotion, give-up, SIGKILL. */
  void transition(SupervisorState mood) {
    long now = ports.clock().nanoTime();
    ProcessState before = state; // decisions below use the state at entry, as supervisord does
    if (mood.allowsSpawning()) {
      if (before == EXITED) {
        boolean unexpected = exitstatus.isEmpty() || !config.exitcodes().contains(exitstatus.getAsInt());
        if (config.autorestart() == AutoRestart.TRUE
            || (config.autorestart() == AutoRestart.UNEXPECTED && unexpected)) {
          spawn();
        }
      } else if (before == STOPPED && !everStarted) {
        if (config.autostart()) {
          spawn();
        }
      } else if (before == BACKOFF && backoff <= config.startretries() && now - delayNanos > 0) {
        spawn();
      }
    }
    if (before == STARTING && startsecsElapsed(now)) {
      delayNanos = 0;
      backoff = 0;
      changeState(RUNNING, true, Optional.empty());
      log.info("success: " + name() + " entered RUNNING state, process has stayed up for > than "
          + config.startsecs() + " seconds (startsecs)");
    }
    if (before == BACKOFF) {
      if (backoff > config.startretries()) {
        giveUp(FailureReason.Kind.GAVE_UP);
        log.info("gave up: " + name() + " entered FATAL state, too many start retries too quickly");
      }
    } else if (before == STOPPING && delayNanos - now <= 0) {
      // A process that survives SIGKILL stays STOPPING; the SIGKILL is repeated every stopwaitsecs.
      log.warn("killing '" + name() + "' (" + pid + ") with SIGKILL");
      kill(SignalNames.SIGKILL);
    }
  }

  // startsecs is "strictly greater"; with startsecs=0 supervisord promotes on the first transition after the
  // spawn (its clock always moved on by then), which a fake clock would not reproduce with a plain comparison.
  private boolean startsecsElapsed(long now) {
    return config.startsecs() == 0 || now - laststartNanos > config.startsecs() * NANOS_PER_SECOND;
  }

  /** When {@link #transition} next has something to do on its own (monotonic nanos), if ever. */
  OptionalLong deadline(SupervisorState mood, long now) {
    return switch (state) {
      case STARTING -> OptionalLong.of(laststartNanos + config.startsecs() * NANOS_PER_SECOND + 1);
      case BACKOFF -> {
        if (backoff > config.startretries()) {
          yield OptionalLong.of(now);
        }
        yield mood.allowsSpawning() ? OptionalLong.of(delayNanos + 1) : OptionalLong.empty();
      }
      case STOPPING -> OptionalLong.of(delayNanos);
      default -> OptionalLong.empty();
    };
  }

  /** BACKOFF to FATAL (retries exhausted, or supervisord shutting down). */
  void giveUp(FailureReason.Kind kind) {
    requireState(BACKOFF);
    int attempts = backoff;
    delayNanos = 0;
    backoff = 0;
    systemStop = true;
    var reason = lastFailure.orElse(new FailureReason(kind, "", Optional.empty(), 0, config.startsecs(), 0));
    changeState(FATAL, true, Optional.of(reason.as(kind, attempts)));
  }

  // ---- stopping and signalling ----------------------------------------------------------------------------

  /** Administrative stop with the configured stopsignal. Returns an error message, as supervisord does. */
  Optional<String> stop() {
    administrativeStop = true;
    stopReported = false;
    return kill(config.stopsignal().number());
  }

  /** Sends a signal meant to end the process: BACKOFF goes to STOPPED, otherwise to STOPPING. */
  Optional<String> kill(int sig) {
    long now = ports.clock().nanoTime();
    if (state == BACKOFF) {
      log.debug("Attempted to kill " + name() + ", which is in BACKOFF state.");
      changeState(STOPPED, true, Optional.empty());
      return Optional.empty();
    }
    if (pid == 0) {
      String msg = "attempted to kill " + name() + " with sig " + SignalNames.signame(sig) + " but it wasn't running";
      log.debug(msg);
      return Optional.of(msg);
    }
    // Already STOPPING means this is the SIGKILL after stopwaitsecs.
    boolean asGroup = state == STOPPING ? config.killasgroup() : config.stopasgroup();
    log.debug("killing " + name() + " (pid " + pid + ") " + (asGroup ? "process group " : "") + "with signal "
        + SignalNames.signame(sig));
    requireState(RUNNING, STARTING, STOPPING);
    killing = true;
    delayNanos = now + config.stopwaitsecs() * NANOS_PER_SECOND;
    changeState(STOPPING, true, Optional.empty());
    Optional<String> errno = ports.signaller().kill(pid, sig, asGroup);
    if (errno.isEmpty()) {
      return Optional.empty();
    }
    if (errno.get().equals("ESRCH")) {
      // Gone already: the exit arrives through the normal path and fixes the state.
      log.debug("unable to signal " + name() + " (pid " + pid + "), it probably just exited on its own: "
          + errno.get());
      return Optional.empty();
    }
    String msg = "unknown problem killing " + name() + " (" + pid + "):" + errno.get();
    log.critical(msg);
    changeState(UNKNOWN, true, Optional.of(signalFailed(errno.get())));
    killing = false;
    delayNanos = 0;
    return Optional.of(msg);
  }

  /** Sends an arbitrary signal to the pid only, with no state change (supervisord's {@code signal}). */
  Optional<String> signal(int sig) {
    if (pid == 0) {
      String msg = "attempted to send " + name() + " sig " + SignalNames.signame(sig) + " but it wasn't running";
      log.debug(msg);
      return Optional.of(msg);
    }
    log.debug("sending " + name() + " (pid " + pid + ") sig " + SignalNames.signame(sig));
    requireState(RUNNING, STARTING, STOPPING);
    Optional<String> errno = ports.signaller().kill(pid, sig, false);
    if (errno.isEmpty()) {
      return Optional.empty();
    }
    if (errno.get().equals("ESRCH")) {
      log.debug("unable to signal " + name() + " (pid " + pid + "), it probably just now exited on its own: "
          + errno.get());
      return Optional.empty();
    }
    String msg = "unknown problem sending sig " + name() + " (" + pid + "):" + errno.get();
    log.critical(msg);
    changeState(UNKNOWN, true, Optional.of(signalFailed(errno.get())));
    return Optional.of(msg);
  }

  private FailureReason signalFailed(String errno) {
    return new FailureReason(FailureReason.Kind.SIGNAL_FAILED, errno, Optional.empty(), secondsRun(),
        config.startsecs(), backoff);
  }

  /** Logs {@code waiting for x to stop}, at most every 2 seconds (called while a stop request waits). */
  void stopReport() {
    if (state != STOPPING) {
      return;
    }
    long now = ports.clock().nanoTime();
    if (!stopReported || now - laststopreportNanos > 2 * NANOS_PER_SECOND) {
      log.info("waiting for " + name() + " to stop");
      stopReported = true;
      laststopreportNanos = now;
    }
  }

  OptionalLong stopReportDeadline() {
    return state == STOPPING && stopReported
        ? OptionalLong.of(laststopreportNanos + 2 * NANOS_PER_SECOND + 1)
        : OptionalLong.empty();
  }

  // ---- exit -----------------------------------------------------------------------------------------------

  /** The child was reaped: supervisord's {@code finish()}. The caller has removed it from the pid history. */
  void finish(WaitStatus status) {
    long now = ports.clock().nanoTime();
    laststopMillis = ports.clock().wallMillis();
    boolean tooQuickly = now - laststartNanos < config.startsecs() * NANOS_PER_SECOND;
    int es = status.exitStatus();
    boolean expected = config.exitcodes().contains(es);
    String msg = status.describe();
    if (state == UNKNOWN) {
      // supervisord would fail an assertion here (after a failed kill); we keep UNKNOWN and note the exit.
      exitstatus = OptionalInt.of(es);
      log.warn("exited: " + name() + " (" + msg + "; not expected)");
    } else if (killing) {
      killing = false;
      delayNanos = 0;
      exitstatus = OptionalInt.of(es);
      requireState(STOPPING);
      changeState(STOPPED, true, Optional.empty());
      log.log(expected ? LogLevel.INFO : LogLevel.WARN, "stopped: " + name() + " (" + msg + ")");
    } else if (tooQuickly) {
      exitstatus = OptionalInt.empty();
      spawnerr = Optional.of("Exited too quickly (process log may have details)");
      requireState(STARTING);
      changeState(BACKOFF, true, Optional.of(exitReason(FailureReason.Kind.EXITED_TOO_QUICKLY, status, backoff + 1)));
      log.warn("exited: " + name() + " (" + msg + "; not expected)");
    } else {
      delayNanos = 0;
      backoff = 0;
      exitstatus = OptionalInt.of(es);
      if (state == STARTING) {
        // Exited exactly at startsecs (or startsecs=0 before the first transition): promoted on the way out.
        changeState(RUNNING, true, Optional.empty());
      }
      requireState(RUNNING);
      if (expected) {
        changeState(EXITED, true, Optional.empty());
        log.info("exited: " + name() + " (" + msg + "; expected)");
      } else {
        spawnerr = Optional.of("Bad exit code " + es);
        changeState(EXITED, false, Optional.of(exitReason(FailureReason.Kind.UNEXPECTED_EXIT, status, 0)));
        log.warn("exited: " + name() + " (" + msg + "; not expected)");
      }
    }
    pid = 0;
  }

  private FailureReason exitReason(FailureReason.Kind kind, WaitStatus status, int attempts) {
    return new FailureReason(kind, status.describe(), Optional.of(status), secondsRun(), config.startsecs(), attempts);
  }

  private double secondsRun() {
    return !everStarted
        ? 0
        : (ports.clock().nanoTime() - laststartNanos) / (double) NANOS_PER_SECOND;
  }

  // ---- the one place where the state changes --------------------------------------------------------------

  private void changeState(ProcessState to, boolean expected, Optional<FailureReason> failure) {
    ProcessState from = state;
    if (from == to) {
      return;
    }
    if (!from.canTransitionTo(to)) {
      throw new IllegalStateException("illegal transition for " + name() + ": state is " + from + ", not " + to);
    }
    state = to;
    if (to == BACKOFF) {
      backoff++;
      delayNanos = ports.clock().nanoTime() + backoff * NANOS_PER_SECOND;
    }
    failure.ifPresent(f -> lastFailure = Optional.of(f));
    var t = new Transition(groupName, name(), from, to, pid, backoff, expected, ports.clock().wallMillis(), failure);
    history.addLast(t);
    if (history.size() > HISTORY_LIMIT) {
      history.removeFirst();
    }
    try {
      ports.listener().processStateChanged(t, ProcessInfo.of(this, ports));
    } catch (RuntimeException e) {
      log.error("state listener failed on " + name() + " " + t.edge() + ": " + e);
    }
  }

  private void requireState(ProcessState... allowed) {
    for (ProcessState s : allowed) {
      if (state == s) {
        return;
      }
    }
    throw new IllegalStateException("Assertion failed for " + name() + ": " + state + " not in " + List.of(allowed));
  }

  // ---- read access ----------------------------------------------------------------------------------------

  public String name() {
    return config.name();
  }

  public String groupName() {
    return groupName;
  }

  public String namespec() {
    return Namespec.of(groupName, config.name());
  }

  public ProcessConfig config() {
    return config;
  }

  public ProcessState state() {
    return state;
  }

  public int pid() {
    return pid;
  }

  public int backoff() {
    return backoff;
  }

  public Optional<String> spawnerr() {
    return spawnerr;
  }

  public OptionalInt exitstatus() {
    return exitstatus;
  }

  public long laststartMillis() {
    return laststartMillis;
  }

  public long laststopMillis() {
    return laststopMillis;
  }

  public boolean administrativeStop() {
    return administrativeStop;
  }

  public boolean systemStop() {
    return systemStop;
  }

  public Optional<FailureReason> lastFailure() {
    return lastFailure;
  }

  /** The most recent transitions (at most {@value #HISTORY_LIMIT}), oldest first. */
  public List<Transition> history() {
    return List.copyOf(history);
  }
}

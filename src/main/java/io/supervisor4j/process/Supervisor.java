package io.supervisor4j.process;

import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.log.ActivityLog;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The supervisor engine: one platform thread (the event loop) owns every group and process. Any thread may call
 * the commands below; each becomes a message answered by the loop through a {@link CompletableFuture}, which
 * fails with a {@link FaultException} carrying supervisord's fault. The loop sleeps until the earliest deadline
 * (startsecs, backoff retry, stopwaitsecs, a report) or the next message; there is no periodic polling.
 *
 * <p>Concurrency note: only the loop thread touches {@link Engine}, {@link ProcessGroup} and {@link Subprocess};
 * other threads see immutable {@link ProcessInfo}/{@link ProcessResult}/{@link Transition} values. The loop holds
 * {@code turn} except while it waits for mail, so that {@link #executeInline} may run a task in its place then.
 */
public final class Supervisor implements AutoCloseable {
  private static final int MAX_MESSAGES_PER_ITERATION = 1000;

  private interface Message {
    void run();

    void abandon();
  }

  private static final Message WAKE = new Message() {
    @Override
    public void run() {}

    @Override
    public void abandon() {}
  };

  private final Engine engine;
  private final Commands commands;
  private final Clock clock;
  private final ActivityLog log;
  private final LinkedBlockingQueue<Message> mailbox = new LinkedBlockingQueue<>();
  // Messages posted and not run yet, including one the loop took from the mailbox but has not run: a task run
  // inline must not overtake it.
  private final AtomicInteger queued = new AtomicInteger();
  private final ReentrantLock turn = new ReentrantLock();
  private boolean looping; // guarded by turn: between the first iteration and the end of the loop
  private final CompletableFuture<SupervisorState> termination = new CompletableFuture<>();
  private volatile boolean terminated;
  private volatile LoopHook hook = LoopHook.NONE;
  private Thread thread;

  public Supervisor(Ports ports) {
    this.engine = new Engine(ports);
    this.commands = new Commands(engine);
    this.clock = ports.clock();
    this.log = ports.log();
    engine.onWakeup(() -> {
      queued.incrementAndGet();
      mailbox.offer(WAKE);
    });
  }

  /** Adds the configured groups and starts the loop; autostart programs are spawned in its first iteration. */
  public synchronized void start(List<GroupConfig> groups) {
    if (thread != null) {
      throw new IllegalStateException("supervisor already started");
    }
    List<GroupConfig> initial = List.copyOf(groups);
    thread = Thread.ofPlatform().name("supervisor-loop").daemon(true).unstarted(() -> loop(initial));
    thread.start();
  }

  private void loop(List<GroupConfig> groups) {
    turn.lock();
    try {
      groups.forEach(engine::addGroup);
      engine.ports().listener().supervisorRunning();
      boolean ok = iterate();
      looping = true;
      while (!engine.finished()) {
        // After a failed iteration, pause a second instead of spinning on a deadline that may stay in the past.
        long wait = ok ? nextWakeNanos() - clock.nanoTime() : TimeUnit.SECONDS.toNanos(1);
        Message m;
        turn.unlock();
        try {
          m = wait > 0 ? mailbox.poll(wait, TimeUnit.NANOSECONDS) : mailbox.poll();
        } finally {
          turn.lock();
        }
        for (int n = 0; m != null && n < MAX_MESSAGES_PER_ITERATION; n++) {
          run(m);
          m = mailbox.poll();
        }
        if (m != null) {
          run(m);
        }
        ok = iterate();
      }
    } catch (InterruptedException e) {
      log.warn("supervisor loop interrupted");
    } finally {
      terminated = true;
      looping = false;
      abandonMailbox();
      engine.abandonPending(new FaultException(Fault.SHUTDOWN_STATE));
      termination.complete(engine.mood());
      turn.unlock();
    }
  }

  private void run(Message m) {
    guarded(m::run);
    queued.decrementAndGet();
  }

  private boolean iterate() {
    boolean ok = guarded(engine::runOnce);
    return guarded(hook::afterIteration) && ok;
  }

  private long nextWakeNanos() {
    long engineWake = engine.nextWakeNanos();
    OptionalLong hookWake = hook.nextWakeNanos();
    return hookWake.isPresent() && hookWake.getAsLong() - engineWake < 0 ? hookWake.getAsLong() : engineWake;
  }

  // A bug (e.g. an illegal transition) must not kill the loop that owns every process.
  private boolean guarded(Runnable step) {
    try {
      step.run();
      return true;
    } catch (RuntimeException e) {
      log.critical("supervisor loop: " + e);
      return false;
    }
  }

  private void post(Message m) {
    queued.incrementAndGet();
    mailbox.add(m);
    if (terminated) {
      abandonMailbox(); // the loop is gone: whoever sees that answers what is left
    }
  }

  private void abandonMailbox() {
    Message m;
    while ((m = mailbox.poll()) != null) {
      m.abandon();
    }
  }

  private <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> command) {
    CompletableFuture<T> result = new CompletableFuture<>();
    post(new Message() {
      @Override
      public void run() {
        try {
          command.get().whenComplete((v, e) -> {
            if (e == null) {
              result.complete(v);
            } else {
              result.completeExceptionally(e instanceof CompletionException && e.getCause() != null
                  ? e.getCause() : e);
            }
          });
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      }

      @Override
      public void abandon() {
        result.completeExceptionally(new FaultException(Fault.SHUTDOWN_STATE));
      }
    });
    return result;
  }

  private <T> CompletableFuture<T> call(Supplier<T> command) {
    return submit(() -> CompletableFuture.completedFuture(command.get()));
  }

  // ---- inputs from the spawner and the daemon -------------------------------------------------------------

  /**
   * Installs the loop owner's per-iteration work and deadline (before {@link #start}, or any time: it is read
   * at each iteration).
   */
  public void loopHook(LoopHook hook) {
    this.hook = hook;
  }

  /**
   * Runs {@code task} on the loop thread, after what was submitted before it (FIFO with every command and with
   * other tasks). Callable from any thread; dropped silently once the loop has ended. Exceptions are logged.
   */
  public void execute(Runnable task) {
    post(new Message() {
      @Override
      public void run() {
        task.run();
      }

      @Override
      public void abandon() {}
    });
  }

  /**
   * Runs {@code task} at once on the calling thread when the loop is waiting for mail and nothing is queued, else
   * queues it as {@link #execute} does; either way in FIFO order with everything posted before. Only for tasks that
   * touch no group or process and set no deadline, since no iteration follows them (the event system's listener
   * traffic): they cost no thread hop then, which made up most of the time an event took to reach a listener.
   */
  public void executeInline(Runnable task) {
    // (on the loop thread itself the reentrant lock would let the task jump the queue)
    if (!turn.isHeldByCurrentThread() && turn.tryLock()) {
      try {
        if (looping && queued.get() == 0) {
          guarded(task);
          return;
        }
      } finally {
        turn.unlock();
      }
    }
    execute(task);
  }

  /** A child was reaped (raw wait status). Callable from any thread, e.g. the spawner's I/O thread. */
  public void childExited(int pid, int waitStatus) {
    engine.childExited(pid, waitStatus);
  }

  /**
   * A signal received by the daemon: TERM/INT/QUIT shut down, HUP restarts (ignored during shutdown), as
   * supervisord logs them. The daemon handles USR2 (log reopen) itself. Completes once the loop has handled it.
   */
  public CompletableFuture<Boolean> handleSignal(int signal) {
    return call(() -> {
      commands.handleSignal(signal);
      return true;
    });
  }

  /** The current mood (supervisord's {@code getState}). */
  public SupervisorState state() {
    return engine.mood();
  }

  // ---- commands (names and semantics of supervisord's XML-RPC methods) ------------------------------------

  public CompletableFuture<Reply> startProcess(String namespec, boolean wait) {
    return submit(() -> commands.startProcess(namespec, wait));
  }

  public CompletableFuture<List<ProcessResult>> startProcessGroup(String name, boolean wait) {
    return submit(() -> commands.startProcessGroup(name, wait));
  }

  public CompletableFuture<List<ProcessResult>> startAllProcesses(boolean wait) {
    return submit(() -> commands.startAllProcesses(wait));
  }

  public CompletableFuture<Reply> stopProcess(String namespec, boolean wait) {
    return submit(() -> commands.stopProcess(namespec, wait));
  }

  public CompletableFuture<List<ProcessResult>> stopProcessGroup(String name, boolean wait) {
    return submit(() -> commands.stopProcessGroup(name, wait));
  }

  public CompletableFuture<List<ProcessResult>> stopAllProcesses(boolean wait) {
    return submit(() -> commands.stopAllProcesses(wait));
  }

  /** {@code signal} as XML-RPC passes it: a name ({@code HUP}, {@code SIGHUP}) or a number. */
  public CompletableFuture<Reply> signalProcess(String namespec, String signal) {
    return submit(() -> commands.signalProcess(namespec, signal));
  }

  public CompletableFuture<Reply> signalProcess(String namespec, int signal) {
    return signalProcess(namespec, Integer.toString(signal));
  }

  public CompletableFuture<List<ProcessResult>> signalProcessGroup(String name, String signal) {
    return submit(() -> commands.signalProcessGroup(name, signal));
  }

  public CompletableFuture<List<ProcessResult>> signalAllProcesses(String signal) {
    return submit(() -> commands.signalAllProcesses(signal));
  }

  public CompletableFuture<ProcessInfo> getProcessInfo(String namespec) {
    return call(() -> commands.getProcessInfo(namespec));
  }

  public CompletableFuture<List<ProcessInfo>> getAllProcessInfo() {
    return call(commands::getAllProcessInfo);
  }

  /** Activates a group; the RPC layer looks the config up by name (BAD_NAME) in the last-read configuration. */
  public CompletableFuture<Boolean> addProcessGroup(GroupConfig config) {
    return call(() -> commands.addProcessGroup(config));
  }

  public CompletableFuture<Boolean> removeProcessGroup(String name) {
    return call(() -> commands.removeProcessGroup(name));
  }

  /** The configs of the active groups, in the order they were added (for reread's added/changed/removed). */
  public CompletableFuture<List<GroupConfig>> activeGroups() {
    return call(() -> engine.groupsByPriority().stream().map(ProcessGroup::config).toList());
  }

  /** The recent transitions of one process (diagnostics). BAD_NAME for unknown or group-only specs. */
  public CompletableFuture<List<Transition>> history(String namespec) {
    return call(() -> engine.group(Namespec.parse(namespec).group())
        .flatMap(g -> Namespec.parse(namespec).process().flatMap(g::process))
        .orElseThrow(() -> new FaultException(Fault.BAD_NAME, namespec))
        .history());
  }

  public CompletableFuture<Boolean> shutdown() {
    return call(commands::shutdown);
  }

  public CompletableFuture<Boolean> restart() {
    return call(commands::restart);
  }

  // ---- end of life ----------------------------------------------------------------------------------------

  /** Completes when the loop has ended, with the mood it ended in (SHUTDOWN, or RESTARTING for a reload). */
  public CompletableFuture<SupervisorState> termination() {
    return termination;
  }

  /** Blocks until every process is stopped after {@link #shutdown()} or {@link #restart()}. */
  public SupervisorState awaitStopped() throws InterruptedException {
    try {
      return termination.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Ends the loop at once without stopping processes (for emergencies and tests); prefer {@link #shutdown()}. */
  @Override
  public synchronized void close() {
    if (thread != null && thread.isAlive()) {
      thread.interrupt();
    }
  }
}

package io.supervisor4j.daemon;

import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.SignalNames;
import io.supervisor4j.diagnostics.Evidence;
import io.supervisor4j.diagnostics.Explainer;
import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.diagnostics.FailureLog;
import io.supervisor4j.diagnostics.LaunchContext;
import io.supervisor4j.diagnostics.SystemProbes;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.ChannelLog;
import io.supervisor4j.process.FailureReason;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.Transition;
import io.supervisor4j.process.WaitStatus;
import io.supervisor4j.spawn.Libc;
import io.supervisor4j.spawn.UserAccount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns each failure transition (BACKOFF, FATAL, unexpected EXITED) into an {@link io.supervisor4j.diagnostics
 * .Explanation} in the {@link FailureLog}, with the output the process produced since its last spawn (its pipes are
 * drained by then: the exit is reported after EOF). Runs on the event-loop thread; OS probes happen only for the
 * failures that need them (SIGKILL, exit 0).
 */
final class FailureCapture {
  private final FailureLog log = new FailureLog();
  private final Map<String, Started> started = new ConcurrentHashMap<>();
  // the explanation of the state each process is in now; a later transition (STARTING, RUNNING, ...) ends it
  private final Map<String, Explanation> current = new ConcurrentHashMap<>();
  private final SystemProbes probes = SystemProbes.forThisProcess();
  private final ActivityLog mainLog;
  // looked up at the first launch: a daemon without programs needs neither the lookup nor the NSS modules it loads
  private Optional<UserAccount> self;

  /** What one spawn started with, and how much output its channels had already seen. */
  private record Started(ProcessConfig config, LaunchContext context, long stdoutMark, long stderrMark) {}

  FailureCapture(ActivityLog mainLog) {
    this.mainLog = mainLog;
  }

  FailureLog log() {
    return log;
  }

  /** The explanation of the failure state (BACKOFF, FATAL, unexpected EXITED) the process is in now, if any. */
  Optional<Explanation> current(String group, String name) {
    return Optional.ofNullable(current.get(group + ":" + name));
  }

  private Optional<UserAccount> self() {
    if (self == null) {
      self = UserAccount.lookup(Integer.toString(Libc.getuid()));
    }
    return self;
  }

  /** Called at each launch, before anything can fail; never throws (diagnostics must not break spawning). */
  void launching(
      ProcessConfig config,
      String group,
      Optional<UserAccount> user,
      Map<String, String> env,
      Optional<ProcessOutputs> outputs) {
    try {
      remember(config, group, user, env, outputs);
    } catch (RuntimeException e) {
      started.remove(group + ":" + config.name());
      mainLog.error("could not record the launch context of " + config.name() + ": " + e);
    }
  }

  private void remember(
      ProcessConfig config,
      String group,
      Optional<UserAccount> user,
      Map<String, String> env,
      Optional<ProcessOutputs> outputs) {
    Optional<UserAccount> account = config.user().isPresent() ? user : self();
    String userName =
        account.map(UserAccount::name).orElse(config.user().orElse(Integer.toString(Libc.getuid())));
    String cwd = config.directory().map(Path::toString).orElseGet(FailureCapture::daemonCwd);
    OptionalLong oom = probes.oomKills();
    var context = new LaunchContext(userName, account.map(UserAccount::home).orElse(""), env, cwd, oom);
    long out = outputs.map(o -> o.stdout().bytesWritten()).orElse(0L);
    long err = outputs.flatMap(ProcessOutputs::stderr).map(ChannelLog::bytesWritten).orElse(0L);
    started.put(group + ":" + config.name(), new Started(config, context, out, err));
  }

  void stateChanged(Transition t, Optional<ProcessOutputs> outputs) {
    String key = t.group() + ":" + t.name();
    current.remove(key);
    if (t.failure().isEmpty() || !isFailure(t)) {
      return;
    }
    Started s = started.get(key);
    if (s == null) {
      return; // failed before any launch (e.g. a failed kill of an adopted process): nothing to say
    }
    FailureReason f = t.failure().get();
    List<String> tail = List.of();
    String channel = s.config().redirectStderr() ? "stdout" : "stderr";
    if (f.exit().isPresent() && outputs.isPresent()) {
      ProcessOutputs o = outputs.get();
      tail = o.stderr().map(l -> since(l, s.stderrMark())).orElseGet(() -> since(o.stdout(), s.stdoutMark()));
      if (tail.isEmpty() && o.stderr().isPresent()) {
        // many programs report errors on stdout: show it rather than nothing
        List<String> out = since(o.stdout(), s.stdoutMark());
        if (!out.isEmpty()) {
          tail = out;
          channel = "stdout";
        }
      }
    }
    OptionalLong oomNow = OptionalLong.empty();
    List<Integer> survivors = List.of();
    Optional<WaitStatus> exit = f.exit();
    if (exit.isPresent() && exit.get().isSignaled() && exit.get().termSignal() == SignalNames.SIGKILL) {
      oomNow = probes.oomKills();
    }
    if (exit.isPresent() && exit.get().isExited() && exit.get().exitCode() == 0) {
      survivors = probes.survivors(t.group(), t.name(), t.pid());
    }
    try {
      var evidence = new Evidence(f, s.config(), tail, s.context(), oomNow, survivors);
      Explanation e = Explainer.explain(t, evidence, channel);
      log.record(e);
      current.put(key, e);
    } catch (RuntimeException e) {
      mainLog.error("could not explain the failure of " + t.name() + ": " + e);
    }
  }

  void groupRemoved(String group) {
    log.forgetGroup(group);
    started.keySet().removeIf(k -> k.startsWith(group + ":"));
    current.keySet().removeIf(k -> k.startsWith(group + ":"));
  }

  private static boolean isFailure(Transition t) {
    return t.to() == ProcessState.BACKOFF
        || t.to() == ProcessState.FATAL
        || (t.to() == ProcessState.EXITED && !t.expected());
  }

  private static List<String> since(ChannelLog channel, long mark) {
    long produced = channel.bytesWritten() - mark;
    return Explainer.producedSince(channel.tailLines(), produced < 0 ? Long.MAX_VALUE : produced);
  }

  private static String daemonCwd() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/cwd")).toString();
    } catch (IOException | RuntimeException e) {
      return Path.of("").toAbsolutePath().toString();
    }
  }
}

package io.supervisor4j.diagnostics;

import io.supervisor4j.config.AutoRestart;
import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.SignalSpec;
import io.supervisor4j.process.FailureReason;
import io.supervisor4j.process.WaitStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Builders for realistic failure evidence: a program, how it was launched, how it ended, what it printed. */
final class Cases {
  String name = "web";
  String command = "/usr/bin/python3 /srv/app/main.py";
  Optional<String> user = Optional.of("app");
  Map<String, String> programEnv = new LinkedHashMap<>();
  Optional<Path> directory = Optional.empty();
  int startsecs = 1;
  int startretries = 3;
  Set<Integer> exitcodes = Set.of(0);
  boolean redirectStderr;

  String launchUser = "app";
  String userHome = "/home/app";
  Map<String, String> env = new LinkedHashMap<>(Map.of("HOME", "/home/app", "PATH", "/usr/bin:/bin"));
  String cwd = "/";
  OptionalLong oomAtStart = OptionalLong.empty();
  OptionalLong oomNow = OptionalLong.empty();
  List<Integer> survivors = List.of();

  FailureReason.Kind kind = FailureReason.Kind.EXITED_TOO_QUICKLY;
  String detail = "";
  Optional<WaitStatus> exit = Optional.of(WaitStatus.exited(1));
  double secondsRun = 0.2;
  int attempts = 1;
  List<String> tail = List.of();

  static Cases failing() {
    return new Cases();
  }

  Cases exit(int code) {
    exit = Optional.of(WaitStatus.exited(code));
    detail = exit.get().describe();
    return this;
  }

  Cases signal(int sig, boolean core) {
    exit = Optional.of(WaitStatus.killedBy(sig, core));
    detail = exit.get().describe();
    return this;
  }

  Cases spawnError(String message) {
    kind = FailureReason.Kind.SPAWN_ERROR;
    exit = Optional.empty();
    detail = message;
    secondsRun = 0;
    return this;
  }

  Cases kind(FailureReason.Kind k) {
    kind = k;
    return this;
  }

  Cases ran(double seconds) {
    secondsRun = seconds;
    return this;
  }

  Cases tail(String text) {
    tail = List.of(text.split("\n"));
    return this;
  }

  Cases home(String home) {
    env.put("HOME", home);
    return this;
  }

  Cases env(String key, String value) {
    env.put(key, value);
    return this;
  }

  Cases programEnv(String key, String value) {
    programEnv.put(key, value);
    env.put(key, value);
    return this;
  }

  Cases command(String c) {
    command = c;
    return this;
  }

  Cases directory(Path d) {
    directory = Optional.of(d);
    cwd = d.toString();
    return this;
  }

  ProcessConfig config() {
    var out = new ChannelLogConfig(LogFile.AUTO, 50 * 1024 * 1024, 10, 0, false, false);
    var err = new ChannelLogConfig(LogFile.AUTO, 50 * 1024 * 1024, 10, 0, false, false);
    return new ProcessConfig(name, name, command, 999, true, AutoRestart.UNEXPECTED, startsecs, startretries,
        exitcodes, new SignalSpec("TERM", 15), 10, false, false, user, redirectStderr, out, err, programEnv,
        directory, OptionalInt.empty(), "AUTO");
  }

  Evidence evidence() {
    FailureReason reason = new FailureReason(kind, detail.isEmpty() ? exit.map(WaitStatus::describe).orElse("")
        : detail, exit, secondsRun, startsecs, attempts);
    var launch = new LaunchContext(launchUser, userHome, env, cwd, oomAtStart);
    return new Evidence(reason, config(), tail, launch, oomNow, survivors);
  }

  Explanation explain() {
    return Explainer.explain(name, io.supervisor4j.process.ProcessState.BACKOFF, java.time.Instant.EPOCH,
        evidence(), redirectStderr ? "stdout" : "stderr");
  }
}

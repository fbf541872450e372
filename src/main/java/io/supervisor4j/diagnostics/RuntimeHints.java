package io.supervisor4j.diagnostics;

import io.supervisor4j.config.SignalNames;
import io.supervisor4j.process.WaitStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hints about what happened while the program ran: ports, signals, daemonizing, missing variables. */
final class RuntimeHints {
  private static final Pattern IN_USE = Pattern.compile("(?i)address already in use|EADDRINUSE|\\[Errno 98\\]");
  private static final Pattern PORT = Pattern.compile("(?i)(?:port\\s+|:)(\\d{2,5})\\b");
  private static final List<Pattern> MISSING_VARIABLE =
      List.of(
          Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*): (?:unbound variable|parameter not set|parameter null or not set)"),
          Pattern.compile("[Ee]nvironment variable[s]?\\W{1,3}([A-Z][A-Z0-9_]+)\\b"),
          Pattern.compile("\\b([A-Z][A-Z0-9_]{2,})\\W{0,2} (?:environment variable|env var)\\b.{0,20}"
              + "(?:not set|missing|required|undefined)"),
          Pattern.compile("key not found: \"([A-Za-z_][A-Za-z0-9_]*)\""));
  private static final Pattern KEY_ERROR = Pattern.compile("KeyError: '([A-Za-z_][A-Za-z0-9_]*)'");
  private static final Pattern ENVIRON = Pattern.compile("environ\\b|environ\\[|getenv|\\bENV\\b");

  private RuntimeHints() {}

  static Optional<String> addressInUse(Evidence e) {
    Optional<String> line = Patterns.lastLine(e.tail(), IN_USE);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> port = lastPort(line.get());
    String which = port.map(p -> "port " + p).orElse("the address");
    String find = port.map(p -> "ss -ltnp 'sport = :" + p + "'").orElse("ss -ltnp");
    return Optional.of("another process already listens on " + which + ": often an earlier instance that "
        + "outlived a restart, another service, or numprocs copies binding one port; find it with " + find
        + (e.config().programName().equals(e.config().name()) ? "" : " and put %(process_num)d into the port"));
  }

  private static Optional<String> lastPort(String line) {
    Matcher m = PORT.matcher(line);
    String port = null;
    while (m.find()) {
      port = m.group(1);
    }
    return Optional.ofNullable(port);
  }

  static Optional<String> sigkill(Evidence e) {
    Optional<WaitStatus> s = e.reason().exit().filter(WaitStatus::isSignaled);
    if (s.isEmpty() || s.get().termSignal() != SignalNames.SIGKILL) {
      return Optional.empty();
    }
    var since = e.oomKillsSinceStart();
    if (since.isPresent() && since.getAsLong() > 0) {
      return Optional.of("SIGKILL while the kernel's OOM killer killed " + since.getAsLong() + " process(es) in "
          + "supervisor4j's cgroup: it most likely ran out of memory (see dmesg / journalctl -k for 'Out of "
          + "memory'); lower its memory use or raise the limit");
    }
    if (since.isPresent()) {
      return Optional.of("SIGKILL not sent by supervisor4j, and the cgroup's OOM counter did not move: someone "
          + "ran kill -9, or a watchdog or the host's OOM killer outside this cgroup did (possible OOM: check "
          + "dmesg / journalctl -k for 'Out of memory')");
    }
    return Optional.of("SIGKILL not sent by supervisor4j: possible OOM (check dmesg / journalctl -k for 'Out of "
        + "memory'; no cgroup OOM counter is readable here), or someone ran kill -9");
  }

  static Optional<String> crash(Evidence e) {
    Optional<WaitStatus> s = e.reason().exit().filter(WaitStatus::isSignaled);
    if (s.isEmpty() || s.get().termSignal() == SignalNames.SIGKILL) {
      return Optional.empty();
    }
    String name = SignalNames.signame(s.get().termSignal());
    String core = s.get().coreDumped() ? "; a core was dumped (coredumpctl list, or see /proc/sys/kernel/core_pattern)"
        : "";
    return Optional.of("it died of " + name + ", which supervisor4j did not send: a crash (" + name
        + " from a bug, a failed assertion or a missing library) or a signal from another process" + core);
  }

  static Optional<String> daemonizes(Evidence e) {
    Optional<WaitStatus> s = e.reason().exit().filter(st -> st.isExited() && st.exitCode() == 0);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    boolean quick = e.reason().secondsRun() < Math.max(1, e.reason().startsecs());
    if (!quick && e.survivors().isEmpty()) {
      return Optional.empty();
    }
    String left = e.survivors().isEmpty() ? "" : " and left pid(s) " + e.survivors() + " running";
    return Optional.of(String.format(Locale.ROOT, "it exited with status 0 after %.1f s%s: a program that puts "
        + "itself in the background (daemonizes) looks dead to supervisor4j; run it in the foreground (e.g. nginx "
        + "-g 'daemon off;', redis-server --daemonize no, httpd -DFOREGROUND) or wrap it with pidproxy; a one-shot "
        + "command wants startsecs=0 and autorestart=false", e.reason().secondsRun(), left));
  }

  static Optional<String> missingEnvironment(Evidence e) {
    Optional<String> name = Optional.empty();
    Optional<String> keyError = Patterns.lastMatch(e.tail(), KEY_ERROR);
    if (keyError.isPresent() && ENVIRON.matcher(e.tailText()).find()) {
      name = keyError;
    }
    for (int i = 0; i < MISSING_VARIABLE.size() && name.isEmpty(); i++) {
      name = Patterns.lastMatch(e.tail(), MISSING_VARIABLE.get(i));
    }
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String var = name.get();
    String value = e.launch().environment().get(var);
    if (value != null && !value.isEmpty()) {
      return Optional.empty();
    }
    String program = e.config().programName();
    return Optional.of(var + (value == null ? " is not in" : " is empty in") + " the program's environment: "
        + "supervisor4j passes its own environment from when it started plus environment=, not your shell's "
        + "exports, ~/.profile or a .env file; add environment=" + var + "=\"...\" to [program:" + program
        + "] (or to [supervisord] for every program)");
  }
}

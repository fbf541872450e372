package io.supervisor4j.rpc;

import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.diagnostics.Preflight;
import io.supervisor4j.diagnostics.Problem;
import io.supervisor4j.process.ProcessInfo;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * supervisor4j's own {@code supervisor4j.*} namespace, published next to {@code supervisor.*} the way an
 * rpcinterface plugin adds one: why a process failed ({@code explain}) and what is wrong with the configuration
 * ({@code check}). A client tells supervisor4j from supervisord by it (supervisord answers UNKNOWN_METHOD).
 */
public final class Supervisor4jApi {
  public static final String NAMESPACE = "supervisor4j";

  private Supervisor4jApi() {}

  public static List<RpcMethod> methods(DaemonControl control) {
    EngineCalls calls = new EngineCalls(control);
    return List.of(
        RpcMethod.of(NAMESPACE + ".explain", """
            Why a process is in BACKOFF, FATAL or EXITED: the cause, the last lines of its output, the user, HOME,
            working directory and command it was started with, and hints. 'explained' is false when no failure was
            recorded; 'current' is false when the explanation is of an earlier failure the process recovered from.
            'text' is the whole explanation as supervisorctl why prints it.

            @param string name Process name (or group:name)
            @return struct result     the explanation""", 1,
            args -> EngineCalls.answer(calls.running().getProcessInfo(args.string(0)), p -> explain(control, p))),
        RpcMethod.of(NAMESPACE + ".check", """
            Check the configuration read last as the running daemon sees it (users, commands, directories, HOME,
            log files, sockets) without starting anything: the problems with their fixes, and the table supervisorctl
            check prints.

            @return struct result     clean, processes, problems (program, check, message, fix) and table""", 0,
            args -> check(control.preflight())));
  }

  static Map<String, Object> explain(DaemonControl control, ProcessInfo p) {
    Optional<Explanation> current = FailureReasons.current(control, p).map(Supervisor4jApi::withNextStep);
    Optional<Explanation> any =
        current.or(() -> control.lastFailure(p.group(), p.name()).map(Supervisor4jApi::withNextStep));
    String reason = current.map(e -> FailureReasons.oneLine(e.cause())).orElse("");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("group", p.group());
    m.put("statename", p.statename());
    m.put("description", FailureDescriptions.description(p, reason, control.descriptions()));
    m.put("explained", any.isPresent());
    m.put("current", current.isPresent());
    m.put("reason", reason);
    m.put("failed_state", any.map(e -> e.state().name()).orElse(""));
    m.put("when", any.map(e -> (int) Math.min(Integer.MAX_VALUE, e.when().getEpochSecond())).orElse(0));
    m.put("cause", any.map(Explanation::cause).orElse(""));
    m.put("facts", strings(any.map(Explanation::facts)));
    m.put("tail_channel", any.map(Explanation::tailChannel).orElse(""));
    m.put("tail", strings(any.map(Explanation::tail)));
    m.put("user", any.map(Explanation::user).orElse(""));
    m.put("home", any.map(Explanation::home).orElse(""));
    m.put("cwd", any.map(Explanation::cwd).orElse(""));
    m.put("command", any.map(Explanation::command).orElse(""));
    m.put("hints", strings(any.map(Explanation::hints)));
    m.put("text", text(p, current, any));
    return m;
  }

  /** When no rule knew the cause, the hint is where to look next (a why with no hint at all helps nobody). */
  static Explanation withNextStep(Explanation e) {
    if (!e.hints().isEmpty()) {
      return e;
    }
    String hint = "no known cause matched: read the whole log (supervisorctl tail " + e.namespec() + " "
        + e.tailChannel() + ") and run the command by hand as " + e.user() + " in " + e.cwd();
    return new Explanation(e.group(), e.name(), e.state(), e.cause(), e.facts(), e.tail(), e.tailChannel(), e.user(),
        e.home(), e.cwd(), e.command(), List.of(hint), e.when());
  }

  private static String text(ProcessInfo p, Optional<Explanation> current, Optional<Explanation> any) {
    String spec = p.group().equals(p.name()) ? p.name() : p.group() + ":" + p.name();
    String now = p.statename() + (p.description().isEmpty() ? "" : " (" + p.description() + ")");
    ZoneId zone = ZoneId.systemDefault();
    if (current.isPresent()) {
      return current.get().render(zone);
    }
    if (any.isPresent()) {
      return spec + " is " + now + "; the last failure was:\n" + any.get().render(zone);
    }
    return spec + ": " + now + "; no failure recorded\n";
  }

  private static List<Object> strings(Optional<List<String>> list) {
    return new ArrayList<>(list.orElse(List.of()));
  }

  static Map<String, Object> check(Preflight.Report report) {
    List<Object> problems = new ArrayList<>();
    for (Problem p : report.problems()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("program", p.program());
      m.put("check", p.check());
      m.put("message", p.message());
      m.put("fix", p.fix());
      problems.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clean", report.clean());
    m.put("processes", report.processes());
    m.put("elapsed_ms", (int) Math.min(Integer.MAX_VALUE, report.elapsed().toMillis()));
    m.put("problems", problems);
    m.put("table", report.table());
    return m;
  }
}

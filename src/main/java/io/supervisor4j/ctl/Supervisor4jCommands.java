package io.supervisor4j.ctl;

import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import io.supervisor4j.rpc.Supervisor4jApi;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commands supervisor4j adds to supervisorctl's set, answered by the daemon's {@code supervisor4j.*} namespace;
 * {@code help} lists them in their own block. Against supervisord (which has no such namespace) they say so.
 */
final class Supervisor4jCommands {
  private Supervisor4jCommands() {}

  static List<CtlCommand> all() {
    return List.of(
        CtlCommand.of("why", Supervisor4jCommands::why, """
            why <name>\t\tExplain why a process failed: cause, last output, user, HOME,
            \t\t\tcwd, command and hints (supervisor4j only)"""),
        CtlCommand.of("check", Supervisor4jCommands::check, """
            check\t\t\tCheck the configuration read last as the running daemon sees it
            \t\t\t(users, commands, directories, HOME, logs) and print each problem
            \t\t\twith its fix; exit status 1 when there are problems (supervisor4j only)"""));
  }

  /** {@code why <name>}: the daemon's explanation of the process's failure, or that nothing failed. */
  static void why(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> names = ProcessCommands.words(arg);
    if (names.size() != 1) {
      ctl.output("Error: why requires exactly one process name");
      ctl.setExitStatus(ExitStatus.GENERIC);
      ctl.output(ctl.find("why").orElseThrow().help());
      return;
    }
    String name = names.getFirst();
    try {
      call(ctl, "why", "explain", name).ifPresent(r -> ctl.output(stripEnd(Structs.str(r, "text"))));
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      if (!f.is(RpcFaults.BAD_NAME)) {
        throw f;
      }
      ctl.output(name + ": ERROR (no such process)");
    }
  }

  /** {@code check}: the preflight table of the running daemon's configuration; exit status 1 on problems. */
  static void check(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    if (!arg.isBlank()) {
      ctl.output("Error: check accepts no arguments");
      ctl.setExitStatus(ExitStatus.GENERIC);
      ctl.output(ctl.find("check").orElseThrow().help());
      return;
    }
    call(ctl, "check", "check").ifPresent(r -> {
      ctl.output(stripEnd(Structs.str(r, "table")));
      if (!Structs.truthy(r, "clean")) {
        ctl.setExitStatus(ExitStatus.GENERIC);
      }
    });
  }

  /** {@code supervisor4j.<method>}; empty (after saying why) when the server is not supervisor4j. */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> call(Controller ctl, String command, String method, Object... params) {
    try {
      return Optional.of((Map<String, Object>) ctl.rpc().call(Supervisor4jApi.NAMESPACE + "." + method, params));
    } catch (RpcFault f) {
      if (!f.is(RpcFaults.UNKNOWN_METHOD)) {
        throw f;
      }
      ctl.output("Sorry, " + ctl.serverUrl() + " is not supervisor4j (it has no supervisor4j.* methods): '"
          + command + "' needs supervisor4j's daemon.");
      ctl.setExitStatus(ExitStatus.UNIMPLEMENTED_FEATURE);
      return Optional.empty();
    }
  }

  private static String stripEnd(String s) {
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}

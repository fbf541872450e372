package io.supervisor4j.ctl;

import io.supervisor4j.process.Namespec;
import static io.supervisor4j.ctl.Structs.integer;
import static io.supervisor4j.ctl.Structs.str;

import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** status, start, stop, restart, signal, pid and clear: the commands that act on processes by namespec. */
final class ProcessCommands {
  private ProcessCommands() {}

  /** STOPPED, EXITED, FATAL, UNKNOWN. */
  private static final List<Integer> STOPPED_STATES = List.of(0, 100, 200, 1000);
  private static final int RUNNING = 20;
  private static final Optional<RpcFaults> NONE = Optional.empty();

  static List<CtlCommand> all() {
    return List.of(
        CtlCommand.of("status", ProcessCommands::status, """
            status <name>\t\tGet status for a single process
            status <gname>:*\tGet status for all processes in a group
            status <name> <name>\tGet status for multiple named processes
            status\t\t\tGet all process status info"""),
        CtlCommand.of("start", ProcessCommands::start, """
            start <name>\t\tStart a process
            start <gname>:*\t\tStart all processes in a group
            start <name> <name>\tStart multiple processes or groups
            start all\t\tStart all processes"""),
        CtlCommand.of("stop", ProcessCommands::stop, """
            stop <name>\t\tStop a process
            stop <gname>:*\t\tStop all processes in a group
            stop <name> <name>\tStop multiple processes or groups
            stop all\t\tStop all processes"""),
        CtlCommand.of("restart", ProcessCommands::restart, """
            restart <name>\t\tRestart a process
            restart <gname>:*\tRestart all processes in a group
            restart <name> <name>\tRestart multiple processes or groups
            restart all\t\tRestart all processes
            Note: restart does not reread config files. For that, see reread and update."""),
        CtlCommand.of("signal", ProcessCommands::signal, """
            signal <signal name> <name>\t\tSignal a process
            signal <signal name> <gname>:*\t\tSignal all processes in a group
            signal <signal name> <name> <name>\tSignal multiple processes or groups
            signal <signal name> all\t\tSignal all processes"""),
        CtlCommand.of("pid", ProcessCommands::pid, """
            pid\t\t\tGet the PID of supervisord.
            pid <name>\t\tGet the PID of a single child process by name.
            pid all\t\t\tGet the PID of every child process, one per line."""),
        CtlCommand.of("clear", ProcessCommands::clear, """
            clear <name>\t\tClear a process' log files.
            clear <name> <name>\tClear multiple process' log files
            clear all\t\tClear all process' log files"""));
  }

  static List<String> words(String arg) {
    String s = arg.strip();
    return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
  }

  private static void helpOf(Controller ctl, String name) {
    ctl.find(name).ifPresent(c -> ctl.output(c.help()));
  }

  static void status(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      ctl.setExitStatus(ExitStatus.STATUS_UNKNOWN);
      return;
    }
    List<Map<String, Object>> all = ctl.callList("getAllProcessInfo");
    List<String> names = words(arg);
    List<Map<String, Object>> matching = new ArrayList<>();
    if (names.isEmpty() || names.contains("all")) {
      matching.addAll(all);
    } else {
      for (String name : names) {
        Namespec spec = Namespec.parse(name);
        boolean bad = true;
        for (Map<String, Object> info : all) {
          boolean matched = str(info, "group").equals(spec.group())
              && spec.process().map(p -> p.equals(str(info, "name"))).orElse(true);
          if (matched) {
            bad = false;
            matching.add(info);
          }
        }
        if (bad) {
          ctl.output(spec.process().isEmpty()
              ? spec.group() + ": ERROR (no such group)"
              : name + ": ERROR (no such process)");
          ctl.setExitStatus(ExitStatus.STATUS_UNKNOWN);
        }
      }
    }
    StatusTable.lines(matching).forEach(ctl::output);
    for (Map<String, Object> info : matching) {
      if (STOPPED_STATES.contains(integer(info, "state"))) {
        ctl.setExitStatus(ExitStatus.STATUS_NOT_RUNNING);
      }
    }
  }

  static String startResult(Map<String, Object> result) {
    String name = Structs.namespec(result);
    int code = integer(result, "status");
    String reason = switch (RpcFaults.fromCode(code).orElse(RpcFaults.FAILED)) {
      case BAD_NAME -> "no such process";
      case NO_FILE -> "no such file";
      case NOT_EXECUTABLE -> "file is not executable";
      case ALREADY_STARTED -> "already started";
      case SPAWN_ERROR -> "spawn error";
      case ABNORMAL_TERMINATION -> "abnormal termination";
      case SUCCESS -> "";
      default -> throw new UnknownResultCode(code, name, 761);
    };
    return code == RpcFaults.SUCCESS.code() ? name + ": started" : name + ": ERROR (" + reason + ")";
  }

  static String signalResult(Map<String, Object> result, String success, int pythonLine) {
    String name = Structs.namespec(result);
    int code = integer(result, "status");
    return switch (RpcFaults.fromCode(code).orElse(RpcFaults.UNKNOWN_METHOD)) {
      case BAD_NAME -> name + ": ERROR (no such process)";
      case BAD_SIGNAL -> name + ": ERROR (bad signal name)";
      case NOT_RUNNING -> name + ": ERROR (not running)";
      case SUCCESS -> name + ": " + success;
      case FAILED -> str(result, "description");
      default -> throw new UnknownResultCode(code, name, pythonLine);
    };
  }

  private static String stopResult(Map<String, Object> result) {
    return signalResult(result, "stopped", 835);
  }

  /** A fault on a single-process call, shaped like a result struct as supervisorctl builds it. */
  private static Map<String, Object> faultResult(RpcFault f, Namespec spec) {
    return Map.of("status", f.code(), "name", spec.process().orElse("None"), "group", spec.group(),
        "description", f.faultString());
  }

  static void start(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> names = words(arg);
    if (names.isEmpty()) {
      ctl.output("Error: start requires a process name");
      ctl.setExitStatus(ExitStatus.INVALID_ARGS);
      helpOf(ctl, "start");
      return;
    }
    apply(ctl, names, new Action("start", "started", ProcessCommands::startResult,
        Optional.of(RpcFaults.ALREADY_STARTED), ExitStatus.INVALID_ARGS, true));
  }

  static void stop(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> names = words(arg);
    if (names.isEmpty()) {
      ctl.output("Error: stop requires a process name");
      ctl.setExitStatus(ExitStatus.GENERIC);
      helpOf(ctl, "stop");
      return;
    }
    apply(ctl, names, new Action("stop", "stopped", ProcessCommands::stopResult,
        Optional.of(RpcFaults.NOT_RUNNING), ExitStatus.GENERIC, true));
  }

  static void restart(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    if (words(arg).isEmpty()) {
      ctl.output("Error: restart requires a process name");
      ctl.setExitStatus(ExitStatus.GENERIC);
      helpOf(ctl, "restart");
      return;
    }
    stop(ctl, arg);
    start(ctl, arg);
  }

  static void signal(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> args = words(arg);
    if (args.size() < 2) {
      ctl.output("Error: signal requires a signal name and a process name");
      helpOf(ctl, "signal");
      ctl.setExitStatus(ExitStatus.GENERIC);
      return;
    }
    String sig = args.getFirst();
    apply(ctl, args.subList(1, args.size()), new Action("signal", "signalled", r -> signalResult(r, "signalled", 835),
        NONE, ExitStatus.GENERIC, false, sig));
  }

  /**
   * What do_start, do_stop and do_signal share: {@code all}, a group or one process, each result printed and turned
   * into the exit status. They differ in the fault a result may carry without failing ({@code ignore}), the exit
   * status of an unknown group, and whether another fault on a group call sets the generic exit status first.
   */
  private record Action(String verb, String success, Function<Map<String, Object>, String> format,
      Optional<RpcFaults> ignore, int noSuchGroupStatus, boolean genericOnOtherFault, Object... extra) {}

  private static void apply(Controller ctl, List<String> names, Action a) {
    if (names.contains("all")) {
      printResults(ctl, a, ctl.callList(a.verb() + "AllProcesses", a.extra()));
      return;
    }
    for (String name : names) {
      Namespec spec = Namespec.parse(name);
      if (spec.process().isEmpty()) {
        try {
          printResults(ctl, a, ctl.callList(a.verb() + "ProcessGroup", params(spec.group(), a.extra())));
        } catch (RpcFault f) {
          if (a.genericOnOtherFault()) {
            ctl.setExitStatus(ExitStatus.GENERIC);
          }
          if (!f.is(RpcFaults.BAD_NAME)) {
            throw f;
          }
          ctl.output(spec.group() + ": ERROR (no such group)");
          ctl.setExitStatus(a.noSuchGroupStatus());
        }
      } else {
        try {
          ctl.call(a.verb() + "Process", params(name, a.extra()));
          ctl.output(Namespec.of(spec.group(), spec.process().get()) + ": " + a.success());
        } catch (RpcFault f) {
          ctl.output(a.format().apply(faultResult(f, spec)));
          ctl.setExitStatusFromFault(f.code(), a.ignore());
        }
      }
    }
  }

  private static void printResults(Controller ctl, Action a, List<Map<String, Object>> results) {
    for (Map<String, Object> r : results) {
      ctl.output(a.format().apply(r));
      ctl.setExitStatusFromFault(integer(r, "status"), a.ignore());
    }
  }

  private static Object[] params(String first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }


  static void pid(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> names = words(arg);
    if (names.isEmpty()) {
      ctl.output(String.valueOf(ctl.call("getPID")));
    } else if (names.contains("all")) {
      for (Map<String, Object> info : ctl.callList("getAllProcessInfo")) {
        ctl.output(String.valueOf(integer(info, "pid")));
      }
    } else {
      for (String name : names) {
        try {
          int pid = integer(ctl.callStruct("getProcessInfo", name), "pid");
          ctl.output(String.valueOf(pid));
          if (pid == 0) {
            ctl.setExitStatus(ExitStatus.NOT_RUNNING);
          }
        } catch (RpcFault f) {
          ctl.setExitStatus(ExitStatus.GENERIC);
          if (!f.is(RpcFaults.BAD_NAME)) {
            throw f;
          }
          ctl.output("No such process " + name);
        }
      }
    }
  }

  private static String clearResult(Map<String, Object> result) {
    String name = Structs.namespec(result);
    int code = integer(result, "status");
    if (code == RpcFaults.BAD_NAME.code()) {
      return name + ": ERROR (no such process)";
    } else if (code == RpcFaults.FAILED.code()) {
      return name + ": ERROR (failed)";
    } else if (code == RpcFaults.SUCCESS.code()) {
      return name + ": cleared";
    }
    throw new UnknownResultCode(code, name, 1260);
  }

  static void clear(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> names = words(arg);
    if (names.isEmpty()) {
      ctl.output("Error: clear requires a process name");
      ctl.setExitStatus(ExitStatus.GENERIC);
      helpOf(ctl, "clear");
      return;
    }
    if (names.contains("all")) {
      for (Map<String, Object> r : ctl.callList("clearAllProcessLogs")) {
        ctl.output(clearResult(r));
        ctl.setExitStatusFromFault(integer(r, "status"), NONE);
      }
      return;
    }
    for (String name : names) {
      Namespec spec = Namespec.parse(name);
      try {
        ctl.call("clearProcessLogs", name);
        ctl.output(Namespec.of(spec.group(), spec.process().orElse("None")) + ": cleared");
      } catch (RpcFault f) {
        ctl.output(clearResult(faultResult(f, spec)));
        ctl.setExitStatusFromFault(f.code(), NONE);
      }
    }
  }

  static boolean isRunning(Map<String, Object> info) {
    return integer(info, "state") == RUNNING;
  }
}

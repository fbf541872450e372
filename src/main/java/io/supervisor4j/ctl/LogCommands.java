package io.supervisor4j.ctl;

import io.supervisor4j.rpc.LogStream;
import io.supervisor4j.rpc.RpcConnectionException;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import io.supervisor4j.rpc.RpcProtocolException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/** tail, maintail and fg: reading process and main logs, once or following them. */
final class LogCommands {
  private LogCommands() {}

  static List<CtlCommand> all() {
    return List.of(
        CtlCommand.of("tail", LogCommands::tail, """
            tail [-f] <name> [stdout|stderr] (default stdout)
            Ex:
            tail -f <name>\t\tContinuous tail of named process stdout
            \t\t\tCtrl-C to exit.
            tail -100 <name>\tlast 100 *bytes* of process stdout
            tail <name> stderr\tlast 1600 *bytes* of process stderr"""),
        CtlCommand.of("maintail", LogCommands::maintail, """
            maintail -f \tContinuous tail of supervisor main log file (Ctrl-C to exit)
            maintail -100\tlast 100 *bytes* of supervisord main log file
            maintail\tlast 1600 *bytes* of supervisor main log file
            """),
        CtlCommand.of("fg", LogCommands::fg, """
            fg <process>\tConnect to a process in foreground mode
            \t\tCtrl-C to exit"""));
  }

  static void tail(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> args = new ArrayList<>(ProcessCommands.words(arg));
    if (args.isEmpty() || args.size() > 3) {
      ctl.output(args.isEmpty() ? "Error: too few arguments" : "Error: too many arguments");
      ctl.setExitStatus(ExitStatus.GENERIC);
      ctl.output(ctl.find("tail").orElseThrow().help());
      return;
    }
    Optional<String> modifier = args.getFirst().startsWith("-") ? Optional.of(args.removeFirst()) : Optional.empty();
    String name;
    String channel = "stdout";
    if (args.size() == 1) {
      name = args.getFirst();
    } else if (!args.isEmpty()) {
      name = args.getFirst();
      channel = args.getLast().toLowerCase(Locale.ROOT);
      if (!channel.equals("stderr") && !channel.equals("stdout")) {
        ctl.output("Error: bad channel " + PyText.repr(channel));
        ctl.setExitStatus(ExitStatus.GENERIC);
        return;
      }
    } else {
      ctl.output("Error: tail requires process name");
      ctl.setExitStatus(ExitStatus.GENERIC);
      return;
    }
    int bytes = 1600;
    if (modifier.isPresent()) {
      String what = modifier.get().substring(1);
      if (what.equals("f")) {
        follow(ctl, "/logtail/" + name + "/" + channel);
        return;
      }
      OptionalInt n = pyInt(what);
      if (n.isEmpty()) {
        ctl.output("Error: bad argument " + modifier.get());
        ctl.setExitStatus(ExitStatus.GENERIC);
        return;
      }
      bytes = n.getAsInt();
    }
    try {
      String method = channel.equals("stdout") ? "readProcessStdoutLog" : "readProcessStderrLog";
      ctl.output(String.valueOf(ctl.call(method, name, -bytes, 0)));
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      String reason = switch (RpcFaults.fromCode(f.code()).orElse(RpcFaults.UNKNOWN_METHOD)) {
        case NO_FILE -> "no log file";
        case FAILED -> "unknown error reading log";
        case BAD_NAME -> "no such process name";
        default -> throw f;
      };
      ctl.output(name + ": ERROR (" + reason + ")");
    }
  }

  static void maintail(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> args = ProcessCommands.words(arg);
    int bytes = 1600;
    if (args.size() > 1) {
      ctl.output("Error: too many arguments");
      ctl.setExitStatus(ExitStatus.GENERIC);
      ctl.output(ctl.find("maintail").orElseThrow().help());
      return;
    } else if (args.size() == 1) {
      String a = args.getFirst();
      OptionalInt n = OptionalInt.empty();
      if (a.startsWith("-")) {
        if (a.substring(1).equals("f")) {
          follow(ctl, "/mainlogtail");
          return;
        }
        n = pyInt(a.substring(1));
      }
      if (n.isEmpty()) {
        ctl.output("Error: bad argument " + a);
        ctl.setExitStatus(ExitStatus.GENERIC);
        return;
      }
      bytes = n.getAsInt();
    }
    try {
      ctl.output(String.valueOf(ctl.call("readLog", -bytes, 0)));
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      if (f.is(RpcFaults.NO_FILE)) {
        ctl.output("supervisord: ERROR (no log file)");
      } else if (f.is(RpcFaults.FAILED)) {
        ctl.output("supervisord: ERROR (unknown error reading log)");
      } else {
        throw f;
      }
    }
  }

  /** Python's {@code int(text)} for a decimal: optional sign, digits with single underscores between them. */
  static OptionalInt pyInt(String text) {
    String s = text.strip();
    if (!s.matches("[+-]?[0-9]+(_[0-9]+)*")) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(s.replace("_", "")));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** {@code tail -f} / {@code maintail -f}: streams the server's follow-mode log until Ctrl-C or its end. */
  private static void follow(Controller ctl, String path) {
    ctl.output("==> Press Ctrl-C to exit <==");
    AtomicBoolean interrupted = new AtomicBoolean();
    Optional<LogStream> stream = open(ctl, path);
    if (stream.isEmpty()) {
      return;
    }
    LogStream s = stream.get();
    LineInput.Interruption hook = ctl.input().onInterrupt(() -> {
      interrupted.set(true);
      s.close();
    });
    try {
      pump(ctl, s);
    } finally {
      hook.close();
      s.close();
    }
    if (interrupted.get()) {
      ctl.output("");
    }
  }

  private static Optional<LogStream> open(Controller ctl, String path) {
    String url = ctl.serverUrl() + path;
    try {
      return Optional.of(ctl.rpc().stream(path));
    } catch (RpcProtocolException e) {
      ctl.errorOutput(url + " Cannot read, status code " + e.status());
    } catch (RpcConnectionException e) {
      ctl.errorOutput(url + " Cannot connect, error: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static void pump(Controller ctl, LogStream s) {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = s.read(buf)) >= 0; ) {
        ctl.write(buf, n);
      }
    } catch (IOException e) {
      // closed on Ctrl-C or by the server: either way the tail ends
    }
  }

  static void fg(Controller ctl, String arg) {
    if (!ctl.upcheck()) {
      return;
    }
    List<String> names = ProcessCommands.words(arg);
    if (names.isEmpty()) {
      ctl.output("ERROR: no process name supplied");
      ctl.setExitStatus(ExitStatus.GENERIC);
      ctl.output(ctl.find("fg").orElseThrow().help());
      return;
    }
    if (names.size() > 1) {
      ctl.output("ERROR: too many process names supplied");
      ctl.setExitStatus(ExitStatus.GENERIC);
      return;
    }
    String name = names.getFirst();
    Map<String, Object> info;
    try {
      info = ctl.callStruct("getProcessInfo", name);
    } catch (RpcFault f) {
      if (f.is(RpcFaults.BAD_NAME)) {
        ctl.output("ERROR: bad process name supplied");
        ctl.setExitStatus(ExitStatus.GENERIC);
      } else {
        ctl.output("ERROR: " + pyStr(f));
      }
      return;
    }
    if (!ProcessCommands.isRunning(info)) {
      ctl.output("ERROR: process not running");
      ctl.setExitStatus(ExitStatus.GENERIC);
      return;
    }
    ctl.output("==> Press Ctrl-C to exit <==");
    List<LogStream> streams = new ArrayList<>();
    try {
      for (String channel : List.of("stdout", "stderr")) {
        open(ctl, "/logtail/" + name + "/" + channel).ifPresent(s -> {
          streams.add(s);
          Thread.ofPlatform().daemon().name("fg-" + channel).start(() -> pump(ctl, s));
        });
      }
      forwardInput(ctl, name);
    } catch (CtlInterrupted e) {
      ctl.output("Exiting foreground");
    } finally {
      streams.forEach(LogStream::close);
    }
  }

  /** Sends each typed line to the process until it stops, input ends or Ctrl-C. */
  private static void forwardInput(Controller ctl, String name) {
    while (true) {
      Optional<String> line = ctl.input().readLine("");
      if (line.isEmpty()) {
        ctl.output("Exiting foreground");
        return;
      }
      try {
        ctl.call("sendProcessStdin", name, line.get() + "\n");
      } catch (RpcFault f) {
        ctl.output(f.is(RpcFaults.NOT_RUNNING) ? "Process got killed" : "ERROR: " + pyStr(f));
        ctl.output("Exiting foreground");
        return;
      }
      if (!ProcessCommands.isRunning(ctl.callStruct("getProcessInfo", name))) {
        ctl.output("Process got killed");
        ctl.output("Exiting foreground");
        return;
      }
    }
  }

  /** Python's {@code str()} of an xmlrpc.client.Fault. */
  static String pyStr(RpcFault f) {
    return "<Fault " + f.code() + ": " + PyText.repr(f.faultString()) + ">";
  }
}

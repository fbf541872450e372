package io.supervisor4j.ctl;

import io.supervisor4j.rpc.RpcConnectionException;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.util.List;
import java.util.Locale;

/** shutdown, reload, version, open, quit and exit: the server itself and the session. */
final class ServerCommands {
  private ServerCommands() {}

  static List<CtlCommand> all() {
    CtlCommand.Handler leave = (ctl, arg) -> {
      ctl.output("");
      return true;
    };
    return List.of(
        CtlCommand.of("shutdown", ServerCommands::shutdown, "shutdown \tShut the remote supervisord down."),
        CtlCommand.of("reload", ServerCommands::reload, "reload \t\tRestart the remote supervisord."),
        CtlCommand.of("version", ServerCommands::version,
            "version\t\t\tShow the version of the remote supervisord process"),
        CtlCommand.of("open", ServerCommands::open, """
            open <url>\tConnect to a remote supervisord process.
            \t\t(for UNIX domain socket, use unix:///socket/path)"""),
        new CtlCommand("quit", leave, "quit\tExit the supervisor shell."),
        new CtlCommand("exit", leave, "exit\tExit the supervisor shell."));
  }

  /** In the shell, asks {@code question}; anything starting with y/Y confirms. One-shot commands never ask. */
  private static boolean confirmed(Controller ctl, String question) {
    if (!ctl.interactive()) {
      return true;
    }
    return ctl.input().readLine(question).orElse("").toLowerCase(Locale.ROOT).startsWith("y");
  }

  static void shutdown(Controller ctl, String arg) {
    if (!ctl.noArguments("shutdown", arg)
        || !confirmed(ctl, "Really shut the remote supervisord process down y/N? ")) {
      return;
    }
    try {
      ctl.call("shutdown");
      ctl.output("Shut down");
    } catch (RpcFault f) {
      if (!f.is(RpcFaults.SHUTDOWN_STATE)) {
        ctl.setExitStatus(ExitStatus.GENERIC);
        throw f;
      }
      // supervisorctl 4.2.5 leaves the exit status alone here
      ctl.output("ERROR: already shutting down");
    } catch (RpcConnectionException e) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      switch (e.reason()) {
        case REFUSED -> ctl.output("ERROR: " + ctl.serverUrl() + " refused connection (already shut down?)");
        case NO_SUCH_FILE -> ctl.output("ERROR: " + ctl.serverUrl() + " no such file (already shut down?)");
        default -> throw e;
      }
    }
  }

  static void reload(Controller ctl, String arg) {
    if (!ctl.noArguments("reload", arg)
        || !confirmed(ctl, "Really restart the remote supervisord process y/N? ")) {
      return;
    }
    try {
      ctl.call("restart");
      ctl.output("Restarted supervisord");
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      if (!f.is(RpcFaults.SHUTDOWN_STATE)) {
        throw f;
      }
      ctl.output("ERROR: already shutting down");
    }
  }

  static void version(Controller ctl, String arg) {
    if (!ctl.noArguments("version", arg) || !ctl.upcheck()) {
      return;
    }
    ctl.output(String.valueOf(ctl.call("getSupervisorVersion")));
  }

  static void open(Controller ctl, String arg) {
    String url = arg.strip();
    int colon = url.indexOf(':');
    String scheme = colon > 0 && url.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
        ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
    if (!scheme.equals("unix") && !scheme.equals("http")) {
      ctl.output("ERROR: url must be http:// or unix://");
      ctl.setExitStatus(ExitStatus.GENERIC);
      return;
    }
    ctl.setServerUrl(url);
    int before = ctl.exitStatus();
    ProcessCommands.status(ctl, "");
    ctl.setExitStatus(before);
  }
}

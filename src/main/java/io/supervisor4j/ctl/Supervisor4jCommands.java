package io.supervisor4j.ctl;

import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.util.List;

/** Commands supervisor4j adds to supervisorctl's set; {@code help} lists them in their own block. */
final class Supervisor4jCommands {
  private Supervisor4jCommands() {}

  static List<CtlCommand> all() {
    return List.of(CtlCommand.of("why", Supervisor4jCommands::why,
        "why <name>\t\tExplain the state of a process"));
  }

  /** {@code why <name>}: the server's description of the process (spawn error, exit time, uptime). */
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
      ctl.output(Structs.str(ctl.callStruct("getProcessInfo", name), "description"));
    } catch (RpcFault f) {
      ctl.setExitStatus(ExitStatus.GENERIC);
      if (!f.is(RpcFaults.BAD_NAME)) {
        throw f;
      }
      ctl.output("No such process " + name);
    }
  }
}

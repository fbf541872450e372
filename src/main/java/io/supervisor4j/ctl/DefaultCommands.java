package io.supervisor4j.ctl;

import java.util.ArrayList;
import java.util.List;

/** supervisorctl 4.2.5's own command set (its "default" plugin). */
final class DefaultCommands {
  private DefaultCommands() {}

  static List<CtlCommand> all() {
    List<CtlCommand> all = new ArrayList<>();
    all.addAll(ProcessCommands.all());
    all.addAll(LogCommands.all());
    all.addAll(ConfigCommands.all());
    all.addAll(ServerCommands.all());
    return all;
  }
}

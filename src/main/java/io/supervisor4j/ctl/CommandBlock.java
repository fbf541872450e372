package io.supervisor4j.ctl;

import java.util.List;

/**
 * A named set of commands, listed by {@code help} under {@code <name> commands (type help <topic>):} the way
 * supervisorctl lists each controller plugin. "default" holds supervisorctl's own commands.
 */
public record CommandBlock(String name, List<CtlCommand> commands) {
  public CommandBlock {
    commands = List.copyOf(commands);
  }
}

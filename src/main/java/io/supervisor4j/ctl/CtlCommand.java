package io.supervisor4j.ctl;

/**
 * One supervisorctl action: its name, what it does with the rest of the line, and its {@code help <name>} text
 * (printed as one block; may contain newlines).
 */
public record CtlCommand(String name, Handler handler, String help) {

  /** Runs the action; returns true when the shell should end (quit, exit, EOF). */
  @FunctionalInterface
  public interface Handler {
    boolean run(Controller ctl, String arg);
  }

  /** A command that never ends the shell. */
  static CtlCommand of(String name, java.util.function.BiConsumer<Controller, String> action, String help) {
    return new CtlCommand(name, (ctl, arg) -> {
      action.accept(ctl, arg);
      return false;
    }, help);
  }
}

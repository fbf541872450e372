package io.supervisor4j.process;

/** The outcome of one spawn attempt by a {@link ProcessLauncher}. */
public sealed interface Launch {

  /** The child exists; its exit must later be reported with {@link Supervisor#childExited(int, int)}. */
  record Launched(int pid) implements Launch {}

  /**
   * No child was created. {@code spawnerr} is supervisord's message (e.g. {@code can't find command 'x'},
   * {@code Too many processes in process table to spawn 'x'}); {@code fault} is NO_FILE or NOT_EXECUTABLE for
   * command resolution errors (what {@code startProcess} reports before spawning), SPAWN_ERROR otherwise.
   */
  record Failed(String spawnerr, Fault fault) implements Launch {}
}

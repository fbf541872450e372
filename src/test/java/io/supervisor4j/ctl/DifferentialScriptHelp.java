package io.supervisor4j.ctl;

/** The supervisor4j block {@code help} adds after supervisorctl's default block. */
final class DifferentialScriptHelp {
  private DifferentialScriptHelp() {}

  static final String S4J_BLOCK = "\nsupervisor4j commands (type help <topic>):\n" + "=".repeat(42) + "\ncheck  why\n\n";

  static String withoutS4jBlock(String text) {
    return text.endsWith(S4J_BLOCK) ? text.substring(0, text.length() - S4J_BLOCK.length()) : text;
  }
}

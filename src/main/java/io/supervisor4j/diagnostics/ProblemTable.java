package io.supervisor4j.diagnostics;

import java.util.List;

/** Renders a preflight report as a table: one row per problem, its fix on the next line. */
final class ProblemTable {
  private ProblemTable() {}

  static String render(Preflight.Report report) {
    List<Problem> problems = report.problems();
    long ms = report.elapsed().toMillis();
    String checked = report.processes() + (report.processes() == 1 ? " process" : " processes") + " checked in "
        + ms + " ms";
    if (problems.isEmpty()) {
      return "OK: " + checked + ", no problems found\n";
    }
    int w1 = Math.max("PROGRAM".length(), problems.stream().mapToInt(p -> p.program().length()).max().orElse(0));
    int w2 = Math.max("CHECK".length(), problems.stream().mapToInt(p -> p.check().length()).max().orElse(0));
    String row = "%-" + w1 + "s  %-" + w2 + "s  %s\n";
    StringBuilder sb = new StringBuilder(String.format(row, "PROGRAM", "CHECK", "PROBLEM"));
    for (Problem p : problems) {
      sb.append(String.format(row, p.program(), p.check(), p.message()));
      sb.append(String.format(row, "", "", "fix: " + p.fix()));
    }
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(" (")
        .append(checked).append(")\n");
    return sb.toString();
  }
}

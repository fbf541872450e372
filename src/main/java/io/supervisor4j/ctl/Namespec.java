package io.supervisor4j.ctl;

import java.util.Optional;

/**
 * A process specification as users type it: {@code name} (group and process both {@code name}),
 * {@code group:name}, or {@code group:*} / {@code group:} (the whole group, no process).
 */
public record Namespec(String group, Optional<String> process) {

  public static Namespec parse(String spec) {
    int colon = spec.indexOf(':');
    if (colon < 0) {
      return new Namespec(spec, Optional.of(spec));
    }
    String process = spec.substring(colon + 1);
    boolean wholeGroup = process.isEmpty() || process.equals("*");
    return new Namespec(spec.substring(0, colon), wholeGroup ? Optional.empty() : Optional.of(process));
  }

  /** {@code name} when group and process are the same, else {@code group:name}. */
  public static String make(String group, String process) {
    return group.equals(process) ? process : group + ":" + process;
  }

}

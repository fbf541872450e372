package io.supervisor4j.process;

import java.util.Optional;

/**
 * A process or group reference as supervisord writes it: {@code group:process}; {@code group:} or
 * {@code group:*} for the whole group; a bare {@code name} for group {@code name}, process {@code name}.
 *
 * @param process empty when the spec names the whole group
 */
public record Namespec(String group, Optional<String> process) {

  /** supervisord's {@code split_namespec}. */
  public static Namespec parse(String namespec) {
    int colon = namespec.indexOf(':');
    if (colon < 0) {
      return new Namespec(namespec, Optional.of(namespec));
    }
    String process = namespec.substring(colon + 1);
    boolean whole = process.isEmpty() || process.equals("*");
    return new Namespec(namespec.substring(0, colon), whole ? Optional.empty() : Optional.of(process));
  }

  /** supervisord's {@code make_namespec}: the short form when group and process names are equal. */
  public static String of(String group, String process) {
    return group.equals(process) ? process : group + ":" + process;
  }
}

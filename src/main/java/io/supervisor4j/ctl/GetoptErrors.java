package io.supervisor4j.ctl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;

/** Python getopt's wording for the option error picocli found, found again by walking argv as getopt does. */
final class GetoptErrors {
  private GetoptErrors() {}

  private static final String SHORT_VALUED = "csupr";
  private static final String SHORT_FLAGS = "ih?";
  private static final List<String> LONG_VALUED =
      List.of("configuration", "serverurl", "username", "password", "history_file");
  private static final List<String> LONG_FLAGS = List.of("interactive", "help");

  static String describe(String[] argv, CommandLine.ParameterException e) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--") || !a.startsWith("-") || a.equals("-")) {
        break;
      }
      if (a.startsWith("--")) {
        String[] nv = a.substring(2).split("=", 2);
        List<String> matches = new ArrayList<>();
        for (String o : concat(LONG_VALUED, LONG_FLAGS)) {
          if (o.equals(nv[0])) {
            matches = List.of(o);
            break;
          }
          if (o.startsWith(nv[0])) {
            matches.add(o);
          }
        }
        if (matches.isEmpty()) {
          return "option --" + nv[0] + " not recognized";
        }
        if (matches.size() > 1) {
          return "option --" + nv[0] + " not a unique prefix";
        }
        String full = matches.getFirst();
        if (LONG_VALUED.contains(full)) {
          if (nv.length == 1) {
            if (i + 1 >= argv.length) {
              return "option --" + full + " requires argument";
            }
            i++;
          }
        } else if (nv.length == 2) {
          return "option --" + full + " must not have an argument";
        }
        if (!full.equals("help") && !seen.add(full.equals("history_file") ? "r" : full.substring(0, 1))) {
          return "conflicting command line option '--" + full + "'";
        }
        continue;
      }
      for (int j = 1; j < a.length(); j++) {
        char c = a.charAt(j);
        if (SHORT_VALUED.indexOf(c) >= 0) {
          if (j + 1 == a.length()) {
            if (i + 1 >= argv.length) {
              return "option -" + c + " requires argument";
            }
            i++;
          }
          if (!seen.add(String.valueOf(c))) {
            return "conflicting command line option '-" + c + "'";
          }
          break;
        }
        if (SHORT_FLAGS.indexOf(c) < 0) {
          return "option -" + c + " not recognized";
        }
        if (c == 'i' && !seen.add("i")) {
          return "conflicting command line option '-i'";
        }
      }
    }
    return e.getMessage();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

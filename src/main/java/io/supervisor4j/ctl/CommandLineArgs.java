package io.supervisor4j.ctl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * supervisorctl's own options, parsed as Python's {@code getopt.getopt} does (what supervisorctl uses): options end
 * at the first action word or {@code --}; long options may be abbreviated to a unique prefix and take
 * {@code --name=value} or the next word; short options may be clustered ({@code -ic file}). Errors carry getopt's
 * wording. Hand-written rather than picocli: picocli's Java 5 classes cannot enter the AOT cache and cost about
 * 100 ms of a one-shot command's start-up.
 */
record CommandLineArgs(
    Optional<String> configuration,
    Optional<String> serverUrl,
    Optional<String> username,
    Optional<String> password,
    Optional<String> historyFile,
    boolean interactive,
    boolean help,
    List<String> args) {

  private static final String SHORT_WITH_VALUE = "csupr";
  private static final String SHORT_FLAGS = "hi?";
  private static final List<String> LONG_WITH_VALUE =
      List.of("configuration", "serverurl", "username", "password", "history_file");
  private static final List<String> LONG_FLAGS = List.of("help", "interactive");

  /** One option as getopt returns it: the name as Python reports it ({@code -c}, {@code --serverurl}) and value. */
  private record Opt(String name, char key, String value) {}

  static CommandLineArgs parse(String[] argv) {
    List<Opt> opts = new ArrayList<>();
    int i = 0;
    while (i < argv.length) {
      String a = argv[i];
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        break;
      }
      i = a.startsWith("--") ? parseLong(argv, i, opts) : parseShort(argv, i, opts);
    }
    List<String> rest = List.of(argv).subList(i, argv.length);
    return realize(opts, rest);
  }

  private static int parseLong(String[] argv, int i, List<Opt> opts) {
    String body = argv[i].substring(2);
    int eq = body.indexOf('=');
    String name = eq < 0 ? body : body.substring(0, eq);
    String full = longName(name);
    if (LONG_WITH_VALUE.contains(full)) {
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (i + 1 < argv.length) {
        value = argv[++i];
      } else {
        throw usage("option --" + full + " requires argument");
      }
      opts.add(new Opt("--" + full, keyOf(full), value));
    } else {
      if (eq >= 0) {
        throw usage("option --" + full + " must not have an argument");
      }
      opts.add(new Opt("--" + full, keyOf(full), ""));
    }
    return i + 1;
  }

  /** getopt's long_has_args: an exact name wins, else the single option the prefix starts. */
  private static String longName(String name) {
    List<String> all = new ArrayList<>(LONG_WITH_VALUE);
    all.addAll(LONG_FLAGS);
    if (all.contains(name)) {
      return name;
    }
    List<String> matches = all.stream().filter(o -> o.startsWith(name)).toList();
    if (matches.isEmpty()) {
      throw usage("option --" + name + " not recognized");
    }
    if (matches.size() > 1) {
      throw usage("option --" + name + " not a unique prefix");
    }
    return matches.getFirst();
  }

  private static char keyOf(String longName) {
    return longName.equals("history_file") ? 'r' : longName.charAt(0);
  }

  private static int parseShort(String[] argv, int i, List<Opt> opts) {
    String cluster = argv[i].substring(1);
    for (int j = 0; j < cluster.length(); j++) {
      char c = cluster.charAt(j);
      if (SHORT_WITH_VALUE.indexOf(c) >= 0) {
        String value;
        if (j + 1 < cluster.length()) {
          value = cluster.substring(j + 1);
        } else if (i + 1 < argv.length) {
          value = argv[++i];
        } else {
          throw usage("option -" + c + " requires argument");
        }
        opts.add(new Opt("-" + c, c, value));
        return i + 1;
      }
      if (SHORT_FLAGS.indexOf(c) < 0) {
        throw usage("option -" + c + " not recognized");
      }
      opts.add(new Opt("-" + c, c, ""));
    }
    return i + 1;
  }

  /** Options in command-line order, as supervisorctl's Options.realize applies them. */
  private static CommandLineArgs realize(List<Opt> opts, List<String> rest) {
    Map<Character, String> values = new HashMap<>();
    boolean interactive = false;
    for (Opt o : opts) {
      char key = o.key();
      if (key == 'h' || key == '?') {
        return new CommandLineArgs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), false, true, rest);
      }
      if (key == 's' && !CtlOptions.looksLikeUrl(o.value())) {
        throw usage("invalid value for " + o.name() + " " + PyText.repr(o.value()) + ": value "
            + PyText.repr(o.value()) + " is not a URL");
      }
      if ((key == 'i' && interactive) || values.containsKey(key)) {
        throw usage("conflicting command line option " + PyText.repr(o.name()));
      }
      if (key == 'i') {
        interactive = true;
      } else {
        values.put(key, o.value());
      }
    }
    return new CommandLineArgs(
        Optional.ofNullable(values.get('c')),
        Optional.ofNullable(values.get('s')),
        Optional.ofNullable(values.get('u')),
        Optional.ofNullable(values.get('p')),
        Optional.ofNullable(values.get('r')),
        interactive,
        false,
        List.copyOf(rest));
  }

  private static CtlOptions.UsageException usage(String message) {
    return new CtlOptions.UsageException(message);
  }
}

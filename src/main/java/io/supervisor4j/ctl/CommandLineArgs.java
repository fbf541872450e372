package io.supervisor4j.ctl;

import io.supervisor4j.cli.Getopt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * supervisorctl's own options, parsed as Python's {@code getopt.getopt} does (what supervisorctl uses, see
 * {@link Getopt}): options end at the first action word or {@code --}. Errors carry getopt's and supervisorctl's
 * wording. Not picocli: its Java 5 classes cannot enter the AOT cache and cost about 100 ms of a one-shot command's
 * start-up.
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

  // supervisorctl's getopt specification (ClientOptions plus the inherited -h/--help)
  private static final Getopt GETOPT = new Getopt("c:s:u:p:r:hi?",
      List.of("configuration=", "serverurl=", "username=", "password=", "history_file=", "help", "interactive"));

  static CommandLineArgs parse(String[] argv) {
    Getopt.Result parsed;
    try {
      parsed = GETOPT.parse(List.of(argv));
    } catch (Getopt.GetoptException e) {
      throw usage(e.getMessage());
    }
    return realize(parsed.options(), parsed.rest());
  }

  // the letter realize keys an option by: -r stands for --history_file, every other long name for its initial
  private static char keyOf(String name) {
    if (!name.startsWith("--")) {
      return name.charAt(1);
    }
    return name.equals("--history_file") ? 'r' : name.charAt(2);
  }

  /** Options in command-line order, as supervisorctl's Options.realize applies them. */
  private static CommandLineArgs realize(List<Getopt.Option> opts, List<String> rest) {
    Map<Character, String> values = new HashMap<>();
    boolean interactive = false;
    for (Getopt.Option o : opts) {
      char key = keyOf(o.name());
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

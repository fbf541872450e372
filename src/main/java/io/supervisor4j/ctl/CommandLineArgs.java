package io.supervisor4j.ctl;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * supervisorctl's own options, parsed with picocli set up to behave like Python's getopt: options stop at the
 * first action word, long options may be abbreviated, short ones clustered. Errors carry getopt's wording.
 */
record CommandLineArgs(
    Optional<String> configuration,
    Optional<String> serverUrl,
    String serverUrlFlag,
    Optional<String> username,
    Optional<String> password,
    Optional<String> historyFile,
    boolean interactive,
    boolean help,
    List<String> args) {

  private static final List<String[]> VALUED = List.of(
      new String[] {"-c", "--configuration"},
      new String[] {"-s", "--serverurl"},
      new String[] {"-u", "--username"},
      new String[] {"-p", "--password"},
      new String[] {"-r", "--history_file"});
  private static final List<String[]> FLAGS = List.of(
      new String[] {"-i", "--interactive"},
      new String[] {"-h", "--help"},
      new String[] {"-?"});

  static CommandLineArgs parse(String[] argv) {
    CommandSpec spec = CommandSpec.create();
    for (String[] names : VALUED) {
      spec.addOption(OptionSpec.builder(names).arity("1").type(String.class).build());
    }
    for (String[] names : FLAGS) {
      spec.addOption(OptionSpec.builder(names).arity("0").type(boolean.class).build());
    }
    spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(String[].class).build());
    spec.parser()
        .stopAtPositional(true)
        .abbreviatedOptionsAllowed(true)
        .posixClusteredShortOptionsAllowed(true)
        .splitQuotedStrings(false)
        .trimQuotes(false)
        .expandAtFiles(false)
        .allowOptionsAsOptionParameters(true);
    CommandLine cl = new CommandLine(spec);
    ParseResult r;
    try {
      r = cl.parseArgs(argv);
    } catch (CommandLine.ParameterException e) {
      throw new CtlOptions.UsageException(GetoptErrors.describe(argv, e));
    }
    String[] rest = r.matchedPositionals().isEmpty() ? new String[0] : r.matchedPositionalValue(0, new String[0]);
    return new CommandLineArgs(
        value(r, "-c"),
        value(r, "-s"),
        r.hasMatchedOption("-s") ? flagAsTyped(argv, "-s", "--serverurl") : "-s",
        value(r, "-u"),
        value(r, "-p"),
        value(r, "-r"),
        r.hasMatchedOption("-i"),
        r.hasMatchedOption("-h") || r.hasMatchedOption("-?"),
        List.of(rest));
  }

  private static Optional<String> value(ParseResult r, String name) {
    return r.hasMatchedOption(name) ? Optional.of(r.matchedOptionValue(name, "")) : Optional.empty();
  }

  /** getopt reports the option as the full name of the form used: {@code -s} or {@code --serverurl}. */
  private static String flagAsTyped(String[] argv, String shortName, String longName) {
    for (String a : argv) {
      if (a.startsWith("--") && a.length() > 2 && longName.startsWith(a.split("=", 2)[0])) {
        return longName;
      }
      if (a.startsWith(shortName)) {
        return shortName;
      }
    }
    return shortName;
  }
}

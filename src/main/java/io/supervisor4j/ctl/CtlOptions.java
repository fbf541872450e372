package io.supervisor4j.ctl;

import io.supervisor4j.config.ConfigException;
import io.supervisor4j.config.ConfigLoader;
import io.supervisor4j.config.ConfigLocator;
import io.supervisor4j.config.SupervisorctlConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * supervisorctl's effective options: command line first, then {@code [supervisorctl]} of the configuration
 * file, then defaults. {@code args} is the one-shot action; empty means the interactive shell.
 */
public record CtlOptions(
    String serverUrl,
    Optional<String> username,
    Optional<String> password,
    String prompt,
    Optional<String> historyFile,
    boolean interactive,
    List<String> args) {

  static final String DEFAULT_SERVERURL = "http://localhost:9001";
  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.+");

  /** The command line could not be used; supervisorctl prints this as {@code Error: <message>} and exits 2. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }

  /** {@code -h}: the caller prints {@link #usageText} and exits 0. */
  public static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HelpRequested() {
      super("help", null, false, false);
    }
  }

  /**
   * Resolves the options of one invocation.
   *
   * @param launcherDir directory of the launcher script (the config search starts at its parent)
   * @throws UsageException for bad options or an unusable configuration file
   * @throws HelpRequested for -h/--help/-?
   */
  public static CtlOptions resolve(String[] argv, Map<String, String> env, Path launcherDir, Path cwd) {
    CommandLineArgs cl = CommandLineArgs.parse(argv);
    if (cl.help()) {
      throw new HelpRequested();
    }
    Optional<Path> file = cl.configuration().map(Path::of);
    if (file.isEmpty()) {
      file = ConfigLocator.find(launcherDir, cwd);
    }
    Optional<SupervisorctlConfig> config = file.map(f -> read(f, env, cwd));
    String url = cl.serverUrl()
        .orElse(config.map(SupervisorctlConfig::serverurl).orElse(DEFAULT_SERVERURL));
    return new CtlOptions(
        url,
        cl.username().or(() -> config.flatMap(SupervisorctlConfig::username)),
        cl.password().or(() -> config.flatMap(SupervisorctlConfig::password)),
        config.map(SupervisorctlConfig::prompt).orElse("supervisor"),
        cl.historyFile().or(() -> config.flatMap(SupervisorctlConfig::historyFile)),
        cl.interactive() || cl.args().isEmpty(),
        cl.args());
  }

  /** supervisor's {@code url} datatype: a scheme and something after it. */
  static boolean looksLikeUrl(String value) {
    return URL.matcher(value).matches();
  }

  private static SupervisorctlConfig read(Path file, Map<String, String> env, Path cwd) {
    Path resolved = cwd.resolve(file);
    if (!Files.exists(resolved)) {
      throw new UsageException("could not find config file " + file);
    }
    if (!Files.isReadable(resolved)) {
      throw new UsageException("could not read config file " + file);
    }
    try {
      return ConfigLoader.loadSupervisorctl(file, env);
    } catch (ConfigException e) {
      String msg = e.getMessage();
      // The loader prefixes the file name; supervisorctl prints the bare reason for a missing section.
      int at = msg.indexOf(".ini file does not include supervisorctl section");
      throw new UsageException(at >= 0 ? msg.substring(at) : msg);
    }
  }

  /** supervisorctl's {@code -h} text; {@code progname} replaces {@code %s} as Python's Options.help does. */
  public static String usageText(String progname) {
    return """
        supervisorctl -- control applications run by supervisord from the cmd line.

        Usage: %s [options] [action [arguments]]

        Options:
        -c/--configuration FILENAME -- configuration file path (searches if not given)
        -h/--help -- print usage message and exit
        -i/--interactive -- start an interactive shell after executing commands
        -s/--serverurl URL -- URL on which supervisord server is listening
             (default "http://localhost:9001").
        -u/--username USERNAME -- username to use for authentication with server
        -p/--password PASSWORD -- password to use for authentication with server
        -r/--history-file -- keep a readline history (if readline is available)

        action [arguments] -- see below

        Actions are commands like "tail" or "stop".  If -i is specified or no action is
        specified on the command line, a "shell" interpreting actions typed
        interactively is started.  Use the action "help" to find out about available
        actions.

        """.replace("%s", progname);
  }
}

package io.supervisor4j.daemon;

import io.supervisor4j.Version;
import io.supervisor4j.config.ConfigException;
import io.supervisor4j.config.ConfigLoader;
import io.supervisor4j.config.ConfigLocator;
import io.supervisor4j.config.Configuration;
import io.supervisor4j.diagnostics.Preflight;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of {@code bin/supervisord}. Exit statuses: 0 clean shutdown, 2 usage or
 * configuration error (as supervisord); with {@code --check}: 0 no problems, 1 problems found.
 */
public final class SupervisordMain {
  static final String USAGE =
      """
      supervisord -- run a set of applications as daemons.

      Usage: %s [options]

      Options:
      -c/--configuration FILENAME -- configuration file path (searches if not given)
      -n/--nodaemon -- run in the foreground (same as 'nodaemon=true' in config file)
      -s/--silent -- no logs to stdout (maps to 'silent=true' in config file)
      -h/--help -- print this usage message and exit
      -v/--version -- print supervisord version number and exit
      -u/--user USER -- run supervisord as this user (or numeric uid)
      -m/--umask UMASK -- use this umask for daemon subprocess (default is 022)
      -d/--directory DIRECTORY -- directory to chdir to when daemonized
      -l/--logfile FILENAME -- use FILENAME as logfile path
      -y/--logfile_maxbytes BYTES -- use BYTES to limit the max size of logfile
      -z/--logfile_backups NUM -- number of backups to keep when max bytes reached
      -e/--loglevel LEVEL -- use LEVEL as log level (debug,info,warn,error,critical)
      -j/--pidfile FILENAME -- write a pid file for the daemon process to FILENAME
      -i/--identifier STR -- identifier used for this instance of supervisord
      -q/--childlogdir DIRECTORY -- the log directory for child process logs
      -k/--nocleanup --  prevent the process from performing cleanup (removal of
                         old automatic child log files) at startup.
      -a/--minfds NUM -- the minimum number of file descriptors for start success
      -t/--strip_ansi -- strip ansi escape codes from process output
      --minprocs NUM  -- the minimum number of processes available for start success
      --profile_options OPTIONS -- accepted for compatibility; ignored
      --check -- check every program as its user (command, directory, HOME, logs,
                 sockets, ports) without starting anything; exit 1 on problems
      """;

  private SupervisordMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String argv0 = System.getProperty("s4j.argv0", "supervisord");
    SupervisordOptions options;
    Configuration config;
    try {
      options = SupervisordOptions.parse(args);
      if (options.help()) {
        out.print(USAGE.formatted(argv0));
        return 0;
      }
      if (options.version()) {
        out.println(Version.SUPERVISOR_VERSION);
        return 0;
      }
      Warmup.start(options.nodaemon() || options.detached());
      Path file = options.configuration().orElseGet(() -> locate(argv0));
      if (!Files.exists(file)) {
        throw new SupervisordOptions.UsageException("could not find config file " + file);
      }
      if (!Files.isReadable(file)) {
        throw new SupervisordOptions.UsageException("could not read config file " + file);
      }
      config = ConfigLoader.load(file, options.overrides());
    } catch (SupervisordOptions.UsageException | ConfigException e) {
      err.println("Error: " + e.getMessage());
      err.println("For help, use " + argv0 + " -h");
      return 2;
    }
    if (options.check()) {
      Preflight.Report report = Preflight.check(config, System.getenv());
      out.print(report.table());
      return report.clean() ? 0 : 1;
    }
    return Daemon.launch(config, options, out, err);
  }

  private static Path locate(String argv0) {
    Path exeDir = Path.of(argv0).toAbsolutePath().getParent();
    Path cwd = Path.of("").toAbsolutePath();
    return ConfigLocator.find(exeDir, cwd)
        .orElseThrow(
            () ->
                new SupervisordOptions.UsageException(
                    "No config file found at default paths (../etc/supervisord.conf, ../supervisord.conf,"
                        + " ./supervisord.conf, ./etc/supervisord.conf, /etc/supervisord.conf,"
                        + " /etc/supervisor/supervisord.conf); use the -c option to specify a config file at"
                        + " a different path"));
  }
}

package io.supervisor4j.daemon;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * supervisord 4.2.5's command line. Each option that mirrors a {@code [supervisord]} key is collected into
 * {@link #overrides()} under that key's name: command-line values win over the file and go through the same
 * conversions (and the same error messages) as the file's values.
 */
@Command(name = "supervisord", abbreviateSynopsis = true)
public final class SupervisordOptions {
  @Option(names = {"-c", "--configuration"}, paramLabel = "FILENAME")
  Path configuration;

  @Option(names = {"-n", "--nodaemon"})
  boolean nodaemon;

  @Option(names = {"-s", "--silent"})
  boolean silent;

  @Option(names = {"-h", "-?", "--help"})
  boolean help;

  @Option(names = {"-v", "--version"})
  boolean version;

  @Option(names = {"-u", "--user"})
  String user;

  @Option(names = {"-m", "--umask"})
  String umask;

  @Option(names = {"-d", "--directory"})
  String directory;

  @Option(names = {"-l", "--logfile"})
  String logfile;

  @Option(names = {"-y", "--logfile_maxbytes"})
  String logfileMaxbytes;

  @Option(names = {"-z", "--logfile_backups"})
  String logfileBackups;

  @Option(names = {"-e", "--loglevel"})
  String loglevel;

  @Option(names = {"-j", "--pidfile"})
  String pidfile;

  @Option(names = {"-i", "--identifier"})
  String identifier;

  @Option(names = {"-q", "--childlogdir"})
  String childlogdir;

  @Option(names = {"-k", "--nocleanup"})
  boolean nocleanup;

  @Option(names = {"-a", "--minfds"})
  String minfds;

  @Option(names = {"-t", "--strip_ansi"})
  boolean stripAnsi;

  @Option(names = "--minprocs")
  String minprocs;

  /** Accepted for compatibility; the Python profiler has no meaning here. */
  @Option(names = "--profile_options")
  String profileOptions;



  /** supervisor4j: check the configuration as each program's user, print the problems, start nothing. */
  @Option(names = "--check")
  boolean check;

  /** Internal: set by the launcher for the detached daemon process it starts; not for users. */
  @Option(names = "--s4j-detached", hidden = true)
  boolean detached;

  @Parameters
  List<String> positional = new ArrayList<>();

  /** Parses {@code args}; a usage error throws {@link UsageException} with supervisord's message. */
  public static SupervisordOptions parse(String[] args) {
    SupervisordOptions options = new SupervisordOptions();
    CommandLine cl = new CommandLine(options);
    cl.setAbbreviatedOptionsAllowed(true); // getopt accepts unique prefixes of long options
    cl.setOverwrittenOptionsAllowed(false);
    try {
      cl.parseArgs(args);
    } catch (CommandLine.OverwrittenOptionException e) {
      throw new UsageException("conflicting command line option " + ((CommandLine.Model.OptionSpec) e.getOverwritten()).longestName());
    } catch (CommandLine.ParameterException e) {
      throw new UsageException(e.getMessage());
    }
    if (!options.positional.isEmpty()) {
      throw new UsageException("positional arguments are not supported: " + pythonList(options.positional));
    }
    return options;
  }

  public Optional<Path> configuration() {
    return Optional.ofNullable(configuration);
  }

  public boolean help() {
    return help;
  }

  public boolean version() {
    return version;
  }

  public boolean check() {
    return check;
  }

  public boolean detached() {
    return detached;
  }

  public boolean nodaemon() {
    return nodaemon;
  }

  /** The {@code [supervisord]} keys given on the command line, as raw strings keyed by config key name. */
  public Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    putFlag(o, "nodaemon", nodaemon);
    putFlag(o, "silent", silent);
    putFlag(o, "nocleanup", nocleanup);
    putFlag(o, "strip_ansi", stripAnsi);
    put(o, "user", user);
    put(o, "umask", umask);
    put(o, "directory", directory);
    put(o, "logfile", logfile);
    put(o, "logfile_maxbytes", logfileMaxbytes);
    put(o, "logfile_backups", logfileBackups);
    put(o, "loglevel", loglevel);
    put(o, "pidfile", pidfile);
    put(o, "identifier", identifier);
    put(o, "childlogdir", childlogdir);
    put(o, "minfds", minfds);
    put(o, "minprocs", minprocs);
    return o;
  }

  private static void putFlag(Map<String, String> o, String key, boolean set) {
    if (set) {
      o.put(key, "true");
    }
  }

  private static void put(Map<String, String> o, String key, String value) {
    if (value != null) {
      o.put(key, value);
    }
  }

  private static String pythonList(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(items.get(i)).append('\'');
    }
    return sb.append(']').toString();
  }

  /** A command-line error: printed as {@code Error: msg} plus a pointer to {@code -h}, exit status 2. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}

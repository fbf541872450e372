package io.supervisor4j.daemon;

import io.supervisor4j.cli.Getopt;
import io.supervisor4j.config.PyRepr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * supervisord 4.2.5's command line, parsed as its {@code Options.realize} does with Python's {@code getopt.getopt}
 * ({@link Getopt}); errors carry getopt's and supervisord's wording. Not picocli: its Java 5 classes cannot enter the
 * AOT cache, and parsing with it cost 110-250 ms of the daemon's start-up (168 classes loaded and verified).
 *
 * <p>Each option that mirrors a {@code [supervisord]} key is collected into {@link #overrides()} under that key's
 * name: command-line values win over the file and go through the same conversions (and the same error messages) as
 * the file's values.
 */
public final class SupervisordOptions {
  private static final String SHORT_OPTIONS = "h?c:vnu:m:d:l:y:z:e:j:i:q:a:kts";
  // supervisord's long options (a trailing '=' takes a value), in its order
  private static final List<String> LONG_OPTIONS = List.of("help", "configuration=", "version", "nodaemon", "user=",
      "umask=", "directory=", "logfile=", "logfile_maxbytes=", "logfile_backups=", "loglevel=", "pidfile=",
      "identifier=", "childlogdir=", "minfds=", "minprocs=", "nocleanup", "strip_ansi", "profile_options=", "silent");
  // supervisor4j's own, matched only when supervisord's list knows no such option, so that every abbreviation
  // supervisord accepts or refuses means the same here
  private static final List<String> OWN_LONG_OPTIONS = List.of("check", "s4j-detached");
  // the order overrides() lists them in (config errors about them are reported in this order)
  private static final List<String> OVERRIDE_ORDER = List.of("nodaemon", "silent", "nocleanup", "strip_ansi", "user",
      "umask", "directory", "logfile", "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile", "identifier",
      "childlogdir", "minfds", "minprocs");
  private static final Getopt GETOPT = new Getopt(SHORT_OPTIONS, LONG_OPTIONS, OWN_LONG_OPTIONS);
  // option letter or long name -> the [supervisord] key it sets (flags set "true")
  private static final Map<String, String> KEYS = keys();

  private Path configuration;
  private boolean help;
  private boolean version;
  private boolean check;
  private boolean detached;
  private boolean nodaemon;
  private final Map<String, String> overrides = new LinkedHashMap<>();

  private SupervisordOptions() {}

  /** Parses {@code args}; a usage error throws {@link UsageException} with supervisord's message. */
  public static SupervisordOptions parse(String[] args) {
    Getopt.Result parsed;
    try {
      parsed = GETOPT.parse(List.of(args));
    } catch (Getopt.GetoptException e) {
      throw new UsageException(e.getMessage());
    }
    if (!parsed.rest().isEmpty()) {
      throw new UsageException("positional arguments are not supported: " + pythonList(parsed.rest()));
    }
    return realize(parsed.options());
  }

  /** Options in command-line order, as supervisord's realize applies them: -h and -v end the processing there. */
  private static SupervisordOptions realize(List<Getopt.Option> opts) {
    SupervisordOptions o = new SupervisordOptions();
    List<String> seen = new ArrayList<>();
    for (Getopt.Option opt : opts) {
      String name = opt.name();
      switch (name) {
        case "-h", "-?", "--help" -> {
          o.help = true;
          return o;
        }
        case "-v", "--version" -> {
          o.version = true;
          return o;
        }
        default -> {}
      }
      String key = KEYS.get(name);
      if (seen.contains(key)) {
        throw new UsageException("conflicting command line option " + PyRepr.str(name));
      }
      seen.add(key);
      switch (key) {
        case "configuration" -> o.configuration = Path.of(opt.value());
        case "check" -> o.check = true;
        case "s4j-detached" -> o.detached = true;
        case "profile_options" -> {} // accepted for compatibility; the Python profiler has no meaning here
        case "nodaemon", "silent", "nocleanup", "strip_ansi" -> {
          o.nodaemon |= key.equals("nodaemon");
          o.overrides.put(key, "true");
        }
        default -> o.overrides.put(key, opt.value());
      }
    }
    return o;
  }

  private static Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    String letters = "cnumdlyzejiqakts";
    List<String> names = List.of("configuration", "nodaemon", "user", "umask", "directory", "logfile",
        "logfile_maxbytes", "logfile_backups", "loglevel", "pidfile", "identifier", "childlogdir", "minfds",
        "nocleanup", "strip_ansi", "silent");
    for (int i = 0; i < letters.length(); i++) {
      k.put("-" + letters.charAt(i), names.get(i));
    }
    for (String o : LONG_OPTIONS) {
      String name = o.endsWith("=") ? o.substring(0, o.length() - 1) : o;
      k.put("--" + name, name);
    }
    OWN_LONG_OPTIONS.forEach(o -> k.put("--" + o, o));
    return Map.copyOf(k);
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
    for (String key : OVERRIDE_ORDER) {
      if (overrides.containsKey(key)) {
        o.put(key, overrides.get(key));
      }
    }
    return o;
  }

  // Python's str() of the list of the remaining words: ['a', 'b']
  private static String pythonList(List<String> words) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < words.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(PyRepr.str(words.get(i)));
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

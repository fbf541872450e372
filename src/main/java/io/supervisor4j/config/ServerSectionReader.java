package io.supervisor4j.config;

import io.supervisor4j.config.Datatypes.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daemon-wide sections: {@code [supervisord]} (with command-line overrides), {@code [unix_http_server*]},
 * {@code [inet_http_server*]} and the plugin sections. Each key is expanded with exactly the names supervisord
 * offers it (§1.3 of the reference): {@code here} and {@code ENV_*} for {@code [supervisord]}, only {@code ENV_*}
 * for most server keys.
 */
final class ServerSectionReader {
  /** The {@code [supervisord]} keys a command-line option can override. */
  static final List<String> OVERRIDABLE = List.of("logfile", "logfile_maxbytes", "logfile_backups", "loglevel",
      "pidfile", "umask", "nodaemon", "silent", "minfds", "minprocs", "nocleanup", "childlogdir", "user",
      "directory", "strip_ansi", "identifier");

  private final IniDocument doc;
  private final Problems problems;
  private final Map<String, String> env;

  ServerSectionReader(IniDocument doc, Problems problems, Map<String, String> env) {
    this.doc = doc;
    this.problems = problems;
    this.env = env;
  }

  /**
   * {@code [supervisord]}; {@code envNames} are the ENV_* names of the process environment, {@code here} the main
   * file's directory. The result's environment must then be added to ENV_* for later sections.
   */
  SupervisordConfig supervisord(Map<String, String> overrides, Map<String, Object> envNames, String here,
      String hostNodeName) {
    SectionReader s = new SectionReader(doc, "supervisord", problems);
    Map<String, Object> names = new HashMap<>(envNames);
    names.put("here", here);
    Values v = new Values(s, names, overrides);
    int minfds = v.get("minfds", "1024", Datatypes::integer, 1024);
    int minprocs = v.get("minprocs", "200", Datatypes::integer, 200);
    Optional<Path> directory = v.optional("directory", x -> Datatypes.existingDirectory(x, env));
    Optional<String> user = v.optional("user", x -> {
      Accounts.system().nameToUid(x); // supervisord checks it in realize() before anything starts
      return x;
    });
    int umask = v.get("umask", "022", Datatypes::octal, 022);
    String logfile = v.get("logfile", "supervisord.log", x -> {
      Datatypes.existingDirpath(x, env);
      return Datatypes.expandUser(x, env);
    }, "supervisord.log");
    long maxbytes = v.get("logfile_maxbytes", "50MB", Datatypes::byteSize, 50L * 1024 * 1024);
    int backups = v.get("logfile_backups", "10", Datatypes::integer, 10);
    String loglevel = v.get("loglevel", "info", Datatypes::loggingLevel, "info");
    String pidfile = v.get("pidfile", "supervisord.pid", x -> {
      Datatypes.existingDirpath(x, env);
      return Datatypes.expandUser(x, env);
    }, "supervisord.pid");
    String identifier = v.get("identifier", "supervisor", Function.identity(), "supervisor");
    boolean nodaemon = v.get("nodaemon", "false", Datatypes::bool, false);
    boolean silent = v.get("silent", "false", Datatypes::bool, false);
    String tempdir = env.containsKey("TMPDIR") && Files.isDirectory(Path.of(env.get("TMPDIR")))
        ? env.get("TMPDIR") : "/tmp";
    Path childlogdir = v.get("childlogdir", tempdir, x -> Datatypes.existingDirectory(x, env), Path.of(tempdir));
    boolean nocleanup = v.get("nocleanup", "false", Datatypes::bool, false);
    boolean stripAnsi = v.get("strip_ansi", "false", Datatypes::bool, false);
    Map<String, String> environment = Map.of();
    Optional<String> environ = s.expanded("environment", names);
    if (environ.isPresent()) {
      // Expanded twice in 4.2.x (so %% is unusable there), the second time with host_node_name as well.
      Map<String, Object> second = new HashMap<>(names);
      second.put("host_node_name", hostNodeName);
      environment = s.convert("environment", environ.get(),
          x -> EnvironmentPairs.parse(Expander.expand(x, second, "environment")), Map.of());
    }
    Descriptions descriptions =
        v.get("descriptions", "supervisor4j", Descriptions::parse, Descriptions.SUPERVISOR4J);
    boolean logToSyslog = logfile.equals("syslog");
    return new SupervisordConfig(
        logToSyslog ? Optional.empty() : Optional.of(Datatypes.normalizePath(logfile, env)), logToSyslog,
        maxbytes, backups, loglevel, Datatypes.normalizePath(pidfile, env), umask, nodaemon, silent, minfds,
        minprocs, nocleanup, childlogdir, user, directory, stripAnsi, environment, identifier,
        descriptions);
  }

  /** A key read from the file, then replaced by its command-line override when one is given. */
  private final class Values {
    private final SectionReader section;
    private final Map<String, Object> names;
    private final Map<String, String> overrides;

    Values(SectionReader section, Map<String, Object> names, Map<String, String> overrides) {
      this.section = section;
      this.names = names;
      this.overrides = overrides;
    }

    <T> T get(String key, String dflt, Function<String, T> conversion, T fallback) {
      T fromFile = section.read(key, dflt, names, conversion, fallback);
      return override(key, conversion).orElse(fromFile);
    }

    <T> Optional<T> optional(String key, Function<String, T> conversion) {
      Optional<T> fromFile = section.expanded(key, names)
          .flatMap(x -> Optional.ofNullable(section.convert(key, x, conversion, null)));
      Optional<T> fromLine = override(key, conversion);
      return fromLine.isPresent() ? fromLine : fromFile;
    }

    private <T> Optional<T> override(String key, Function<String, T> conversion) {
      if (!overrides.containsKey(key)) {
        return Optional.empty();
      }
      try {
        return Optional.of(conversion.apply(overrides.get(key)));
      } catch (ValueProblem p) {
        problems.addCommandLine(key, p.getMessage());
        return Optional.empty();
      }
    }
  }

  List<InetHttpServerConfig> inetServers(Map<String, Object> envNames) {
    List<InetHttpServerConfig> servers = new ArrayList<>();
    for (String name : doc.sections()) {
      if (!name.startsWith("inet_http_server")) {
        continue;
      }
      SectionReader s = new SectionReader(doc, name, problems);
      Credentials auth = credentials(s, envNames);
      Optional<String> port = s.expanded("port", envNames);
      if (!s.has("port")) {
        s.fail("port", "section [" + name + "] has no port value");
      }
      if (port.isPresent()) {
        InetAddress address = s.convert("port", port.get(), Datatypes::inetAddress, null);
        if (address != null) {
          servers.add(new InetHttpServerConfig(name, address.host(), address.port(), auth.username, auth.password));
        }
      }
    }
    return servers;
  }

  List<UnixHttpServerConfig> unixServers(Map<String, Object> envNames, String here) {
    List<UnixHttpServerConfig> servers = new ArrayList<>();
    for (String name : doc.sections()) {
      if (!name.startsWith("unix_http_server")) {
        continue;
      }
      SectionReader s = new SectionReader(doc, name, problems);
      Map<String, Object> withHere = new HashMap<>(envNames);
      withHere.put("here", here);
      Optional<String> file = s.expanded("file", withHere);
      if (!s.has("file")) {
        s.fail("file", "section [" + name + "] has no file value");
      }
      Credentials auth = credentials(s, envNames);
      UidGid chown = s.read("chown", null, envNames, x -> {
        try {
          return x == null ? UidGid.UNCHANGED : Datatypes.userGroup(x);
        } catch (ValueProblem p) {
          throw new ValueProblem("Invalid sockchown value " + x);
        }
      }, UidGid.UNCHANGED);
      int chmod = s.read("chmod", "0700", envNames, x -> {
        try {
          return Datatypes.octal(x);
        } catch (ValueProblem p) {
          throw new ValueProblem("Invalid chmod value " + x);
        }
      }, 0700);
      if (file.isPresent()) {
        Path path = s.convert("file", Py.strip(file.get()), x -> Datatypes.normalizePath(x, env), null);
        if (path != null) {
          servers.add(new UnixHttpServerConfig(name, path, chmod, chown, auth.username, auth.password));
        }
      }
    }
    return servers;
  }

  private record Credentials(Optional<String> username, Optional<String> password) {}

  private Credentials credentials(SectionReader s, Map<String, Object> names) {
    Optional<String> username = s.expanded("username", names);
    Optional<String> password = s.expanded("password", names);
    if (s.has("username") != s.has("password")) {
      s.fail(s.has("username") ? "username" : "password", "Section [" + s.section() + "] contains incomplete "
          + "authentication: If a username or a password is specified, both the username and password must be "
          + "specified");
    }
    return new Credentials(username, password);
  }

  /**
   * {@code [rpcinterface:x]} or {@code [ctlplugin:x]}: the factory entry point and every other key (those of
   * {@code [DEFAULT]} too, as supervisord passes them) as keyword arguments.
   */
  List<PluginConfig> plugins(String prefix, String factoryKey, Map<String, Object> names, Problems sink) {
    List<PluginConfig> plugins = new ArrayList<>();
    for (String name : doc.sections()) {
      if (!name.startsWith(prefix)) {
        continue;
      }
      SectionReader s = new SectionReader(doc, name, sink);
      Optional<String> factory = s.expanded(factoryKey, names);
      if (!s.has(factoryKey)) {
        s.fail(factoryKey, "section [" + name + "] does not specify a " + factoryKey);
      } else if (factory.isPresent() && !factory.get().strip().matches(ENTRY_POINT)) {
        s.fail(factoryKey, factory.get() + " cannot be resolved within [" + name + "]");
      }
      Map<String, String> extras = new LinkedHashMap<>();
      for (String key : doc.options(name)) {
        if (!key.equals(factoryKey)) {
          s.expanded(key, names).ifPresent(x -> extras.put(key, x));
        }
      }
      factory.ifPresent(f -> plugins.add(new PluginConfig(name.substring(prefix.length()), f.strip(), extras)));
    }
    return plugins;
  }

  /** A Python entry point {@code package.module:attr.attr}; supervisor4j cannot import it, only check its form. */
  static final String ENTRY_POINT = "[A-Za-z_][\\w.]*(\\s*:\\s*[A-Za-z_][\\w.]*)?";
}

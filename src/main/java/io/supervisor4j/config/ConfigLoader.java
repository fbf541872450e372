package io.supervisor4j.config;

import io.supervisor4j.config.Configuration.ParseMessage;
import io.supervisor4j.config.IniDocument.Origin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads supervisord.conf as supervisord 4.2.5 does, with all errors reported at once. The daemon calls
 * {@link #load(Path, Map)}, supervisorctl {@link #loadSupervisorctl(Path, Map)}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * The whole configuration, with the process environment and this host's name for expansions.
   *
   * @param overrides {@code [supervisord]} key names to raw command-line values, winning over the file
   * @throws ConfigException listing every problem, one per line
   */
  public static Configuration load(Path file, Map<String, String> overrides) {
    return load(file, overrides, System.getenv(), hostNodeName());
  }

  /** As {@link #load(Path, Map)} with a given environment and host name (for tests). */
  public static Configuration load(Path file, Map<String, String> overrides, Map<String, String> env,
      String hostNodeName) {
    Problems problems = new Problems();
    for (String key : overrides.keySet()) {
      if (!ServerSectionReader.OVERRIDABLE.contains(key)) {
        problems.addCommandLine(key, "not a [supervisord] option that can be given on the command line");
      }
    }
    List<ParseMessage> messages = new ArrayList<>();
    String shown = file.toString();
    String here = file.toAbsolutePath().normalize().getParent().toString();
    Map<String, Object> envNames = envNames(env);
    IniDocument doc = new IncludeReader(problems, messages, envNames, hostNodeName).read(shown, file);
    if (!problems.isEmpty() && doc.sections().isEmpty()) {
      problems.throwIfAny();
    }
    if (!doc.has("supervisord")) {
      problems.add(new Origin(shown, 0), "", "", ".ini file does not include supervisord section");
    }
    KnownKeys.warnUnknown(doc, messages);
    ServerSectionReader servers = new ServerSectionReader(doc, problems, env);
    SupervisordConfig supervisord = servers.supervisord(overrides, envNames, here, hostNodeName);
    // From here on, [supervisord] environment= is visible as ENV_* (4.2.2+).
    Map<String, Object> names = new HashMap<>(envNames);
    supervisord.environment().forEach((k, v) -> names.put("ENV_" + k, v));
    List<PluginConfig> rpcInterfaces =
        servers.plugins("rpcinterface:", "supervisor.rpcinterface_factory", names, problems);
    ProgramSectionReader programs =
        new ProgramSectionReader(doc, problems, messages, env, names, here, hostNodeName);
    List<GroupConfig> groups = new GroupsReader(doc, problems, programs, names, here, env).groups();
    List<InetHttpServerConfig> inet = servers.inetServers(names);
    List<UnixHttpServerConfig> unix = servers.unixServers(names, here);
    // supervisord itself never reads [supervisorctl] or [ctlplugin:x]: their problems only warn here.
    Problems ignored = new Problems();
    List<PluginConfig> ctlPlugins = servers.plugins("ctlplugin:", "supervisor.ctl_factory", envNames, ignored);
    Optional<SupervisorctlConfig> ctl = doc.has("supervisorctl")
        ? Optional.of(SupervisorctlReader.read(doc, ignored, env, envNames, here)) : Optional.empty();
    ignored.lines().forEach(l -> messages.add(new ParseMessage("warn", l)));
    problems.throwIfAny();
    return new Configuration(file, supervisord, unix, inet, ctl, groups, rpcInterfaces, ctlPlugins, messages);
  }

  /**
   * {@code [supervisorctl]} of a file, as supervisorctl reads it ({@code [include]} is not processed).
   *
   * @throws ConfigException when the file is missing or has no {@code [supervisorctl]} section
   */
  public static SupervisorctlConfig loadSupervisorctl(Path file, Map<String, String> env) {
    Problems problems = new Problems();
    String shown = file.toString();
    Optional<String> text = IncludeReader.readText(shown, file, problems);
    problems.throwIfAny();
    IniDocument doc = IniParser.parse(shown, text.orElseThrow(), problems);
    if (!doc.has("supervisorctl")) {
      problems.add(new Origin(shown, 0), "", "", ".ini file does not include supervisorctl section");
      problems.throwIfAny();
    }
    String here = Datatypes.normalizePath(shown, env).getParent().toString();
    SupervisorctlConfig config = SupervisorctlReader.read(doc, problems, env, envNames(env), here);
    problems.throwIfAny();
    return config;
  }

  static Map<String, Object> envNames(Map<String, String> env) {
    Map<String, Object> names = new HashMap<>();
    env.forEach((k, v) -> names.put("ENV_" + k, v));
    return names;
  }

  /** {@code platform.node()}: the kernel's host name. */
  static String hostNodeName() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (java.io.IOException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException u) {
        return "localhost";
      }
    }
  }
}

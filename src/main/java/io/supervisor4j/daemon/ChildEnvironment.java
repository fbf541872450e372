package io.supervisor4j.daemon;

import io.supervisor4j.config.Configuration;
import io.supervisor4j.config.InetHttpServerConfig;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.spawn.UserAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a child's environment as supervisord does, later entries winning: the daemon's own environment at start,
 * {@code SUPERVISOR_*}, then {@code [supervisord] environment=}, then the program's {@code environment=}.
 *
 * <p>supervisor4j's documented difference: with {@code user=}, the target user's HOME, USER, LOGNAME and SHELL
 * (from its passwd entry) come right after {@code SUPERVISOR_*}, so a program no longer inherits root's HOME, and
 * either {@code environment=} can still set them.
 */
final class ChildEnvironment {
  private final Map<String, String> daemonEnv;
  private final Map<String, String> globalEnv;
  private final Optional<String> serverUrl;

  ChildEnvironment(Map<String, String> daemonEnv, Configuration config) {
    this.daemonEnv = Map.copyOf(daemonEnv);
    this.globalEnv = config.supervisord().environment();
    this.serverUrl = autoServerUrl(config);
  }

  /** supervisord's AUTO serverurl: the first unix server, else the first inet server, else none. */
  static Optional<String> autoServerUrl(Configuration config) {
    if (!config.unixHttpServers().isEmpty()) {
      return Optional.of("unix://" + config.unixHttpServers().getFirst().file());
    }
    if (!config.inetHttpServers().isEmpty()) {
      InetHttpServerConfig inet = config.inetHttpServers().getFirst();
      String host = inet.host().isEmpty() ? "localhost" : inet.host();
      return Optional.of("http://" + host + ":" + inet.port());
    }
    return Optional.empty();
  }

  Map<String, String> build(ProcessConfig process, String groupName, Optional<UserAccount> user) {
    Map<String, String> env = new LinkedHashMap<>(daemonEnv);
    env.put("SUPERVISOR_ENABLED", "1");
    Optional<String> url = "AUTO".equals(process.serverurl()) ? serverUrl : Optional.of(process.serverurl());
    url.ifPresent(u -> env.put("SUPERVISOR_SERVER_URL", u));
    env.put("SUPERVISOR_PROCESS_NAME", process.name());
    env.put("SUPERVISOR_GROUP_NAME", groupName);
    user.ifPresent(
        u -> {
          env.put("HOME", u.home());
          env.put("USER", u.name());
          env.put("LOGNAME", u.name());
          env.put("SHELL", u.shell().isEmpty() ? "/bin/sh" : u.shell());
        });
    env.putAll(globalEnv);
    env.putAll(process.environment());
    return env;
  }

  /** The PATH used to find the command: the program's own environment's, else the daemon's. */
  Optional<String> searchPath(ProcessConfig process) {
    String p = process.environment().get("PATH");
    if (p == null) {
      p = globalEnv.get("PATH");
    }
    if (p == null) {
      p = daemonEnv.get("PATH");
    }
    return Optional.ofNullable(p);
  }

  static List<String> asEnvp(Map<String, String> env) {
    List<String> out = new ArrayList<>(env.size());
    env.forEach((k, v) -> out.add(k + "=" + v));
    return out;
  }
}

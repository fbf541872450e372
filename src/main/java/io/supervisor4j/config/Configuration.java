package io.supervisor4j.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole supervisord.conf (with its includes) as supervisord computes it.
 *
 * @param groups sorted by (priority, name)
 * @param messages log lines produced while parsing (deprecation warnings, included files), written to the
 *     main log once it exists, as supervisord does
 */
public record Configuration(
    Path file,
    SupervisordConfig supervisord,
    List<UnixHttpServerConfig> unixHttpServers,
    List<InetHttpServerConfig> inetHttpServers,
    Optional<SupervisorctlConfig> supervisorctl,
    List<GroupConfig> groups,
    List<PluginConfig> rpcInterfaces,
    List<PluginConfig> ctlPlugins,
    List<ParseMessage> messages) {

  public Configuration {
    unixHttpServers = List.copyOf(unixHttpServers);
    inetHttpServers = List.copyOf(inetHttpServers);
    groups = List.copyOf(groups);
    rpcInterfaces = List.copyOf(rpcInterfaces);
    ctlPlugins = List.copyOf(ctlPlugins);
    messages = List.copyOf(messages);
  }

  /** A log line from parsing; {@code level} is a supervisord level name (warn, info). */
  public record ParseMessage(String level, String text) {}
}

package io.supervisor4j.config;

import java.util.Map;

/**
 * An {@code [rpcinterface:x]} or {@code [ctlplugin:x]} section: its factory entry point and the other keys,
 * passed to the factory as keyword arguments by supervisord.
 */
public record PluginConfig(String name, String factory, Map<String, String> extras) {
  /** The factory of supervisord's own API, which supervisor4j serves natively. */
  public static final String MAIN_RPC_FACTORY = "supervisor.rpcinterface:make_main_rpcinterface";

  public PluginConfig {
    extras = Map.copyOf(extras);
  }
}

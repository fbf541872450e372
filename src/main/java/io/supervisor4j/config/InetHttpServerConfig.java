package io.supervisor4j.config;

import java.util.Optional;

/** One {@code [inet_http_server*]} section. {@code host} is empty for all interfaces. */
public record InetHttpServerConfig(
    String section, String host, int port, Optional<String> username, Optional<String> password) {}

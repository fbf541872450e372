package io.supervisor4j.config;

import java.nio.file.Path;
import java.util.Optional;

/** One {@code [unix_http_server*]} section. {@code password} may be {@code {SHA}hex}. */
public record UnixHttpServerConfig(
    String section, Path file, int chmod, UidGid chown, Optional<String> username, Optional<String> password) {}

package io.supervisor4j.config;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The socket of a {@code [fcgi-program:x]}: {@code socket=tcp://host:port} or {@code unix:///path}.
 *
 * @param url the socket URL as expanded
 * @param owner {@code socket_owner} as (uid, gid), unix sockets only
 * @param mode {@code socket_mode}, unix sockets only (default 0700)
 */
public record FcgiSocketConfig(
    String url, int backlog, Optional<UidGid> owner, OptionalInt mode) {}

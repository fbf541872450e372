package io.supervisor4j.config;

/** A numeric owner as {@code chown=} / {@code socket_owner=} resolve it; -1 means unchanged. */
public record UidGid(int uid, int gid) {
  public static final UidGid UNCHANGED = new UidGid(-1, -1);
}

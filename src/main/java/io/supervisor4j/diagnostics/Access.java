package io.supervisor4j.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what an {@link Identity} may do with a path from the mode bits and owners, as the kernel's
 * {@code generic_permission} does: the owner class if the uid owns it, else the group class if any of its groups
 * owns it, else others; root may read and write anything, search any directory, and execute a file with any x bit.
 * ACLs, read-only mounts and security modules are not modelled. Stats are cached for one preflight run.
 */
final class Access {
  static final int R = 4;
  static final int W = 2;
  static final int X = 1;

  record Stat(int mode, int uid, int gid, boolean directory) {}

  private final Map<Path, Optional<Stat>> cache = new HashMap<>();

  Optional<Stat> stat(Path p) {
    return cache.computeIfAbsent(p.toAbsolutePath().normalize(), Access::read);
  }

  private static Optional<Stat> read(Path p) {
    try {
      Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,isDirectory");
      return Optional.of(new Stat((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
          (Boolean) a.get("isDirectory")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static boolean allows(Identity who, Stat st, int want) {
    if (who.isRoot()) {
      return (want & X) == 0 || st.directory() || (st.mode() & 0111) != 0;
    }
    int bits = who.uid() == st.uid() ? st.mode() >> 6 : who.inGroup(st.gid()) ? st.mode() >> 3 : st.mode();
    return (bits & want) == want;
  }

  /**
   * The first directory on the way to {@code p} (its ancestors, not {@code p} itself) that is missing or that
   * {@code who} cannot search; empty when every one can be passed.
   */
  Optional<Path> blockedAbove(Identity who, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null) {
      return Optional.empty();
    }
    Path real = realOrSelf(parent);
    Path walk = real.getRoot();
    if (!searchable(who, walk)) {
      return Optional.of(walk);
    }
    for (Path part : real) {
      walk = walk.resolve(part);
      if (!searchable(who, walk)) {
        return Optional.of(walk);
      }
    }
    return Optional.empty();
  }

  private boolean searchable(Identity who, Path dir) {
    Optional<Stat> st = stat(dir);
    return st.isPresent() && st.get().directory() && allows(who, st.get(), X);
  }

  /** Whether {@code who} can reach {@code p} and has {@code want} on it (false when it does not exist). */
  boolean can(Identity who, Path p, int want) {
    Optional<Stat> st = stat(p);
    return st.isPresent() && blockedAbove(who, realOrSelf(p)).isEmpty() && allows(who, st.get(), want);
  }

  /** Whether {@code who} can create or append to the file {@code p}. */
  boolean canWriteFile(Identity who, Path p) {
    Optional<Stat> st = stat(p);
    if (st.isPresent()) {
      return !st.get().directory() && can(who, p, W);
    }
    Path parent = p.toAbsolutePath().normalize().getParent();
    return parent != null && can(who, parent, W | X);
  }

  private static Path realOrSelf(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException | RuntimeException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}

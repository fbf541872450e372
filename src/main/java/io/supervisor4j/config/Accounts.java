package io.supervisor4j.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * User and group lookups from {@code /etc/passwd} and {@code /etc/group}, parsed in pure Java (supervisord uses
 * the {@code pwd}/{@code grp} modules; local files are what a container or server config refers to).
 */
final class Accounts {
  record User(String name, int uid, int gid, String home) {}

  record Group(String name, int gid) {}

  private final List<User> users;
  private final List<Group> groups;

  Accounts(List<User> users, List<Group> groups) {
    this.users = List.copyOf(users);
    this.groups = List.copyOf(groups);
  }

  /** Read afresh on every load: accounts may be added between two rereads. */
  static Accounts system() {
    return read(Path.of("/etc/passwd"), Path.of("/etc/group"));
  }

  static Accounts read(Path passwd, Path group) {
    List<User> users = new ArrayList<>();
    for (String[] f : fields(passwd)) {
      if (f.length >= 6) {
        parseId(f[2]).ifPresent(uid -> parseId(f[3]).ifPresent(gid -> users.add(new User(f[0], uid, gid, f[5]))));
      }
    }
    List<Group> groups = new ArrayList<>();
    for (String[] f : fields(group)) {
      if (f.length >= 3) {
        parseId(f[2]).ifPresent(gid -> groups.add(new Group(f[0], gid)));
      }
    }
    return new Accounts(users, groups);
  }

  private static List<String[]> fields(Path file) {
    List<String[]> rows = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split(":", -1));
        }
      }
    } catch (IOException e) {
      return rows; // no such database: every lookup fails as "Invalid user name"
    }
    return rows;
  }

  private static Optional<Integer> parseId(String s) {
    try {
      return Optional.of(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code name_to_uid}: a numeric id must exist too. */
  int nameToUid(String name) {
    Optional<Long> numeric = numeric(name);
    if (numeric.isPresent()) {
      long uid = numeric.get();
      if (users.stream().noneMatch(u -> u.uid() == uid)) {
        throw new ValueProblem("Invalid user id " + name);
      }
      return (int) uid;
    }
    return users.stream().filter(u -> u.name().equals(name)).findFirst().map(User::uid)
        .orElseThrow(() -> new ValueProblem("Invalid user name " + name));
  }

  int nameToGid(String name) {
    Optional<Long> numeric = numeric(name);
    if (numeric.isPresent()) {
      long gid = numeric.get();
      if (groups.stream().noneMatch(g -> g.gid() == gid)) {
        throw new ValueProblem("Invalid group id " + name);
      }
      return (int) gid;
    }
    return groups.stream().filter(g -> g.name().equals(name)).findFirst().map(Group::gid)
        .orElseThrow(() -> new ValueProblem("Invalid group name " + name));
  }

  int gidForUid(int uid) {
    return users.stream().filter(u -> u.uid() == uid).findFirst().map(User::gid)
        .orElseThrow(() -> new ValueProblem("Invalid user id " + uid));
  }

  Optional<String> homeOfUser(String name) {
    return users.stream().filter(u -> u.name().equals(name)).findFirst().map(User::home);
  }

  Optional<String> homeOfUid(int uid) {
    return users.stream().filter(u -> u.uid() == uid).findFirst().map(User::home);
  }

  private static Optional<Long> numeric(String name) {
    try {
      return Optional.of(Py.parseInt(name, 10));
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** The real uid of this JVM, from {@code /proc/self/status} (Linux). */
  static int currentUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(Py.split(line).get(1));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}

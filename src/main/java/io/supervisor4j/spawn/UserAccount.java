package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A passwd entry plus the user's group list, read through glibc (so NSS sources such as LDAP or systemd-userdb
 * work, unlike parsing /etc/passwd). {@code groups} holds every gid the user belongs to, primary gid first, as
 * supervisord's setgroups list.
 */
@SuppressWarnings("restricted") // reads C strings out of struct passwd
public record UserAccount(String name, int uid, int gid, int[] groups, String home, String shell) {
  // struct passwd on LP64 glibc: name, passwd, uid, gid, gecos, dir, shell
  private static final long PW_SIZE = 48;
  private static final long PW_NAME = 0;
  private static final long PW_UID = 16;
  private static final long PW_GID = 20;
  private static final long PW_DIR = 32;
  private static final long PW_SHELL = 40;

  public UserAccount {
    groups = groups.clone();
  }

  @Override
  public int[] groups() {
    return groups.clone();
  }

  /** Looks up a user by name, or by numeric uid when the text is an integer (supervisord's {@code name_to_uid}). */
  public static Optional<UserAccount> lookup(String nameOrUid) {
    Integer uid = null;
    try {
      uid = Integer.parseInt(nameOrUid.trim());
    } catch (NumberFormatException e) {
      // a name
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pwd = arena.allocate(PW_SIZE, 8);
      MemorySegment result = arena.allocate(ADDRESS);
      MemorySegment name = uid == null ? arena.allocateFrom(nameOrUid) : MemorySegment.NULL;
      for (long len = 1024; ; len *= 4) {
        MemorySegment buf = arena.allocate(len);
        int rc = uid == null
            ? Libc.getpwnamR(name, pwd, buf, len, result)
            : Libc.getpwuidR(uid, pwd, buf, len, result);
        if (rc == Errno.ERANGE && len < (1 << 24)) {
          continue;
        }
        if (rc != 0 || result.get(ADDRESS, 0).equals(MemorySegment.NULL)) {
          return Optional.empty();
        }
        return Optional.of(fromPasswd(pwd, arena));
      }
    }
  }

  private static UserAccount fromPasswd(MemorySegment pwd, Arena arena) {
    String name = string(pwd, PW_NAME);
    int uid = pwd.get(JAVA_INT, PW_UID);
    int gid = pwd.get(JAVA_INT, PW_GID);
    MemorySegment cname = arena.allocateFrom(name);
    MemorySegment count = arena.allocate(JAVA_INT);
    int capacity = 64;
    while (true) {
      MemorySegment list = arena.allocate(JAVA_INT, capacity);
      count.set(JAVA_INT, 0, capacity);
      int n = Libc.getgrouplist(cname, gid, list, count);
      if (n >= 0) {
        int[] groups = list.asSlice(0, n * 4L).toArray(JAVA_INT);
        return new UserAccount(name, uid, gid, groups, string(pwd, PW_DIR), string(pwd, PW_SHELL));
      }
      capacity = Math.max(capacity * 2, count.get(JAVA_INT, 0));
    }
  }

  private static String string(MemorySegment pwd, long offset) {
    MemorySegment p = pwd.get(ADDRESS, offset);
    return p.equals(MemorySegment.NULL) ? "" : p.reinterpret(Integer.MAX_VALUE).getString(0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserAccount u && u.name.equals(name) && u.uid == uid && u.gid == gid
        && java.util.Arrays.equals(u.groups, groups) && u.home.equals(home) && u.shell.equals(shell);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, uid, gid, java.util.Arrays.hashCode(groups), home, shell);
  }

  @Override
  public String toString() {
    return "UserAccount[" + name + " uid=" + uid + " gid=" + gid + " groups=" + java.util.Arrays.toString(groups)
        + " home=" + home + " shell=" + shell + "]";
  }
}

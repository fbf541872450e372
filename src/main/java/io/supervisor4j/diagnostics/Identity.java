package io.supervisor4j.diagnostics;

import io.supervisor4j.spawn.Libc;
import io.supervisor4j.spawn.UserAccount;
import java.util.Arrays;

/** Whose permissions a check evaluates: uid, primary gid and every group (as the child gets them). */
public record Identity(String name, int uid, int gid, int[] groups) {
  public Identity {
    groups = groups.clone();
  }

  public static Identity of(UserAccount a) {
    return new Identity(a.name(), a.uid(), a.gid(), a.groups());
  }

  /** The daemon itself (this process). */
  public static Identity self() {
    int uid = Libc.getuid();
    String name = UserAccount.lookup(Integer.toString(uid)).map(UserAccount::name).orElse(Integer.toString(uid));
    return new Identity(name, uid, Libc.getgid(), Libc.getgroups());
  }

  @Override
  public int[] groups() {
    return groups.clone();
  }

  boolean isRoot() {
    return uid == 0;
  }

  boolean inGroup(int g) {
    return g == gid || Arrays.stream(groups).anyMatch(x -> x == g);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i && i.name.equals(name) && i.uid == uid && i.gid == gid
        && Arrays.equals(i.groups, groups);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + uid) + Arrays.hashCode(groups);
  }

  @Override
  public String toString() {
    return name + "(uid " + uid + ")";
  }
}

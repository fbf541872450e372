package io.supervisor4j.spawn;

/**
 * Makes this JVM the child subreaper (prctl PR_SET_CHILD_SUBREAPER): orphaned grandchildren are re-parented to us
 * instead of init, and {@link ChildWatcher} reaps them (reporting them through its unknown-exit listener), so a
 * daemonizing program leaves no zombie and is still in our process tree.
 */
public final class Subreaper {
  private Subreaper() {}

  public static void enable() {
    Libc.prctl(Libc.PR_SET_CHILD_SUBREAPER, 1);
  }

  public static boolean isEnabled() {
    return Libc.prctlGetInt(Libc.PR_GET_CHILD_SUBREAPER) != 0;
  }
}

package io.supervisor4j.ctl;

import io.supervisor4j.Version;

/** Entry point of {@code bin/supervisorctl}. */
public final class SupervisorctlMain {
  private SupervisorctlMain() {}

  public static void main(String[] args) {
    System.out.println(Version.SUPERVISOR_VERSION);
  }
}

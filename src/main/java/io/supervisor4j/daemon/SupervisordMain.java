package io.supervisor4j.daemon;

import io.supervisor4j.Version;

/** Entry point of {@code bin/supervisord}. */
public final class SupervisordMain {
  private SupervisordMain() {}

  public static void main(String[] args) {
    System.out.println(Version.SUPERVISOR_VERSION);
  }
}

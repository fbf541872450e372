package io.supervisor4j;

/** Versions reported to clients. The API version is supervisord's, so supervisorctl accepts us. */
public final class Version {
  /** What {@code getSupervisorVersion} and {@code -v} print: supervisord's version we match. */
  public static final String SUPERVISOR_VERSION = "4.2.5";

  public static final String API_VERSION = "3.0";

  /** Our own version, shown where a supervisor4j-specific field is allowed. */
  public static final String SUPERVISOR4J_VERSION = "0.1.0";

  private Version() {}
}

package io.supervisor4j.ctl;

/** supervisorctl's exit statuses ({@code LSBInitExitStatuses}, {@code LSBStatusExitStatuses}). */
public final class ExitStatus {
  private ExitStatus() {}

  public static final int SUCCESS = 0;
  public static final int GENERIC = 1;
  public static final int INVALID_ARGS = 2;
  public static final int UNIMPLEMENTED_FEATURE = 3;
  public static final int INSUFFICIENT_PRIVILEGES = 4;
  public static final int NOT_INSTALLED = 5;
  public static final int NOT_RUNNING = 7;

  /** {@code status} only: a matched process is stopped. */
  public static final int STATUS_NOT_RUNNING = 3;
  /** {@code status} only: unknown name or the server is unreachable. */
  public static final int STATUS_UNKNOWN = 4;
}

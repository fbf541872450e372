package io.supervisor4j.process;

/**
 * supervisord's own state ("mood"), with its wire codes. FATAL exists in supervisord but is never entered. RPC
 * calls fault with SHUTDOWN_STATE whenever the mood is below RUNNING.
 */
public enum SupervisorState {
  FATAL(2),
  RUNNING(1),
  RESTARTING(0),
  SHUTDOWN(-1);

  private final int code;

  SupervisorState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** True when processes may be spawned (supervisord's {@code mood > RESTARTING}). */
  public boolean allowsSpawning() {
    return code > RESTARTING.code;
  }

  /** True while shutting down or restarting ({@code mood < RUNNING}). */
  public boolean isStopping() {
    return code < RUNNING.code;
  }
}

package io.supervisor4j.spawn;

/** A spawn that did not happen. The message is supervisord's spawnerr text, e.g. {@code can't find command 'x'}. */
public final class SpawnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final SpawnFault fault;

  public SpawnException(SpawnFault fault, String message) {
    super(message);
    this.fault = fault;
  }

  public SpawnException(String message) {
    this(SpawnFault.SPAWN_ERROR, message);
  }

  public SpawnFault fault() {
    return fault;
  }
}

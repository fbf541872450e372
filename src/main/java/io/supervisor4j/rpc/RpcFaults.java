package io.supervisor4j.rpc;

import java.util.Optional;

/**
 * supervisord's XML-RPC fault codes ({@code xmlrpc.py: Faults}); the wire code is explicit, never the ordinal. The
 * engine's {@link io.supervisor4j.process.Fault} is the same table (kept there so the engine does not depend on the
 * wire layer); {@link #of} maps one to the other by name and a test keeps the two identical.
 */
public enum RpcFaults {
  UNKNOWN_METHOD(1),
  INCORRECT_PARAMETERS(2),
  BAD_ARGUMENTS(3),
  SIGNATURE_UNSUPPORTED(4),
  SHUTDOWN_STATE(6),
  BAD_NAME(10),
  BAD_SIGNAL(11),
  NO_FILE(20),
  NOT_EXECUTABLE(21),
  FAILED(30),
  ABNORMAL_TERMINATION(40),
  SPAWN_ERROR(50),
  ALREADY_STARTED(60),
  NOT_RUNNING(70),
  SUCCESS(80),
  ALREADY_ADDED(90),
  STILL_RUNNING(91),
  CANT_REREAD(92);

  private final int code;

  RpcFaults(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The wire fault of an engine fault. */
  public static RpcFaults of(io.supervisor4j.process.Fault fault) {
    return valueOf(fault.name());
  }

  public static Optional<RpcFaults> fromCode(int code) {
    for (RpcFaults f : values()) {
      if (f.code == code) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The name supervisord's {@code getFaultDescription} gives a code: {@code UNKNOWN} for foreign codes. */
  public static String describe(int code) {
    return fromCode(code).map(Enum::name).orElse("UNKNOWN");
  }
}

package io.supervisor4j.log;

/** A log read or clear failed; {@link #fault()} names the XML-RPC fault supervisord's rpcinterface raises. */
public final class LogReadException extends RuntimeException {
  /** The fault names of {@code xmlrpc.Faults} that log reads produce. */
  public enum Fault {
    BAD_ARGUMENTS,
    NO_FILE,
    FAILED
  }

  private final Fault fault;

  public LogReadException(Fault fault, String message) {
    super(message);
    this.fault = fault;
  }

  public Fault fault() {
    return fault;
  }
}

package io.supervisor4j.rpc;

/**
 * An XML-RPC fault: thrown by method handlers (the server answers with a {@code <fault>}) and by {@link RpcClient}
 * when the server answered with one. The fault string follows supervisord: {@code NAME} or {@code NAME: detail}.
 */
public final class RpcFault extends RuntimeException {
  private final int code;
  private final String faultString;

  public RpcFault(int code, String faultString) {
    super(faultString, null, false, false);
    this.code = code;
    this.faultString = faultString;
  }

  public RpcFault(RpcFaults fault) {
    this(fault.code(), fault.name());
  }

  public RpcFault(RpcFaults fault, String detail) {
    this(fault.code(), fault.name() + ": " + detail);
  }

  public int code() {
    return code;
  }

  public String faultString() {
    return faultString;
  }

  /** True when this fault carries the given code. */
  public boolean is(RpcFaults fault) {
    return code == fault.code();
  }

  @Override
  public String getMessage() {
    // The same shape as Python's repr of xmlrpc.client.Fault, which supervisorctl prints.
    return "<Fault " + code + ": '" + faultString + "'>";
  }
}

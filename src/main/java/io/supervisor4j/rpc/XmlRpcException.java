package io.supervisor4j.rpc;

/** Malformed, hostile or oversized XML-RPC data, or a Java value that XML-RPC cannot carry. */
public final class XmlRpcException extends RuntimeException {
  public XmlRpcException(String message) {
    super(message);
  }

  public XmlRpcException(String message, Throwable cause) {
    super(message, cause);
  }
}

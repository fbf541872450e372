package io.supervisor4j.rpc;

/** A failure of {@link RpcClient} other than an XML-RPC fault: transport, HTTP status or a malformed reply. */
public class RpcClientException extends RuntimeException {
  public RpcClientException(String message) {
    super(message);
  }

  public RpcClientException(String message, Throwable cause) {
    super(message, cause);
  }
}

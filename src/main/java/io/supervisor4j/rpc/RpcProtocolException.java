package io.supervisor4j.rpc;

/**
 * The server answered with an HTTP status other than 200 (401 when authentication is required or failed). The
 * message mirrors Python's {@code ProtocolError} repr, which supervisorctl shows.
 */
public final class RpcProtocolException extends RpcClientException {
  private final int status;
  private final String reason;

  public RpcProtocolException(String target, int status, String reason) {
    super("<ProtocolError for " + target + ": " + status + " " + reason + ">");
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public boolean isUnauthorized() {
    return status == 401;
  }
}

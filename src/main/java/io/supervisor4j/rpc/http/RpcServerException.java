package io.supervisor4j.rpc.http;

/** The HTTP servers could not be started; the message is the one-line error supervisord prints (exit 2). */
public final class RpcServerException extends RuntimeException {
  public RpcServerException(String message) {
    super(message);
  }

  public RpcServerException(String message, Throwable cause) {
    super(message, cause);
  }
}

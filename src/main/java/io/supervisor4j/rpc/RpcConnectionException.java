package io.supervisor4j.rpc;

/**
 * The server could not be reached. The message is what supervisorctl prints: {@code <url> refused connection} or
 * {@code <url> no such file}; other I/O failures carry the system's message.
 */
public final class RpcConnectionException extends RpcClientException {
  /** Why the connection failed; supervisorctl maps REFUSED and NO_SUCH_FILE to distinct exit codes. */
  public enum Reason {
    REFUSED,
    NO_SUCH_FILE,
    OTHER
  }

  private final Reason reason;

  public RpcConnectionException(String serverUrl, Reason reason, Throwable cause) {
    super(message(serverUrl, reason, cause), cause);
    this.reason = reason;
  }

  private static String message(String serverUrl, Reason reason, Throwable cause) {
    return switch (reason) {
      case REFUSED -> serverUrl + " refused connection";
      case NO_SUCH_FILE -> serverUrl + " no such file";
      case OTHER -> serverUrl + ": " + (cause == null ? "connection failed" : String.valueOf(cause.getMessage()));
    };
  }

  public Reason reason() {
    return reason;
  }
}

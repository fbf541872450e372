package io.supervisor4j.ctl;

import io.supervisor4j.rpc.RpcConnectionException;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcProtocolException;

/**
 * The line supervisorctl prints for an unexpected exception: {@code error: <type>, <value>: file: <f> line: <n>}.
 * Failures Python's supervisorctl can also meet are described with the Python class, value and raising frame it
 * reports (Debian's Python 3.11), so scripts and tests see the same text.
 */
final class PyErrors {
  private PyErrors() {}

  private static final String CLIENT_PY = "/usr/lib/python3.11/xmlrpc/client.py";
  private static final String SUPERVISOR_XMLRPC_PY = "/usr/lib/python3/dist-packages/supervisor/xmlrpc.py";
  private static final String SOCKET_PY = "/usr/lib/python3.11/socket.py";

  static String describe(RuntimeException e) {
    return switch (e) {
      case RpcFault f -> line("xmlrpc.client.Fault", "<Fault " + f.code() + ": " + PyText.repr(f.faultString()) + ">",
          CLIENT_PY, 668);
      case RpcProtocolException p -> line("xmlrpc.client.ProtocolError",
          "<ProtocolError for 127.0.0.1/RPC2: " + p.status() + " " + p.reason() + ">", SUPERVISOR_XMLRPC_PY, 539);
      case RpcConnectionException c when c.reason() == RpcConnectionException.Reason.REFUSED -> line(
          "ConnectionRefusedError", "[Errno 111] Connection refused", unixOr(c, SOCKET_PY), unixOr(c, 836));
      case RpcConnectionException c when c.reason() == RpcConnectionException.Reason.NO_SUCH_FILE -> line(
          "FileNotFoundError", "[Errno 2] No such file or directory", SUPERVISOR_XMLRPC_PY, 557);
      case BadServerUrl b -> line("ValueError", b.getMessage(), SUPERVISOR_XMLRPC_PY, 505);
      case UnknownResultCode u -> line("ValueError", u.getMessage(),
          "/usr/lib/python3/dist-packages/supervisor/supervisorctl.py", u.pythonLine());
      default -> {
        StackTraceElement[] trace = e.getStackTrace();
        StackTraceElement top = trace.length > 0 ? trace[0] : new StackTraceElement("?", "?", "?", 0);
        yield line(e.getClass().getName(), String.valueOf(e.getMessage()), String.valueOf(top.getFileName()),
            top.getLineNumber());
      }
    };
  }

  private static String unixOr(RpcConnectionException c, String inetFile) {
    return c.getMessage().startsWith("unix://") ? SUPERVISOR_XMLRPC_PY : inetFile;
  }

  private static int unixOr(RpcConnectionException c, int inetLine) {
    return c.getMessage().startsWith("unix://") ? 557 : inetLine;
  }

  private static String line(String type, String value, String file, int lineNo) {
    return "error: <class '" + type + "'>, " + value + ": file: " + file + " line: " + lineNo;
  }
}

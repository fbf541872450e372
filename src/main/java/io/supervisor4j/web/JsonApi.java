package io.supervisor4j.web;

import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /api/v1/...}: supervisord's operations as JSON, each mapped onto the XML-RPC method that does it (see the
 * README for the table). Reads are GET, actions are POST; an XML-RPC fault becomes an HTTP error status with
 * {@code {"error": {"code", "name", "message"}}}.
 */
final class JsonApi {
  private final ApiCalls api;
  private final WebUi.Reasons reasons;

  JsonApi(ApiCalls api, WebUi.Reasons reasons) {
    this.api = api;
    this.reasons = reasons;
  }

  /** The answer to one request: status and JSON body. */
  record Answer(int status, String json) {}

  /**
   * Runs {@code method path} ({@code path} below {@code /api/v1/}, decoded). Unknown paths answer 404, known paths
   * with the wrong method 405.
   */
  CompletableFuture<Answer> handle(String method, String path, Fields query) {
    List<String> p = List.of(path.split("/", -1));
    boolean get = method.equals("GET") || method.equals("HEAD");
    boolean post = method.equals("POST");
    String wait = query.getValue("wait");
    boolean waits = wait == null || !(wait.equals("false") || wait.equals("0"));
    String signal = query.getValue("signal");
    try {
      return switch (p.getFirst()) {
        case "supervisor" -> p.size() == 1 && get ? ok(supervisor()) : notFound(get || post);
        case "config" -> p.size() == 1 && get ? ok(api.call("getAllConfigInfo")) : notFound(get || post);
        case "reread" -> p.size() == 1 && post ? ok(api.call("reloadConfig").thenApply(JsonApi::diff)) : notFound(get);
        case "update" -> p.size() == 1 && post ? ok(api.update()) : notFound(get);
        case "processes" -> processes(p, get, post, waits, signal, query);
        case "groups" -> p.size() == 3 && post
            ? ok(groupAction(p.get(1), p.get(2), waits, signal)) : notFound(get);
        case "all" -> p.size() == 2 && post ? ok(allAction(p.get(1), waits, signal)) : notFound(get);
        default -> notFound(false);
      };
    } catch (RpcFault f) {
      return CompletableFuture.completedFuture(fault(f));
    }
  }

  private CompletableFuture<Answer> processes(List<String> p, boolean get, boolean post, boolean waits,
      String signal, Fields query) {
    if (p.size() == 1) {
      return get ? ok(api.allProcessInfo().thenApply(this::withReasons)) : notFound(true);
    }
    String ns = p.get(1);
    if (p.size() == 2) {
      return get ? ok(api.call("getProcessInfo", ns).thenApply(this::withReason)) : notFound(true);
    }
    if (p.size() == 4 && p.get(2).equals("log") && get) {
      return ok(LogPage.read(api, ns, p.get(3), query));
    }
    if (p.size() == 3 && post) {
      return ok(switch (p.get(2)) {
        case "start" -> api.call("startProcess", ns, waits);
        case "stop" -> api.call("stopProcess", ns, waits);
        case "restart" -> api.restartProcess(ns);
        case "signal" -> api.call("signalProcess", ns, required(signal, "signal"));
        case "clear" -> api.call("clearProcessLogs", ns);
        default -> throw new RpcFault(RpcFaults.UNKNOWN_METHOD, p.get(2));
      });
    }
    return notFound(get || post);
  }

  private CompletableFuture<Object> groupAction(String group, String action, boolean waits, String signal) {
    return switch (action) {
      case "start" -> api.call("startProcessGroup", group, waits);
      case "stop" -> api.call("stopProcessGroup", group, waits);
      case "restart" -> api.call("stopProcessGroup", group, true)
          .thenCompose(x -> api.call("startProcessGroup", group, waits));
      case "signal" -> api.call("signalProcessGroup", group, required(signal, "signal"));
      default -> throw new RpcFault(RpcFaults.UNKNOWN_METHOD, action);
    };
  }

  private CompletableFuture<Object> allAction(String action, boolean waits, String signal) {
    return switch (action) {
      case "start" -> api.call("startAllProcesses", waits);
      case "stop" -> api.call("stopAllProcesses", waits);
      // the web UI's Restart All of supervisord: stopAll then startAll
      case "restart" -> api.call("stopAllProcesses", true).thenCompose(x -> api.call("startAllProcesses", waits));
      case "signal" -> api.call("signalAllProcesses", required(signal, "signal"));
      case "clear" -> api.call("clearAllProcessLogs");
      default -> throw new RpcFault(RpcFaults.UNKNOWN_METHOD, action);
    };
  }

  private CompletableFuture<Object> supervisor() {
    Map<String, Object> out = new LinkedHashMap<>();
    return api.call("getState").thenCompose(state -> {
      out.put("state", state);
      return api.call("getSupervisorVersion");
    }).thenCompose(v -> {
      out.put("version", v);
      return api.call("getIdentification");
    }).thenCompose(id -> {
      out.put("identification", id);
      return api.call("getPID");
    }).thenApply(pid -> {
      out.put("pid", pid);
      return out;
    });
  }

  @SuppressWarnings("unchecked")
  private Object withReasons(List<Map<String, Object>> list) {
    return list.stream().map(m -> (Object) reasons.annotate(m)).toList();
  }

  @SuppressWarnings("unchecked")
  private Object withReason(Object info) {
    return reasons.annotate((Map<String, Object>) info);
  }

  @SuppressWarnings("unchecked")
  private static Object diff(Object raw) {
    List<Object> d = (List<Object>) ((List<Object>) raw).getFirst();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("added", d.get(0));
    out.put("changed", d.get(1));
    out.put("removed", d.get(2));
    return out;
  }

  private static String required(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new RpcFault(RpcFaults.INCORRECT_PARAMETERS, "query parameter '" + name + "' is required");
    }
    return value;
  }

  private static CompletableFuture<Answer> ok(CompletableFuture<?> result) {
    return result.handle((value, failure) -> {
      if (failure == null) {
        return new Answer(200, Json.write(value));
      }
      Throwable cause = RpcDispatcher.unwrap(failure);
      if (cause instanceof RpcFault f) {
        return fault(f);
      }
      return error(500, RpcFaults.FAILED.code(), "FAILED", "FAILED: " + cause.getMessage());
    });
  }

  private static CompletableFuture<Answer> notFound(boolean knownPathWrongMethod) {
    return CompletableFuture.completedFuture(knownPathWrongMethod
        ? error(405, 0, "METHOD_NOT_ALLOWED", "use GET to read, POST to act")
        : error(404, 0, "NOT_FOUND", "no such API path"));
  }

  static Answer fault(RpcFault f) {
    String name = RpcFaults.describe(f.code());
    int status = switch (name) {
      case "BAD_NAME", "NO_FILE" -> 404;
      case "ALREADY_STARTED", "NOT_RUNNING", "ALREADY_ADDED", "STILL_RUNNING", "SHUTDOWN_STATE" -> 409;
      case "BAD_ARGUMENTS", "BAD_SIGNAL", "INCORRECT_PARAMETERS", "UNKNOWN_METHOD" -> 400;
      default -> 500;
    };
    return error(status, f.code(), name, f.faultString());
  }

  private static Answer error(int status, int code, String name, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("code", code);
    e.put("name", name);
    e.put("message", message);
    return new Answer(status, Json.write(Map.of("error", e)));
  }
}

package io.supervisor4j.web;

import io.supervisor4j.rpc.RpcArgs;
import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import io.supervisor4j.rpc.RpcMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The supervisor namespace as the web page, the JSON API and the metrics call it: through the same
 * {@link RpcDispatcher} that serves {@code /RPC2}, so every operation has exactly the XML-RPC semantics (faults,
 * waiting, result structs). Multi-step operations (restart, update) are composed the way supervisorctl composes them.
 */
final class ApiCalls {
  private final RpcDispatcher dispatcher;
  private final String namespace;

  ApiCalls(RpcDispatcher dispatcher, String namespace) {
    this.dispatcher = dispatcher;
    this.namespace = namespace;
  }

  /** Calls {@code <namespace>.<method>}; fails with an {@link RpcFault} as XML-RPC clients see it. */
  CompletableFuture<Object> call(String method, Object... params) {
    return dispatcher.dispatch(namespace + "." + method, List.of(params));
  }

  /**
   * {@code getAllProcessInfo} through the same handler, but not counted as a request: the page's state stream and
   * {@code /metrics} poll it, and their polling would drown the request counts people look at.
   */
  @SuppressWarnings("unchecked")
  CompletableFuture<List<Map<String, Object>>> allProcessInfo() {
    RpcMethod m = dispatcher.method(namespace + ".getAllProcessInfo").orElseThrow();
    try {
      Object v = m.handler().handle(new RpcArgs(List.of()));
      CompletableFuture<Object> f = v instanceof CompletionStage<?> stage
          ? stage.toCompletableFuture().thenApply(x -> (Object) x)
          : CompletableFuture.completedFuture(v);
      return f.thenApply(x -> (List<Map<String, Object>>) x);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** supervisorctl's restart: stop (a process that is not running is fine), then start. */
  CompletableFuture<Object> restartProcess(String namespec) {
    return call("stopProcess", namespec, true)
        .handle((ok, failure) -> {
          Throwable cause = failure == null ? null : RpcDispatcher.unwrap(failure);
          if (cause != null && !(cause instanceof RpcFault f && f.is(RpcFaults.NOT_RUNNING))) {
            return CompletableFuture.failedFuture(cause);
          }
          return call("startProcess", namespec, true);
        })
        .thenCompose(f -> f);
  }

  /** supervisorctl's {@code update} with no arguments: reread, then remove, replace and add groups. */
  @SuppressWarnings("unchecked")
  CompletableFuture<Object> update() {
    return call("reloadConfig").thenCompose(raw -> {
      List<Object> diff = (List<Object>) ((List<Object>) raw).getFirst();
      List<Object> added = (List<Object>) diff.get(0);
      List<Object> changed = (List<Object>) diff.get(1);
      List<Object> removed = (List<Object>) diff.get(2);
      CompletableFuture<Object> chain = CompletableFuture.completedFuture(null);
      for (Object g : removed) {
        chain = chain.thenCompose(x -> call("stopProcessGroup", g, true))
            .thenCompose(x -> call("removeProcessGroup", g));
      }
      for (Object g : changed) {
        chain = chain.thenCompose(x -> call("stopProcessGroup", g, true))
            .thenCompose(x -> call("removeProcessGroup", g))
            .thenCompose(x -> call("addProcessGroup", g));
      }
      for (Object g : added) {
        chain = chain.thenCompose(x -> call("addProcessGroup", g));
      }
      return chain.thenApply(x -> {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("added", added);
        result.put("changed", changed);
        result.put("removed", removed);
        return result;
      });
    });
  }
}

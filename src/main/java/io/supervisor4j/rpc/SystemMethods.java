package io.supervisor4j.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The built-in {@code system.*} namespace (introspection and multicall) of supervisord's XML-RPC interface. */
final class SystemMethods {
  private SystemMethods() {}

  static List<RpcMethod> all(RpcDispatcher dispatcher) {
    return List.of(
        RpcMethod.of("system.listMethods", """
            List the names of all methods this server publishes.

            @return array result  Method names, sorted.""", 0, args -> new ArrayList<Object>(dispatcher.methodNames())),
        RpcMethod.of("system.methodHelp", """
            Return the documentation of a method.

            @param string name    The method's name.
            @return string result The documentation.""", 1, args -> dispatcher.method(args.string(0))
                .map(RpcMethod::help)
                .orElseThrow(() -> new RpcFault(RpcFaults.SIGNATURE_UNSUPPORTED))),
        RpcMethod.of("system.methodSignature", """
            Return a method's signature as [returnType, paramType, ...].

            @param string name   The method's name.
            @return array result The signature.""", 1, args -> dispatcher.method(args.string(0))
                .filter(m -> !m.signature().isEmpty())
                .map(m -> (Object) new ArrayList<Object>(m.signature()))
                .orElseThrow(() -> new RpcFault(RpcFaults.SIGNATURE_UNSUPPORTED))),
        RpcMethod.of("system.multicall", """
            Run several calls in one request, one after the other. Each call is a struct
            {'methodName': string, 'params': array}; each result is the call's value or a struct
            {'faultCode': int, 'faultString': string}.

            @param array calls   The calls to make.
            @return array result One result per call.""", 1, args -> new MultiCall(dispatcher, args.array(0)).run()));
  }

  /** Runs the entries sequentially; a deferred entry is awaited (without a thread) before the next one starts. */
  private static final class MultiCall {
    private final RpcDispatcher dispatcher;
    private final List<Object> calls;
    private final List<Object> results;
    private final CompletableFuture<Object> done = new CompletableFuture<>();

    MultiCall(RpcDispatcher dispatcher, List<Object> calls) {
      this.dispatcher = dispatcher;
      this.calls = calls;
      this.results = new ArrayList<>(calls.size());
    }

    /** Completed at once when no entry is deferred, so plain multicalls answer without delay. */
    CompletableFuture<Object> run() {
      advance();
      return done;
    }

    private void advance() {
      while (results.size() < calls.size()) {
        CompletableFuture<Object> f = start(calls.get(results.size()));
        if (!f.isDone()) {
          f.whenComplete((v, e) -> {
            results.add(result(v, e));
            advance();
          });
          return;
        }
        results.add(f.handle(MultiCall::result).join());
      }
      done.complete(results);
    }

    private CompletableFuture<Object> start(Object call) {
      if (!(call instanceof Map<?, ?> entry)) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("multicall entry is not a struct"));
      }
      if (!(entry.get("methodName") instanceof String name)) {
        return CompletableFuture.failedFuture(new RpcFault(RpcFaults.INCORRECT_PARAMETERS, "No methodName"));
      }
      if (name.equals("system.multicall")) {
        return CompletableFuture.failedFuture(
            new RpcFault(RpcFaults.INCORRECT_PARAMETERS, "Recursive system.multicall forbidden"));
      }
      Object params = entry.containsKey("params") ? entry.get("params") : List.of();
      if (!(params instanceof List<?> list)) {
        return CompletableFuture.failedFuture(new RpcFault(RpcFaults.INCORRECT_PARAMETERS));
      }
      return dispatcher.dispatch(name, new ArrayList<Object>(list));
    }

    private static Object result(Object value, Throwable error) {
      if (error == null) {
        return value;
      }
      Throwable cause = RpcDispatcher.unwrap(error);
      Map<String, Object> fault = new LinkedHashMap<>();
      if (cause instanceof RpcFault f) {
        fault.put("faultCode", f.code());
        fault.put("faultString", f.faultString());
      } else {
        // supervisord: FAILED with "<class 'X'>:message" for anything unexpected; the multicall itself never faults
        fault.put("faultCode", RpcFaults.FAILED.code());
        fault.put("faultString", "FAILED: <class '" + cause.getClass().getName() + "'>:" + cause.getMessage());
      }
      return fault;
    }
  }
}

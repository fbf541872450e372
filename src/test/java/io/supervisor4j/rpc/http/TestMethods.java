package io.supervisor4j.rpc.http;

import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import io.supervisor4j.rpc.RpcMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/** A {@code test.*} namespace exercising plain, deferred, failing and faulting handlers. */
final class TestMethods {
  /** Futures handed out by {@code test.hold}, completed by the test. */
  final ConcurrentLinkedQueue<CompletableFuture<Object>> held = new ConcurrentLinkedQueue<>();

  RpcDispatcher dispatcher() {
    RpcDispatcher d = new RpcDispatcher();
    d.register(RpcMethod.of("test.echo", """
        Return the argument.

        @param string value  anything
        @return string result the same""", 1, args -> args.get(0)));
    d.register(RpcMethod.of("test.echoAll", "Return all arguments as an array.\n@return array all", 0, 10,
        args -> new ArrayList<Object>(args.values())));
    d.register(RpcMethod.of("test.slow", "Answer after the given milliseconds.\n@param int ms\n@return string done",
        1, args -> CompletableFuture.supplyAsync(() -> (Object) ("slept " + args.integer(0)),
            CompletableFuture.delayedExecutor(args.integer(0), TimeUnit.MILLISECONDS))));
    d.register(RpcMethod.of("test.hold", "Answer when the test says so.\n@return string value", 0, args -> {
      CompletableFuture<Object> f = new CompletableFuture<>();
      held.add(f);
      return f;
    }));
    d.register(RpcMethod.of("test.boom", "Fail unexpectedly.", 0, args -> {
      throw new IllegalStateException("secret internal detail");
    }));
    d.register(RpcMethod.of("test.fault", "Fault BAD_NAME.\n@param string name\n@return boolean never", 1, args -> {
      throw new RpcFault(RpcFaults.BAD_NAME, args.string(0));
    }));
    d.register(RpcMethod.of("test.unmarshallable", "Return what XML-RPC cannot carry.", 0, args -> new Object()));
    d.register(RpcMethod.of("test._hidden", "Private.", 0, args -> "hidden"));
    d.register(RpcMethod.of("test.big", "A large string.\n@param int n\n@return string s", 1,
        args -> "x".repeat(args.integer(0))));
    d.register(RpcMethod.of("test.list", "Nested list.", 0, args -> List.of(List.of(1, 2), List.of())));
    return d;
  }
}

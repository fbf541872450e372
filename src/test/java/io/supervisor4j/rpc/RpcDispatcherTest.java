package io.supervisor4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RpcDispatcherTest {
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<CompletableFuture<Object>> held = new CopyOnWriteArrayList<>();

  RpcDispatcher dispatcher() {
    RpcDispatcher d = new RpcDispatcher();
    d.register(RpcMethod.of("t.record", "Record.\n@param string s\n@return string s", 1, a -> {
      calls.add(a.string(0));
      return a.string(0);
    }));
    d.register(RpcMethod.of("t.hold", "Deferred.\n@return string x", 0, a -> {
      calls.add("hold");
      CompletableFuture<Object> f = new CompletableFuture<>();
      held.add(f);
      return f;
    }));
    d.register(RpcMethod.of("t.wait", "Optional wait flag.\n@param string name\n@param boolean wait\n@return boolean",
        1, 2, a -> a.bool(1, true)));
    return d;
  }

  private static Throwable failure(CompletableFuture<Object> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException | InterruptedException e) {
      return e.getCause();
    }
  }

  @Test
  void resolvesOnlyNamespaceDotMethod() {
    RpcDispatcher d = dispatcher();
    assertThat(d.dispatch("t.record", List.of("x")).join()).isEqualTo("x");
    for (String bad : new String[] {"t.record.x", "record", "t", "x.record", "t.nope", "t.", ".record"}) {
      assertThat(failure(d.dispatch(bad, List.of("x")))).as(bad)
          .isInstanceOfSatisfying(RpcFault.class, f -> assertThat(f.is(RpcFaults.UNKNOWN_METHOD)).isTrue());
    }
    assertThat(failure(d.dispatch("t.record", List.of()))).isInstanceOfSatisfying(RpcFault.class,
        f -> assertThat(f.faultString()).isEqualTo("INCORRECT_PARAMETERS"));
    assertThat(failure(d.dispatch("t.record", List.of(1)))).isInstanceOf(RpcFault.class);
    assertThat(d.dispatch("t.wait", List.of("a")).join()).isEqualTo(true);
    assertThat(d.dispatch("t.wait", List.of("a", false)).join()).isEqualTo(false);
    assertThat(failure(d.dispatch("t.wait", List.of("a", false, 3)))).isInstanceOf(RpcFault.class);
    assertThatThrownBy(() -> d.register(RpcMethod.of("t.record", "", 0, a -> 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RpcMethod.of("a.b.c", "", 0, a -> 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void introspection() {
    RpcDispatcher d = dispatcher();
    assertThat(d.dispatch("system.listMethods", List.of()).join()).isEqualTo(List.of("system.listMethods",
        "system.methodHelp", "system.methodSignature", "system.multicall", "t.hold", "t.record", "t.wait"));
    assertThat(d.dispatch("system.methodSignature", List.of("t.wait")).join())
        .isEqualTo(List.of("boolean", "string", "boolean"));
    assertThat(d.dispatch("system.methodSignature", List.of("system.multicall")).join())
        .isEqualTo(List.of("array", "array"));
    assertThat(d.dispatch("system.methodHelp", List.of("t.record")).join()).isEqualTo(
        "Record.\n@param string s\n@return string s");
    assertThat(failure(d.dispatch("system.methodHelp", List.of("t.none")))).isInstanceOfSatisfying(RpcFault.class,
        f -> assertThat(f.code()).isEqualTo(4));
    assertThat(RpcMethod.signatureFromHelp("no tags")).isEmpty();
  }

  @Test
  void multicallRunsSequentiallyAndAwaitsDeferredEntries() {
    RpcDispatcher d = dispatcher();
    List<Object> batch = new ArrayList<>(List.of(
        Map.of("methodName", "t.record", "params", List.of("one")),
        Map.of("methodName", "t.hold", "params", List.of()),
        Map.of("methodName", "t.record", "params", List.of("two")),
        Map.of("methodName", "t.nope"),
        "not a struct",
        Map.of("methodName", "t.record", "params", "not an array")));
    CompletableFuture<Object> result = d.dispatch("system.multicall", List.of(batch));
    assertThat(result).isNotDone();
    assertThat(calls).containsExactly("one", "hold"); // "two" waits for the deferred entry
    held.getFirst().complete("released");
    assertThat(result).isDone();
    assertThat(calls).containsExactly("one", "hold", "two");
    @SuppressWarnings("unchecked")
    List<Object> r = (List<Object>) result.join();
    assertThat(r).hasSize(6);
    assertThat(r.subList(0, 3)).containsExactly("one", "released", "two");
    assertThat(r.get(3)).isEqualTo(Map.of("faultCode", 1, "faultString", "UNKNOWN_METHOD"));
    assertThat(r.get(4)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("faultCode", 30);
    assertThat(r.get(5)).isEqualTo(Map.of("faultCode", 2, "faultString", "INCORRECT_PARAMETERS"));

    // a deferred entry failing with a fault becomes a fault struct, the rest still runs
    CompletableFuture<Object> second = d.dispatch("system.multicall", List.of(List.of(
        Map.of("methodName", "t.hold"), Map.of("methodName", "t.record", "params", List.of("three")))));
    held.get(1).completeExceptionally(new RpcFault(RpcFaults.SPAWN_ERROR, "foo"));
    assertThat(second.join()).isEqualTo(List.of(Map.of("faultCode", 50, "faultString", "SPAWN_ERROR: foo"), "three"));
    assertThat(d.dispatch("system.multicall", List.of(List.of())).join()).isEqualTo(List.of());
  }
}

package io.supervisor4j.rpc;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Resolves {@code namespace.method} names to registered {@link RpcMethod}s and runs them, as supervisord's
 * {@code traverse}: exactly one dot (CVE-2017-11610), no {@code _private} methods, arity checked. The
 * {@code system.*} namespace is built in. Thread-safe; handlers run on the caller's thread.
 */
public final class RpcDispatcher {
  private final ConcurrentMap<String, RpcMethod> methods = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> calls = new ConcurrentHashMap<>();

  public RpcDispatcher() {
    SystemMethods.all(this).forEach(this::register);
  }

  /** Publishes a method; a second registration under the same name is a programming error. */
  public void register(RpcMethod method) {
    if (methods.putIfAbsent(method.name(), method) != null) {
      throw new IllegalStateException("XML-RPC method registered twice: " + method.name());
    }
  }

  public void registerAll(Collection<RpcMethod> all) {
    all.forEach(this::register);
  }

  /** Withdraws a method (e.g. a namespace going away); true when it existed. */
  public boolean unregister(String name) {
    return methods.remove(name) != null;
  }

  /** Every public method name, sorted, as {@code system.listMethods} reports them. */
  public List<String> methodNames() {
    return methods.keySet().stream().filter(RpcDispatcher::isPublic).sorted().toList();
  }

  /** The method callable under {@code name}, if any. */
  public Optional<RpcMethod> method(String name) {
    return isPublic(name) ? Optional.ofNullable(methods.get(name)) : Optional.empty();
  }

  private static boolean isPublic(String name) {
    String[] parts = name.split("\\.", -1);
    return parts.length == 2 && !parts[1].startsWith("_");
  }

  /**
   * Calls {@code name}. The future completes with the result value, or exceptionally with an {@link RpcFault}
   * (UNKNOWN_METHOD, INCORRECT_PARAMETERS or the handler's own) or with any other exception the handler threw.
   */
  public CompletableFuture<Object> dispatch(String name, List<Object> params) {
    calls.computeIfAbsent(method(name).isPresent() ? name : "unknown", k -> new LongAdder()).increment();
    RpcMethod m = method(name).orElse(null);
    if (m == null) {
      return CompletableFuture.failedFuture(new RpcFault(RpcFaults.UNKNOWN_METHOD));
    }
    if (params.size() < m.minArgs() || params.size() > m.maxArgs()) {
      return CompletableFuture.failedFuture(new RpcFault(RpcFaults.INCORRECT_PARAMETERS));
    }
    Object result;
    try {
      result = m.handler().handle(new RpcArgs(params));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (result instanceof CompletionStage<?> stage) {
      return stage.toCompletableFuture().thenApply(RpcDispatcher::nonNull);
    }
    try {
      return CompletableFuture.completedFuture(nonNull(result));
    } catch (IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Object nonNull(Object v) {
    if (v == null) {
      throw new IllegalStateException("XML-RPC handler returned null");
    }
    return v;
  }

  /** Calls dispatched so far by method name (unknown names counted as {@code unknown}), for {@code /metrics}. */
  public Map<String, Long> callCounts() {
    Map<String, Long> counts = new TreeMap<>();
    calls.forEach((name, n) -> counts.put(name, n.sum()));
    return counts;
  }

  /** The cause behind a CompletableFuture failure. */
  public static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

}

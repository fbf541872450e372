package io.supervisor4j.rpc;

import io.supervisor4j.log.LogReadException;
import io.supervisor4j.process.FaultException;
import io.supervisor4j.process.Supervisor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The shared plumbing of the {@code supervisor.*} handlers: supervisord's mood check ({@code _update}) and the
 * translation of engine and log failures into XML-RPC faults.
 */
final class EngineCalls {
  private final DaemonControl control;

  EngineCalls(DaemonControl control) {
    this.control = control;
  }

  DaemonControl control() {
    return control;
  }

  /** The running engine; SHUTDOWN_STATE while shutting down, reloading, or before the engine exists. */
  Supervisor running() {
    Supervisor s = control.engine().orElseThrow(() -> new RpcFault(RpcFaults.SHUTDOWN_STATE));
    if (s.state().isStopping()) {
      throw new RpcFault(RpcFaults.SHUTDOWN_STATE);
    }
    return s;
  }

  /** The engine without the mood check (for the few calls supervisord makes without it). */
  Supervisor engine() {
    return control.engine().orElseThrow(() -> new RpcFault(RpcFaults.SHUTDOWN_STATE));
  }

  /** Maps an engine answer to its XML-RPC value once it arrives; engine faults become XML-RPC faults. */
  static <T> CompletionStage<Object> answer(CompletableFuture<T> future, Function<? super T, Object> toValue) {
    return future.handle((v, e) -> {
      if (e != null) {
        throw fault(e);
      }
      return toValue.apply(v);
    });
  }

  /** Waits for a quick engine answer (a lookup) on the calling HTTP thread; engine faults become XML-RPC faults. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (RuntimeException e) {
      throw fault(e);
    }
  }

  /** The XML-RPC fault for an engine failure; anything else is rethrown as is (an HTTP 500, as in supervisord). */
  static RuntimeException fault(Throwable e) {
    Throwable cause = RpcDispatcher.unwrap(e);
    return switch (cause) {
      case FaultException f -> fault(f);
      case RpcFault f -> f;
      case RuntimeException r -> r;
      default -> new IllegalStateException(cause);
    };
  }

  static RpcFault fault(FaultException f) {
    // the message is already "NAME" or "NAME: detail"
    return new RpcFault(RpcFaults.of(f.fault()).code(), f.getMessage());
  }

  /** readLog and friends: NO_FILE carries the path ("None" when unset); the others carry no detail. */
  static RpcFault fault(LogReadException e) {
    return switch (e.fault()) {
      case NO_FILE -> new RpcFault(RpcFaults.NO_FILE, e.getMessage());
      case BAD_ARGUMENTS -> new RpcFault(RpcFaults.BAD_ARGUMENTS);
      case FAILED -> new RpcFault(RpcFaults.FAILED);
    };
  }
}

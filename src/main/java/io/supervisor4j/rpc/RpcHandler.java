package io.supervisor4j.rpc;

/**
 * The body of one XML-RPC method. Returns the result value, or a {@link java.util.concurrent.CompletionStage} of
 * it for a deferred ("wait") call: the HTTP response is sent when the stage completes, and no thread waits.
 * Throw (or complete exceptionally with) {@link RpcFault} to answer with a fault; any other exception becomes
 * HTTP 500, as in supervisord.
 */
@FunctionalInterface
public interface RpcHandler {
  Object handle(RpcArgs args);
}

/**
 * supervisord's XML-RPC protocol: the value codec ({@link io.supervisor4j.rpc.XmlRpcReader},
 * {@link io.supervisor4j.rpc.XmlRpcWriter}, byte-identical to Python's {@code xmlrpc.client.dumps}), the method
 * registry ({@link io.supervisor4j.rpc.RpcDispatcher} with {@code system.*}), faults
 * ({@link io.supervisor4j.rpc.RpcFault}, {@link io.supervisor4j.rpc.RpcFaults}) and the client used by our
 * supervisorctl ({@link io.supervisor4j.rpc.RpcClient}), which loads neither Jetty nor StAX nor FFM; and
 * supervisord's {@code supervisor.*} namespace ({@link io.supervisor4j.rpc.SupervisorApi}), which reaches the
 * daemon only through the {@link io.supervisor4j.rpc.DaemonControl} port and the engine
 * ({@link io.supervisor4j.process.Supervisor}); and supervisor4j's own {@code supervisor4j.*} namespace
 * ({@link io.supervisor4j.rpc.Supervisor4jApi}: {@code explain}, {@code check}) plus the {@code reason} member it adds
 * to the process info struct, from the daemon's diagnostics.
 *
 * <p>Concurrency: the dispatcher is thread-safe and runs handlers on the calling (HTTP) thread; a handler that
 * must wait returns a {@code CompletionStage} and holds no thread. {@code RpcClient} is for one thread at a time.
 */
package io.supervisor4j.rpc;

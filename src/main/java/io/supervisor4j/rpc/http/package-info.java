/**
 * The HTTP side of supervisord on Jetty 12 core (no servlets): {@link io.supervisor4j.rpc.http.RpcHttpServer}
 * runs every {@code [unix_http_server]} / {@code [inet_http_server]} section as one connector with its own
 * Basic auth, serves {@code /RPC2}, {@code /logtail/...} and {@code /mainlogtail}, and publishes unix sockets
 * the way supervisord does (temp name, chmod, hard link, stale-socket replacement).
 *
 * <p>Concurrency: request bodies are read with demand callbacks, deferred calls complete on the server's
 * executor, and each log tail is a poll task on Jetty's scheduler; no thread waits on a client or a file.
 */
package io.supervisor4j.rpc.http;

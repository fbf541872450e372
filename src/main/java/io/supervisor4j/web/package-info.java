/**
 * The web page, the JSON API ({@code /api/v1/...}) and {@code /metrics}, served by {@link
 * io.supervisor4j.web.WebUi} as the fallback handler of the daemon's HTTP servers, so behind the same Basic auth on
 * the same inet and unix sockets. Every operation goes through the {@link io.supervisor4j.rpc.RpcDispatcher} that
 * serves {@code /RPC2}: no second copy of supervisord's semantics. Static assets (one HTML, one JS, one CSS) are
 * classpath resources; nothing is loaded from elsewhere.
 *
 * <p>Concurrency: requests complete from the dispatcher's futures; one timer thread polls the process table for the
 * server-sent events while anyone listens; {@link io.supervisor4j.web.ProcessStats} is written on the event loop
 * and read on HTTP threads through concurrent maps.
 */
package io.supervisor4j.web;

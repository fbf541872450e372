/**
 * supervisord's event system: event types and payloads ({@link io.supervisor4j.events.EventType},
 * {@link io.supervisor4j.events.Event}), listener pools with their buffers and the eventlistener protocol, capture
 * mode for PROCESS_COMMUNICATION ({@link io.supervisor4j.events.CaptureMode}) and TICK_* events.
 *
 * <p>Concurrency note: everything behind {@link io.supervisor4j.events.Events} is owned by one thread, the
 * supervisor's event loop, exactly as supervisord does it all in its select loop; there are no locks. Threads
 * that read child output or serve RPC hand their data to the loop. {@link io.supervisor4j.events.CaptureMode} is
 * the exception: it is per channel and belongs to whichever thread reads that channel.
 *
 * <p>Wiring (for the daemon):
 *
 * <ul>
 *   <li>{@code Events} is the engine's {@link io.supervisor4j.process.StateListener}: transitions, RUNNING /
 *       STOPPING of supervisord, group added/removed. Call {@code addPool(group)} for an
 *       {@code [eventlistener:x]} group before the engine adds it, {@code removePool(name)} before it is removed.
 *   <li>Listener stdout (the protocol channel): {@code listenerOutput(pool, process, bytes)}, in read order; it is
 *       also logged as usual but never makes PROCESS_LOG events. Listener stderr is ordinary output.
 *   <li>Ordinary output: feed each read to the channel's {@code CaptureMode(capture_maxbytes)}; write the
 *       non-captured {@code Output} pieces to the channel log; for every {@code Output} piece call
 *       {@code processLog(...)} if {@code *_events_enabled}; for a {@code Communication} piece call
 *       {@code processCommunication(...)}.
 *   <li>{@code remoteCommunication(type, data)} for {@code supervisor.sendRemoteCommEvent};
 *       {@code tick(wallMillis)} every loop iteration, waking by {@code nextTickMillis()}.
 *   <li>{@link io.supervisor4j.events.ListenerStdin} writes envelopes without blocking the loop.
 * </ul>
 */
package io.supervisor4j.events;

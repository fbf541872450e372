/**
 * supervisord's logging: the main ("activity") log ({@link io.supervisor4j.log.MainLog}), one
 * {@link io.supervisor4j.log.ChannelLog} per process output channel, both over a size-rotated
 * {@link io.supervisor4j.log.RotatingFile}; AUTO child log files ({@link io.supervisor4j.log.AutoChildLogs}); and the
 * read side used by the XML-RPC API ({@link io.supervisor4j.log.LogFiles}).
 *
 * <p>Concurrency: output chunks arrive on I/O threads and are written through at once (one write(2) per chunk, no
 * user-space buffering, so nothing handed over is lost on a crash); reopen (SIGUSR2), clear and reads come from other
 * threads. Each file is guarded by its own lock; the main log may be called from any thread.
 */
package io.supervisor4j.log;

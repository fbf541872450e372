/**
 * The process model: supervisord's state machine ({@link io.supervisor4j.process.Subprocess}), groups, and the
 * engine ({@link io.supervisor4j.process.Supervisor}) whose single event-loop thread owns them all.
 *
 * <p>The outside world comes in through ports wired by the daemon: {@link io.supervisor4j.process.ProcessLauncher}
 * and {@link io.supervisor4j.process.ProcessSignaller} (the spawn package), {@link io.supervisor4j.process.LogPaths}
 * (the log package), {@link io.supervisor4j.process.StateListener} (events) and {@link io.supervisor4j.process.Clock}.
 * Child exits arrive with {@link io.supervisor4j.process.Supervisor#childExited(int, int)} from any thread.
 */
package io.supervisor4j.process;

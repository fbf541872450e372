/**
 * Why a process failed, and what would fail before it starts.
 *
 * <p>{@link io.supervisor4j.diagnostics.Explainer} turns the engine's {@link io.supervisor4j.process.FailureReason},
 * the process's configuration, the last lines of its output and the {@link io.supervisor4j.diagnostics.LaunchContext}
 * it was started with into an {@link io.supervisor4j.diagnostics.Explanation} with {@link
 * io.supervisor4j.diagnostics.Hints}; the daemon keeps the latest one per process in a {@link
 * io.supervisor4j.diagnostics.FailureLog}. {@link io.supervisor4j.diagnostics.Preflight} checks a configuration as
 * each program's target user without starting anything.
 *
 * <p>Everything here is pure data plus small reads of /proc and /sys; OS facts (the cgroup's OOM counter, processes
 * a program left behind) are collected by the caller into {@link io.supervisor4j.diagnostics.Evidence} so each hint
 * rule is a function of its input.
 *
 * <p>For the RPC and ctl layers: the daemon's {@code ProcessRuntime.failures()} is the {@link
 * io.supervisor4j.diagnostics.FailureLog}; {@code latest(group, name)} gives the explanation to show as {@code
 * cause()} in a status line (while the process is BACKOFF, FATAL or EXITED) and as {@code render(zone)} for {@code
 * supervisorctl why}. {@code Preflight.check(config, env, Scope.RUNNING_DAEMON).table()} answers {@code
 * supervisorctl check}. Reads are thread-safe snapshots of immutable records.
 */
package io.supervisor4j.diagnostics;

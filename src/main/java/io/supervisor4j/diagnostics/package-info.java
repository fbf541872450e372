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
 */
package io.supervisor4j.diagnostics;

/**
 * All native (FFM) code of supervisor4j: starting children with posix_spawn ({@link io.supervisor4j.spawn.Spawner}),
 * reading their output and reaping them on one epoll thread ({@link io.supervisor4j.spawn.ChildWatcher}),
 * signals, users, resource limits. Every downcall lives in {@link io.supervisor4j.spawn.Libc}.
 *
 * <p>Threads: one spawner thread (private umask/cwd through unshare(CLONE_FS), per-thread credentials for
 * {@code user=}) and one watcher thread. Spawning and reaping share one lock ({@code ChildTable}) so that the
 * orphan sweep, waitpid(-1), never loses the exit of a child we spawned. Never use ProcessBuilder in the same
 * JVM: the sweep would reap its children.
 *
 * <p>Contract for callers: build the complete environment, resolve the command with
 * {@link io.supervisor4j.spawn.ExecutableResolver}, spawn, then hand every child to a watcher right away.
 */
package io.supervisor4j.spawn;

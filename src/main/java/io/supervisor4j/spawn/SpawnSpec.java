package io.supervisor4j.spawn;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything {@link Spawner#spawn} needs for one child.
 *
 * @param name the process name, only used in spawnerr messages ({@code too many open files to spawn 'x'})
 * @param executable the file to execute, from {@link ExecutableResolver}
 * @param argv the full argv including argv[0] as written in the command
 * @param env the complete environment as {@code K=V} strings (nothing is inherited: the caller builds it)
 * @param directory where the child starts; absent means supervisord's own working directory
 * @param umask the child's umask; absent inherits supervisord's
 * @param user the account to run as; absent (or our own uid) means no switch
 * @param redirectStderr stderr goes into the stdout pipe, no stderr pipe is made
 * @param stdin fd 0 of the child
 */
public record SpawnSpec(
    String name,
    Path executable,
    List<String> argv,
    List<String> env,
    Optional<Path> directory,
    OptionalInt umask,
    Optional<UserAccount> user,
    boolean redirectStderr,
    StdinSource stdin) {

  public SpawnSpec {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv is empty");
    }
  }

  /** A spec with defaults: inherited directory and umask, no user switch, separate stderr, stdin pipe. */
  public static SpawnSpec of(String name, Path executable, List<String> argv, List<String> env) {
    return new SpawnSpec(name, executable, argv, env, Optional.empty(), OptionalInt.empty(), Optional.empty(),
        false, StdinSource.pipe());
  }

  public SpawnSpec withDirectory(Path dir) {
    return new SpawnSpec(name, executable, argv, env, Optional.of(dir), umask, user, redirectStderr, stdin);
  }

  public SpawnSpec withUmask(int mask) {
    return new SpawnSpec(name, executable, argv, env, directory, OptionalInt.of(mask), user, redirectStderr, stdin);
  }

  public SpawnSpec withUser(UserAccount account) {
    return new SpawnSpec(name, executable, argv, env, directory, umask, Optional.of(account), redirectStderr, stdin);
  }

  public SpawnSpec withRedirectStderr(boolean redirect) {
    return new SpawnSpec(name, executable, argv, env, directory, umask, user, redirect, stdin);
  }

  public SpawnSpec withStdin(StdinSource source) {
    return new SpawnSpec(name, executable, argv, env, directory, umask, user, redirectStderr, source);
  }
}

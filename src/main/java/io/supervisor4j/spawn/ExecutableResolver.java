package io.supervisor4j.spawn;

import io.supervisor4j.config.PyRepr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Turns argv[0] into the file to execute, with supervisord's PATH search and checks ({@code get_execv_args} and
 * {@code check_execv_args}). A name with a slash is used as given (relative names stay relative, as supervisord
 * passes them to execve); otherwise the first PATH entry where the name exists wins, even if it is a directory.
 */
public final class ExecutableResolver {
  /** supervisord's PATH when none is set. */
  public static final String DEFAULT_PATH = "/bin:/usr/bin:/usr/local/bin";

  private static final Set<PosixFilePermission> EXEC_BITS = Set.of(
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);

  private ExecutableResolver() {}

  /** A command line resolved for posix_spawn: the file to execute and the argv (argv[0] as written). */
  public record ResolvedCommand(Path executable, java.util.List<String> argv) {}

  /**
   * supervisord's whole {@code get_execv_args}: split the command, refuse an empty one, resolve argv[0].
   *
   * @throws SpawnException e.g. {@code command is empty}, {@code can't find command 'x'}
   */
  public static ResolvedCommand resolveCommand(String command, Optional<String> pathEnv) {
    java.util.List<String> argv = CommandLine.split(command);
    if (argv.isEmpty()) {
      throw new SpawnException(SpawnFault.NOT_EXECUTABLE, "command is empty");
    }
    return new ResolvedCommand(resolve(argv.getFirst(), pathEnv), argv);
  }

  /**
   * @param pathEnv the PATH to search: the program's {@code environment=} PATH if it has one, else supervisord's
   *     own PATH if non-empty; empty means {@link #DEFAULT_PATH}. A present but empty string searches "" (the
   *     current directory), as Python's {@code ''.split(':')} does.
   * @throws SpawnException with supervisord's message and fault kind
   */
  public static Path resolve(String argv0, Optional<String> pathEnv) {
    String filename = argv0;
    PosixFileAttributes st = null;
    if (argv0.contains("/")) {
      st = stat(argv0);
    } else {
      for (String dir : pathEnv.orElse(DEFAULT_PATH).split(":", -1)) {
        String candidate = dir.isEmpty() ? argv0 : dir.endsWith("/") ? dir + argv0 : dir + "/" + argv0;
        st = stat(candidate);
        if (st != null) {
          filename = candidate;
          break;
        }
      }
    }
    String shown = PyRepr.str(filename);
    if (st == null) {
      throw new SpawnException(SpawnFault.NO_FILE, "can't find command " + shown);
    }
    if (st.isDirectory()) {
      throw new SpawnException(SpawnFault.NOT_EXECUTABLE, "command at " + shown + " is a directory");
    }
    if (st.permissions().stream().noneMatch(EXEC_BITS::contains)) {
      throw new SpawnException(SpawnFault.NOT_EXECUTABLE, "command at " + shown + " is not executable");
    }
    if (!Files.isExecutable(Path.of(filename))) {
      throw new SpawnException(SpawnFault.NOT_EXECUTABLE, "no permission to run command " + shown);
    }
    return Path.of(filename);
  }

  private static PosixFileAttributes stat(String file) {
    if (file.indexOf('\0') >= 0) {
      return null;
    }
    try {
      return Files.readAttributes(Path.of(file), PosixFileAttributes.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

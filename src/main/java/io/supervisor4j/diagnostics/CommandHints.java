package io.supervisor4j.diagnostics;

import io.supervisor4j.spawn.CommandLine;
import io.supervisor4j.spawn.ExecutableResolver;
import io.supervisor4j.spawn.SpawnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hints about starting the command: user, directory, PATH, permissions, #! lines, virtualenvs. */
final class CommandHints {
  private static final Pattern INVALID_USER = Pattern.compile("^Invalid user name (.+)$");
  private static final Pattern CHDIR = Pattern.compile("^couldn't chdir to (.+): (E[A-Z]+)$");
  private static final Pattern CANT_FIND = Pattern.compile("^can't find command '?([^']*)'?$");
  private static final Pattern NOT_FOUND_LINE = Pattern.compile("(?i)not found|No such file or directory");
  private static final Pattern NO_PERMISSION =
      Pattern.compile("is not executable|no permission to run command|^couldn't exec .*: EACCES$");
  private static final Pattern EXEC_ENOENT = Pattern.compile("^couldn't exec (.+): ENOENT$");
  private static final Pattern BAD_INTERPRETER = Pattern.compile("bad interpreter");
  private static final Pattern NO_MODULE =
      Pattern.compile("(?:ModuleNotFoundError|ImportError): No module named '?([\\w.]+)'?");
  private static final List<String> VENV_NAMES = List.of(".venv", "venv", "env", "virtualenv");

  private CommandHints() {}

  static Optional<String> unknownUser(Evidence e) {
    Matcher m = INVALID_USER.matcher(e.reason().detail());
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of("user " + m.group(1) + " does not exist on this machine: create it (useradd --system "
        + m.group(1) + ") or fix user= in [program:" + e.config().programName() + "]");
  }

  static Optional<String> cannotSwitchUser(Evidence e) {
    if (!e.reason().detail().contains("Can't drop privilege as nonroot user")) {
      return Optional.empty();
    }
    return Optional.of("supervisord does not run as root, so it can only run programs as its own user: start it "
        + "as root to use user=" + e.config().user().orElse("") + ", or remove user= from [program:"
        + e.config().programName() + "]");
  }

  static Optional<String> directory(Evidence e) {
    Matcher m = CHDIR.matcher(e.reason().detail());
    if (!m.find()) {
      return Optional.empty();
    }
    String dir = m.group(1);
    return Optional.of(switch (m.group(2)) {
      case "ENOENT" -> "directory=" + dir + " does not exist: create it (mkdir -p " + dir + ") or fix directory=";
      case "ENOTDIR" -> "directory=" + dir + " is not a directory (or a parent of it is a file)";
      case "EACCES" -> e.launch().user() + " cannot enter " + dir + ": it needs x permission on it and on every "
          + "directory above it (namei -l " + dir + ")";
      default -> "directory=" + dir + " cannot be entered (" + m.group(2) + ")";
    });
  }

  static Optional<String> commandNotFound(Evidence e) {
    String what;
    Matcher m = CANT_FIND.matcher(e.reason().detail());
    if (m.find()) {
      what = "'" + m.group(1) + "' was not found";
    } else if (exitCode(e) == 127) {
      what = "exit 127 means a command was not found"
          + Patterns.lastLine(e.tail(), NOT_FOUND_LINE).map(l -> " (" + Patterns.clip(l.strip(), 120) + ")").orElse("");
    } else {
      return Optional.empty();
    }
    String path = e.launch().path().orElse(ExecutableResolver.DEFAULT_PATH);
    return Optional.of(what + ": supervisor4j searches PATH=" + path + " (environment=, else the daemon's own) and "
        + "runs no login shell, so PATH additions in ~/.profile or ~/.bashrc and an activated virtualenv do not "
        + "apply; use an absolute path (`command -v NAME` in your shell prints it) or set environment=PATH=\"...\"");
  }

  static Optional<String> notExecutable(Evidence e) {
    boolean spawn = NO_PERMISSION.matcher(e.reason().detail()).find();
    if (!spawn && exitCode(e) != 126) {
      return Optional.empty();
    }
    String what = spawn ? e.reason().detail() : "exit 126 means a command was found but could not be executed";
    return Optional.of(what + ": make it executable (chmod +x), give " + e.launch().user() + " x permission on "
        + "every directory above it, check that its filesystem is not mounted noexec and that a script starts "
        + "with a valid #! line");
  }

  static Optional<String> badInterpreter(Evidence e) {
    Matcher m = EXEC_ENOENT.matcher(e.reason().detail());
    boolean fromTail = BAD_INTERPRETER.matcher(e.tailText()).find();
    if (!m.find() && !fromTail) {
      return Optional.empty();
    }
    Optional<Path> exe = executable(e);
    Optional<String> shebang = exe.flatMap(CommandHints::shebang);
    if (shebang.isEmpty()) {
      return fromTail
          ? Optional.of("the interpreter named on the script's #! line does not exist (or the line ends with a "
              + "carriage return: convert the file with dos2unix)")
          : Optional.empty();
    }
    String line = shebang.get();
    if (line.endsWith("\r")) {
      return Optional.of("the #! line of " + exe.get() + " ends with a carriage return (Windows line endings), so "
          + "the kernel looks for an interpreter named with a trailing \\r: convert the file with dos2unix");
    }
    String interpreter = line.substring(2).strip().split("\\s+")[0];
    return Optional.of(exe.get() + " exists but its #! interpreter " + interpreter + " does not: install it or "
        + "fix the #! line (e.g. #!/usr/bin/env python3)");
  }

  static Optional<String> virtualenv(Evidence e) {
    Optional<String> module = Patterns.lastMatch(e.tail(), NO_MODULE);
    Optional<String> argv0 = argv0(e);
    List<Path> venvs = virtualenvs(e);
    if (module.isPresent()) {
      String example = venvs.isEmpty() ? "/srv/app/.venv" : venvs.getFirst().toString();
      return Optional.of("Python cannot import '" + module.get() + "' with " + argv0.orElse("this interpreter")
          + ": supervisor4j does not activate virtualenvs; if it is installed in one, run that virtualenv's "
          + "interpreter or script directly (command=" + example + "/bin/python ...)");
    }
    boolean notFound = CANT_FIND.matcher(e.reason().detail()).find() || exitCode(e) == 127;
    if (!notFound || argv0.isEmpty() || argv0.get().contains("/")) {
      return Optional.empty();
    }
    for (Path venv : venvs) {
      Path candidate = venv.resolve("bin").resolve(argv0.get());
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate + " exists: supervisor4j does not activate virtualenvs, so use command="
            + candidate + " ... (the virtualenv's bin/ needs no activation when called by its path)");
      }
    }
    return Optional.empty();
  }

  /** Virtualenvs (directories with bin/python) next to where the program runs. */
  static List<Path> virtualenvs(Evidence e) {
    List<Path> roots = new ArrayList<>();
    e.config().directory().ifPresent(roots::add);
    if (!e.launch().cwd().isEmpty()) {
      roots.add(Path.of(e.launch().cwd()));
    }
    List<Path> found = new ArrayList<>();
    for (Path root : roots.stream().distinct().toList()) {
      for (String name : VENV_NAMES) {
        Path venv = root.resolve(name);
        if (Files.exists(venv.resolve("bin/python")) || Files.exists(venv.resolve("pyvenv.cfg"))) {
          found.add(venv);
        }
      }
    }
    return found;
  }

  static int exitCode(Evidence e) {
    return e.reason().exit().filter(s -> s.isExited()).map(s -> s.exitCode()).orElse(-1);
  }

  static Optional<String> argv0(Evidence e) {
    try {
      List<String> argv = CommandLine.split(e.config().command());
      return argv.isEmpty() ? Optional.empty() : Optional.of(argv.getFirst());
    } catch (SpawnException ex) {
      return Optional.empty();
    }
  }

  private static Optional<Path> executable(Evidence e) {
    try {
      return argv0(e).map(a -> ExecutableResolver.resolve(a, e.launch().path()));
    } catch (SpawnException ex) {
      return Optional.empty();
    }
  }

  /** The first line of {@code file} when it starts with {@code #!} (the \r of a CRLF line kept). */
  static Optional<String> shebang(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(256);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      if (!text.startsWith("#!")) {
        return Optional.empty();
      }
      int nl = text.indexOf('\n');
      return Optional.of(nl < 0 ? text : text.substring(0, nl));
    } catch (IOException | RuntimeException ex) {
      return Optional.empty();
    }
  }
}

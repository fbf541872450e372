package io.supervisor4j.diagnostics;

import java.util.Optional;
import java.util.regex.Pattern;

/** Hints about files the program could not use: another user's home, the Python egg cache, plain EACCES. */
final class PathHints {
  private static final Pattern DENIED = Pattern.compile("(?i)permission denied|EACCES|\\[Errno 13\\]");
  private static final Pattern EGG_CACHE = Pattern.compile("(?i)\\.python-eggs|egg cache");
  private static final Pattern HOME_DIR = Pattern.compile("^/home/([^/]+)(/|$)");

  private PathHints() {}

  /** The path in the last permission-denied line of the tail, if any. */
  static Optional<String> deniedPath(Evidence e) {
    return Patterns.lastLine(e.tail(), DENIED).flatMap(Patterns::pathIn);
  }

  static Optional<String> eggCache(Evidence e) {
    if (!EGG_CACHE.matcher(e.tailText()).find()) {
      return Optional.empty();
    }
    LaunchContext l = e.launch();
    String home = l.home().orElse("(unset)");
    return Optional.of(
        "Python's pkg_resources extracts eggs into $PYTHON_EGG_CACHE, else ~/.python-eggs where ~ is HOME (here "
            + home + ") and the program runs as " + l.user() + ": give it a HOME " + l.user()
            + " can write, or set environment=PYTHON_EGG_CACHE=\"" + suggestedHome(l)
            + "/.cache/Python-Eggs\" in [program:" + e.config().programName() + "]");
  }

  /** Permission denied on a path inside a home that is not the target user's own. */
  static Optional<String> foreignHome(Evidence e) {
    Optional<String> path = deniedPath(e);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    String p = path.get();
    LaunchContext l = e.launch();
    String user = l.user();
    if (user.equals("root")) {
      return Optional.empty();
    }
    Optional<String> home = l.home();
    if (home.isPresent() && !home.get().equals(l.userHome()) && Patterns.under(p, home.get())) {
      String where =
          e.config().environment().containsKey("HOME")
              ? "environment=HOME=" + home.get() + " in [program:" + e.config().programName() + "] overrides it"
              : e.config().user().isPresent()
                  ? "environment=HOME in [supervisord] overrides it"
                  : "the program has no user= and inherits the daemon's HOME";
      return Optional.of(
          "HOME is " + home.get() + " but the program runs as " + user + " (whose home is " + l.userHome()
              + "): supervisor4j sets HOME for user=, and " + where + "; remove HOME from environment= or set "
              + "it to " + suggestedHome(l) + " (" + p + " is not writable by " + user + ")");
    }
    Optional<String> owner = homeOwner(p);
    if (owner.isPresent() && !owner.get().equals(user)) {
      return Optional.of(
          p + " is inside " + owner.get() + "'s home but the program runs as " + user + ": point that setting "
              + "at a directory " + user + " owns (e.g. under " + suggestedHome(l) + " or /var/lib/"
              + e.config().programName() + ")");
    }
    return Optional.empty();
  }

  /** Any other permission denied on a named path. */
  static Optional<String> permissionDenied(Evidence e) {
    if (foreignHome(e).isPresent()) {
      return Optional.empty();
    }
    return deniedPath(e)
        .map(
            p ->
                e.launch().user() + " has no permission on " + p + ": check the owner and mode of it and of every "
                    + "directory above it (namei -l " + p + "), then chown/chmod it or run as a user that owns it");
  }

  /** {@code root} for /root, the directory name for /home/NAME. */
  static Optional<String> homeOwner(String path) {
    if (Patterns.under(path, "/root")) {
      return Optional.of("root");
    }
    var m = HOME_DIR.matcher(path);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String suggestedHome(LaunchContext l) {
    return l.userHome().isEmpty() ? "/home/" + l.user() : l.userHome();
  }
}

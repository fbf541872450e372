package io.supervisor4j.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One process of a program section, after {@code numprocs} expansion: every key of {@code [program:x]} with
 * supervisord's defaults applied and all {@code %(...)s} expansions done.
 *
 * @param name process name ({@code process_name} expanded)
 * @param programName the {@code x} of the section
 * @param command the expanded command line, not yet split (split at spawn, as supervisord does)
 * @param environment the program's own {@code environment=} pairs in file order (not merged with the global ones)
 * @param user the {@code user=} value as written, if any
 * @param umask {@code umask=} if set
 * @param serverurl {@code serverurl=}, {@code AUTO} by default
 */
public record ProcessConfig(
    String name,
    String programName,
    String command,
    int priority,
    boolean autostart,
    AutoRestart autorestart,
    int startsecs,
    int startretries,
    Set<Integer> exitcodes,
    SignalSpec stopsignal,
    int stopwaitsecs,
    boolean stopasgroup,
    boolean killasgroup,
    Optional<String> user,
    boolean redirectStderr,
    ChannelLogConfig stdout,
    ChannelLogConfig stderr,
    Map<String, String> environment,
    Optional<Path> directory,
    OptionalInt umask,
    String serverurl) {

  public ProcessConfig {
    exitcodes = Set.copyOf(exitcodes);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }

  /** The names of the keys above, for messages and diffs. */
  public static final List<String> KEYS =
      List.of(
          "command", "priority", "autostart", "autorestart", "startsecs", "startretries", "exitcodes",
          "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "user", "redirect_stderr",
          "environment", "directory", "umask", "serverurl");
}

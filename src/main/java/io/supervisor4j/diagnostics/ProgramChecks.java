package io.supervisor4j.diagnostics;

import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.spawn.ExecutableResolver;
import io.supervisor4j.spawn.SpawnException;
import io.supervisor4j.spawn.SpawnFault;
import io.supervisor4j.spawn.UserAccount;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The preflight checks of one process, evaluated as its target user (logs: as the daemon). */
final class ProgramChecks {
  private final Access access;
  private final Identity daemon;
  private final Map<String, String> daemonEnv;
  private final Map<String, String> globalEnv;
  private final Map<String, Optional<UserAccount>> users = new HashMap<>();
  private final List<Problem> problems;
  private boolean usesAutoLogs;

  ProgramChecks(Access access, Identity daemon, Map<String, String> daemonEnv, Map<String, String> globalEnv,
      List<Problem> problems) {
    this.access = access;
    this.daemon = daemon;
    this.daemonEnv = daemonEnv;
    this.globalEnv = globalEnv;
    this.problems = problems;
  }

  boolean usesAutoLogs() {
    return usesAutoLogs;
  }

  void check(String label, ProcessConfig p) {
    logs(label, p);
    Identity target = daemon;
    Optional<UserAccount> account = Optional.empty();
    if (p.user().isPresent()) {
      String u = p.user().get();
      account = users.computeIfAbsent(u, UserAccount::lookup);
      if (account.isEmpty()) {
        add(label, "user", "user " + u + " does not exist", "create it (useradd --system " + u + ") or fix user=");
        return; // nothing else can be judged as a user that does not exist
      }
      if (!daemon.isRoot() && account.get().uid() != daemon.uid()) {
        add(label, "user", "supervisord runs as " + daemon.name() + " and cannot switch to " + u,
            "start supervisord as root, or remove user=");
      }
      target = Identity.of(account.get());
    }
    String path = first(p.environment().get("PATH"), globalEnv.get("PATH"), daemonEnv.get("PATH"));
    command(label, p, target, path);
    Identity who = target;
    p.directory().ifPresent(d -> directory(label, d, who));
    home(label, p, who, account);
  }

  private void command(String label, ProcessConfig p, Identity who, String path) {
    Path exe;
    try {
      exe = ExecutableResolver.resolveCommand(p.command(), Optional.ofNullable(path)).executable();
    } catch (SpawnException e) {
      String fix = e.fault() == SpawnFault.NO_FILE
          ? "use an absolute path, or set environment=PATH=... (searched: "
              + (path == null ? ExecutableResolver.DEFAULT_PATH : path) + ")"
          : "make it an executable file (chmod +x) or fix command=";
      add(label, "command", e.getMessage(), fix);
      return;
    }
    if (!exe.isAbsolute()) {
      exe = p.directory().orElse(Path.of("").toAbsolutePath()).resolve(exe);
    }
    if (!access.can(who, exe, Access.X)) {
      add(label, "command", who.name() + " cannot execute " + exe + blockedBy(who, exe),
          "give " + who.name() + " x permission on it and on every directory above it (chmod o+x), or chown it");
      return;
    }
    Optional<String> shebang = CommandHints.shebang(exe);
    if (shebang.isEmpty()) {
      return;
    }
    String line = shebang.get();
    if (line.endsWith("\r")) {
      add(label, "command", "the #! line of " + exe + " ends with a carriage return (Windows line endings)",
          "convert the file: dos2unix " + exe);
      return;
    }
    if (!access.can(who, exe, Access.R)) {
      add(label, "command", who.name() + " cannot read the script " + exe + " (its interpreter must read it)",
          "chmod o+r " + exe + " or chown it to " + who.name());
    }
    String[] words = line.substring(2).strip().split("\\s+");
    if (words.length == 0 || words[0].isEmpty()) {
      return;
    }
    Path interpreter = Path.of(words[0]);
    if (access.stat(interpreter).isEmpty()) {
      add(label, "command", "the #! interpreter " + interpreter + " of " + exe + " does not exist",
          "install it or fix the #! line (e.g. #!/usr/bin/env python3)");
    } else if (!access.can(who, interpreter, Access.X)) {
      add(label, "command", who.name() + " cannot execute the #! interpreter " + interpreter,
          "give " + who.name() + " x permission on it");
    }
  }

  private void directory(String label, Path d, Identity who) {
    var st = access.stat(d);
    if (st.isEmpty()) {
      add(label, "directory", "directory " + d + " does not exist", "create it (mkdir -p " + d + ") or fix directory=");
    } else if (!st.get().directory()) {
      add(label, "directory", d + " is not a directory", "fix directory=");
    } else if (!access.can(who, d, Access.X)) {
      add(label, "directory", who.name() + " cannot enter " + d + blockedBy(who, d),
          "give " + who.name() + " x permission on " + d + " and every directory above it (namei -l " + d + ")");
    }
  }

  private void home(String label, ProcessConfig p, Identity who, Optional<UserAccount> account) {
    String source;
    String home;
    if (p.environment().containsKey("HOME")) {
      home = p.environment().get("HOME");
      source = "environment=HOME in [program:" + p.programName() + "]";
    } else if (globalEnv.containsKey("HOME")) {
      home = globalEnv.get("HOME");
      source = "environment=HOME in [supervisord]";
    } else if (account.isPresent()) {
      home = account.get().home();
      source = "passwd";
    } else {
      home = daemonEnv.get("HOME");
      source = "supervisord's own environment";
    }
    if (home == null || home.isEmpty()) {
      return;
    }
    Path h = Path.of(home);
    boolean fromPasswd = source.equals("passwd");
    var st = access.stat(h);
    if (st.isEmpty() || !st.get().directory()) {
      add(label, "home", "HOME " + home + " (from " + source + ") does not exist",
          fromPasswd ? "create it: mkdir -p " + home + " && chown " + who.name() + ": " + home
              + " (or give the user another home: usermod -d)"
              : "point HOME at an existing directory " + who.name() + " owns");
    } else if (!access.can(who, h, Access.W | Access.X)) {
      String owner = PathHints.homeOwner(home).filter(o -> !o.equals(who.name())).map(o -> ", it is " + o
          + "'s home").orElse("");
      add(label, "home", "HOME " + home + " (from " + source + ") is not writable by " + who.name() + owner,
          fromPasswd ? "chown " + who.name() + ": " + home
              : source.startsWith("environment")
                  ? "remove HOME from environment= (supervisor4j sets the user's own home for user=) or point it"
                      + " at a directory " + who.name() + " owns"
                  : "set user= (supervisor4j then sets that user's HOME) or environment=HOME=...");
    }
  }

  private void logs(String label, ProcessConfig p) {
    channel(label, "stdout_logfile", p.stdout());
    if (!p.redirectStderr()) {
      channel(label, "stderr_logfile", p.stderr());
    }
  }

  private void channel(String label, String key, ChannelLogConfig c) {
    LogFile f = c.logfile();
    if (f.kind() == LogFile.Kind.AUTO) {
      usesAutoLogs = true;
    } else if (f.kind() == LogFile.Kind.FILE && f.path().isPresent()) {
      Path file = f.path().get();
      if (!access.canWriteFile(daemon, file)) {
        add(label, "logfile", key + " " + file + " is not writable by supervisord (" + daemon.name() + ")"
            + blockedBy(daemon, file), fixForFile(file));
      }
    }
  }

  String blockedBy(Identity who, Path p) {
    return access.blockedAbove(who, p)
        .map(b -> access.stat(b).isEmpty() ? ": " + b + " does not exist" : ": no search permission on " + b)
        .orElse("");
  }

  String fixForFile(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return access.stat(parent).isEmpty()
        ? "create the directory: mkdir -p " + parent
        : "make it writable by " + daemon.name() + " (chown/chmod " + file + " or its directory)";
  }

  private void add(String label, String check, String message, String fix) {
    problems.add(new Problem(label, check, message, fix));
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}

package io.supervisor4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.process.FailureReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each hint rule with a realistic output tail, and a near miss it must stay silent on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HintsTest {
  @TempDir Path dir;

  static final String EGG_CACHE = """
      Traceback (most recent call last):
        File "/usr/lib/python3/dist-packages/pkg_resources/__init__.py", line 1236, in get_cache_path
          ensure_directory(target_path)
      PermissionError: [Errno 13] Permission denied: '/root/.python-eggs'

      During handling of the above exception, another exception occurred:

      pkg_resources.ExtractionError: Can't extract file(s) to egg cache

      The following error occurred while trying to extract file(s)
      to the Python egg cache:

        [Errno 13] Permission denied: '/root/.python-eggs'

      The Python egg cache directory is currently set to:

        /root/.python-eggs

      Perhaps your account does not have write access to this directory?
      You can change the cache directory by setting the PYTHON_EGG_CACHE environment
      variable to point to an accessible directory.""";

  @Test
  void eggCacheUnderRootsHomeWhileRunningAsApp() {
    Evidence e = Cases.failing().exit(1).programEnv("HOME", "/root").tail(EGG_CACHE).evidence();
    assertThat(PathHints.foreignHome(e)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("HOME is /root but the program runs as app (whose home is /home/app): supervisor4j sets HOME "
            + "for user=, and environment=HOME=/root in [program:web] overrides it; remove HOME")
        .contains("set it to /home/app"));
    assertThat(PathHints.eggCache(e)).hasValueSatisfying(h -> assertThat(h)
        .contains("PYTHON_EGG_CACHE=\"/home/app/.cache/Python-Eggs\"", "HOME (here /root)"));
    assertThat(Hints.all(e)).hasSize(2); // the generic permission rule defers to the specific one
    assertThat(Explainer.cause(e)).isEqualTo(
        "Exited too quickly: exit 1; [Errno 13] Permission denied: '/root/.python-eggs'");
    assertThat(RuntimeHints.missingEnvironment(e)).isEmpty();
  }

  @Test
  void permissionDeniedInsideAnotherUsersHome() {
    Evidence e = Cases.failing().exit(1)
        .tail("touch: cannot touch '/home/bob/data/app.lock': Permission denied").evidence();
    assertThat(PathHints.foreignHome(e)).hasValue(
        "/home/bob/data/app.lock is inside bob's home but the program runs as app: point that setting at a "
            + "directory app owns (e.g. under /home/app or /var/lib/web)");
    assertThat(PathHints.permissionDenied(e)).isEmpty();
  }

  @Test
  void permissionDeniedElsewhereGetsTheGenericHint() {
    Evidence e = Cases.failing().exit(1)
        .tail("Error: EACCES: permission denied, open '/var/lib/web/state.json'").evidence();
    assertThat(PathHints.foreignHome(e)).isEmpty();
    assertThat(PathHints.permissionDenied(e)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("app has no permission on /var/lib/web/state.json").contains("namei -l /var/lib/web/state.json"));
    assertThat(PathHints.permissionDenied(Cases.failing().exit(1).tail("all fine").evidence())).isEmpty();
  }

  @Test
  void commandNotFoundBySpawnAndByShell() {
    Evidence spawn = Cases.failing().spawnError("can't find command 'gunicorn'").env("PATH", "/usr/bin:/bin")
        .evidence();
    assertThat(CommandHints.commandNotFound(spawn)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("'gunicorn' was not found: supervisor4j searches PATH=/usr/bin:/bin").contains("~/.profile"));
    Evidence shell = Cases.failing().command("/bin/sh -c 'gunicorn app:app'").exit(127)
        .tail("/bin/sh: 1: gunicorn: not found").evidence();
    assertThat(CommandHints.commandNotFound(shell)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("exit 127 means a command was not found (/bin/sh: 1: gunicorn: not found)"));
    assertThat(CommandHints.commandNotFound(Cases.failing().exit(1).evidence())).isEmpty();
  }

  @Test
  void notExecutableBySpawnAndExit126() {
    Evidence spawn = Cases.failing().spawnError("command at '/srv/run.sh' is not executable").evidence();
    assertThat(CommandHints.notExecutable(spawn)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("command at '/srv/run.sh' is not executable: make it executable (chmod +x)"));
    Evidence shell = Cases.failing().exit(126).tail("/bin/sh: 1: ./run.sh: Permission denied").evidence();
    assertThat(CommandHints.notExecutable(shell)).hasValueSatisfying(h -> assertThat(h).startsWith("exit 126"));
    assertThat(CommandHints.notExecutable(Cases.failing().exit(2).evidence())).isEmpty();
  }

  @Test
  void virtualenvNotActivated() throws IOException {
    Path venv = dir.resolve(".venv");
    Files.createDirectories(venv.resolve("bin"));
    Files.writeString(venv.resolve("bin/gunicorn"), "#!/bin/sh\n");
    Files.writeString(venv.resolve("bin/python"), "");
    Evidence notFound = Cases.failing().command("gunicorn app:app").directory(dir)
        .spawnError("can't find command 'gunicorn'").evidence();
    assertThat(CommandHints.virtualenv(notFound)).hasValue(venv.resolve("bin/gunicorn") + " exists: supervisor4j "
        + "does not activate virtualenvs, so use command=" + venv.resolve("bin/gunicorn")
        + " ... (the virtualenv's bin/ needs no activation when called by its path)");
    Evidence noModule = Cases.failing().command("python3 main.py").directory(dir).exit(1).tail("""
        Traceback (most recent call last):
          File "/srv/app/main.py", line 1, in <module>
            import flask
        ModuleNotFoundError: No module named 'flask'""").evidence();
    assertThat(CommandHints.virtualenv(noModule)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("Python cannot import 'flask' with python3: supervisor4j does not activate virtualenvs")
        .contains("command=" + venv + "/bin/python"));
    Evidence elsewhere = Cases.failing().command("gunicorn app:app").spawnError("can't find command 'gunicorn'")
        .evidence();
    assertThat(CommandHints.virtualenv(elsewhere)).isEmpty();
  }

  @Test
  void badInterpreterAndWindowsLineEndings() throws IOException {
    Path script = dir.resolve("run");
    Files.writeString(script, "#!/usr/bin/python2.4 -u\nprint 1\n");
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Evidence missing = Cases.failing().command(script.toString()).spawnError("couldn't exec " + script + ": ENOENT")
        .evidence();
    assertThat(CommandHints.badInterpreter(missing)).hasValue(script + " exists but its #! interpreter "
        + "/usr/bin/python2.4 does not: install it or fix the #! line (e.g. #!/usr/bin/env python3)");
    Files.writeString(script, "#!/bin/sh\r\necho hi\r\n");
    assertThat(CommandHints.badInterpreter(missing)).hasValueSatisfying(h -> assertThat(h)
        .contains("ends with a carriage return", "dos2unix"));
    assertThat(CommandHints.badInterpreter(Cases.failing().exit(1).evidence())).isEmpty();
  }

  @Test
  void unknownUserAndDirectory() {
    assertThat(CommandHints.unknownUser(Cases.failing().spawnError("Invalid user name ghost").evidence()))
        .hasValue("user ghost does not exist on this machine: create it (useradd --system ghost) or fix user= in "
            + "[program:web]");
    assertThat(CommandHints.directory(Cases.failing().spawnError("couldn't chdir to /srv/nope: ENOENT").evidence()))
        .hasValue("directory=/srv/nope does not exist: create it (mkdir -p /srv/nope) or fix directory=");
    assertThat(CommandHints.directory(Cases.failing().spawnError("couldn't chdir to /srv/x: EACCES").evidence()))
        .hasValueSatisfying(h -> assertThat(h).startsWith("app cannot enter /srv/x"));
    assertThat(CommandHints.directory(Cases.failing().exit(1).evidence())).isEmpty();
    assertThat(CommandHints.cannotSwitchUser(Cases.failing()
        .spawnError("couldn't setuid to 1000: Can't drop privilege as nonroot user").evidence()))
        .hasValueSatisfying(h -> assertThat(h).startsWith("supervisord does not run as root").contains("user=app"));
    assertThat(CommandHints.cannotSwitchUser(Cases.failing().spawnError("couldn't setuid to 1000: EPERM")
        .evidence())).isEmpty();
  }

  @Test
  void addressInUseFromPythonNginxAndNode() {
    Evidence python = Cases.failing().exit(1).tail("""
          File "/usr/lib/python3.11/socketserver.py", line 473, in server_bind
            self.socket.bind(self.server_address)
        OSError: [Errno 98] Address already in use""").evidence();
    assertThat(RuntimeHints.addressInUse(python)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("another process already listens on the address:").contains("ss -ltnp"));
    Evidence nginx = Cases.failing().exit(1)
        .tail("nginx: [emerg] bind() to 0.0.0.0:8080 failed (98: Address already in use)").evidence();
    assertThat(RuntimeHints.addressInUse(nginx)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("another process already listens on port 8080").contains("ss -ltnp 'sport = :8080'"));
    Evidence node = Cases.failing().exit(1).tail("Error: listen EADDRINUSE: address already in use :::3000")
        .evidence();
    assertThat(RuntimeHints.addressInUse(node)).hasValueSatisfying(h -> assertThat(h).contains("port 3000"));
    assertThat(RuntimeHints.addressInUse(Cases.failing().exit(1).tail("listening on :3000").evidence())).isEmpty();
  }

  @Test
  void sigkillWithAndWithoutTheCgroupOomCounter() {
    Cases oom = Cases.failing().signal(9, false).ran(40).kind(FailureReason.Kind.UNEXPECTED_EXIT);
    oom.oomAtStart = OptionalLong.of(2);
    oom.oomNow = OptionalLong.of(3);
    assertThat(RuntimeHints.sigkill(oom.evidence())).hasValueSatisfying(h -> assertThat(h)
        .startsWith("SIGKILL while the kernel's OOM killer killed 1 process(es)").contains("ran out of memory"));
    oom.oomNow = OptionalLong.of(2);
    assertThat(RuntimeHints.sigkill(oom.evidence())).hasValueSatisfying(h -> assertThat(h)
        .contains("OOM counter did not move", "possible OOM"));
    oom.oomAtStart = OptionalLong.empty();
    assertThat(RuntimeHints.sigkill(oom.evidence())).hasValueSatisfying(h -> assertThat(h)
        .startsWith("SIGKILL not sent by supervisor4j: possible OOM"));
    assertThat(RuntimeHints.sigkill(Cases.failing().signal(15, false).evidence())).isEmpty();
    assertThat(RuntimeHints.crash(Cases.failing().signal(11, true).evidence())).hasValueSatisfying(h -> assertThat(h)
        .startsWith("it died of SIGSEGV").contains("core was dumped"));
    assertThat(RuntimeHints.crash(oom.evidence())).isEmpty();
  }

  @Test
  void daemonizingProgram() {
    Cases forks = Cases.failing().exit(0).ran(0.05);
    forks.survivors = List.of(4242);
    assertThat(RuntimeHints.daemonizes(forks.evidence())).hasValueSatisfying(h -> assertThat(h)
        .startsWith("it exited with status 0 after 0.1 s and left pid(s) [4242] running: a program that puts "
            + "itself in the background")
        .contains("nginx -g 'daemon off;'"));
    Cases quick = Cases.failing().exit(0).ran(0.3);
    assertThat(RuntimeHints.daemonizes(quick.evidence())).hasValueSatisfying(h -> assertThat(h)
        .startsWith("it exited with status 0 after 0.3 s: ").contains("startsecs=0 and autorestart=false"));
    assertThat(RuntimeHints.daemonizes(Cases.failing().exit(0).ran(3600).evidence())).isEmpty();
    assertThat(RuntimeHints.daemonizes(Cases.failing().exit(1).ran(0.1).evidence())).isEmpty();
  }

  @Test
  void missingEnvironmentVariableInTracebacksAndShells() {
    Evidence python = Cases.failing().exit(1).tail("""
        Traceback (most recent call last):
          File "/srv/app/settings.py", line 3, in <module>
            DB = os.environ['DATABASE_URL']
                 ~~~~~~~~~~^^^^^^^^^^^^^^^^
          File "<frozen os>", line 679, in __getitem__
        KeyError: 'DATABASE_URL'""").evidence();
    assertThat(RuntimeHints.missingEnvironment(python)).hasValueSatisfying(h -> assertThat(h)
        .startsWith("DATABASE_URL is not in the program's environment: ")
        .contains("environment=DATABASE_URL=\"...\" to [program:web]"));
    Evidence shell = Cases.failing().exit(2).tail("/srv/start.sh: line 4: API_TOKEN: unbound variable").evidence();
    assertThat(RuntimeHints.missingEnvironment(shell)).hasValueSatisfying(h -> assertThat(h).startsWith("API_TOKEN"));
    Evidence prose = Cases.failing().exit(1).tail("Error: Missing required environment variable: SECRET_KEY")
        .evidence();
    assertThat(RuntimeHints.missingEnvironment(prose)).hasValueSatisfying(h -> assertThat(h).startsWith("SECRET_KEY"));
    // a dict KeyError unrelated to the environment, and a variable that is actually set
    assertThat(RuntimeHints.missingEnvironment(Cases.failing().exit(1).tail("KeyError: 'user_id'").evidence()))
        .isEmpty();
    Evidence set = Cases.failing().env("API_TOKEN", "x").exit(2).tail("API_TOKEN: unbound variable").evidence();
    assertThat(RuntimeHints.missingEnvironment(set)).isEmpty();
  }

  @Test
  void everyRuleIsInTheTableAndSilentOnACleanExitWithoutOutput() {
    assertThat(Hints.RULES).extracting(Hints.Rule::name).doesNotHaveDuplicates().hasSize(15);
    Evidence quiet = Cases.failing().exit(1).ran(0.5).evidence();
    assertThat(Hints.all(quiet)).isEmpty();
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.ConfigLoader;
import io.supervisor4j.config.Configuration;
import io.supervisor4j.diagnostics.Explanation;
import io.supervisor4j.diagnostics.TestUser;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import io.supervisor4j.process.Clock;
import io.supervisor4j.process.Ports;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.Supervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's real process runtime and engine in this JVM (the RPC that will expose explanations is not wired
 * yet): real children fail, and each failure lands in {@link ProcessRuntime#failures()} with its output.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FailureCaptureTest {
  @TempDir Path dir;
  private final List<String> mainLog = new CopyOnWriteArrayList<>();
  private ProcessRuntime runtime;
  private Supervisor supervisor;

  private final ActivityLog log = new ActivityLog() {
    @Override
    public void log(LogLevel level, String message) {
      mainLog.add(message);
    }

    @Override
    public boolean isEnabled(LogLevel level) {
      return level.ordinal() <= LogLevel.INFO.ordinal();
    }
  };

  private void start(String sections) throws Exception {
    Path file = dir.resolve("supervisord.conf");
    Files.writeString(file, DaemonProcess.header(dir) + sections);
    Configuration config = ConfigLoader.load(file, Map.of());
    var settings = ProcessRuntime.RuntimeSettings.of(config, System.getenv());
    runtime = new ProcessRuntime(log, settings);
    runtime.registerGroups(config.groups());
    supervisor = new Supervisor(new Ports(Clock.system(), runtime, runtime, log, runtime, runtime));
    runtime.configure(settings, supervisor::childExited, OutputEvents.NONE);
    supervisor.start(config.groups());
  }

  @AfterEach
  void stop() throws Exception {
    if (supervisor != null) {
      supervisor.shutdown();
      supervisor.awaitStopped();
      supervisor.close();
    }
    if (runtime != null) {
      runtime.close();
    }
  }

  private Explanation await(String group, String name, ProcessState state) {
    DaemonProcess.await(name + " explanation in " + state + "; log " + mainLog, DaemonProcess.TIMEOUT,
        () -> runtime.failures().latest(group, name).filter(e -> e.state() == state).isPresent());
    return runtime.failures().latest(group, name).orElseThrow();
  }

  @Test
  void unexpectedExitIsExplainedWithItsStderr() throws Exception {
    start("""
        [program:boom]
        command=/bin/sh -c 'echo starting; echo boom >&2; exit 3'
        startsecs=0
        autorestart=false
        """);
    Explanation x = await("boom", "boom", ProcessState.EXITED);
    assertThat(x.cause()).isEqualTo("Exited unexpectedly: exit 3; boom");
    assertThat(x.tail()).containsExactly("boom");
    assertThat(x.tailChannel()).isEqualTo("stderr");
    assertThat(x.facts()).contains("exit status 3", "exit code 3 is not in exitcodes=0");
    assertThat(x.user()).isEqualTo("root");
    assertThat(x.command()).isEqualTo("/bin/sh -c 'echo starting; echo boom >&2; exit 3'");
  }

  @Test
  void aFastWriterIsLoggedByteForByteAndExplainedWithItsLastLines() throws Exception {
    // 8 MiB in 64 KiB writes outrun the watcher: its pipe grows and the chunks go to the file without a heap copy
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 8 << 20; i++) {
      sb.append("line ").append(i).append(' ').append(Integer.toHexString(i * 0x9E3779B1)).append('\n');
    }
    Path data = dir.resolve("data");
    Files.writeString(data, sb);
    Path log = dir.resolve("fast.log");
    start("""
        [program:fast]
        command=/bin/sh -c 'dd if=%s bs=65536 2>/dev/null; echo the end; exit 3'
        stdout_logfile=%s
        startsecs=0
        autorestart=false
        """.formatted(data, log));
    Explanation x = await("fast", "fast", ProcessState.EXITED);
    String expected = sb + "the end\n";
    assertThat(Files.readString(log)).isEqualTo(expected);
    List<String> lines = expected.lines().toList();
    assertThat(x.tail()).isEqualTo(lines.subList(lines.size() - 20, lines.size())); // the ring's 20 lines
    assertThat(x.tailChannel()).isEqualTo("stdout");
  }

  @Test
  void crashLoopExplainsEachBackoffThenFatalWithTheLastRunsOutputOnly() throws Exception {
    Path counter = dir.resolve("runs");
    start("""
        [program:loop]
        command=/bin/sh -c 'echo x >> %1$s; echo "run $(wc -l < %1$s) failed" >&2; exit 1'
        startsecs=1
        startretries=1
        redirect_stderr=true
        """.formatted(counter));
    Explanation fatal = await("loop", "loop", ProcessState.FATAL);
    assertThat(fatal.cause()).isEqualTo("Exited too quickly: exit 1; run 2 failed");
    assertThat(fatal.tail()).containsExactly("run 2 failed"); // not run 1's line, still in the ring
    assertThat(fatal.tailChannel()).isEqualTo("stdout");
    assertThat(fatal.facts()).contains("gave up after 2 attempt(s) (startretries=1)");
  }

  @Test
  void eggCacheUnderAForeignHomeIsExplainedAsIssueFiveAsks() throws Exception {
    try (TestUser user = TestUser.create()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path script = dir.resolve("eggs.py");
      Files.writeString(script, """
          import os
          os.makedirs(os.path.expanduser('~/.python-eggs'), exist_ok=True)
          """);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
      start("""
          [program:eggs]
          command=/usr/bin/python3 %s
          user=%s
          environment=HOME="/root"
          startretries=0
          stderr_logfile=NONE
          """.formatted(script, user.name()));
      Explanation x = await("eggs", "eggs", ProcessState.FATAL);
      assertThat(x.cause()).isEqualTo(
          "Exited too quickly: exit 1; PermissionError: [Errno 13] Permission denied: '/root/.python-eggs'");
      assertThat(x.user()).isEqualTo(user.name());
      assertThat(x.home()).isEqualTo("/root");
      assertThat(x.tail()).first().asString().startsWith("Traceback");
      assertThat(x.hints()).first().asString().startsWith("HOME is /root but the program runs as " + user.name()
          + " (whose home is " + user.home() + "): supervisor4j sets HOME for user=, and environment=HOME=/root "
          + "in [program:eggs] overrides it");
      assertThat(x.hints()).anyMatch(h -> h.contains("PYTHON_EGG_CACHE"));
      supervisor.shutdown();
      supervisor.awaitStopped(); // no process of the user left when it is removed
    }
  }

  @Test
  void spawnErrorsAreExplainedWithHints() throws Exception {
    start("""
        [program:missing]
        command=no-such-command-s4j --serve
        startretries=0
        environment=PATH="/usr/bin:/bin"
        """);
    Explanation x = await("missing", "missing", ProcessState.FATAL);
    assertThat(x.cause()).isEqualTo("Spawn error: can't find command 'no-such-command-s4j'");
    assertThat(x.hints()).anyMatch(h -> h.startsWith("'no-such-command-s4j' was not found: supervisor4j searches "
        + "PATH=/usr/bin:/bin"));
    assertThat(x.tail()).isEmpty();
  }

  @Test
  void aProgramThatDaemonizesIsCaughtWithItsSurvivor() throws Exception {
    Files.writeString(dir.resolve("pid"), "");
    start("""
        [program:forker]
        command=/bin/sh -c 'setsid sleep 30 </dev/null >/dev/null 2>&1 & echo $! > %s; exit 0'
        startsecs=5
        startretries=0
        """.formatted(dir.resolve("pid")));
    Explanation x = await("forker", "forker", ProcessState.FATAL);
    int survivor = Integer.parseInt(Files.readString(dir.resolve("pid")).trim());
    try {
      assertThat(x.cause()).startsWith("Exited too quickly: exit 0");
      assertThat(x.hints()).anyMatch(h -> h.contains("left pid(s) [" + survivor + "] running")
          && h.contains("run it in the foreground"));
    } finally {
      Optional<ProcessHandle> h = ProcessHandle.of(survivor);
      h.ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}

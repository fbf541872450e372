package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.diagnostics.TestUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue #5, the failure that started the project: with {@code user=app}, supervisord keeps root's HOME, so a Python
 * program extracting its egg cache into {@code ~/.python-eggs} dies at import with EACCES and ends FATAL.
 * supervisor4j gives it the user's HOME and it runs. The supervisord half is the documented contrast.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EggCacheE2ETest extends DaemonE2E {
  // what pkg_resources does at import: make the cache under ~ and extract a file into it, then serve
  private static final String PROGRAM = """
      import os, sys, time
      cache = os.path.expanduser('~/.python-eggs')
      os.makedirs(cache, exist_ok=True)
      with open(os.path.join(cache, 'native_lib.so'), 'w') as f:
          f.write('extracted')
      with open(sys.argv[1], 'w') as f:
          f.write(os.environ.get('HOME', '') + '\\n')
      time.sleep(600)
      """;

  private Path prepare(Path base, String user) throws IOException {
    Files.createDirectories(base.resolve("out"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(base.resolve("out"), PosixFilePermissions.fromString("rwxrwxrwx"));
    Path script = base.resolve("eggs.py");
    Files.writeString(script, PROGRAM);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    return DaemonProcess.writeConfig(base, """
        [program:eggs]
        command=/usr/bin/python3 %1$s/eggs.py %1$s/out/home.txt
        user=%2$s
        startsecs=1
        startretries=1
        stdout_logfile=%1$s/eggs.out
        stderr_logfile=%1$s/eggs.err
        """.formatted(base, user));
  }

  @Test
  void supervisor4jRunsItWithTheUsersHomeWhereSupervisordEndsFatal() throws Exception {
    try (TestUser user = TestUser.create()) {
      Path ours = Files.createDirectory(dir.resolve("supervisor4j"));
      prepare(ours, user.name());
      daemon = DaemonProcess.of(ours, Files.readString(ours.resolve("supervisord.conf"))
          .substring(DaemonProcess.header(ours).length())).startForeground();
      daemon.awaitLogLine("success: eggs entered RUNNING state");
      DaemonProcess.await("home.txt", DaemonProcess.TIMEOUT, () -> Files.exists(ours.resolve("out/home.txt")));
      assertThat(Files.readString(ours.resolve("out/home.txt"))).isEqualTo(user.home() + "\n");
      assertThat(user.home().resolve(".python-eggs/native_lib.so")).hasContent("extracted");
      assertThat(daemon.linesMatching("gave up|FATAL")).isEmpty();
      daemon.close();
      daemon = null;

      // the contrast: the real supervisord 4.2.5 on the same config keeps HOME=/root
      Path theirs = Files.createDirectory(dir.resolve("supervisord"));
      Path conf = prepare(theirs, user.name());
      Process supervisord = new ProcessBuilder("/usr/bin/supervisord", "-n", "-c", conf.toString())
          .directory(theirs.toFile()).redirectErrorStream(true).redirectOutput(theirs.resolve("stdout").toFile())
          .start();
      try {
        Path log = theirs.resolve("supervisord.log");
        DaemonProcess.await("supervisord's gave up line", Duration.ofSeconds(60),
            () -> DaemonProcess.read(log).contains("gave up: eggs entered FATAL state"));
        String stderr = DaemonProcess.read(theirs.resolve("eggs.err"));
        assertThat(stderr).contains("PermissionError: [Errno 13] Permission denied: '/root/.python-eggs'");
        assertThat(theirs.resolve("out/home.txt")).doesNotExist();
      } finally {
        supervisord.destroy(); // SIGTERM: supervisord exits (its program is FATAL, nothing to stop)
        if (!supervisord.waitFor(30, TimeUnit.SECONDS)) {
          supervisord.destroyForcibly().waitFor();
        }
      }
    }
  }
}

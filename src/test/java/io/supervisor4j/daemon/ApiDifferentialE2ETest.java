package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same configuration under the real supervisord 4.2.5 and under supervisor4j, driven by the same script of
 * XML-RPC calls through Python's xmlrpc.client with supervisor's own unix-socket transport
 * ({@code rpc/api_script.py}): every method, fault, wait, reread/add/remove, the logs, stdin, multicall and the
 * introspection methods. The JSON lines must be equal once pids, times, paths and AUTO log names are masked.
 */
@Timeout(300)
class ApiDifferentialE2ETest extends DaemonE2E {

  static String programs(Path d) {
    return """
        [program:cat]
        command=/bin/cat
        startsecs=0
        stdout_logfile=%1$s/cat.out

        [program:deaf]
        command=/bin/sh -c 'exec 0<&-; exec sleep 1000'
        startsecs=0

        [program:sleeper]
        command=/bin/sleep 1001
        autostart=false
        startsecs=0

        [program:quick]
        command=/bin/sh -c 'sleep 1; exit 1'
        autostart=false
        startsecs=5
        startretries=0

        [program:missing]
        command=/nonexistent/prog
        autostart=false
        stdout_logfile=NONE

        [program:notexec]
        command=%1$s/notexec
        autostart=false

        [program:stubborn]
        command=/bin/sh -c "trap '' TERM; touch %1$s/trapped; while :; do sleep 1; done"
        autostart=false
        startsecs=0
        stopwaitsecs=3
        killasgroup=true

        [group:grp]
        programs=ga,gb
        priority=500

        [program:ga]
        command=/bin/sleep 1000
        startsecs=0
        priority=10

        [program:gb]
        command=/bin/sleep 1000
        startsecs=0
        priority=20
        """.formatted(d);
  }

  static Path prepare(Path d) throws IOException {
    Files.createDirectories(d);
    Path notExec = d.resolve("notexec");
    Files.writeString(notExec, "#!/bin/sh\n");
    Files.setPosixFilePermissions(notExec, PosixFilePermissions.fromString("rw-r--r--"));
    return DaemonProcess.writeDifferentialConfig(d, programs(d));
  }

  static Path script(Path dir, String resource) throws IOException {
    Path file = dir.resolve(Path.of(resource).getFileName());
    try (InputStream in = ApiDifferentialE2ETest.class.getResourceAsStream("/rpc/" + resource)) {
      Files.copy(in, file);
    }
    return file;
  }

  private static List<String> runScript(Path script, Path d) throws Exception {
    var r = RealSupervisord.run(d, Duration.ofSeconds(180), List.of(RealSupervisord.PYTHON.toString(),
        script.toString(), d.resolve("supervisor.sock").toString(), d.resolve("supervisord.conf").toString(),
        d.toString()));
    assertThat(r.status()).as("script output:\n%s", r.output()).isZero();
    return r.output().lines().toList();
  }

  @Test
  void theSameCallsGiveTheSameAnswersAsSupervisord() throws Exception {
    assumeTrue(RealSupervisord.installed(), "the real supervisord is not installed");
    Path script = script(dir, "api_script.py");
    Path realDir = dir.resolve("real");
    Path ourDir = dir.resolve("ours");
    List<String> expected;
    try (RealSupervisord real = new RealSupervisord(realDir, prepare(realDir))) {
      expected = runScript(script, realDir);
      assertThat(real.awaitExit(DaemonProcess.TIMEOUT)).isZero();
    }
    prepare(ourDir);
    daemon = DaemonProcess.differential(ourDir, programs(ourDir)).startForeground();
    daemon.rpc().close();
    List<String> actual = runScript(script, ourDir);
    assertThat(daemon.awaitExit()).isZero();
    assertThat(expected).hasSizeGreaterThan(150);
    assertThat(differences(expected, actual)).isEmpty();
  }

  /** The calls whose lines differ, each as "supervisord: ..." and "supervisor4j: ..." (readable failures). */
  static List<String> differences(List<String> expected, List<String> actual) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String e = i < expected.size() ? expected.get(i) : "<missing>";
      String a = i < actual.size() ? actual.get(i) : "<missing>";
      if (!e.equals(a)) {
        out.add("supervisord:  " + e + "\nsupervisor4j: " + a);
      }
    }
    return out;
  }
}

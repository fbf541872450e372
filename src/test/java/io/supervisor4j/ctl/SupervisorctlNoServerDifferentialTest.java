package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares the real supervisorctl and ours where no server is needed: command-line and configuration errors,
 * {@code -h}, and every command against a missing unix socket and a refused TCP port (the up-check and the
 * generic error line). stdout, stderr and exit status must be identical.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SupervisorctlNoServerDifferentialTest {
  @TempDir Path tmp;

  private static final List<List<String>> COMMANDS = List.of(
      List.of("status"), List.of("status", "x"), List.of("pid"), List.of("version"), List.of("avail"),
      List.of("reread"), List.of("update"), List.of("add", "x"), List.of("remove", "x"), List.of("tail", "x"),
      List.of("maintail"), List.of("clear", "x"), List.of("fg", "x"), List.of("start", "x"), List.of("stop", "x"),
      List.of("signal", "HUP", "x"), List.of("restart", "x"), List.of("shutdown"), List.of("reload"),
      List.of("help"), List.of("quit"), List.of("nosuch"));

  @BeforeAll
  static void realSupervisorctlInstalled() {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/supervisorctl")), "supervisorctl is not installed");
  }

  private void assertSame(List<String> argv) {
    CtlClient.Result expected = CtlClient.PYTHON.run(tmp, argv);
    CtlClient.Result actual = CtlClient.JAVA.run(tmp, argv);
    String label = String.join(" ", argv);
    String ours = argv.contains("help") ? DifferentialScriptHelp.withoutS4jBlock(actual.stdout()) : actual.stdout();
    assertThat(ours).as("stdout of " + label).isEqualTo(expected.stdout());
    assertThat(actual.stderr()).as("stderr of " + label).isEqualTo(expected.stderr());
    assertThat(actual.exitStatus()).as("exit status of " + label).isEqualTo(expected.exitStatus());
  }

  @Test
  void missingSocket() {
    String url = "unix://" + tmp.resolve("none.sock");
    for (List<String> c : COMMANDS) {
      List<String> argv = new ArrayList<>(List.of("-s", url));
      argv.addAll(c);
      assertSame(argv);
    }
  }

  @Test
  void refusedConnection() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    for (List<String> c : COMMANDS) {
      List<String> argv = new ArrayList<>(List.of("--serverurl=http://127.0.0.1:" + port));
      argv.addAll(c);
      assertSame(argv);
    }
  }

  @Test
  void commandLineAndConfigurationErrors() throws IOException {
    Path noSection = Files.writeString(tmp.resolve("nosection.conf"), "[supervisord]\n");
    Path good = Files.writeString(tmp.resolve("good.conf"),
        "[supervisorctl]\nserverurl=unix://" + tmp.resolve("x.sock") + "\n");
    for (List<String> argv : List.of(
        List.of("-x"), List.of("--conf"), List.of("--h"), List.of("--i=3"), List.of("-i", "-i", "status"),
        List.of("-s", "foo", "status"), List.of("-c", "/nonexistent/supervisord.conf", "status"),
        List.of("-c", noSection.toString(), "status"), List.of("-h"), List.of("--help"), List.of("-?"),
        List.of("--hel"), List.of("-c"), List.of("-c", good.toString(), "-c", good.toString(), "pid"),
        List.of("--configuration", good.toString(), "pid"), List.of("--config=" + good, "pid"),
        List.of("-ic" + good, "pid"), List.of("-c", good.toString(), "--", "pid"),
        List.of("-c", good.toString(), "pid", "-x"), List.of("--history_file"), List.of("--username"),
        List.of("-u", "a", "--user=b", "pid"), List.of("-x", "-h"), List.of("-s", "foo", "-h"),
        List.of("-h", "-s", "foo"), List.of("-i", "--interactive", "pid"), List.of("--serverurl", "http:", "pid"),
        List.of("-c", good.toString(), "-", "pid"), List.of("-hc"), List.of("--", "-c", "pid"),
        List.of("--history_file=" + tmp.resolve("h"), "-c", good.toString(), "pid"), List.of("-p"),
        List.of("-c", good.toString(), "-s", "localhost:9", "pid"))) {
      assertSame(argv);
    }
  }
}

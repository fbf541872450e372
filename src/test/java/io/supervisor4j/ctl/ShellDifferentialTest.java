package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supervisor4j.rpc.RpcClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell with typed input from a pipe, real supervisorctl against ours, on a server that requires
 * authentication: the first status asks for credentials, then prompts, declined confirmations, errors and the
 * end of input. Only commands that change nothing, so both can talk to the same server.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShellDifferentialTest {
  @TempDir Path dir;
  private Path config;
  private ServerLauncher.RunningServer server;

  @BeforeEach
  void startServer() throws IOException {
    assumeTrue(Files.isExecutable(PythonSupervisord.SUPERVISORD), "supervisord is not installed");
    config = dir.resolve("supervisord.conf");
    Files.writeString(config, DifferentialScript.config(dir, false)
        .replace("file=" + dir + "/supervisor.sock\n", "file=" + dir + "/supervisor.sock\nusername=u\npassword=pw\n"));
    server = launcher().start(config, dir);
    // the shell starts with a status: compare it once quick has reached FATAL on both sides
    try (RpcClient c = client()) {
      ReasonMask.awaitSettled(c);
    }
  }

  RpcClient client() {
    return RpcClient.create("unix://" + dir.resolve("supervisor.sock"), Optional.of("u"), Optional.of("pw"));
  }

  /** Our stdout before masking: where it legitimately shows more than supervisorctl (nothing here). */
  String ourOutput(String stdout) {
    return stdout;
  }

  /** The server implementation under test. */
  ServerLauncher launcher() {
    return new PythonSupervisord();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private CtlClient.Result ours(String typed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = SupervisorctlMain.run(new String[] {"-c", config.toString()}, new SupervisorctlMain.Invocation(
        new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Map.copyOf(System.getenv()), dir, "supervisorctl", false));
    return new CtlClient.Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
  }

  private CtlClient.Result theirs(String typed) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/supervisorctl", "-c", config.toString())
        .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("LANG", "C.UTF-8");
    Process p = pb.start();
    p.getOutputStream().write(typed.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CtlClient.Result(out, "", p.exitValue());
  }

  @Test
  void typedSessionMatches() throws Exception {
    String typed = String.join("\n", "u", "pw", "pid all", "status long nosuch", "help stop", "frob", "", "shutdown",
        "n", "reload", "No", "avail", "tail -20 err stderr", "open ftp://x", "version", "status grp:*", "") ;
    CtlClient.Result expected = theirs(typed);
    CtlClient.Result actual = ours(typed);
    assertThat(expected.stdout()).startsWith("Server requires authentication\nUsername:\n")
        .contains("Really restart the remote supervisord process y/N? ");
    assertThat(OutputMask.mask(ourOutput(actual.stdout()), dir)).isEqualTo(OutputMask.mask(expected.stdout(), dir));
    assertThat(actual.exitStatus()).isEqualTo(expected.exitStatus()).isZero();
    assertThat(actual.stderr()).isEqualTo("Password:");
  }

  @Test
  void quitEndsTheSessionWithoutReadingFurther() throws Exception {
    String typed = "u\npw\nquit\npid\n";
    CtlClient.Result expected = theirs(typed);
    CtlClient.Result actual = ours(typed);
    assertThat(expected.stdout()).endsWith("supervisor> \n");
    assertThat(OutputMask.mask(ourOutput(actual.stdout()), dir)).isEqualTo(OutputMask.mask(expected.stdout(), dir));
  }
}

package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tail -f}, {@code maintail -f} and {@code fg} of both supervisorctls as separate processes (they end on
 * SIGINT or end of input), against one real supervisord: same stdout and exit status.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SupervisorctlStreamingDifferentialTest {
  @TempDir Path dir;
  private Path config;
  private ServerLauncher.RunningServer server;

  @BeforeAll
  static void realSupervisorInstalled() {
    assumeTrue(Files.isExecutable(PythonSupervisord.SUPERVISORD), "supervisord is not installed");
  }

  @BeforeEach
  void startServer() throws IOException {
    config = dir.resolve("supervisord.conf");
    Files.writeString(config, """
        [unix_http_server]
        file=%1$s/supervisor.sock
        [supervisord]
        logfile=%1$s/supervisord.log
        pidfile=%1$s/supervisord.pid
        childlogdir=%1$s
        descriptions=supervisord
        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
        [supervisorctl]
        serverurl=unix://%1$s/supervisor.sock
        [program:talker]
        command=sh -c 'echo line1; exec cat'
        startsecs=0
        stopasgroup=true
        killasgroup=true
        """.formatted(dir));
    server = launcher().start(config, dir);
  }

  /** The server implementation under test. */
  ServerLauncher launcher() {
    return new PythonSupervisord();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private static List<String> python(String... args) {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/supervisorctl"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static List<String> ours(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-Ds4j.argv0=/usr/bin/supervisorctl", "-cp", System.getProperty("java.class.path"),
        SupervisorctlMain.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** A client process whose stdout is collected as it arrives. */
  private static final class Client implements AutoCloseable {
    final Process process;
    final StringBuffer out = new StringBuffer();

    Client(List<String> command, Path cwd) throws IOException {
      ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("LANG", "C.UTF-8");
      process = pb.start();
      Thread.ofPlatform().daemon().start(() -> {
        try (InputStream in = process.getInputStream()) {
          byte[] buf = new byte[4096];
          for (int n; (n = in.read(buf)) >= 0; ) {
            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // process ended
        }
      });
    }

    void awaitOutput(String text) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!out.toString().contains(text)) {
        assertThat(System.nanoTime()).as("waiting for " + text + " in " + out).isLessThan(deadline);
        PythonSupervisord.sleep(50);
      }
    }

    /** Waits until {@code text} occurs more than {@code seen} times (an echo, not the log tail's older copy). */
    void awaitOccurrences(String text, int seen) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (occurrences(text) <= seen) {
        assertThat(System.nanoTime()).as("waiting for another " + text + " in " + out).isLessThan(deadline);
        PythonSupervisord.sleep(50);
      }
    }

    int occurrences(String text) {
      String s = out.toString();
      int count = 0;
      for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + text.length())) {
        count++;
      }
      return count;
    }

    void interrupt() throws IOException, InterruptedException {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("client exits").isTrue();
      PythonSupervisord.sleep(200); // let the reader drain
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  private record Outcome(String stdout, int exitStatus) {}

  /** Empties the talker's logs (supervisord clears only a running process's), restarts it, with the real supervisorctl. */
  private void freshTalker() throws Exception {
    for (String command : List.of("clear", "stop", "start")) {
      Process p = new ProcessBuilder(python("-c", config.toString(), command, "talker")).directory(dir.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(command + " talker: " + out).isTrue();
      assertThat(p.exitValue()).as(command + " talker: " + out).isZero();
    }
  }

  private Outcome tailUntilInterrupted(List<String> command, String waitFor) throws Exception {
    try (Client c = new Client(command, dir)) {
      c.awaitOutput(waitFor);
      PythonSupervisord.sleep(300);
      c.interrupt();
      int status = c.awaitExit();
      return new Outcome(c.out.toString(), status);
    }
  }

  @Test
  void tailFollowEndsOnCtrlC() throws Exception {
    String[] args = {"-c", config.toString(), "tail", "-f", "talker"};
    Outcome expected = tailUntilInterrupted(python(args), "line1\n");
    Outcome actual = tailUntilInterrupted(ours(args), "line1\n");
    assertThat(expected.stdout()).isEqualTo("==> Press Ctrl-C to exit <==\nline1\n\n");
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void maintailFollowEndsOnCtrlC() throws Exception {
    String[] args = {"-c", config.toString(), "maintail", "-f"};
    Outcome expected = tailUntilInterrupted(python(args), "talker");
    Outcome actual = tailUntilInterrupted(ours(args), "talker");
    assertThat(OutputMask.mask(actual.stdout(), dir)).isEqualTo(OutputMask.mask(expected.stdout(), dir));
    assertThat(actual.exitStatus()).isEqualTo(expected.exitStatus()).isZero();
  }

  /**
   * Runs fg, types a line, then ends input. supervisorctl 4.2.5 prints "Exiting foreground" but then hangs in its
   * streaming thread when stdin is a pipe, so only its output counts; ours must also exit (0).
   */
  private Outcome foreground(List<String> command, boolean mustExit) throws Exception {
    try (Client c = new Client(command, dir)) {
      c.awaitOutput("line1\n");
      int seen = c.occurrences("hello\n");
      OutputStream stdin = c.process.getOutputStream();
      stdin.write("hello\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      c.awaitOccurrences("hello\n", seen);
      stdin.close();
      c.awaitOutput("Exiting foreground\n");
      int status = mustExit ? c.awaitExit() : -1;
      return new Outcome(c.out.toString(), status);
    }
  }

  @Test
  void foregroundSendsInputAndEndsAtEndOfInput() throws Exception {
    String[] args = {"-c", config.toString(), "fg", "talker"};
    Outcome expected = foreground(python(args), false);
    // the second client must find the talker as the first did: its log tail would still show the first echo
    freshTalker();
    Outcome actual = foreground(ours(args), true);
    assertThat(expected.stdout()).startsWith("==> Press Ctrl-C to exit <==\n").endsWith("hello\nExiting foreground\n");
    assertThat(actual.stdout()).isEqualTo(expected.stdout());
    assertThat(actual.exitStatus()).isZero();
  }
}

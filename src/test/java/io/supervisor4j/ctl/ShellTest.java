package io.supervisor4j.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell (on a dumb JLine terminal) and its completion, against a real supervisord. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShellTest {
  @TempDir Path dir;
  private Path config;
  private ServerLauncher.RunningServer server;

  @BeforeEach
  void startServer() throws IOException {
    assumeTrue(Files.isExecutable(PythonSupervisord.SUPERVISORD), "supervisord is not installed");
    config = dir.resolve("supervisord.conf");
    Files.writeString(config, DifferentialScript.config(dir, false)
        + "\n[supervisorctl]\nprompt=s4j\nhistory_file=" + dir.resolve("history") + "\n");
    server = new PythonSupervisord().start(config, dir);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** The JLine shell on a terminal over pipes: input stays open (no end of input) until quit. */
  @Test
  void jlineShellKeepsHistoryAndQuits() throws Exception {
    java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
    java.io.PipedInputStream in = new java.io.PipedInputStream(keys, 4096);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    SupervisorctlMain.Invocation inv = new SupervisorctlMain.Invocation(in, ps, ps, Map.copyOf(System.getenv()), dir,
        "supervisorctl", false);
    CtlOptions options = CtlOptions.resolve(new String[] {"-c", config.toString()}, inv.env(), dir, dir);
    org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(false)
        .streams(in, ps).type("xterm").size(new org.jline.terminal.Size(120, 40)).build();
    java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(-1);
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        status.set(Shell.run(options, inv, terminal));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    keys.write("pid nosuch\rfrob\rquit\r".getBytes(StandardCharsets.UTF_8));
    keys.flush();
    t.join(60_000);
    keys.close();
    assertThat(status.get()).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("long                             RUNNING   pid ").contains("s4j> ")
        .contains("No such process nosuch").contains("*** Unknown syntax: frob");
    assertThat(Files.readAllLines(dir.resolve("history"))).containsExactly("pid nosuch", "frob", "quit");
  }

  private String shell(String typed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    InputStream in = new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8));
    int status = SupervisorctlMain.run(new String[] {"-c", config.toString()}, new SupervisorctlMain.Invocation(
        in, ps, ps, Map.copyOf(System.getenv()), dir, "supervisorctl", false));
    assertThat(status).as("the shell always exits 0").isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void runsStatusFirstThenTypedCommandsWithConfirmation() throws IOException {
    String out = shell("pid nosuch\nshutdown\nn\nfrob\nquit\n");
    assertThat(out).startsWith("err ")
        .contains("long                             RUNNING   pid ")
        .contains("s4j> ")
        .contains("No such process nosuch\n")
        .contains("Really shut the remote supervisord process down y/N? ")
        .contains("*** Unknown syntax: frob\n");
    assertThat(out.indexOf("long ")).isLessThan(out.indexOf("s4j> "));
    // declined: the server is still up
    assertThat(server.awaitExit(200)).isFalse();
    assertThat(out).contains("s4j> Really shut the remote supervisord process down y/N? s4j> ");
  }

  @Test
  void endOfInputLeavesTheShellAndConfirmedShutdownStopsTheServer() {
    String out = shell("shutdown\nyes\n");
    assertThat(out).contains("Shut down\n");
    assertThat(server.awaitExit(60_000)).isTrue();
  }

  @Test
  void whyAndCheckSayThatSupervisordIsNotSupervisor4j() {
    String notS4j = "Sorry, unix://" + dir.resolve("supervisor.sock") + " is not supervisor4j (it has no "
        + "supervisor4j.* methods): '%s' needs supervisor4j's daemon.\n";
    CtlClient.Result why = CtlClient.JAVA.run(dir, List.of("-c", config.toString(), "why", "long"));
    assertThat(why.stdout()).isEqualTo(notS4j.formatted("why"));
    assertThat(why.exitStatus()).isEqualTo(ExitStatus.UNIMPLEMENTED_FEATURE);
    CtlClient.Result check = CtlClient.JAVA.run(dir, List.of("-c", config.toString(), "check"));
    assertThat(check.stdout()).isEqualTo(notS4j.formatted("check"));
    assertThat(check.exitStatus()).isEqualTo(ExitStatus.UNIMPLEMENTED_FEATURE);
    CtlClient.Result usage = CtlClient.JAVA.run(dir, List.of("-c", config.toString(), "why"));
    assertThat(usage.stdout()).startsWith("Error: why requires exactly one process name\nwhy <name>");
    assertThat(usage.exitStatus()).isEqualTo(ExitStatus.GENERIC);
  }

  @Test
  void completesCommandsProcessesAndGroups() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CtlOptions options = new CtlOptions("unix://" + dir.resolve("supervisor.sock"), Optional.empty(),
        Optional.empty(), "supervisor", Optional.empty(), true, List.of());
    Controller ctl =
        new Controller(options, sink, sink, new StdinInput(InputStream.nullInputStream(), sink, sink, false));
    ShellCompleter c = new ShellCompleter(ctl);
    assertThat(c.completions("", "")).contains("status", "start", "why", "check", "help");
    assertThat(c.completions("sta", "sta")).containsExactly("start", "status");
    assertThat(c.completions("help st", "st")).contains("start", "status", "stop");
    assertThat(c.completions("status lo", "lo")).containsExactly("long");
    assertThat(c.completions("stop mu", "mu")).containsExactly("multi:multi_00", "multi:*", "multi:multi_01");
    assertThat(c.completions("start grp:", "grp:")).containsExactly("grp:a", "grp:*", "grp:b");
    assertThat(c.completions("update g", "g")).containsExactly("grp");
    assertThat(c.completions("version x", "x")).isEmpty();
    ctl.close();
  }
}

package io.supervisor4j.ctl;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Entry point of {@code bin/supervisorctl}: supervisorctl 4.2.5's command line. With an action it runs that one
 * command and exits with its status; without, it starts the interactive shell (exit 0).
 */
public final class SupervisorctlMain {
  private SupervisorctlMain() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), false,
        StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    String argv0 = System.getProperty("s4j.argv0", "supervisorctl");
    int status = run(args, new Invocation(System.in, out, err, System.getenv(), Path.of("").toAbsolutePath(),
        argv0, true));
    out.flush();
    err.flush();
    // halt, not exit: nothing is left to clean up (the shell restored the terminal already), and System.exit
    // initialises the platform logging to record the exit, which costs a one-shot command several milliseconds.
    Runtime.getRuntime().halt(status);
  }

  /**
   * Where one run reads and writes. {@code argv0} is the launcher as invoked: it names the program in messages and
   * its grandparent directory starts the configuration search, as in supervisorctl.
   */
  public record Invocation(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path cwd,
      String argv0, boolean nativeSignals) {}

  /** Runs supervisorctl with {@code args} and returns its exit status (never calls System.exit). */
  public static int run(String[] args, Invocation inv) {
    CtlOptions options;
    try {
      Path argv0 = Path.of(inv.argv0());
      Path launcherDir = argv0.getParent() == null ? Path.of(".") : argv0.getParent();
      options = CtlOptions.resolve(args, inv.env(), inv.cwd().resolve(launcherDir), inv.cwd());
    } catch (CtlOptions.HelpRequested h) {
      inv.out().print(CtlOptions.usageText(inv.argv0()));
      inv.out().flush();
      return 0;
    } catch (CtlOptions.UsageException e) {
      inv.err().print("Error: " + e.getMessage() + "\n");
      inv.err().print("For help, use " + inv.argv0() + " -h\n");
      inv.err().flush();
      return 2;
    }
    if (!options.args().isEmpty()) {
      Controller ctl = new Controller(options, inv.out(), inv.err(),
          new StdinInput(inv.in(), inv.out(), inv.err(), inv.nativeSignals()));
      try {
        ctl.onecmd(String.join(" ", options.args()));
        return ctl.exitStatus();
      } catch (CtlInterrupted e) {
        return 130; // as a process killed by SIGINT
      } finally {
        ctl.close();
        inv.out().flush();
      }
    }
    if (inv.in() == System.in && System.console() != null && System.console().isTerminal()) {
      return ShellLoader.run(options, args, inv);
    }
    // Typed input from a pipe or file: prompts, no line editing, as supervisorctl without a terminal.
    Controller ctl = new Controller(options, inv.out(), inv.err(),
        new StdinInput(inv.in(), inv.out(), inv.err(), inv.nativeSignals()));
    ShellLoop.run(ctl, () -> ctl.input().readLine(ctl.prompt()), false);
    ctl.close();
    return 0;
  }
}

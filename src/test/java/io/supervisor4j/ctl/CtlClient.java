package io.supervisor4j.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A supervisorctl to compare: the real one as a process, or ours in-process with captured streams. */
interface CtlClient {
  record Result(String stdout, String stderr, int exitStatus) {}

  String name();

  Result run(Path cwd, List<String> args);

  /** Debian's {@code /usr/bin/supervisorctl}, with a UTF-8 locale so tail prints no encoding warning. */
  CtlClient PYTHON = new CtlClient() {
    @Override
    public String name() {
      return "/usr/bin/supervisorctl";
    }

    @Override
    public Result run(Path cwd, List<String> args) {
      List<String> cmd = new ArrayList<>(List.of("/usr/bin/supervisorctl"));
      cmd.addAll(args);
      try {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().put("LANG", "C.UTF-8");
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        // stderr is small; read stdout fully first, then stderr
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("supervisorctl " + args + " did not finish");
        }
        return new Result(new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8),
            p.exitValue());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  };

  /** {@link SupervisorctlMain#run} in this JVM. */
  CtlClient JAVA = new CtlClient() {
    @Override
    public String name() {
      return "SupervisorctlMain";
    }

    @Override
    public Result run(Path cwd, List<String> args) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
      int status = SupervisorctlMain.run(args.toArray(String[]::new), new SupervisorctlMain.Invocation(
          InputStream.nullInputStream(), o, e, Map.copyOf(System.getenv()), cwd, "/usr/bin/supervisorctl", false));
      return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }
  };
}

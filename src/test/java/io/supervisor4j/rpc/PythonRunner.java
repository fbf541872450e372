package io.supervisor4j.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's /usr/bin/python3 (the one that can import supervisor) for cross-checks against the real thing. */
public final class PythonRunner {
  private PythonRunner() {}

  public record Result(int exit, String stdout, String stderr) {}

  public static Result run(String script, String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", "-c", script));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    try {
      var out = p.getInputStream().readAllBytes();
      var err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("python timed out");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }

  /** Runs the script and returns stdout, failing on a non-zero exit with Python's stderr. */
  public static String output(String script, String... args) throws IOException, InterruptedException {
    Result r = run(script, args);
    if (r.exit() != 0) {
      throw new AssertionError("python failed (" + r.exit() + "): " + r.stderr());
    }
    return r.stdout();
  }
}

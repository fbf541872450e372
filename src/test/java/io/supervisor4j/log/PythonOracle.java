package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script with Debian's python3 and the real supervisor module: the differential oracle of these tests. */
final class PythonOracle {
  static final String PYTHON = "/usr/bin/python3";

  private PythonOracle() {}

  /** Runs {@code script} with {@code args}; returns its stdout lines. */
  static List<String> run(String script, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("python oracle exit status").isZero();
      return new String(out, StandardCharsets.UTF_8).lines().toList();
    } finally {
      p.destroyForcibly();
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static String hex(String s) {
    return hex(s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] unhex(String s) {
    return HexFormat.of().parseHex(s);
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real {@code /usr/bin/supervisorctl} against the real supervisord and against supervisor4j with the same
 * configuration and the same commands: outputs (masked for pids, times and paths) and exit statuses must be equal.
 */
@Timeout(300)
class SupervisorctlDifferentialE2ETest extends DaemonE2E {

  static String programs() {
    return """
        [program:talker]
        command=/bin/sh -c 'echo hello; echo oops >&2; exec sleep 1000'
        startsecs=0

        [program:sleeper]
        command=/bin/sleep 1001
        autostart=false
        startsecs=0

        [program:missing]
        command=/nonexistent/prog
        autostart=false

        [group:grp]
        programs=ga,gb

        [program:ga]
        command=/bin/sleep 1000
        startsecs=0

        [program:gb]
        command=/bin/sleep 1000
        startsecs=0
        """;
  }

  private static final List<List<String>> BEFORE_EDIT = List.of(
      List.of("status"), List.of("status", "talker"), List.of("status", "nope"), List.of("start", "sleeper"),
      List.of("start", "sleeper"), List.of("start", "nope"), List.of("start", "missing"), List.of("stop", "sleeper"),
      List.of("stop", "sleeper"), List.of("restart", "grp:*"), List.of("stop", "grp:"), List.of("start", "all"),
      List.of("status"), List.of("pid"), List.of("pid", "talker"), List.of("pid", "nope"), List.of("tail", "talker"),
      List.of("tail", "talker", "stderr"), List.of("tail", "-3", "talker"), List.of("tail", "nope"),
      List.of("signal", "HUP", "sleeper"), List.of("signal", "BOGUS", "talker"), List.of("avail"),
      List.of("reread"), List.of("version"), List.of("nosuchcommand"));

  private static final List<List<String>> AFTER_EDIT = List.of(
      List.of("clear", "talker"), List.of("tail", "talker"), List.of("reread"), List.of("avail"), List.of("update"), List.of("status"), List.of("remove", "added"),
      List.of("stop", "added"), List.of("remove", "added"), List.of("avail"), List.of("maintail", "-5"),
      List.of("shutdown"), List.of("status"));

  private static String mask(String out, Path d) {
    return out.replace(d.toString(), "<DIR>")
        .replaceAll("pid \\d+, uptime \\d+:\\d\\d:\\d\\d", "pid <pid>, uptime <uptime>")
        .replaceAll("(?m)^\\d+$", "<pid>")
        .replaceAll("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M", "<time>")
        .replaceAll("(-(stdout|stderr)---e2e-)[a-z0-9_]+(\\.log)", "$1XXXXXXXX$3");
  }

  private static List<String> ctl(Path d, List<List<String>> commands) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<String> c : commands) {
      List<String> command = new ArrayList<>(List.of(RealSupervisord.SUPERVISORCTL.toString(), "-c",
          d.resolve("supervisord.conf").toString()));
      command.addAll(c);
      var r = RealSupervisord.run(d, Duration.ofSeconds(60), command);
      String text = switch (c.getFirst()) {
        case "maintail" -> "(" + !r.output().isEmpty() + ")"; // the log lines are each daemon's own
        // waited-for results come in completion order; processes stopping in the same instant may swap
        case "start", "stop", "restart" -> String.join("\n", r.output().lines().sorted().toList());
        default -> r.output();
      };
      out.add(String.join(" ", c) + " -> exit " + r.status() + "\n" + mask(text, d));
      if (c.getFirst().equals("shutdown")) {
        DaemonProcess.await("daemon gone", DaemonProcess.TIMEOUT,
            () -> !Files.exists(d.resolve("supervisord.pid")));
      }
    }
    return out;
  }

  /** {@code tail -f} for a second: the stream of /logtail. */
  private static String tailFollow(Path d) throws IOException, InterruptedException {
    Path file = d.resolve("tailf.out");
    ProcessBuilder pb = new ProcessBuilder(RealSupervisord.SUPERVISORCTL.toString(), "-c",
        d.resolve("supervisord.conf").toString(), "tail", "-f", "talker").redirectErrorStream(true)
        .redirectOutput(file.toFile());
    pb.environment().put("PYTHONUNBUFFERED", "1");
    Process p = pb.start();
    try {
      DaemonProcess.await("tail -f output", DaemonProcess.TIMEOUT, () -> DaemonProcess.read(file).contains("hello\n"));
      Thread.sleep(1000);
      assertThat(p.isAlive()).as("tail -f keeps following").isTrue();
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    return DaemonProcess.read(file);
  }

  private static void awaitSettled(Path d) {
    DaemonProcess.await("programs started", DaemonProcess.TIMEOUT, () -> {
      try {
        String s = RealSupervisord.run(d, Duration.ofSeconds(30), List.of(RealSupervisord.SUPERVISORCTL.toString(),
            "-c", d.resolve("supervisord.conf").toString(), "status")).output();
        return s.contains("talker") && s.contains("gb") && !s.contains("STARTING");
      } catch (Exception e) {
        return false;
      }
    });
  }

  private static void edit(Path d) throws IOException {
    Path conf = d.resolve("supervisord.conf");
    Files.writeString(conf, Files.readString(conf).replace("/bin/sleep 1001", "/bin/sleep 1002")
        + "\n[program:added]\ncommand=/bin/sleep 1000\nstartsecs=0\n");
  }

  private static List<String> session(Path d) throws Exception {
    awaitSettled(d);
    List<String> out = new ArrayList<>(ctl(d, BEFORE_EDIT));
    out.add("tail -f talker\n" + tailFollow(d));
    edit(d);
    out.addAll(ctl(d, AFTER_EDIT));
    return out;
  }

  @Test
  void supervisorctlSeesTheSameAsWithSupervisord() throws Exception {
    assumeTrue(RealSupervisord.installed(), "the real supervisord is not installed");
    Path realDir = dir.resolve("real");
    Path ourDir = dir.resolve("ours");
    Files.createDirectories(realDir);
    Files.createDirectories(ourDir);
    List<String> expected;
    try (RealSupervisord real = new RealSupervisord(realDir, DaemonProcess.writeDifferentialConfig(realDir, programs()))) {
      expected = session(realDir);
      assertThat(real.awaitExit(DaemonProcess.TIMEOUT)).isZero();
    }
    daemon = DaemonProcess.differential(ourDir, programs()).startForeground();
    List<String> actual = session(ourDir);
    assertThat(daemon.awaitExit()).isZero();
    assertThat(ApiDifferentialE2ETest.differences(expected, actual)).isEmpty();
    assertThat(actual).anySatisfy(l -> assertThat(l).startsWith("shutdown -> exit 0\nShut down"));
  }
}

package io.supervisor4j.daemon;

import io.supervisor4j.rpc.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events per second delivered to one listener ({@code state_logger.py}, subscribed to PROCESS_STATE) while 200
 * programs start and stop: 800 events per round, measured from the startAll call until the listener has logged
 * the last one. The same under the real supervisord for comparison (when installed). Run with
 * {@code -Dtest=EventDeliveryBenchmark -Dsurefire.excludedGroups=}.
 */
@Tag("benchmark")
@Timeout(900)
class EventDeliveryBenchmark {
  private static final int PROGRAMS = 200;
  private static final int ROUNDS = 3;
  @TempDir Path dir;

  private static String config(Path dir) {
    StringBuilder b = new StringBuilder(
        ListenerLog.section("logger", dir.resolve("events.log"), "PROCESS_STATE", 4 * PROGRAMS * 2));
    b.append("[program:p]\ncommand=sleep 1000\nprocess_name=%(program_name)s_%(process_num)03d\n")
        .append("numprocs=").append(PROGRAMS).append("\nautostart=false\nstartsecs=0\nstopwaitsecs=5\n");
    return b.toString();
  }

  private static double run(String who, Path dir) {
    ListenerLog log = new ListenerLog(dir.resolve("events.log"));
    Path socket = dir.resolve("supervisor.sock");
    DaemonProcess.await("the socket", Duration.ofSeconds(60), () -> Files.exists(socket));
    try (RpcClient rpc = RpcClient.create("unix://" + socket)) {
      DaemonProcess.await("the listener", Duration.ofSeconds(60),
          () -> "RUNNING".equals(EventsE2ETest.info(rpc, "logger").get("statename")));
      double best = 0;
      for (int round = 0; round < ROUNDS; round++) {
        int before = log.names().size();
        long t0 = System.nanoTime();
        rpc.call("supervisor.startAllProcesses", true);
        rpc.call("supervisor.stopProcessGroup", "p", true);
        int expected = before + 4 * PROGRAMS;
        DaemonProcess.await(expected + " events", Duration.ofSeconds(300), () -> log.names().size() >= expected);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = 4 * PROGRAMS / seconds;
        System.out.printf("%s round %d: %d events in %.2f s = %.0f events/s%n", who, round, 4 * PROGRAMS, seconds,
            rate);
        best = Math.max(best, rate);
      }
      return best;
    }
  }

  @Test
  void eventsPerSecondToAProcessStateListener() throws Exception {
    Path ours = dir.resolve("ours");
    Files.createDirectories(ours);
    double s4j;
    try (DaemonProcess daemon = DaemonProcess.of(ours, config(ours))) {
      daemon.startForeground();
      s4j = run("supervisor4j", ours);
    }
    String line = "supervisor4j: %.0f events/s".formatted(s4j);
    if (RealSupervisord.installed()) {
      Path real = dir.resolve("real");
      Files.createDirectories(real);
      DaemonProcess.writeConfig(real, config(real));
      try (RealSupervisord supervisord = new RealSupervisord(real, real.resolve("supervisord.conf"))) {
        line += ", supervisord 4.2.5: %.0f events/s".formatted(run("supervisord", real));
      }
    }
    System.out.println("BENCHMARK event delivery (" + PROGRAMS + " programs start+stop, PROCESS_STATE listener): "
        + line);
  }
}

package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supervisor4j.rpc.RpcClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same listener and the same scenario under the real supervisord 4.2.5 and under supervisor4j: the events the
 * listener receives are compared with serials, pids and times masked. Processes run concurrently, so the order is
 * compared per process, and in full for everything that is not a process state (groups, supervisor, remote).
 */
@Timeout(240)
class EventsDifferentialE2ETest {
  @TempDir Path dir;

  private static final String PROGRAMS = """
      [program:good]
      command=sleep 1000
      startsecs=1

      [program:crash]
      command=sh -c 'sleep 4; exit 3'
      startsecs=1
      autorestart=false

      [program:flaky]
      command=sh -c 'exit 1'
      startsecs=10
      startretries=1
      """;
  // flaky's startsecs is long: supervisord notices exits only once per poll, so on a loaded box a process dying
  // at once can outlive a short startsecs there and count as RUNNING (a race supervisor4j does not have)

  /** What the listener received, masked: {@code NAME payload}. */
  private static List<String> scenario(Path events, Path socket) {
    ListenerLog log = new ListenerLog(events);
    log.await("PROCESS_STATE_EXITED", "crash");
    log.await("PROCESS_STATE_FATAL", "flaky");
    log.await("PROCESS_STATE_RUNNING", "good");
    try (RpcClient rpc = RpcClient.create("unix://" + socket)) {
      rpc.call("supervisor.stopProcess", "good", true);
      rpc.call("supervisor.startProcess", "good", true);
      rpc.call("supervisor.sendRemoteCommEvent", "end", "of scenario");
    }
    log.await("the end", r -> r.name().equals("REMOTE_COMMUNICATION"));
    List<String> masked = new ArrayList<>();
    for (ListenerLog.Received r : log.events()) {
      masked.add(r.name() + " " + r.payload().replaceAll("pid:\\d+", "pid:N").replace("\n", "\\n"));
      if (r.name().equals("REMOTE_COMMUNICATION")) {
        break;
      }
    }
    return masked;
  }

  private static Path setUp(Path dir) throws Exception {
    Files.createDirectories(dir);
    DaemonProcess.writeConfig(dir, ListenerLog.section("logger", dir.resolve("events.log"),
        "PROCESS_STATE,PROCESS_GROUP,SUPERVISOR_STATE_CHANGE,REMOTE_COMMUNICATION", 100) + PROGRAMS);
    return dir;
  }

  /** The events of each process in order, and the order of everything else. */
  private static Map<String, List<String>> byProcess(List<String> events) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String e : events) {
      String key = e.startsWith("PROCESS_STATE_") ? e.substring(e.indexOf("processname:"), e.indexOf(" groupname:"))
          : "other";
      m.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    return m;
  }

  @Test
  void sameEventsAsSupervisord() throws Exception {
    assumeTrue(RealSupervisord.installed(), "supervisord 4.2.5 is not installed");
    Path real = setUp(dir.resolve("real"));
    List<String> expected;
    try (RealSupervisord supervisord = new RealSupervisord(real, real.resolve("supervisord.conf"))) {
      expected = scenario(real.resolve("events.log"), real.resolve("supervisor.sock"));
    }
    Path ours = setUp(dir.resolve("ours"));
    List<String> actual;
    try (DaemonProcess daemon = DaemonProcess.of(ours, Files.readString(ours.resolve("supervisord.conf"))
        .substring(DaemonProcess.header(ours).length()))) {
      daemon.startForeground();
      actual = scenario(ours.resolve("events.log"), ours.resolve("supervisor.sock"));
    }
    assertThat(byProcess(actual)).isEqualTo(byProcess(expected));
    assertThat(actual).hasSameSizeAs(expected);
    // the startup burst is in a fixed order: groups (the pool's own first), then supervisord RUNNING
    int running = expected.indexOf("SUPERVISOR_STATE_CHANGE_RUNNING ");
    assertThat(running).isPositive();
    assertThat(actual.subList(0, running + 1)).isEqualTo(expected.subList(0, running + 1));
  }
}

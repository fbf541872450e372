package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every {@code supervisor.*} method against a real daemon with the Java client: values, structs and faults. */
@Timeout(180)
class SupervisorApiE2ETest extends DaemonE2E {

  private String programs() throws IOException {
    Path notExec = dir.resolve("notexec");
    Files.writeString(notExec, "#!/bin/sh\n");
    Files.setPosixFilePermissions(notExec, PosixFilePermissions.fromString("rw-r--r--"));
    return """
        [program:cat]
        command=/bin/cat
        startsecs=0
        stdout_logfile=%1$s/cat.out
        stderr_logfile=%1$s/cat.err

        [program:sleeper]
        command=/bin/sleep 1000
        autostart=false
        startsecs=0

        [program:slow]
        command=/bin/sleep 1000
        autostart=false
        startsecs=30

        [program:quick]
        command=/bin/true
        autostart=false
        startsecs=5
        startretries=0

        [program:missing]
        command=/nonexistent/prog
        autostart=false
        stdout_logfile=NONE

        [program:notexec]
        command=%1$s/notexec
        autostart=false

        [program:deaf]
        command=/bin/sh -c 'exec 0<&-; exec sleep 1000'
        startsecs=0

        [group:grp]
        programs=ga,gb

        [program:ga]
        command=/bin/sleep 1000
        startsecs=0
        priority=10

        [program:gb]
        command=/bin/sleep 1000
        startsecs=0
        priority=20
        """.formatted(dir);
  }

  private static void fault(RpcFaults expected, String faultString, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RpcFault.class, f -> {
      assertThat(f.code()).isEqualTo(expected.code());
      assertThat(f.faultString()).isEqualTo(faultString);
    });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> struct(Object v) {
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> array(Object v) {
    return (List<Object>) v;
  }

  private static void awaitState(RpcClient rpc, String name, String state) {
    DaemonProcess.await(name + " " + state, DaemonProcess.TIMEOUT,
        () -> state.equals(struct(rpc.call("supervisor.getProcessInfo", name)).get("statename")));
  }

  @Test
  void daemonLevelMethods() throws IOException {
    daemon = DaemonProcess.of(dir, programs()).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      awaitState(rpc, "cat", "RUNNING");
      assertThat(rpc.call("supervisor.getAPIVersion")).isEqualTo("3.0");
      assertThat(rpc.call("supervisor.getVersion")).isEqualTo("3.0");
      assertThat(rpc.call("supervisor.getSupervisorVersion")).isEqualTo("4.2.5");
      assertThat(rpc.call("supervisor.getIdentification")).isEqualTo("e2e");
      assertThat(rpc.call("supervisor.getState")).isEqualTo(Map.of("statecode", 1, "statename", "RUNNING"));
      assertThat(rpc.call("supervisor.getPID")).isEqualTo((int) daemon.pid());
      String log = (String) rpc.call("supervisor.readLog", 0, 0);
      assertThat(log).contains("RPC interface 'supervisor' initialized")
          .contains("CRIT Server 'unix_http_server' running without any HTTP authentication checking");
      assertThat(rpc.call("supervisor.readMainLog", -10, 0)).isEqualTo(log.substring(log.length() - 10));
      assertThat(rpc.call("supervisor.readLog", 0, 5)).isEqualTo(log.substring(0, 5));
      fault(RpcFaults.BAD_ARGUMENTS, "BAD_ARGUMENTS", () -> rpc.call("supervisor.readLog", -1, 5));
      fault(RpcFaults.BAD_ARGUMENTS, "BAD_ARGUMENTS", () -> rpc.call("supervisor.readLog", 0, -1));
      assertThat(rpc.call("supervisor.clearLog")).isEqualTo(true);
      assertThat((String) rpc.call("supervisor.readLog", 0, 0)).doesNotContain("RPC interface");
      Files.delete(daemon.mainLog());
      fault(RpcFaults.NO_FILE, "NO_FILE: " + daemon.mainLog(), () -> rpc.call("supervisor.readLog", 0, 0));
      fault(RpcFaults.NO_FILE, "NO_FILE", () -> rpc.call("supervisor.clearLog"));
      fault(RpcFaults.UNKNOWN_METHOD, "UNKNOWN_METHOD", () -> rpc.call("supervisor.nope"));
      fault(RpcFaults.INCORRECT_PARAMETERS, "INCORRECT_PARAMETERS", () -> rpc.call("supervisor.getPID", 1));
      assertThat(rpc.call("supervisor.sendRemoteCommEvent", "type", "data")).isEqualTo(true);
      assertThat(rpc.call("system.methodSignature", "supervisor.startProcess"))
          .isEqualTo(List.of("boolean", "string", "boolean"));
      assertThat(rpc.call("system.methodSignature", "supervisor.tailProcessStdoutLog"))
          .isEqualTo(List.of("array", "string", "int", "int"));
      // supervisord's 41, then supervisor4j.explain and supervisor4j.check
      assertThat(array(rpc.call("system.listMethods"))).hasSize(43).contains("supervisor4j.explain");
    }
  }

  @Test
  void startStopSignalAndTheirFaults() throws Exception {
    daemon = DaemonProcess.of(dir, programs()).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      awaitState(rpc, "grp:gb", "RUNNING");
      fault(RpcFaults.ALREADY_STARTED, "ALREADY_STARTED: cat", () -> rpc.call("supervisor.startProcess", "cat"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.startProcess", "nope"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: grp:nope", () -> rpc.call("supervisor.stopProcess", "grp:nope"));
      fault(RpcFaults.NO_FILE, "NO_FILE: can't find command '/nonexistent/prog'",
          () -> rpc.call("supervisor.startProcess", "missing"));
      fault(RpcFaults.NOT_EXECUTABLE, "NOT_EXECUTABLE: command at '" + dir.resolve("notexec") + "' is not executable",
          () -> rpc.call("supervisor.startProcess", "notexec"));
      fault(RpcFaults.SPAWN_ERROR, "SPAWN_ERROR: quick", () -> rpc.call("supervisor.startProcess", "quick"));
      fault(RpcFaults.NOT_RUNNING, "NOT_RUNNING: sleeper", () -> rpc.call("supervisor.stopProcess", "sleeper"));
      fault(RpcFaults.NOT_RUNNING, "NOT_RUNNING: sleeper",
          () -> rpc.call("supervisor.signalProcess", "sleeper", "HUP"));
      fault(RpcFaults.BAD_SIGNAL, "BAD_SIGNAL: NOPE", () -> rpc.call("supervisor.signalProcess", "cat", "NOPE"));

      assertThat(rpc.call("supervisor.startProcess", "sleeper")).isEqualTo(true);
      Map<String, Object> info = struct(rpc.call("supervisor.getProcessInfo", "sleeper"));
      assertThat(info).containsOnlyKeys("name", "group", "start", "stop", "now", "state", "statename", "spawnerr",
          "exitstatus", "logfile", "stdout_logfile", "stderr_logfile", "pid", "description", "reason");
      assertThat(info).containsEntry("reason", "");
      assertThat(info).containsEntry("state", 20).containsEntry("statename", "RUNNING").containsEntry("group", "sleeper");
      assertThat((String) info.get("description")).startsWith("pid " + info.get("pid") + ", uptime 0:00:0");
      assertThat((String) info.get("stdout_logfile")).startsWith(dir + "/sleeper-stdout---e2e-")
          .isEqualTo(info.get("logfile"));
      assertThat(rpc.call("supervisor.signalProcess", "sleeper", "CONT")).isEqualTo(true);
      assertThat(rpc.call("supervisor.signalProcess", "sleeper", "18")).isEqualTo(true);
      assertThat(rpc.call("supervisor.stopProcess", "sleeper")).isEqualTo(true);
      info = struct(rpc.call("supervisor.getProcessInfo", "sleeper"));
      assertThat(info).containsEntry("statename", "STOPPED").containsEntry("pid", 0)
          .containsEntry("exitstatus", -1); // killed by SIGTERM
      assertThat((String) info.get("description")).matches("[A-Z][a-z]{2} \\d\\d \\d\\d:\\d\\d [AP]M");

      // ABNORMAL_TERMINATION: a waiting start whose process is stopped before it is RUNNING
      CompletableFuture<Object> waiting;
      try (RpcClient other = daemon.rpc()) {
        waiting = CompletableFuture.supplyAsync(() -> other.call("supervisor.startProcess", "slow", true));
        awaitState(rpc, "slow", "STARTING");
        assertThat(rpc.call("supervisor.stopProcess", "slow", false)).isEqualTo(true);
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(RpcFault.class)
            .cause().hasMessage("<Fault 40: 'ABNORMAL_TERMINATION: slow'>");
      }

      List<Object> stopped = array(rpc.call("supervisor.stopProcessGroup", "grp"));
      assertThat(stopped).containsExactlyInAnyOrder( // waited-for results come in completion order
          Map.of("name", "ga", "group", "grp", "status", 80, "description", "OK"),
          Map.of("name", "gb", "group", "grp", "status", 80, "description", "OK"));
      assertThat(array(rpc.call("supervisor.startProcess", "grp:*"))).containsExactlyInAnyOrderElementsOf(stopped);
      assertThat(array(rpc.call("supervisor.signalProcessGroup", "grp", "CONT"))).hasSize(2);
      assertThat(array(rpc.call("supervisor.signalProcessGroup", "grp", "BOGUS")))
          .contains(Map.of("name", "ga", "group", "grp", "status", 11, "description", "BAD_SIGNAL: BOGUS"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.startProcessGroup", "nope"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.stopProcessGroup", "nope"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.signalProcessGroup", "nope", "HUP"));
      assertThat(array(rpc.call("supervisor.signalAllProcesses", "CONT"))).hasSize(4); // cat, deaf, ga, gb
      assertThat(array(rpc.call("supervisor.stopAllProcesses"))).hasSize(4);
      List<Object> started = array(rpc.call("supervisor.startAllProcesses", false));
      assertThat(started).extracting(r -> struct(r).get("name"))
          .contains("cat", "sleeper", "ga", "gb", "missing", "notexec", "quick", "slow");
      assertThat(started).contains(Map.of("name", "missing", "group", "missing", "status", 20,
          "description", "NO_FILE: can't find command '/nonexistent/prog'"));
      List<Object> all = array(rpc.call("supervisor.getAllProcessInfo"));
      assertThat(all).extracting(r -> struct(r).get("group") + ":" + struct(r).get("name")).containsExactly(
          "cat:cat", "deaf:deaf", "grp:ga", "grp:gb", "missing:missing", "notexec:notexec", "quick:quick",
          "sleeper:sleeper", "slow:slow");
      fault(RpcFaults.BAD_NAME, "BAD_NAME: grp", () -> rpc.call("supervisor.getProcessInfo", "grp"));
    }
  }

  @Test
  void logsAndStdin() throws Exception {
    daemon = DaemonProcess.of(dir, programs()).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      // /logtail of a process nothing has touched yet (never started, never queried) still finds its log
      try (var never = rpc.stream("/logtail/slow/stderr")) {
        assertThat(never).isNotNull();
      }
      assertThatThrownBy(() -> rpc.stream("/logtail/nope")).hasMessageContaining("404");
      awaitState(rpc, "deaf", "RUNNING");
      awaitState(rpc, "cat", "RUNNING");
      assertThat(rpc.call("supervisor.sendProcessStdin", "cat", "hello\n")).isEqualTo(true);
      try (var tail = rpc.stream("/logtail/cat")) {
        byte[] buf = new byte[6];
        assertThat(tail.readNBytes(buf, 0, 6)).isEqualTo(6);
        assertThat(new String(buf, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello\n");
      }
      DaemonProcess.await("cat echoed", DaemonProcess.TIMEOUT,
          () -> "hello\n".equals(rpc.call("supervisor.readProcessStdoutLog", "cat", 0, 0)));
      assertThat(rpc.call("supervisor.readProcessLog", "cat", -3, 0)).isEqualTo("lo\n");
      assertThat(rpc.call("supervisor.tailProcessStdoutLog", "cat", 0, 2)).isEqualTo(List.of("o\n", 6, true));
      assertThat(rpc.call("supervisor.tailProcessLog", "cat", 6, 10)).isEqualTo(List.of("", 6, false));
      assertThat(rpc.call("supervisor.readProcessStderrLog", "cat", 0, 0)).isEqualTo("");
      assertThat(rpc.call("supervisor.tailProcessStderrLog", "cat", 0, 10)).isEqualTo(List.of("", 0, false));
      fault(RpcFaults.BAD_ARGUMENTS, "BAD_ARGUMENTS", () -> rpc.call("supervisor.readProcessStdoutLog", "cat", -1, 1));
      fault(RpcFaults.NO_FILE, "NO_FILE", () -> rpc.call("supervisor.readProcessStdoutLog", "missing", 0, 0));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.readProcessStdoutLog", "nope", 0, 0));
      assertThat(rpc.call("supervisor.tailProcessStdoutLog", "missing", 0, 10)).isEqualTo(List.of("", 0, false));

      // a large write to a child that reads it all arrives whole and in order
      String big = "x".repeat(300_000) + "\n";
      assertThat(rpc.call("supervisor.sendProcessStdin", "cat", big)).isEqualTo(true);
      assertThat(rpc.call("supervisor.sendProcessStdin", "cat", "end\n")).isEqualTo(true);
      DaemonProcess.await("big echo", DaemonProcess.TIMEOUT,
          () -> ((String) rpc.call("supervisor.readProcessStdoutLog", "cat", 0, 0)).endsWith("\nend\n"));
      assertThat(Files.size(dir.resolve("cat.out"))).isEqualTo(6 + big.length() + 4);

      assertThat(rpc.call("supervisor.clearProcessLogs", "cat")).isEqualTo(true);
      assertThat(rpc.call("supervisor.readProcessStdoutLog", "cat", 0, 0)).isEqualTo("");
      assertThat(rpc.call("supervisor.clearProcessLog", "cat")).isEqualTo(true);
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.clearProcessLogs", "nope"));
      List<Object> cleared = array(rpc.call("supervisor.clearAllProcessLogs"));
      assertThat(cleared).hasSize(9).allSatisfy(r -> assertThat(struct(r)).containsEntry("status", 80));

      fault(RpcFaults.NO_FILE, "NO_FILE: deaf", () -> rpc.call("supervisor.sendProcessStdin", "deaf", "x"));
      fault(RpcFaults.NOT_RUNNING, "NOT_RUNNING: sleeper",
          () -> rpc.call("supervisor.sendProcessStdin", "sleeper", "x"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.sendProcessStdin", "nope", "x"));
      fault(RpcFaults.INCORRECT_PARAMETERS, "INCORRECT_PARAMETERS: 5",
          () -> rpc.call("supervisor.sendProcessStdin", "cat", 5));
    }
  }

  @Test
  void rereadAddRemoveAndConfigInfo() throws Exception {
    daemon = DaemonProcess.of(dir, programs()).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      awaitState(rpc, "cat", "RUNNING");
      assertThat(rpc.call("supervisor.reloadConfig")).isEqualTo(List.of(List.of(List.of(), List.of(), List.of())));
      Files.writeString(daemon.config(), DaemonProcess.header(dir) + programs()
          .replace("command=/bin/sleep 1000\nautostart=false\nstartsecs=0", "command=/bin/sleep 999\nautostart=false"
              + "\nstartsecs=0")
          .replace("[program:quick]", "[program:quick2]") + """

          [program:added]
          command=/bin/sleep 1000
          startsecs=0
          user=nobody
          directory=/tmp
          stdout_logfile=NONE
          """);
      assertThat(rpc.call("supervisor.reloadConfig"))
          .isEqualTo(List.of(List.of(List.of("added", "quick2"), List.of("sleeper"), List.of("quick"))));
      List<Object> infos = array(rpc.call("supervisor.getAllConfigInfo"));
      Map<String, Object> added = infos.stream().map(SupervisorApiE2ETest::struct)
          .filter(m -> m.get("name").equals("added")).findFirst().orElseThrow();
      assertThat(added).containsOnlyKeys("autostart", "directory", "uid", "command", "exitcodes", "group",
          "group_prio", "inuse", "killasgroup", "name", "process_prio", "redirect_stderr", "startretries",
          "startsecs", "stdout_capture_maxbytes", "stdout_events_enabled", "stdout_logfile",
          "stdout_logfile_backups", "stdout_logfile_maxbytes", "stdout_syslog", "stopsignal", "stopwaitsecs",
          "stderr_capture_maxbytes", "stderr_events_enabled", "stderr_logfile", "stderr_logfile_backups",
          "stderr_logfile_maxbytes", "stderr_syslog", "serverurl");
      assertThat(added).containsEntry("inuse", false).containsEntry("directory", "/tmp")
          .containsEntry("uid", 65534).containsEntry("stdout_logfile", "none").containsEntry("stderr_logfile", "auto")
          .containsEntry("serverurl", "none").containsEntry("stopsignal", 15).containsEntry("exitcodes", List.of(0))
          .containsEntry("stdout_logfile_maxbytes", 50 * 1024 * 1024).containsEntry("group_prio", 999);
      assertThat(infos).extracting(r -> struct(r).get("name")).isSortedAccordingTo(
          (a, b) -> ((String) a).compareTo((String) b));

      assertThat(rpc.call("supervisor.addProcessGroup", "added")).isEqualTo(true);
      awaitState(rpc, "added", "RUNNING");
      fault(RpcFaults.ALREADY_ADDED, "ALREADY_ADDED: added", () -> rpc.call("supervisor.addProcessGroup", "added"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.addProcessGroup", "nope"));
      fault(RpcFaults.STILL_RUNNING, "STILL_RUNNING: added",
          () -> rpc.call("supervisor.removeProcessGroup", "added"));
      fault(RpcFaults.BAD_NAME, "BAD_NAME: nope", () -> rpc.call("supervisor.removeProcessGroup", "nope"));
      rpc.call("supervisor.stopProcess", "added");
      assertThat(rpc.call("supervisor.removeProcessGroup", "added")).isEqualTo(true);
      fault(RpcFaults.BAD_NAME, "BAD_NAME: added", () -> rpc.call("supervisor.getProcessInfo", "added"));

      Files.writeString(daemon.config(), DaemonProcess.header(dir) + "[program:bad]\n");
      assertThatThrownBy(() -> rpc.call("supervisor.reloadConfig")).isInstanceOfSatisfying(RpcFault.class, f -> {
        assertThat(f.code()).isEqualTo(RpcFaults.CANT_REREAD.code());
        assertThat(f.faultString()).startsWith("CANT_REREAD: ").contains("does not specify a command");
      });
      assertThat(struct(rpc.call("supervisor.getProcessInfo", "cat"))).containsEntry("statename", "RUNNING");
    }
  }

  @Test
  void shutdownStateWhileStoppingAndSocketRemovedAtExit() throws Exception {
    daemon = DaemonProcess.of(dir, """
        [program:stubborn]
        command=/bin/sh -c "trap '' TERM; while :; do sleep 1; done"
        startsecs=0
        stopwaitsecs=4
        killasgroup=true
        """).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      awaitState(rpc, "stubborn", "RUNNING");
      assertThat(rpc.call("supervisor.shutdown")).isEqualTo(true);
      fault(RpcFaults.SHUTDOWN_STATE, "SHUTDOWN_STATE", () -> rpc.call("supervisor.getState"));
      fault(RpcFaults.SHUTDOWN_STATE, "SHUTDOWN_STATE", () -> rpc.call("supervisor.getProcessInfo", "stubborn"));
      fault(RpcFaults.SHUTDOWN_STATE, "SHUTDOWN_STATE", () -> rpc.call("supervisor.reloadConfig"));
      assertThat(rpc.call("supervisor.sendRemoteCommEvent", "t", "d")).isEqualTo(true);
      assertThat(array(rpc.call("system.listMethods"))).contains("supervisor.getState");
      fault(RpcFaults.SHUTDOWN_STATE, "SHUTDOWN_STATE", () -> rpc.call("supervisor.signalAllProcesses", "CONT"));
    }
    assertThat(daemon.awaitExit()).isZero();
    assertThat(daemon.socket()).doesNotExist();
  }

  @Test
  void restartKeepsTheServerAndAnswersShutdownStateUntilTheNewEngineRuns() throws Exception {
    daemon = DaemonProcess.of(dir, """
        [program:a]
        command=/bin/sleep 1000
        startsecs=0
        """).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      awaitState(rpc, "a", "RUNNING");
      int first = (int) struct(rpc.call("supervisor.getProcessInfo", "a")).get("pid");
      assertThat(rpc.call("supervisor.restart")).isEqualTo(true);
      DaemonProcess.await("a restarted", DaemonProcess.TIMEOUT, () -> {
        try {
          Map<String, Object> info = struct(rpc.call("supervisor.getProcessInfo", "a"));
          return info.get("statename").equals("RUNNING") && (int) info.get("pid") != first;
        } catch (RpcFault f) {
          assertThat(f.code()).isEqualTo(RpcFaults.SHUTDOWN_STATE.code());
          return false;
        }
      });
      assertThat(daemon.linesMatching("RPC interface 'supervisor' initialized")).hasSize(1);
    }
  }

  @Test
  void withoutTheRpcInterfaceSectionOnlySystemMethodsExist() throws Exception {
    daemon = DaemonProcess.of(dir, "[program:a]\ncommand=/bin/sleep 1000\n");
    String config = Files.readString(daemon.config());
    Files.writeString(daemon.config(), config.substring(0, config.indexOf("[rpcinterface:supervisor]"))
        + config.substring(config.indexOf("[supervisorctl]")));
    daemon.startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      DaemonProcess.await("server up", DaemonProcess.TIMEOUT, () -> {
        try {
          return rpc.call("system.listMethods") != null;
        } catch (RuntimeException e) {
          return false;
        }
      });
      assertThat(array(rpc.call("system.listMethods"))).allSatisfy(m -> assertThat((String) m).startsWith("system."));
      fault(RpcFaults.UNKNOWN_METHOD, "UNKNOWN_METHOD", () -> rpc.call("supervisor.getState"));
    }
    assertThat(daemon.linesMatching("RPC interface")).isEmpty();
    if (RealSupervisord.installed()) {
      var ctl = RealSupervisord.run(dir, Duration.ofSeconds(60),
          List.of(RealSupervisord.SUPERVISORCTL.toString(), "-c", daemon.config().toString(), "status"));
      assertThat(ctl.status()).isEqualTo(4); // what supervisorctl status exits with against supervisord too
      assertThat(ctl.output()).startsWith("Sorry, supervisord responded but did not recognize the supervisor"
          + " namespace commands that supervisorctl uses to control it.");
    }
  }

  @Test
  void aBusySocketAddressEndsTheDaemonWithStatusTwoAndNothingSpawned() throws Exception {
    Path started = dir.resolve("started");
    daemon = DaemonProcess.of(dir, "[program:a]\ncommand=/usr/bin/touch " + started + "\n");
    try (var listener = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      listener.bind(java.net.UnixDomainSocketAddress.of(daemon.socket()));
      daemon.startForeground();
      assertThat(daemon.awaitExit()).isEqualTo(2);
      assertThat(daemon.stderr()).startsWith("Error: Another program is already listening on a port that one of our"
          + " HTTP servers is configured to use.  Shut this program down first before starting supervisord.\n");
      assertThat(started).doesNotExist();
      assertThat(daemon.socket()).exists();
    }
    Files.deleteIfExists(daemon.socket());
  }

}

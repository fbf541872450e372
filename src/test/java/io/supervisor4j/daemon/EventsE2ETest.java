package io.supervisor4j.daemon;

import static io.supervisor4j.daemon.ListenerLog.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.rpc.RpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * [eventlistener:x] programs, unchanged, against the daemon (a separate JVM): the test listeners in
 * src/test/resources/events/listeners run with /usr/bin/python3 and see what supervisord would send them.
 */
@Timeout(180)
class EventsE2ETest extends DaemonE2E {

  @SuppressWarnings("unchecked")
  static Map<String, Object> info(RpcClient rpc, String name) {
    return (Map<String, Object>) rpc.call("supervisor.getProcessInfo", name);
  }

  static void awaitState(RpcClient rpc, String name, String state) {
    DaemonProcess.await(name + " " + state, DaemonProcess.TIMEOUT,
        () -> state.equals(info(rpc, name).get("statename")));
  }

  @Test
  void stateLoggerSeesStartStopAndCrashInOrder() {
    Path out = dir.resolve("events.log");
    ListenerLog events = new ListenerLog(out);
    daemon = DaemonProcess.of(dir, ListenerLog.section("logger", out,
        "PROCESS_STATE,PROCESS_GROUP,SUPERVISOR_STATE_CHANGE,REMOTE_COMMUNICATION", 100) + """
        [program:good]
        command=sleep 1000
        startsecs=1

        [program:crash]
        command=sh -c 'sleep 2; exit 3'
        startsecs=1
        autorestart=false
        """).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      events.await("PROCESS_STATE_EXITED", "crash");
      awaitState(rpc, "good", "RUNNING");
      rpc.call("supervisor.stopProcess", "good");
      events.await("PROCESS_STATE_STOPPED", "good");
      rpc.call("supervisor.sendRemoteCommEvent", "mytype", "some data");
      ListenerLog.Received remote = events.await("REMOTE_COMMUNICATION", r -> r.name().equals("REMOTE_COMMUNICATION"));
      assertThat(remote.payload()).isEqualTo("type:mytype\nsome data");
    }
    assertThat(events.statesOf("good")).containsExactly("STARTING", "RUNNING", "STOPPING", "STOPPED");
    assertThat(events.statesOf("crash")).containsExactly("STARTING", "RUNNING", "EXITED");
    assertThat(events.events().stream().filter(r -> r.name().equals("PROCESS_STATE_EXITED")).findFirst().orElseThrow()
        .fields()).containsEntry("expected", "0").containsEntry("from_state", "RUNNING");
    // the pool sees its own group added (it subscribes first), then the RUNNING of the supervisor
    assertThat(events.names().subList(0, 4)).containsExactly("PROCESS_GROUP_ADDED", "PROCESS_GROUP_ADDED",
        "PROCESS_GROUP_ADDED", "SUPERVISOR_STATE_CHANGE_RUNNING");
    assertThat(events.events().subList(0, 3)).extracting(ListenerLog.Received::payload)
        .containsExactly("groupname:logger\n", "groupname:crash\n", "groupname:good\n");
    // the listener also hears about itself
    assertThat(events.statesOf("logger")).startsWith("STARTING", "RUNNING");
    // serials count up without gaps (one pool, nothing dropped)
    for (int i = 0; i < events.events().size(); i++) {
      assertThat(events.events().get(i).headers()).containsEntry("poolserial", Integer.toString(i))
          .containsEntry("server", "e2e").containsEntry("pool", "logger").containsEntry("ver", "3.0");
    }
  }

  @Test
  void groupAddedRemovedAndStoppingOnShutdown() throws IOException {
    Path out = dir.resolve("events.log");
    ListenerLog events = new ListenerLog(out);
    daemon = DaemonProcess.of(dir, ListenerLog.section("logger", out, "PROCESS_GROUP,SUPERVISOR_STATE_CHANGE", 100)
        + "[program:a]\ncommand=sleep 1000\n").startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      events.await("RUNNING", r -> r.name().equals("SUPERVISOR_STATE_CHANGE_RUNNING"));
      Files.writeString(daemon.config(), Files.readString(daemon.config()) + "[program:b]\ncommand=sleep 1000\n");
      rpc.call("supervisor.reloadConfig");
      rpc.call("supervisor.addProcessGroup", "b");
      events.await("b added", r -> r.name().equals("PROCESS_GROUP_ADDED") && r.payload().equals("groupname:b\n"));
      rpc.call("supervisor.stopProcessGroup", "a");
      rpc.call("supervisor.removeProcessGroup", "a");
      events.await("a removed", r -> r.name().equals("PROCESS_GROUP_REMOVED") && r.payload().equals("groupname:a\n"));
      rpc.call("supervisor.restart");
      // after the reload the (new) listener gets the startup events again
      DaemonProcess.await("two RUNNING", DaemonProcess.TIMEOUT,
          () -> events.names().stream().filter("SUPERVISOR_STATE_CHANGE_RUNNING"::equals).count() == 2);
    }
    assertThat(events.names()).containsSubsequence("SUPERVISOR_STATE_CHANGE_RUNNING", "PROCESS_GROUP_ADDED",
        "PROCESS_GROUP_REMOVED", "SUPERVISOR_STATE_CHANGE_STOPPING", "PROCESS_GROUP_ADDED",
        "SUPERVISOR_STATE_CHANGE_RUNNING");
  }

  @Test
  void crashmailWritesAMailForAnUnexpectedExitOnly() throws IOException {
    Path mail = dir.resolve("mail.txt");
    daemon = DaemonProcess.of(dir, """
        [eventlistener:crashmail]
        command=/usr/bin/python3 %s %s
        events=PROCESS_STATE_EXITED

        [program:fine]
        command=sh -c 'sleep 2; exit 0'
        startsecs=1
        autorestart=false

        [program:broken]
        command=sh -c 'sleep 4; exit 7'
        startsecs=1
        autorestart=false
        """.formatted(script("crashmail.py"), mail)).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      awaitState(rpc, "fine", "EXITED");
      // broken exits later: once its mail is written, the listener has handled fine's exit before it (FIFO pool)
      DaemonProcess.await("a mail", DaemonProcess.TIMEOUT, () -> Files.exists(mail));
    }
    String text = Files.readString(mail);
    assertThat(text).contains("Subject: broken crashed at").contains("died unexpectedly in state RUNNING");
    assertThat(text).doesNotContain("fine");
  }

  @Test
  void aListenerBreakingTheProtocolIsUnknownAndTheOthersKeepReceiving() {
    Path out = dir.resolve("events.log");
    ListenerLog events = new ListenerLog(out);
    daemon = DaemonProcess.of(dir, ListenerLog.section("logger", out, "REMOTE_COMMUNICATION", 10) + """
        [eventlistener:garbage]
        command=sh -c 'echo garbage; exec sleep 1000'
        events=REMOTE_COMMUNICATION
        stdout_logfile=%s
        """.formatted(dir.resolve("garbage.out"))).startForeground();
    try (RpcClient rpc = daemon.rpc()) {
      daemon.awaitLogLine("WARN garbage: has entered the UNKNOWN state and will no longer receive events, this "
          + "usually indicates the process violated the eventlistener protocol");
      awaitState(rpc, "logger", "RUNNING");
      rpc.call("supervisor.sendRemoteCommEvent", "one", "1");
      rpc.call("supervisor.sendRemoteCommEvent", "two", "2");
      events.await("second remote event", r -> r.payload().equals("type:two\n2"));
      // the offender keeps running (it only leaves UNKNOWN when restarted); the daemon too
      assertThat(info(rpc, "garbage")).containsEntry("statename", "RUNNING");
      assertThat(daemon.daemonAlive()).isTrue();
      // a listener's stdout (the protocol channel) is still written to its stdout_logfile
      assertThat(read(dir.resolve("garbage.out"))).isEqualTo("garbage\n");
    }
    assertThat(events.events()).extracting(ListenerLog.Received::payload).containsExactly("type:one\n1", "type:two\n2");
  }

  @Test
  void tick5Arrives() {
    Path out = dir.resolve("events.log");
    ListenerLog events = new ListenerLog(out);
    daemon = DaemonProcess.of(dir, ListenerLog.section("ticks", out, "TICK_5", 10)).startForeground();
    ListenerLog.Received tick = events.await("TICK_5", r -> r.name().equals("TICK_5"));
    long when = Long.parseLong(tick.fields().get("when"));
    assertThat(when % 5).isZero();
    assertThat(Math.abs(System.currentTimeMillis() / 1000 - when)).isLessThan(60);
  }

  @Test
  void captureModeMakesProcessCommunicationAndProcessLogEvents() throws IOException {
    Path out = dir.resolve("events.log");
    Path talkLog = dir.resolve("talk.log");
    ListenerLog events = new ListenerLog(out);
    daemon = DaemonProcess.of(dir, ListenerLog.section("logger", out, "PROCESS_COMMUNICATION,PROCESS_LOG", 50) + """
        [program:talk]
        command=sh -c 'sleep 1; printf "before <!--XSUPERVISOR:BEGIN-->secret<!--XSUPERVISOR:END--> after, and \
        enough text to get past a token\\n"; exec sleep 1000'
        stdout_capture_maxbytes=1KB
        stdout_events_enabled=true
        stdout_logfile=%s
        """.formatted(talkLog)).startForeground();
    ListenerLog.Received comm = events.await("PROCESS_COMMUNICATION_STDOUT",
        r -> r.name().equals("PROCESS_COMMUNICATION_STDOUT"));
    assertThat(comm.payload()).matches("processname:talk groupname:talk pid:\\d+\nsecret");
    events.await("PROCESS_LOG_STDOUT", r -> r.name().equals("PROCESS_LOG_STDOUT") && r.payload().contains("after"));
    assertThat(events.events().getFirst().payload()).startsWith("processname:talk groupname:talk pid:")
        .contains("channel:stdout\nbefore ");
    DaemonProcess.await("the log", DaemonProcess.TIMEOUT, () -> read(talkLog).contains("token"));
    assertThat(read(talkLog)).isEqualTo("before  after, and enough text to get past a token\n");
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void memmonRestartsAProcessOverItsRssLimitThroughTheApi() throws IOException {
    Path actions = dir.resolve("actions.txt");
    daemon = DaemonProcess.of(dir, """
        [eventlistener:memmon]
        command=/usr/bin/python3 %s 100000000 %s
        events=TICK_5

        [program:hog]
        command=/usr/bin/python3 -c 'x=bytearray(200_000_000); import time; time.sleep(1000)'
        startsecs=1
        """.formatted(script("memmon.py"), actions)).startForeground();
    int first = daemon.pidOf("hog");
    DaemonProcess.await("memmon restarted hog", DaemonProcess.TIMEOUT,
        () -> read(actions).contains("restarted hog:hog rss="));
    DaemonProcess.await("a second hog", DaemonProcess.TIMEOUT, () -> daemon.pidsOf("hog").size() >= 2);
    assertThat(daemon.pidsOf("hog").get(1)).isNotEqualTo(first);
    daemon.awaitLogLine("stopped: hog \\(terminated by SIGTERM\\)");
  }

  @Test
  void envelopesLargerThanThePipeArriveWholeAndInOrder() {
    Path out = dir.resolve("events.log");
    ListenerLog events = new ListenerLog(out);
    // 300 KB of output: PROCESS_LOG envelopes bigger than a 64 KiB pipe, so the writes to the listener's stdin
    // are partial and completed later, without blocking the loop
    daemon = DaemonProcess.of(dir, ListenerLog.section("logger", out, "PROCESS_LOG_STDOUT,REMOTE_COMMUNICATION", 100)
        + """
        [program:big]
        command=/usr/bin/python3 -c "import sys,time; time.sleep(1); sys.stdout.write('x'*300000); sys.stdout.flush(); time.sleep(1000)"
        stdout_events_enabled=true
        stdout_logfile=NONE
        """).startForeground();
    DaemonProcess.await("300000 bytes of PROCESS_LOG", DaemonProcess.TIMEOUT, () -> events.events().stream()
        .mapToInt(r -> r.payload().length() - r.payload().indexOf('\n') - 1).sum() >= 300000);
    try (RpcClient rpc = daemon.rpc()) {
      rpc.call("supervisor.sendRemoteCommEvent", "after", "the big ones");
    }
    events.await("the remote event", r -> r.name().equals("REMOTE_COMMUNICATION"));
    List<ListenerLog.Received> got = events.events();
    assertThat(got.getLast().payload()).isEqualTo("type:after\nthe big ones");
    assertThat(got.subList(0, got.size() - 1)).allSatisfy(r -> {
      assertThat(r.name()).isEqualTo("PROCESS_LOG_STDOUT");
      assertThat(r.payload()).matches("(?s)processname:big groupname:big pid:\\d+ channel:stdout\nx+");
    });
    assertThat(got.subList(0, got.size() - 1).stream()
        .mapToInt(r -> r.payload().length() - r.payload().indexOf('\n') - 1).sum()).isEqualTo(300000);
  }
}

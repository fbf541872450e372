package io.supervisor4j.daemon;

import static io.supervisor4j.daemon.ListenerLog.script;
import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.rpc.RpcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        command=sh -c 'sleep 1.5; exit 0'
        startsecs=1
        autorestart=false

        [program:broken]
        command=sh -c 'sleep 3; exit 7'
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
}

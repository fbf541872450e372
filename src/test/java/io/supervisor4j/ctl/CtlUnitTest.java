package io.supervisor4j.ctl;

import io.supervisor4j.process.Namespec;
import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Formatting, namespecs, exit statuses and command parsing, without a server. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class CtlUnitTest {

  private static Map<String, Object> info(String group, String name, String state, String desc) {
    return Map.of("group", group, "name", name, "statename", state, "description", desc, "state", 20);
  }

  @Test
  void statusColumnsAreThirtyThreeWideForShortNames() {
    List<String> lines = StatusTable.lines(List.of(
        info("web", "web", "RUNNING", "pid 1, uptime 0:00:01"), info("grp", "a", "STARTING", "")));
    assertThat(lines).containsExactly(
        "web                              RUNNING   pid 1, uptime 0:00:01",
        "grp:a                            STARTING  ");
  }

  @Test
  void statusColumnsGrowWithTheLongestNamespec() {
    String longName = "x".repeat(35);
    List<String> lines = StatusTable.lines(List.of(
        info("g", longName, "STOPPED", "Not started"), info("b", "b", "FATAL", "Exited too quickly")));
    assertThat(lines.get(0)).isEqualTo("g:" + longName + "   STOPPED   Not started");
    assertThat(lines.get(1)).isEqualTo("b" + " ".repeat(39) + "FATAL     Exited too quickly");
  }

  @Test
  void statusShowsTheReasonOnceWhetherOrNotTheDescriptionCarriesIt() {
    String reason = "Exited unexpectedly: exit 3; boom";
    Map<String, Object> carried = new java.util.HashMap<>(info("a", "a", "EXITED", "Dec 04 09:01 PM, " + reason));
    carried.put("reason", reason);
    Map<String, Object> supervisords = new java.util.HashMap<>(info("b", "b", "EXITED", "Dec 04 09:01 PM"));
    supervisords.put("reason", reason); // descriptions=supervisord
    Map<String, Object> none = new java.util.HashMap<>(info("c", "c", "EXITED", "Dec 04 09:01 PM"));
    none.put("reason", "");
    assertThat(StatusTable.lines(List.of(carried, supervisords, none))).containsExactly(
        "a                                EXITED    Dec 04 09:01 PM, " + reason,
        "b                                EXITED    " + reason,
        "c                                EXITED    Dec 04 09:01 PM");
  }

  @Test
  void namespecs() {
    assertThat(Namespec.parse("web")).isEqualTo(new Namespec("web", Optional.of("web")));
    assertThat(Namespec.parse("g:p")).isEqualTo(new Namespec("g", Optional.of("p")));
    assertThat(Namespec.parse("g:*")).isEqualTo(new Namespec("g", Optional.empty()));
    assertThat(Namespec.parse("g:")).isEqualTo(new Namespec("g", Optional.empty()));
    assertThat(Namespec.parse("g:p:q")).isEqualTo(new Namespec("g", Optional.of("p:q")));
    assertThat(Namespec.of("web", "web")).isEqualTo("web");
    assertThat(Namespec.of("g", "p")).isEqualTo("g:p");
  }

  @Test
  void resultLines() {
    Map<String, Object> ok = Map.of("group", "g", "name", "p", "status", 80, "description", "OK");
    Map<String, Object> spawn = Map.of("group", "p", "name", "p", "status", 50, "description", "SPAWN_ERROR: p");
    Map<String, Object> failed = Map.of("group", "p", "name", "p", "status", 30, "description", "FAILED: kill");
    assertThat(ProcessCommands.startResult(ok)).isEqualTo("g:p: started");
    assertThat(ProcessCommands.startResult(spawn)).isEqualTo("p: ERROR (spawn error)");
    assertThat(ProcessCommands.signalResult(ok, "stopped", 835)).isEqualTo("g:p: stopped");
    assertThat(ProcessCommands.signalResult(failed, "stopped", 835)).isEqualTo("FAILED: kill");
    Map<String, Object> availInfo = Map.of("group", "g", "name", "p", "inuse", true, "autostart", false,
        "group_prio", 999, "process_prio", 5);
    assertThat(ConfigCommands.availLine(availInfo))
        .isEqualTo("g:p                              in use    manual    999:5");
  }

  private static Controller controller(ByteArrayOutputStream out, boolean interactive) {
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    CtlOptions options = new CtlOptions("unix:///nonexistent/s.sock", Optional.empty(), Optional.empty(),
        "supervisor", Optional.empty(), interactive, List.of("x"));
    return new Controller(options, ps, ps, new StdinInput(InputStream.nullInputStream(), ps, ps, false));
  }

  @Test
  void exitStatusFromResultCodes() {
    Controller ctl = controller(new ByteArrayOutputStream(), false);
    ctl.setExitStatusFromFault(RpcFaults.SUCCESS.code(), Optional.empty());
    assertThat(ctl.exitStatus()).isEqualTo(ExitStatus.SUCCESS);
    ctl.setExitStatusFromFault(RpcFaults.ALREADY_STARTED.code(), Optional.of(RpcFaults.ALREADY_STARTED));
    assertThat(ctl.exitStatus()).isEqualTo(ExitStatus.SUCCESS);
    for (RpcFaults dead : List.of(RpcFaults.SPAWN_ERROR, RpcFaults.ABNORMAL_TERMINATION, RpcFaults.NOT_RUNNING)) {
      ctl.setExitStatus(0);
      ctl.setExitStatusFromFault(dead.code(), Optional.empty());
      assertThat(ctl.exitStatus()).as(dead.name()).isEqualTo(ExitStatus.NOT_RUNNING);
    }
    ctl.setExitStatus(0);
    ctl.setExitStatusFromFault(RpcFaults.BAD_NAME.code(), Optional.of(RpcFaults.NOT_RUNNING));
    assertThat(ctl.exitStatus()).isEqualTo(ExitStatus.GENERIC);
  }

  @Test
  void lineParsingAsPythonsCmd() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Controller ctl = controller(out, false);
    assertThat(ctl.onecmd("   ")).isFalse();
    assertThat(ctl.exitStatus()).isZero();
    ctl.onecmd("frob nicate");
    ctl.onecmd("!ls");
    ctl.onecmd("?help");
    ctl.onecmd("help  status ");
    assertThat(ctl.onecmd("quit")).isTrue();
    assertThat(ctl.onecmd("EOF")).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
        *** Unknown syntax: frob nicate
        *** Unknown syntax: !ls
        help\t\tPrint a list of available actions
        help <action>\tPrint help for <action>
        status <name>\t\tGet status for a single process
        status <gname>:*\tGet status for all processes in a group
        status <name> <name>\tGet status for multiple named processes
        status\t\t\tGet all process status info


        """);
    assertThat(ctl.exitStatus()).isEqualTo(ExitStatus.GENERIC);
  }

  @Test
  void unexpectedFaultsLookLikePythonTracebackLines() {
    assertThat(PyErrors.describe(new RpcFault(6, "SHUTDOWN_STATE"))).isEqualTo(
        "error: <class 'xmlrpc.client.Fault'>, <Fault 6: 'SHUTDOWN_STATE'>: file: "
            + "/usr/lib/python3.11/xmlrpc/client.py line: 668");
    assertThat(PyErrors.describe(new RpcFault(92, "CANT_REREAD: bad 'x'\n"))).contains("<Fault 92: \"CANT_REREAD: bad 'x'\\n\">");
  }

  @Test
  void pythonText() {
    assertThat(PyText.repr("a'b\"c")).isEqualTo("'a\\'b\"c'");
    assertThat(PyText.repr("x\ty")).isEqualTo("'x\\ty'");
    assertThat(PyText.ljust("ab", 4)).isEqualTo("ab  ");
    assertThat(PyText.ljust("abcdef", 4)).isEqualTo("abcdef");
    assertThat(PyText.columnize(List.of("a", "bb", "ccc"), 79)).containsExactly("a  bb  ccc");
    assertThat(PyText.columnize(List.of("aaaa", "bbbb", "cccc"), 10)).containsExactly("aaaa  cccc", "bbbb");
    assertThat(LogCommands.pyInt("100")).isEqualTo(OptionalInt.of(100));
    assertThat(LogCommands.pyInt("1_000")).isEqualTo(OptionalInt.of(1000));
    assertThat(LogCommands.pyInt("-5")).isEqualTo(OptionalInt.of(-5));
    assertThat(LogCommands.pyInt("x")).isEmpty();
    assertThat(LogCommands.pyInt("1__0")).isEmpty();
  }

  @Test
  void oneShotWithoutServerNeverExitsTheJvmAndReportsMissingSocket() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Controller ctl = controller(out, false);
    ctl.onecmd("status");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("unix:///nonexistent/s.sock no such file\n");
    assertThat(ctl.exitStatus()).isEqualTo(ExitStatus.STATUS_UNKNOWN);
  }
}

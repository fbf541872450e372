package io.supervisor4j.ctl;

import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcClientException;
import io.supervisor4j.rpc.RpcFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The command script both supervisorctls run, each against its own server started from the same configuration,
 * step by step. A step is either a command line (compared after masking) or an action on the server side
 * (editing the configuration, waiting for processes to settle or for the server to exit).
 */
final class DifferentialScript {
  private DifferentialScript() {}

  /** How two outputs are compared. */
  enum Compare {
    /** Equal after masking. */
    EXACT,
    /** Equal as sorted line sets: group results arrive in completion order, which races. */
    SORTED,
    /** Only the last line: byte-limited tails cut mid-line at positions that depend on pid widths. */
    LAST_LINE,
    /** Ours = theirs plus the supervisor4j commands block of {@code help}. */
    HELP
  }

  record Step(String label, List<String> args, Compare compare, Optional<Consumer<Side>> action) {
    static Step ctl(Compare compare, String... args) {
      return new Step(String.join(" ", args), List.of(args), compare, Optional.empty());
    }

    static Step ctl(String... args) {
      return ctl(Compare.EXACT, args);
    }

    static Step action(String label, Consumer<Side> action) {
      return new Step(label, List.of(), Compare.EXACT, Optional.of(action));
    }
  }

  /** One server with its directory and configuration file. */
  record Side(Path dir, Path config, ServerLauncher.RunningServer server) {
    String socketUrl() {
      return "unix://" + dir.resolve("supervisor.sock");
    }

    void writeConfig(boolean edited) {
      try {
        Files.writeString(config, DifferentialScript.config(dir, edited));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Polls until every process is in a resting state (not STARTING, BACKOFF or STOPPING). */
    @SuppressWarnings("unchecked")
    void awaitSettled() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        try (RpcClient c = RpcClient.create(socketUrl())) {
          List<Object> infos = (List<Object>) c.call("supervisor.getAllProcessInfo");
          boolean settled = infos.stream()
              .map(i -> (String) ((Map<String, Object>) i).get("statename"))
              .noneMatch(s -> s.equals("STARTING") || s.equals("BACKOFF") || s.equals("STOPPING"));
          if (settled) {
            return;
          }
        } catch (RpcClientException | RpcFault e) {
          // restarting (reload): try again
        }
        PythonSupervisord.sleep(100);
      }
      throw new IllegalStateException("processes did not settle in " + dir);
    }
  }

  static String config(Path dir, boolean edited) {
    String here = dir.toString();
    StringBuilder b = new StringBuilder();
    b.append("""
        [unix_http_server]
        file=%1$s/supervisor.sock

        [supervisord]
        logfile=%1$s/supervisord.log
        pidfile=%1$s/supervisord.pid
        childlogdir=%1$s
        identifier=difftest
        ; supervisor4j: supervisord's descriptions (the real supervisord ignores the key)
        descriptions=supervisord

        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

        [supervisorctl]
        serverurl=unix://%1$s/supervisor.sock

        [program:long]
        command=%2$s
        startsecs=0
        stopasgroup=true
        killasgroup=true

        [program:multi]
        command=sleep 1000
        numprocs=2
        process_name=%%(program_name)s_%%(process_num)02d
        startsecs=0
        stopasgroup=true
        killasgroup=true

        [group:grp]
        programs=a,b

        [program:a]
        command=sleep 1000
        startsecs=0
        stopasgroup=true
        killasgroup=true

        [program:b]
        command=sleep 1000
        startsecs=0
        autostart=false
        stopasgroup=true
        killasgroup=true

        [program:quick]
        command=/bin/false
        startsecs=1
        startretries=0

        [program:hup]
        command=sh -c 'trap "echo got-hup" HUP; while :; do sleep 0.2; done'
        startsecs=0
        stopasgroup=true
        killasgroup=true
        """.formatted(here, edited ? "sleep 999" : "sleep 1000"));
    if (!edited) {
      b.append("""

          [program:err]
          command=sh -c 'echo to-stderr >&2; echo to-stdout; exec sleep 1000'
          startsecs=0
          stopasgroup=true
          killasgroup=true
          """);
    } else {
      b.append("""

          [program:newprog]
          command=sleep 1000
          startsecs=0
          stopasgroup=true
          killasgroup=true
          """);
    }
    return b.toString();
  }

  /** The standard script; it ends with the server shut down. */
  static List<Step> standard() {
    List<Step> s = new ArrayList<>();
    s.add(Step.action("await settled", Side::awaitSettled));
    for (String[] c : new String[][] {
        {"status"}, {"status", "long"}, {"status", "grp:*"}, {"status", "grp:"}, {"status", "nosuch"},
        {"status", "long", "nosuch"}, {"status", "multi"}, {"status", "nosuch:*"}, {"status", "all"},
        {"status", "quick"}, {"status", "grp:b"},
        {"pid", "all"}, {"pid", "long"}, {"pid", "nosuch"}, {"pid", "quick"},
        {"version"}, {"version", "x"}, {"help", "status"}, {"help", "start"}, {"help", "tail"}, {"help", "maintail"},
        {"help", "update"}, {"help", "help"}, {"help", "nosuch"}, {"help", "EOF"}, {"foo", "bar"}, {"!ls"},
        {"start", "long"}, {"start", "nosuch"}, {"start", "nosuch:*"}, {"start", "quick"}, {"start", "grp:b"},
        {"start"}, {"start", "multi:multi_00"}, {"start", "grp:*"},
        {"stop", "long"}, {"stop", "long"}, {"stop", "nosuch"}, {"stop", "nosuch:*"}, {"stop"},
        {"status", "long"},
        {"restart", "long"}, {"restart"}, {"restart", "nosuch"},
        {"signal", "HUP", "hup"}, {"signal", "HUP", "quick"}, {"signal", "FOO", "hup"}, {"signal", "HUP", "nosuch:*"},
        {"signal", "HUP", "nosuch"}, {"signal", "HUP"}, {"signal", "CONT", "grp:a"},
        {"tail", "err"}, {"tail", "err", "stderr"}, {"tail", "-100", "err", "stderr"}, {"tail", "-3", "err"},
        {"tail", "nosuch"}, {"tail", "-x", "err"}, {"tail", "err", "foo"}, {"tail"}, {"tail", "a", "b", "c", "d"},
        {"tail", "quick"}, {"tail", "-f"}, {"maintail", "-x"}, {"maintail", "a", "b"}, {"maintail", "x"},
        {"clear", "err"}, {"clear", "nosuch"}, {"clear"}, {"tail", "err"},
        {"fg"}, {"fg", "a", "b"}, {"fg", "nosuch"}, {"fg", "quick"},
        {"avail"}, {"avail", "x"}, {"reread"}, {"reread", "x"}, {"update"},
        {"add", "nosuch"}, {"add", "long"}, {"remove", "nosuch"}, {"remove", "long"},
        {"shutdown", "x"}, {"reload", "x"}, {"quit"}, {"exit"}, {"EOF"}, {"open", "ftp://x"}}) {
      s.add(Step.ctl(c));
    }
    s.add(Step.ctl(Compare.HELP, "help"));
    s.add(Step.ctl(Compare.HELP, "?"));
    s.add(Step.ctl(Compare.LAST_LINE, "maintail", "-200"));
    s.add(Step.ctl(Compare.LAST_LINE, "maintail"));
    s.add(Step.ctl(Compare.SORTED, "pid", "all"));
    s.add(Step.ctl(Compare.SORTED, "stop", "grp:*"));
    s.add(Step.ctl(Compare.SORTED, "start", "grp:*"));
    s.add(Step.ctl(Compare.SORTED, "restart", "multi:*"));
    s.add(Step.ctl(Compare.SORTED, "signal", "CONT", "multi:*"));
    s.add(Step.ctl(Compare.SORTED, "signal", "CONT", "all"));
    s.add(Step.ctl(Compare.SORTED, "clear", "all"));
    s.add(Step.ctl(Compare.SORTED, "stop", "all"));
    s.add(Step.ctl("status"));
    s.add(Step.ctl(Compare.SORTED, "start", "all"));
    s.add(Step.action("await settled", Side::awaitSettled));
    s.add(Step.ctl("status"));
    // configuration changes: long changed, err removed, newprog added
    s.add(Step.action("edit config", side -> side.writeConfig(true)));
    s.add(Step.ctl("reread"));
    s.add(Step.ctl("avail"));
    s.add(Step.ctl("update", "nosuch"));
    s.add(Step.ctl("update"));
    s.add(Step.action("await settled", Side::awaitSettled));
    s.add(Step.ctl("status"));
    s.add(Step.ctl("update", "all"));
    s.add(Step.ctl("reread"));
    for (String[] c : new String[][] {
        {"add", "newprog"}, {"remove", "newprog"}, {"stop", "newprog"}, {"remove", "newprog"}, {"avail"},
        {"status", "newprog"}, {"update", "newprog"}, {"add", "newprog"}}) {
      s.add(Step.ctl(c));
    }
    s.add(Step.action("await settled", Side::awaitSettled));
    s.add(Step.ctl("status"));
    s.add(Step.ctl("reload"));
    s.add(Step.action("await settled", Side::awaitSettled));
    s.add(Step.ctl("status"));
    s.add(Step.ctl("shutdown"));
    s.add(Step.action("await exit", side -> {
      if (!side.server().awaitExit(60_000)) {
        throw new IllegalStateException("supervisord did not exit after shutdown");
      }
    }));
    for (String[] c : new String[][] {
        {"status"}, {"pid"}, {"version"}, {"avail"}, {"reread"}, {"update"}, {"add", "x"}, {"remove", "x"},
        {"tail", "long"}, {"maintail"}, {"clear", "long"}, {"fg", "long"}, {"start", "long"}, {"stop", "long"},
        {"signal", "HUP", "long"}, {"restart", "long"}, {"shutdown"}, {"reload"}}) {
      s.add(Step.ctl(c));
    }
    return s;
  }

  /** The arguments of a step as run against {@code side}: its configuration first. */
  static List<String> argv(Side side, Step step) {
    List<String> argv = new ArrayList<>(Arrays.asList("-c", side.config().toString()));
    argv.addAll(step.args());
    return argv;
  }
}

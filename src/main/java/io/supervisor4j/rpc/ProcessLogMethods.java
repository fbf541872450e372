package io.supervisor4j.rpc;

import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.PyRepr;
import io.supervisor4j.log.LogFiles;
import io.supervisor4j.log.LogReadException;
import io.supervisor4j.process.Fault;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.Supervisor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Process information, the process log files, stdin and remote communication events. */
final class ProcessLogMethods {
  private ProcessLogMethods() {}

  private enum Channel {
    STDOUT,
    STDERR
  }

  static List<RpcMethod> all(EngineCalls calls) {
    DaemonControl control = calls.control();
    RpcMethod readStdout = read(calls, "supervisor.readProcessStdoutLog", "stdout", Channel.STDOUT);
    RpcMethod tailStdout = tail(calls, "supervisor.tailProcessStdoutLog", "stdout", Channel.STDOUT);
    RpcMethod clear = RpcMethod.of("supervisor.clearProcessLogs", """
        Empty the stdout and stderr logs of a process: the files are removed and opened again.

        @param string name   Process name (or group:name)
        @return boolean result      true unless an error occurred""", 1, args -> {
          Supervisor s = calls.running();
          String name = args.string(0);
          ProcessInfo p = EngineCalls.await(s.getProcessInfo(name));
          clearLogs(control, p.group(), p.name(), name);
          return true;
        });
    return List.of(
        RpcMethod.of("supervisor.getProcessInfo", """
            The state of one process as a struct.

            @param string name Process name (or group:name)
            @return struct result     the process's information""", 1,
            args -> EngineCalls.answer(calls.running().getProcessInfo(args.string(0)),
                p -> RpcStructs.processInfo(p, control))),
        RpcMethod.of("supervisor.getAllProcessInfo", """
            The state of every process, sorted by group name and then by process name.

            @return array result  one information struct per process""", 0,
            args -> EngineCalls.answer(calls.running().getAllProcessInfo(),
                all -> RpcStructs.processInfos(all, control))),
        readStdout,
        readStdout.alias("supervisor.readProcessLog"),
        read(calls, "supervisor.readProcessStderrLog", "stderr", Channel.STDERR),
        tailStdout,
        tailStdout.alias("supervisor.tailProcessLog"),
        tail(calls, "supervisor.tailProcessStderrLog", "stderr", Channel.STDERR),
        clear,
        clear.alias("supervisor.clearProcessLog"),
        RpcMethod.of("supervisor.clearAllProcessLogs", """
            Empty the logs of every process, in priority order.

            @return array result   one result struct per process""", 0, args -> {
              Supervisor s = calls.running();
              return EngineCalls.answer(s.activeGroups(), groups -> clearAll(calls, groups));
            }),
        RpcMethod.of("supervisor.sendProcessStdin", """
            Write characters (UTF-8 encoded) to the stdin of a running process.

            @param string name        Process name (or group:name)
            @param string chars       the characters to write
            @return boolean result    true unless an error occurred""", 2, args -> {
              Supervisor s = calls.running();
              byte[] data = switch (args.get(1)) {
                case String str -> str.getBytes(StandardCharsets.UTF_8);
                case byte[] bytes -> bytes;
                case Object other -> throw new RpcFault(RpcFaults.INCORRECT_PARAMETERS, pythonStr(other));
              };
              String name = args.string(0);
              ProcessInfo p = EngineCalls.await(s.getProcessInfo(name));
              if (p.pid() == 0 || p.state() == ProcessState.STOPPING) {
                throw new RpcFault(RpcFaults.NOT_RUNNING, name);
              }
              if (control.writeStdin(p.pid(), data) == DaemonControl.StdinResult.CLOSED) {
                throw new RpcFault(RpcFaults.NO_FILE, name);
              }
              return true;
            }),
        RpcMethod.of("supervisor.sendRemoteCommEvent", """
            Emit a REMOTE_COMMUNICATION event for the event listeners subscribed to it. Works in every state.

            @param  string  type  the event's type header
            @param  string  data  the event's body
            @return boolean       true unless an error occurred""", 2, args -> {
              control.remoteCommunication(text(args, 0), text(args, 1));
              return true;
            }));
  }

  private static RpcMethod read(EngineCalls calls, String method, String channel, Channel which) {
    return RpcMethod.of(method, """
        Read bytes of a process's %s log: length bytes from offset (length 0: to the end), or with a negative
        offset and length 0, the last -offset bytes.

        @param string name        Process name (or group:name)
        @param int offset         where to start reading
        @param int length         how many bytes to read
        @return string result     the bytes read""".formatted(channel), 3, args -> {
          Supervisor s = calls.running();
          ProcessInfo p = EngineCalls.await(s.getProcessInfo(args.string(0)));
          int offset = args.integer(1);
          int length = args.integer(2);
          Optional<Path> logfile = logfile(p, which);
          if (logfile.isEmpty()) {
            throw new RpcFault(RpcFaults.NO_FILE); // supervisord: RPCError(NO_FILE, None) has no detail
          }
          try {
            return LogFiles.readLog(logfile, offset, length);
          } catch (LogReadException e) {
            throw EngineCalls.fault(e);
          }
        });
  }

  private static RpcMethod tail(EngineCalls calls, String method, String channel, Channel which) {
    return RpcMethod.of(method, """
        Tail a process's %s log: at most length bytes from offset. When the log holds more than offset+length
        bytes, the last length bytes are returned and overflow is true. The returned offset is the log's size,
        the offset for the next call.

        @param string name         Process name (or group:name)
        @param int offset          where to start reading
        @param int length          the most bytes to return
        @return array result       [string bytes, int offset, bool overflow]""".formatted(channel), 3, args -> {
          Supervisor s = calls.running();
          ProcessInfo p = EngineCalls.await(s.getProcessInfo(args.string(0)));
          LogFiles.Tail t = LogFiles.tailLog(logfile(p, which), args.integer(1), args.integer(2));
          return new ArrayList<Object>(List.of(t.text(), t.offset(), t.overflow()));
        });
  }

  private static Optional<Path> logfile(ProcessInfo p, Channel which) {
    String path = which == Channel.STDOUT ? p.stdoutLogfile() : p.stderrLogfile();
    return path.isEmpty() ? Optional.empty() : Optional.of(Path.of(path));
  }

  private static void clearLogs(DaemonControl control, String group, String process, String name) {
    try {
      control.clearProcessLogs(group, process);
    } catch (RuntimeException e) {
      throw new RpcFault(RpcFaults.FAILED, name);
    }
  }

  private static Object clearAll(EngineCalls calls, List<GroupConfig> groups) {
    List<Object> results = new ArrayList<>();
    for (GroupConfig g : groups) {
      for (ProcessConfig p : g.processes()) {
        String name = io.supervisor4j.process.Namespec.of(g.name(), p.name());
        try {
          calls.running();
          clearLogs(calls.control(), g.name(), p.name(), name);
          results.add(RpcStructs.result(p.name(), g.name(), Fault.SUCCESS.code(), "OK"));
        } catch (RpcFault f) {
          results.add(RpcStructs.result(p.name(), g.name(), f.code(), f.faultString()));
        }
      }
    }
    return results;
  }

  private static String text(RpcArgs args, int index) {
    return switch (args.get(index)) {
      case String s -> s;
      case byte[] b -> new String(b, StandardCharsets.UTF_8);
      case Object o -> pythonStr(o);
    };
  }

  // str() of a non-string XML-RPC value, as it appears in supervisord's fault details
  private static String pythonStr(Object v) {
    return switch (v) {
      case Boolean b -> b ? "True" : "False";
      case String s -> PyRepr.str(s);
      case List<?> l -> "[" + String.join(", ", l.stream().map(ProcessLogMethods::pythonStr).toList()) + "]";
      default -> String.valueOf(v);
    };
  }
}

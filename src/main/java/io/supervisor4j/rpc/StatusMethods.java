package io.supervisor4j.rpc;

import io.supervisor4j.Version;
import io.supervisor4j.log.LogFiles;
import io.supervisor4j.log.LogReadException;
import io.supervisor4j.process.SupervisorState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Versions, identity, state, pid, the main log, shutdown and restart. */
final class StatusMethods {
  private StatusMethods() {}

  static List<RpcMethod> all(EngineCalls calls) {
    DaemonControl control = calls.control();
    RpcMethod apiVersion = RpcMethod.of("supervisor.getAPIVersion", """
        The version of the XML-RPC API this daemon speaks.

        @return string version API version""", 0, args -> {
          calls.running();
          return Version.API_VERSION;
        });
    RpcMethod readLog = RpcMethod.of("supervisor.readLog", """
        Read bytes of the main log: length bytes from offset (length 0: to the end), or with a negative offset
        and length 0, the last -offset bytes.

        @param int offset         where to start reading
        @param int length         how many bytes to read
        @return string result     the bytes read""", 2, args -> {
          calls.running();
          int offset = args.integer(0);
          int length = args.integer(1);
          if (control.mainLogFile().isEmpty()) {
            throw new RpcFault(RpcFaults.NO_FILE);
          }
          try {
            return LogFiles.readLog(control.mainLogFile(), offset, length);
          } catch (LogReadException e) {
            throw EngineCalls.fault(e);
          }
        });
    return List.of(
        apiVersion,
        apiVersion.alias("supervisor.getVersion"),
        RpcMethod.of("supervisor.getSupervisorVersion", """
            The version of supervisor this daemon is compatible with.

            @return string version supervisor version""", 0, args -> {
              calls.running();
              return Version.SUPERVISOR_VERSION;
            }),
        RpcMethod.of("supervisor.getIdentification", """
            The identifier configured for this daemon ([supervisord] identifier).

            @return string identifier the identifying string""", 0, args -> {
              calls.running();
              return control.identification();
            }),
        RpcMethod.of("supervisor.getState", """
            The daemon's state as a struct with an int statecode and a string statename.

            @return struct state the daemon's state""", 0, args -> {
              SupervisorState s = calls.running().state();
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("statecode", s.code());
              m.put("statename", s.name());
              return m;
            }),
        RpcMethod.of("supervisor.getPID", """
            The process id of the daemon.

            @return int PID the daemon's pid""", 0, args -> {
              calls.running();
              return (int) control.pid();
            }),
        readLog,
        readLog.alias("supervisor.readMainLog"),
        RpcMethod.of("supervisor.clearLog", """
            Empty the main log: the file is removed and opened again.

            @return boolean result true unless an error occurred""", 0, args -> {
              calls.running();
              try {
                control.clearMainLog();
              } catch (LogReadException e) {
                throw new RpcFault(e.fault() == LogReadException.Fault.NO_FILE ? RpcFaults.NO_FILE : RpcFaults.FAILED);
              }
              return true;
            }),
        RpcMethod.of("supervisor.shutdown", """
            Stop every process, then exit the daemon. Answers at once.

            @return boolean result true unless an error occurred""", 0,
            args -> EngineCalls.answer(calls.running().shutdown(), v -> v)),
        RpcMethod.of("supervisor.restart", """
            Stop every process, read the configuration again and start over in the same daemon. Answers at once.

            @return boolean result true unless an error occurred""", 0,
            args -> EngineCalls.answer(calls.running().restart(), v -> v)));
  }
}

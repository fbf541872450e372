package io.supervisor4j.rpc;

import java.util.List;

/**
 * Starting, stopping and signalling processes, groups and everything. Waiting calls answer when the engine's
 * future completes; the engine applies supervisord's predicates, ordering and result structs.
 */
final class ControlMethods {
  private ControlMethods() {}

  static List<RpcMethod> all(EngineCalls calls) {
    return List.of(
        RpcMethod.of("supervisor.startProcess", """
            Start one process; a name of the form group:* (or group:) starts the whole group and answers with
            its result array.

            @param string name Process name (or group:name, or group:*)
            @param boolean wait Wait until the process is RUNNING
            @return boolean result     true unless an error occurred""", 1, 2,
            args -> EngineCalls.answer(calls.running().startProcess(args.string(0), args.bool(1, true)),
                RpcStructs::reply)),
        RpcMethod.of("supervisor.startProcessGroup", """
            Start every process of a group that is not running, in priority order.

            @param string name     the group
            @param boolean wait    Wait until each process is RUNNING
            @return array result   one result struct per process acted on""", 1, 2,
            args -> EngineCalls.answer(calls.running().startProcessGroup(args.string(0), args.bool(1, true)),
                RpcStructs::results)),
        RpcMethod.of("supervisor.startAllProcesses", """
            Start every process that is not running, in priority order.

            @param boolean wait    Wait until each process is RUNNING
            @return array result   one result struct per process acted on""", 0, 1,
            args -> EngineCalls.answer(calls.running().startAllProcesses(args.bool(0, true)),
                RpcStructs::results)),
        RpcMethod.of("supervisor.stopProcess", """
            Stop one process; group:* (or group:) stops the whole group and answers with its result array.

            @param string name  Process name (or group:name, or group:*)
            @param boolean wait        Wait until the process has stopped
            @return boolean result     true unless an error occurred""", 1, 2,
            args -> EngineCalls.answer(calls.running().stopProcess(args.string(0), args.bool(1, true)),
                RpcStructs::reply)),
        RpcMethod.of("supervisor.stopProcessGroup", """
            Stop every running process of a group, in priority order.

            @param string name     the group
            @param boolean wait    Wait until each process has stopped
            @return array result   one result struct per process acted on""", 1, 2,
            args -> EngineCalls.answer(calls.running().stopProcessGroup(args.string(0), args.bool(1, true)),
                RpcStructs::results)),
        RpcMethod.of("supervisor.stopAllProcesses", """
            Stop every running process, in priority order.

            @param  boolean wait   Wait until each process has stopped
            @return array result   one result struct per process acted on""", 0, 1,
            args -> EngineCalls.answer(calls.running().stopAllProcesses(args.bool(0, true)),
                RpcStructs::results)),
        RpcMethod.of("supervisor.signalProcess", """
            Send a signal to one process (its pid only); group:* signals the whole group.

            @param string name    Process name (or group:name, or group:*)
            @param string signal  Signal name (HUP, SIGHUP) or number (1)
            @return boolean""", 2,
            args -> EngineCalls.answer(calls.running().signalProcess(args.string(0), signalArg(args, 1)),
                RpcStructs::reply)),
        RpcMethod.of("supervisor.signalProcessGroup", """
            Send a signal to every signallable process of a group.

            @param string name    the group
            @param string signal  Signal name (HUP, SIGHUP) or number (1)
            @return array""", 2,
            // the engine checks the mood itself, after looking the group up, as supervisord does
            args -> EngineCalls.answer(calls.engine().signalProcessGroup(args.string(0), signalArg(args, 1)),
                RpcStructs::results)),
        RpcMethod.of("supervisor.signalAllProcesses", """
            Send a signal to every signallable process.

            @param string signal  Signal name (HUP, SIGHUP) or number (1)
            @return array         one result struct per process acted on""", 1,
            // the signals go out before the mood check, as in supervisord
            args -> EngineCalls.answer(calls.engine().signalAllProcesses(signalArg(args, 0)),
                RpcStructs::results)));
  }

  // supervisorctl sends names as strings; Python's signal_number also takes an int
  private static String signalArg(RpcArgs args, int index) {
    return switch (args.get(index)) {
      case String s -> s;
      case Integer i -> Integer.toString(i);
      default -> throw new RpcFault(RpcFaults.BAD_SIGNAL, String.valueOf(args.get(index)));
    };
  }
}

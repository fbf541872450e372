package io.supervisor4j.rpc;

import java.util.ArrayList;
import java.util.List;

/**
 * supervisord 4.2.5's {@code supervisor.*} namespace ({@code rpcinterface.py}), API version 3.0, over a
 * {@link DaemonControl}. Published only when {@code [rpcinterface:supervisor]} names the canonical factory, as
 * supervisord publishes nothing without it. Help texts carry {@code @param}/{@code @return} lines so that
 * {@code system.methodSignature} answers exactly as supervisord's docstrings make it answer.
 */
public final class SupervisorApi {
  private SupervisorApi() {}

  /** Every method and alias of the namespace. */
  public static List<RpcMethod> methods(DaemonControl control) {
    EngineCalls calls = new EngineCalls(control);
    List<RpcMethod> all = new ArrayList<>();
    all.addAll(StatusMethods.all(calls));
    all.addAll(GroupMethods.all(calls));
    all.addAll(ControlMethods.all(calls));
    all.addAll(ProcessLogMethods.all(calls));
    return all;
  }

  /** Publishes the namespace on {@code dispatcher}. */
  public static void register(RpcDispatcher dispatcher, DaemonControl control) {
    dispatcher.registerAll(methods(control));
  }
}

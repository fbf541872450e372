package io.supervisor4j.rpc;

import java.util.List;

/** A parsed {@code <methodCall>}: the method name and its (possibly empty) parameter list. */
public record XmlRpcCall(String methodName, List<Object> params) {
  public XmlRpcCall {
    params = List.copyOf(params);
  }
}

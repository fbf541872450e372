package io.supervisor4j.rpc;

/** The XML-RPC {@code <nil/>} extension value; our API has no nulls. supervisord itself never sends it. */
public enum Nil {
  INSTANCE
}

package io.supervisor4j.rpc;

import java.util.List;
import java.util.Map;

/**
 * The parameters of one call with typed accessors. A missing or mistyped parameter is supervisord's
 * INCORRECT_PARAMETERS fault (its Python methods raise TypeError in that case).
 */
public record RpcArgs(List<Object> values) {
  public RpcArgs {
    values = List.copyOf(values);
  }

  public int size() {
    return values.size();
  }

  public boolean has(int index) {
    return index < values.size();
  }

  public Object get(int index) {
    if (!has(index)) {
      throw new RpcFault(RpcFaults.INCORRECT_PARAMETERS);
    }
    return values.get(index);
  }

  public String string(int index) {
    return as(index, String.class);
  }

  public int integer(int index) {
    return as(index, Integer.class);
  }

  /** A boolean; supervisord's Python accepts any truthy value, we accept booleans and ints. */
  public boolean bool(int index) {
    return switch (get(index)) {
      case Boolean b -> b;
      case Integer i -> i != 0;
      default -> throw new RpcFault(RpcFaults.INCORRECT_PARAMETERS);
    };
  }

  /** An optional trailing boolean such as {@code wait=True}. */
  public boolean bool(int index, boolean defaultValue) {
    return has(index) ? bool(index) : defaultValue;
  }

  @SuppressWarnings("unchecked")
  public List<Object> array(int index) {
    return as(index, List.class);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> struct(int index) {
    return as(index, Map.class);
  }

  private <T> T as(int index, Class<T> type) {
    Object v = get(index);
    if (!type.isInstance(v)) {
      throw new RpcFault(RpcFaults.INCORRECT_PARAMETERS);
    }
    return type.cast(v);
  }
}

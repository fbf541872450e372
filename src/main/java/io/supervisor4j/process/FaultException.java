package io.supervisor4j.process;

import java.util.Optional;

/**
 * A supervisord fault raised by a command. The message is the XML-RPC {@code faultString}: {@code NAME} or
 * {@code NAME: detail}, e.g. {@code BAD_NAME: foo}.
 */
public final class FaultException extends RuntimeException {
  private final Fault fault;
  private final Optional<String> detail;

  public FaultException(Fault fault) {
    super(fault.name(), null, false, false);
    this.fault = fault;
    this.detail = Optional.empty();
  }

  public FaultException(Fault fault, String detail) {
    super(fault.name() + ": " + detail, null, false, false);
    this.fault = fault;
    this.detail = Optional.of(detail);
  }

  public Fault fault() {
    return fault;
  }

  public Optional<String> detail() {
    return detail;
  }
}

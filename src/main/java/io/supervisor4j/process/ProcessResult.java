package io.supervisor4j.process;

/**
 * One element of the array returned by group and "all" operations: {@code status} is a fault code (80 = SUCCESS)
 * and {@code description} is {@code OK} or the fault string.
 */
public record ProcessResult(String name, String group, int status, String description) {

  static ProcessResult ok(Subprocess p) {
    return new ProcessResult(p.name(), p.groupName(), Fault.SUCCESS.code(), "OK");
  }

  static ProcessResult failed(Subprocess p, FaultException e) {
    return new ProcessResult(p.name(), p.groupName(), e.fault().code(), e.getMessage());
  }
}

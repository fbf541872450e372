package io.supervisor4j.process;

import io.supervisor4j.config.SignalNames;

/**
 * A child's raw wait status (as {@code waitpid} returns it), decoded as supervisord's {@code decode_wait_status}:
 * the exit status ({@code -1} when killed by a signal) and the text used in {@code exited:}/{@code stopped:} lines.
 */
public record WaitStatus(int raw) {

  /** The wait status of a process that called {@code exit(code)}. */
  public static WaitStatus exited(int code) {
    return new WaitStatus((code & 0xff) << 8);
  }

  /** The wait status of a process killed by {@code signal}. */
  public static WaitStatus killedBy(int signal, boolean coreDumped) {
    return new WaitStatus((signal & 0x7f) | (coreDumped ? 0x80 : 0));
  }

  /** WIFEXITED. */
  public boolean isExited() {
    return (raw & 0x7f) == 0;
  }

  /** WIFSIGNALED. */
  public boolean isSignaled() {
    int sig = raw & 0x7f;
    return sig != 0 && sig != 0x7f;
  }

  /** WEXITSTATUS. */
  public int exitCode() {
    return (raw >> 8) & 0xff;
  }

  /** WTERMSIG. */
  public int termSignal() {
    return raw & 0x7f;
  }

  /** WCOREDUMP. */
  public boolean coreDumped() {
    return (raw & 0x80) != 0;
  }

  /** supervisord's exit status: the exit code, or {@code -1} when the process did not exit normally. */
  public int exitStatus() {
    return isExited() ? exitCode() : -1;
  }

  /** {@code exit status 3}, {@code terminated by SIGKILL}, {@code terminated by SIGSEGV (core dumped)}. */
  public String describe() {
    if (isExited()) {
      return "exit status " + exitCode();
    }
    if (isSignaled()) {
      return "terminated by " + SignalNames.signame(termSignal()) + (coreDumped() ? " (core dumped)" : "");
    }
    return String.format("unknown termination cause 0x%04x", raw);
  }
}

package io.supervisor4j.spawn;

import java.util.Optional;

/**
 * Result of one non-blocking write to a child's stdin: how many bytes went in (possibly 0 when the pipe is full;
 * the caller keeps the rest and retries) or the errno name of the failure ({@code EPIPE} when the child closed its
 * end, {@code EBADF} when our end is already closed).
 */
public record StdinWrite(int written, Optional<String> error) {
  public boolean failed() {
    return error.isPresent();
  }
}

package io.supervisor4j.spawn;

/** What the child gets as fd 0: a fresh pipe from us (the default), or an existing fd such as an fcgi socket. */
public sealed interface StdinSource {
  record Pipe() implements StdinSource {}

  /** The fd is dup2'ed onto fd 0 of the child; the caller keeps owning (and eventually closing) it. */
  record Fd(int fd) implements StdinSource {}

  static StdinSource pipe() {
    return new Pipe();
  }

  static StdinSource fd(int fd) {
    return new Fd(fd);
  }
}

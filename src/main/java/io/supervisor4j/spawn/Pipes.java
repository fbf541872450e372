package io.supervisor4j.spawn;

/**
 * The pipes of one spawn. All ends are O_CLOEXEC (posix_spawn's dup2 clears the flag on the child's 0/1/2); our
 * ends are also O_NONBLOCK because one watcher thread serves every child.
 */
final class Pipes {
  int childStdin = -1;
  int childStdout = -1;
  int childStderr = -1;
  int parentStdin = -1;
  int parentStdout = -1;
  int parentStderr = -1;
  private boolean ownsChildStdin;

  private Pipes() {}

  static Pipes open(SpawnSpec spec) {
    Pipes p = new Pipes();
    try {
      if (spec.stdin() instanceof StdinSource.Fd(int fd)) {
        p.childStdin = fd;
      } else {
        int[] in = Libc.pipe2(Libc.O_CLOEXEC);
        p.childStdin = in[0];
        p.parentStdin = in[1];
        p.ownsChildStdin = true;
        nonBlocking(p.parentStdin);
      }
      int[] out = Libc.pipe2(Libc.O_CLOEXEC);
      p.parentStdout = out[0];
      p.childStdout = out[1];
      nonBlocking(p.parentStdout);
      if (spec.redirectStderr()) {
        p.childStderr = p.childStdout;
      } else {
        int[] err = Libc.pipe2(Libc.O_CLOEXEC);
        p.parentStderr = err[0];
        p.childStderr = err[1];
        nonBlocking(p.parentStderr);
      }
      return p;
    } catch (LibcException e) {
      p.closeChildEnds();
      p.closeParentEnds();
      throw Spawner.pipeFailure(spec, e.errno());
    }
  }

  private static void nonBlocking(int fd) {
    Libc.fcntl(fd, Libc.F_SETFL, Libc.fcntl(fd, Libc.F_GETFL, 0) | Libc.O_NONBLOCK);
  }

  void closeChildEnds() {
    if (ownsChildStdin) {
      childStdin = SpawnedChild.closeQuietly(childStdin);
    }
    if (childStderr != childStdout) {
      childStderr = SpawnedChild.closeQuietly(childStderr);
    }
    childStdout = SpawnedChild.closeQuietly(childStdout);
    childStderr = -1;
  }

  void closeParentEnds() {
    parentStdin = SpawnedChild.closeQuietly(parentStdin);
    parentStdout = SpawnedChild.closeQuietly(parentStdout);
    parentStderr = SpawnedChild.closeQuietly(parentStderr);
  }
}

package io.supervisor4j.ctl;

import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcClientException;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcProtocolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The reference server: Debian's {@code /usr/bin/supervisord -n -c <conf>} in the foreground. */
final class PythonSupervisord implements ServerLauncher {
  static final Path SUPERVISORD = Path.of("/usr/bin/supervisord");

  @Override
  public String name() {
    return "python supervisord";
  }

  @Override
  public RunningServer start(Path config, Path dir) throws IOException {
    Process p = new ProcessBuilder(SUPERVISORD.toString(), "-n", "-c", config.toString())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("supervisord.stdout").toFile())
        .start();
    Running server = new Running(p);
    try {
      awaitUp(dir.resolve("supervisor.sock"), p);
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Polls getVersion over the socket until it answers (generous deadline for a loaded machine). */
  static void awaitUp(Path socket, Process p) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("supervisord exited with " + p.exitValue());
      }
      if (Files.exists(socket)) {
        try (RpcClient c = RpcClient.create("unix://" + socket)) {
          c.call("supervisor.getVersion");
          return;
        } catch (RpcProtocolException e) {
          return; // it answered: 401 when it requires authentication
        } catch (RpcClientException | RpcFault e) {
          // not ready yet
        }
      }
      sleep(50);
    }
    throw new IOException("supervisord did not answer on " + socket);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A server process in the foreground; closing ends its children (by pid) and then it. */
  record Running(Process process) implements RunningServer {
    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public boolean awaitExit(long millis) {
      try {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public void close() {
      // Children first (by pid), then supervisord itself, so nothing outlives the test.
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      if (!awaitExit(10_000)) {
        process.destroyForcibly();
        awaitExit(5_000);
      }
      for (ProcessHandle child : children) {
        child.destroyForcibly();
      }
    }
  }
}

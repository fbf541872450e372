package io.supervisor4j.daemon;

import io.supervisor4j.spawn.Channel;
import io.supervisor4j.spawn.ChildListener;
import io.supervisor4j.spawn.ChildOutput;
import io.supervisor4j.spawn.ChildWatcher;
import io.supervisor4j.spawn.ExecutableResolver;
import io.supervisor4j.spawn.Libc;
import io.supervisor4j.spawn.SpawnException;
import io.supervisor4j.spawn.SpawnSpec;
import io.supervisor4j.spawn.Spawner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Daemonizing without fork: the JVM cannot fork, so {@code bin/supervisord} without {@code -n} starts a second JVM
 * with the same arguments in a new session ({@code setsid --fork}, util-linux) and waits until that daemon says it
 * is ready, or has failed. The daemon's output until then is the launcher's, so start-up errors are printed where
 * the operator typed the command, and its exit status tells whether the daemon is up.
 */
final class Detacher {
  static final String FLAG = "--s4j-detached";
  private static final String READY = "S4J-READY\n";
  private static final long START_TIMEOUT_SECONDS = 120;

  private Detacher() {}

  static int detach(PrintStream err) {
    List<String> command = new ArrayList<>(List.of("setsid", "--fork"));
    command.addAll(ownCommandLine());
    command.add(FLAG);
    Collector collector = new Collector();
    try (Spawner spawner = new Spawner();
        ChildWatcher watcher = new ChildWatcher((pid, status) -> {})) {
      Path setsid = ExecutableResolver.resolve("setsid", Optional.ofNullable(System.getenv("PATH")));
      List<String> env = ChildEnvironment.asEnvp(Map.copyOf(System.getenv()));
      watcher.watch(spawner.spawn(SpawnSpec.of("supervisord", setsid, command, env)), collector);
      if (!collector.done.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        err.println("Error: supervisord did not start within " + START_TIMEOUT_SECONDS + " seconds");
        return 2;
      }
    } catch (SpawnException e) {
      err.println("Error: could not start the daemon: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
    String output = collector.text();
    if (output.contains(READY)) {
      err.print(output.replace(READY, ""));
      return 0;
    }
    err.print(output);
    return 2;
  }

  /** In the detached daemon: tell the launcher we run, then let go of its pipes (it exits at their EOF). */
  static void signalReady() {
    System.out.print(READY);
    System.out.flush();
    System.err.flush();
    int devnull = Libc.open("/dev/null", Libc.O_RDWR, 0);
    for (int fd = 0; fd <= 2; fd++) {
      Libc.dup2(devnull, fd);
    }
    Libc.close(devnull);
  }

  /** This JVM's exact argv (java, its options, main class, arguments), to start the same command again. */
  private static List<String> ownCommandLine() {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
      List<String> argv = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < raw.length; i++) {
        if (raw[i] == 0) {
          argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      return argv;
    } catch (IOException e) {
      throw new SpawnException(io.supervisor4j.spawn.SpawnFault.SPAWN_ERROR, "cannot read /proc/self/cmdline");
    }
  }

  /** Collects the daemon's start-up output until it is ready or both of its pipes closed. */
  private static final class Collector implements ChildListener {
    final CountDownLatch done = new CountDownLatch(1);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int closed;

    @Override
    public synchronized void onOutput(Channel channel, ChildOutput output) {
      out.write(output.array(), 0, output.length());
      if (text().contains(READY)) {
        done.countDown();
      }
    }

    @Override
    public synchronized void onChannelClosed(Channel channel) {
      if (++closed == 2) {
        done.countDown();
      }
    }

    @Override
    public void onExit(int pid, int waitStatus) {
      // the setsid intermediate exits at once; only the daemon's pipes matter
    }

    synchronized String text() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}

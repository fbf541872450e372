package io.supervisor4j.daemon;

import io.supervisor4j.rpc.RpcClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The workload {@code bin/supervisord} records its JDK AOT cache with: a real daemon in this JVM on a temporary
 * config (unix socket, a few short-lived and long-lived programs with logs, an event listener), driven over XML-RPC
 * until everything ran and then shut down. The cache then holds what a real start loads (config, FFM spawning, Jetty, XML-RPC), which
 * cuts about a quarter of the daemon's start-up CPU (README.md, Benchmarks).
 */
public final class DaemonTraining {
  private DaemonTraining() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("s4j-daemon-training");
    int status = 1;
    try {
      status = train(dir);
    } catch (Exception e) {
      System.err.println("training failed: " + e);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    // Always exit: the cache is written at exit, and a daemon thread left running must not keep the JVM alive.
    System.exit(status);
  }

  private static int train(Path dir) throws Exception {
    Path socket = dir.resolve("sock");
    Path conf = dir.resolve("supervisord.conf");
    Files.createDirectories(dir.resolve("log"));
    Files.writeString(conf, """
        [unix_http_server]
        file=%1$s
        [supervisord]
        logfile=%2$s/supervisord.log
        pidfile=%2$s/supervisord.pid
        childlogdir=%2$s/log
        [rpcinterface:supervisor]
        supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
        [supervisorctl]
        serverurl=unix://%1$s
        [program:sleeper]
        command=/bin/sleep 30
        process_name=%%(program_name)s_%%(process_num)s
        numprocs=4
        startsecs=0
        [program:echo]
        command=/bin/echo trained
        startsecs=0
        autorestart=false
        [eventlistener:listener]
        command=/bin/sh -c 'while :; do printf "READY\\n"; read -r h || exit 0; \
        head -c "${h##*len:}" >/dev/null; printf "RESULT 2\\nOK"; done'
        events=PROCESS_STATE
        buffer_size=1000
        startsecs=0
        """.formatted(socket, dir));
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    int[] exit = {-1};
    Thread daemon = Thread.ofPlatform().start(
        () -> exit[0] = SupervisordMain.run(new String[] {"-n", "-c", conf.toString()}, sink, sink));
    // short-lived programs: even if this run dies before its shutdown, nothing it started outlives it for long
    try (RpcClient client = RpcClient.create("unix://" + socket)) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline && !settled(client)) {
        Thread.sleep(20);
      }
      for (int i = 0; i < 20; i++) {
        client.call("supervisor.getProcessInfo", "sleeper:sleeper_0");
        client.call("supervisor.getAllProcessInfo");
      }
      // Each round is 16 PROCESS_STATE events for the listener: enough for the protocol path to be compiled in
      // training, so that the first events a real daemon delivers do not run in the interpreter.
      for (int i = 0; i < 40; i++) {
        client.call("supervisor.stopProcessGroup", "sleeper");
        client.call("supervisor.startProcessGroup", "sleeper");
      }
      client.call("supervisor.readProcessStdoutLog", "echo", 0, 100);
      client.call("supervisor.shutdown");
    }
    daemon.join(30_000);
    return exit[0] == 0 ? 0 : 1;
  }

  // Everything RUNNING, but for the echo program, which has run and exited.
  private static boolean settled(RpcClient client) {
    try {
      List<?> infos = (List<?>) client.call("supervisor.getAllProcessInfo");
      return infos.stream().map(i -> (String) ((Map<?, ?>) i).get("statename"))
          .allMatch(s -> s.equals("RUNNING") || s.equals("EXITED"));
    } catch (RuntimeException e) {
      return false; // not listening yet
    }
  }
}

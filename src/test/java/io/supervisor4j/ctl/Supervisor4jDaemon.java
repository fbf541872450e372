package io.supervisor4j.ctl;

import io.supervisor4j.daemon.SupervisordMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * supervisor4j's daemon as the server under test: {@link SupervisordMain} in the foreground ({@code -n}) in a
 * separate JVM from the test class path, as {@code daemon.DaemonProcess} starts it.
 */
final class Supervisor4jDaemon implements ServerLauncher {
  @Override
  public String name() {
    return "supervisor4j";
  }

  @Override
  public RunningServer start(Path config, Path dir) throws IOException {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-cp", System.getProperty("java.class.path"), SupervisordMain.class.getName(), "-n", "-c", config.toString());
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("supervisord.stdout").toFile());
    pb.environment().put("_JAVA_SR_SIGNUM", "40"); // keep SIGUSR2 for log reopening, as DaemonProcess does
    PythonSupervisord.Running server = new PythonSupervisord.Running(pb.start());
    try {
      PythonSupervisord.awaitUp(dir.resolve("supervisor.sock"), server.process());
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
    return server;
  }
}

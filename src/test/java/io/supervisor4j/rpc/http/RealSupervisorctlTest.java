package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.config.InetHttpServerConfig;
import io.supervisor4j.config.UidGid;
import io.supervisor4j.config.UnixHttpServerConfig;
import io.supervisor4j.rpc.PythonRunner;
import io.supervisor4j.rpc.RpcDispatcher;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcFaults;
import io.supervisor4j.rpc.RpcMethod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real supervisorctl 4.2.5 against our transport, with a stand-in for the few supervisor.* it needs. */
@Timeout(120)
class RealSupervisorctlTest {
  @TempDir Path dir;
  RpcHttpServer server;
  Path socket;
  Path conf;
  Path log;

  @BeforeEach
  void start() throws Exception {
    socket = dir.resolve("ctl.sock");
    log = dir.resolve("foo.log");
    conf = dir.resolve("ctl.conf");
    Files.writeString(conf, "[supervisorctl]\n");
    RpcDispatcher d = new RpcDispatcher();
    d.register(RpcMethod.of("supervisor.getVersion", "API version.\n@return string version", 0, a -> "3.0"));
    d.register(RpcMethod.of("supervisor.getPID", "PID.\n@return int pid", 0, a -> 4242));
    d.register(RpcMethod.of("supervisor.getProcessInfo", "Info.\n@param string name\n@return struct info", 1, a -> {
      throw new RpcFault(RpcFaults.BAD_NAME, a.string(0));
    }));
    LogTailSource tails = new LogTailSource() {
      @Override
      public Optional<Path> processLog(String namespec, String channel) {
        return namespec.equals("foo") && channel.equals("stdout") ? Optional.of(log) : Optional.empty();
      }

      @Override
      public Optional<Path> mainLog() {
        return Optional.empty();
      }
    };
    server = RpcHttpServer.builder(d, new RecordingLog())
        .unix(List.of(new UnixHttpServerConfig("unix_http_server", socket, 0700, UidGid.UNCHANGED,
            Optional.of("u"), Optional.of("{SHA}" + BasicAuth.sha1Hex("p")))))
        .inet(List.of(new InetHttpServerConfig("inet_http_server", "127.0.0.1", 0, Optional.of("u"),
            Optional.of("p"))))
        .logTail(tails)
        .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private List<String> urls() {
    return List.of("unix://" + socket, "http://127.0.0.1:" + server.localPort("inet_http_server"));
  }

  private Process ctl(String url, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/supervisorctl", "-c", conf.toString(), "-s", url));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private PythonRunner.Result run(String url, String... args) throws Exception {
    Process p = ctl(url, args);
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new PythonRunner.Result(p.exitValue(), out, "");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void pidAndFaultsAndAuth() throws Exception {
    for (String url : urls()) {
      PythonRunner.Result pid = run(url, "-u", "u", "-p", "p", "pid");
      assertThat(pid.stdout()).as(url).isEqualTo("4242\n");
      assertThat(pid.exit()).isZero();
      PythonRunner.Result nope = run(url, "-u", "u", "-p", "p", "pid", "nope");
      assertThat(nope.stdout()).isEqualTo("No such process nope\n");
      assertThat(nope.exit()).isEqualTo(1);
      PythonRunner.Result noAuth = run(url, "pid");
      assertThat(noAuth.stdout()).contains("Server requires authentication");
    }
  }

  @Test
  void tailFollowsAppendedOutput() throws Exception {
    for (String url : urls()) {
      Files.writeString(log, "first line\n");
      Process p = ctl(url, "-u", "u", "-p", "p", "tail", "-f", "foo");
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        assertThat(out.readLine()).isEqualTo("==> Press Ctrl-C to exit <==");
        assertThat(out.readLine()).isEqualTo("first line");
        Files.writeString(log, "appended " + url + "\n", StandardOpenOption.APPEND);
        assertThat(out.readLine()).isEqualTo("appended " + url);
      } finally {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
        p.destroyForcibly();
      }
    }
  }
}

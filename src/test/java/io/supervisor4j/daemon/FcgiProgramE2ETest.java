package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code [fcgi-program:x]}: one listening socket created by the daemon, shared by the pool as fd 0. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FcgiProgramE2ETest extends DaemonE2E {
  /** Accepts one connection on the inherited fd 0, greets it with its pid and exits. */
  private static final String CHILD = """
      import os, socket
      s = socket.socket(fileno=0)
      c, _ = s.accept()
      c.sendall(b"hello " + str(os.getpid()).encode() + b"\\n")
      c.close()
      """;

  @Test
  void bothProcessesOfThePoolAcceptOnOneUnixSocketWithMode0700() throws IOException {
    Path socket = dir.resolve("fcgi.sock");
    daemon = DaemonProcess.of(dir, sections("unix://" + socket)).startForeground();
    daemon.awaitLogLines("success: web_\\d entered RUNNING", 2, DaemonProcess.TIMEOUT);
    assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertServedByBoth(UnixDomainSocketAddress.of(socket), StandardProtocolFamily.UNIX);
  }

  @Test
  void bothProcessesOfThePoolAcceptOnOneTcpSocket() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    daemon = DaemonProcess.of(dir, sections("tcp://127.0.0.1:" + port)).startForeground();
    daemon.awaitLogLines("success: web_\\d entered RUNNING", 2, DaemonProcess.TIMEOUT);
    assertServedByBoth(new InetSocketAddress("127.0.0.1", port), StandardProtocolFamily.INET);
  }

  @Test
  void theSocketBelongsToTheProgramsUserAndIsRecreatedWhenThePoolRestarts() throws IOException {
    Path socket = dir.resolve("fcgi.sock");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // nobody reads the script
    daemon = DaemonProcess.of(dir, sections("unix://" + socket).replace("autorestart=false", "autorestart=true")
        .replace("numprocs=2", "numprocs=1") + "user=nobody\n").startForeground();
    daemon.awaitLogLine("success: web_0 entered RUNNING");
    assertThat(Files.getAttribute(socket, "unix:uid")).isEqualTo(65534);
    assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    int first = daemon.pidOf("web_0");
    assertThat(greet(UnixDomainSocketAddress.of(socket), StandardProtocolFamily.UNIX)).isEqualTo("hello " + first);
    // the only user exited: the socket was closed, and the restart creates it again on the same path
    daemon.awaitLogLines("spawned: 'web_0'", 2, DaemonProcess.TIMEOUT);
    int second = daemon.pidOf("web_0");
    assertThat(greet(UnixDomainSocketAddress.of(socket), StandardProtocolFamily.UNIX)).isEqualTo("hello " + second);
    assertThat(daemon.linesMatching("Creating socket ").size()).isGreaterThanOrEqualTo(3);
  }

  private static String greet(SocketAddress address, StandardProtocolFamily family) throws IOException {
    try (SocketChannel channel = SocketChannel.open(family)) {
      channel.connect(address);
      return readLine(channel);
    }
  }

  @Test
  void aSocketThatCannotBeCreatedStopsTheDaemonAtStartup() {
    daemon = DaemonProcess.of(dir, sections("unix://" + dir.resolve("missing/fcgi.sock"))).startForeground();
    assertThat(daemon.awaitExit()).isEqualTo(2);
    assertThat(daemon.stderr()).contains("Error: Could not create FastCGI socket unix://" + dir.resolve("missing")
        + "/fcgi.sock: [Errno 2] No such file or directory");
    assertThat(daemon.linesMatching("spawned:")).isEmpty();
  }

  private String sections(String url) throws RuntimeException {
    Path script = dir.resolve("child.py");
    try {
      Files.writeString(script, CHILD);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return """
        [fcgi-program:web]
        command=/usr/bin/python3 SCRIPT
        socket=URL
        process_name=%(program_name)s_%(process_num)d
        numprocs=2
        startsecs=0
        autorestart=false
        """.replace("SCRIPT", script.toString()).replace("URL", url);
  }

  /** Two connections, two greetings from the two different pids of the pool; then the socket is closed. */
  private void assertServedByBoth(SocketAddress address, StandardProtocolFamily family) throws IOException {
    Set<String> pids = new HashSet<>();
    for (int i = 0; i < 2; i++) {
      String greeting = greet(address, family);
      assertThat(greeting).matches("hello \\d+");
      pids.add(greeting.substring(6));
    }
    Set<String> spawned = new HashSet<>();
    for (String name : List.of("web_0", "web_1")) {
      spawned.add(Integer.toString(daemon.pidOf(name)));
    }
    assertThat(pids).isEqualTo(spawned);
    daemon.awaitLogLines("exited: web_\\d \\(exit status 0; expected\\)", 2, DaemonProcess.TIMEOUT);
    // reference counted: created once for the first spawn, closed after the last exit
    String url = address instanceof UnixDomainSocketAddress u ? "unix://" + u.getPath() : "tcp://127.0.0.1:";
    // as supervisord: created and closed once at group creation (to fail early), then held by the running pool
    List<String> log = daemon.awaitLogLines("(Creating|Closing) socket " + java.util.regex.Pattern.quote(url), 4,
        DaemonProcess.TIMEOUT);
    assertThat(log).extracting(l -> l.replaceAll(".* (Creating|Closing) socket .*", "$1"))
        .containsExactly("Creating", "Closing", "Creating", "Closing");
    List<String> all = daemon.logLines();
    assertThat(all.indexOf(log.get(3))).isGreaterThan(all.indexOf(daemon.linesMatching("exited: web_").getLast()));
    assertThat(all.indexOf(log.get(2))).isLessThan(all.indexOf(daemon.linesMatching("spawned: 'web_").getFirst()));
  }

  private static String readLine(SocketChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(256);
    while (channel.read(buf) >= 0) {
      String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
      if (s.endsWith("\n")) {
        return s.strip();
      }
    }
    return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
  }
}

package io.supervisor4j.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connection failures are told apart the way supervisorctl reports them. */
@Timeout(60)
class RpcClientTest {
  @TempDir Path dir;

  @Test
  void missingSocketFileIsNoSuchFile() {
    String url = "unix://" + dir.resolve("nope.sock");
    try (RpcClient c = RpcClient.create(url)) {
      assertThatThrownBy(() -> c.call("supervisor.getVersion"))
          .isInstanceOfSatisfying(RpcConnectionException.class, e -> {
            assertThat(e.reason()).isEqualTo(RpcConnectionException.Reason.NO_SUCH_FILE);
            assertThat(e.getMessage()).isEqualTo(url + " no such file");
          });
    }
  }

  @Test
  void staleSocketFileIsRefused() throws Exception {
    Path socket = dir.resolve("stale.sock");
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    }
    String url = "unix://" + socket;
    try (RpcClient c = RpcClient.create(url)) {
      assertThatThrownBy(() -> c.call("supervisor.getVersion"))
          .isInstanceOfSatisfying(RpcConnectionException.class, e -> {
            assertThat(e.reason()).isEqualTo(RpcConnectionException.Reason.REFUSED);
            assertThat(e.getMessage()).isEqualTo(url + " refused connection");
          });
    }
  }

  @Test
  void closedTcpPortIsRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    try (RpcClient c = RpcClient.create(url)) {
      assertThatThrownBy(() -> c.call("supervisor.getVersion"))
          .isInstanceOfSatisfying(RpcConnectionException.class, e -> {
            assertThat(e.reason()).isEqualTo(RpcConnectionException.Reason.REFUSED);
            assertThat(e.getMessage()).isEqualTo(url + " refused connection");
          });
    }
  }

  @Test
  void urlsAreParsedLikeSupervisorctl() {
    assertThat(ServerUrl.parse("http://localhost:9001").hostHeader()).isEqualTo("localhost:9001");
    assertThat(ServerUrl.parse("http://127.0.0.1").address()).hasToString("127.0.0.1/<unresolved>:80");
    assertThat(ServerUrl.parse("unix:///tmp/supervisor.sock").isUnix()).isTrue();
    assertThatThrownBy(() -> ServerUrl.parse("https://x")).hasMessage("Unknown protocol for serverurl https://x");
    assertThatThrownBy(() -> RpcClient.create("ftp://x")).isInstanceOf(IllegalArgumentException.class);
  }
}

package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.config.InetHttpServerConfig;
import io.supervisor4j.config.UidGid;
import io.supervisor4j.config.UnixHttpServerConfig;
import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcDispatcher;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Socket file life cycle as supervisord: mode, stale replacement, live refusal, removal at stop. */
@Timeout(120)
class UnixSocketTest {
  @TempDir Path dir;

  private static RpcHttpServer unixServer(Path socket, int mode, RecordingLog log) {
    return RpcHttpServer.builder(new RpcDispatcher(), log)
        .unix(List.of(new UnixHttpServerConfig("unix_http_server", socket, mode, UidGid.UNCHANGED,
            Optional.empty(), Optional.empty())))
        .build();
  }

  @Test
  void socketHasConfiguredModeAndIsRemovedAtStop() throws Exception {
    Path socket = dir.resolve("a.sock");
    RpcHttpServer server = unixServer(socket, 0700, new RecordingLog());
    server.start();
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rwx------");
      assertThat((Integer) Files.getAttribute(socket, "unix:mode") & 0170000).isEqualTo(0140000);
      assertThat(dir.resolve("a.sock." + ProcessHandle.current().pid())).doesNotExist();
      try (RpcClient c = RpcClient.create("unix://" + socket)) {
        assertThat(c.call("system.listMethods")).asInstanceOf(InstanceOfAssertFactories.LIST).contains("system.multicall");
      }
    } finally {
      server.stop();
    }
    assertThat(socket).doesNotExist();

    Path other = dir.resolve("b.sock");
    RpcHttpServer shared = unixServer(other, 0766, new RecordingLog());
    shared.start();
    try {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other))).isEqualTo("rwxrw-rw-");
    } finally {
      shared.stop();
    }
  }

  @Test
  void staleSocketIsReplaced() throws Exception {
    Path socket = dir.resolve("stale.sock");
    // A socket file nobody listens on any more, like the one a killed supervisord leaves behind.
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();
    RecordingLog log = new RecordingLog();
    RpcHttpServer server = unixServer(socket, 0700, log);
    server.start();
    try {
      assertThat(log.lines).contains("WARN Unlinking stale socket " + socket);
      try (RpcClient c = RpcClient.create("unix://" + socket)) {
        assertThat(c.call("system.listMethods")).asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty();
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void liveSocketIsRefusedAndLeftAlone() throws Exception {
    Path socket = dir.resolve("live.sock");
    RpcHttpServer first = unixServer(socket, 0700, new RecordingLog());
    first.start();
    try {
      RpcHttpServer second = unixServer(socket, 0700, new RecordingLog());
      assertThatThrownBy(second::start).isInstanceOf(RpcServerException.class).hasMessage(
          "Another program is already listening on a port that one of our HTTP servers is configured to use.  "
              + "Shut this program down first before starting supervisord.");
      second.stop();
      try (RpcClient c = RpcClient.create("unix://" + socket)) {
        assertThat(c.call("system.listMethods")).asInstanceOf(InstanceOfAssertFactories.LIST).isNotEmpty();
      }
    } finally {
      first.stop();
    }
    assertThat(socket).doesNotExist();
  }

  @Test
  void regularFileAtTheSocketPathIsNotDeleted() throws Exception {
    Path file = dir.resolve("precious.txt");
    Files.writeString(file, "data");
    RpcHttpServer server = unixServer(file, 0700, new RecordingLog());
    assertThatThrownBy(server::start).isInstanceOf(RpcServerException.class).hasMessageContaining("not a socket");
    assertThat(Files.readString(file)).isEqualTo("data");
  }

  @Test
  void busyTcpPortIsRefusedWithSupervisordsMessage() throws Exception {
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress("127.0.0.1", 0));
      RpcHttpServer server = RpcHttpServer.builder(new RpcDispatcher(), new RecordingLog())
          .inet(List.of(new InetHttpServerConfig("inet_http_server", "127.0.0.1", busy.getLocalPort(),
              Optional.empty(), Optional.empty())))
          .build();
      assertThatThrownBy(server::start).isInstanceOf(RpcServerException.class)
          .hasMessageStartingWith("Another program is already listening");
    }
  }

  @Test
  void socketIsChownedAsConfigured() throws Exception {
    Path socket = dir.resolve("owned.sock");
    RpcHttpServer server = RpcHttpServer.builder(new RpcDispatcher(), new RecordingLog())
        .unix(List.of(new UnixHttpServerConfig("unix_http_server", socket, 0770, new UidGid(65534, 65534),
            Optional.empty(), Optional.empty())))
        .build();
    server.start();
    try {
      if (System.getProperty("user.name").equals("root")) {
        assertThat(Files.getAttribute(socket, "unix:uid")).isEqualTo(65534);
        assertThat(Files.getAttribute(socket, "unix:gid")).isEqualTo(65534);
      }
    } finally {
      server.stop();
    }
  }
}

package io.supervisor4j.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListeningSocketTest {
  @TempDir Path dir;

  @Test
  void unixSocketReplacesAStaleFileAndGetsModeAndOwner() throws IOException {
    Path path = dir.resolve("s.sock");
    Files.writeString(path, "stale");
    try (ListeningSocket socket = ListeningSocket.unix(path, 5, 0640, 65534, 65534)) {
      assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
      assertThat(Files.getAttribute(path, "unix:uid")).isEqualTo(65534);
      assertThat(Files.getAttribute(path, "unix:gid")).isEqualTo(65534);
      assertThat(Libc.fcntl(socket.fd(), Libc.F_GETFD, 0) & Libc.FD_CLOEXEC).isEqualTo(Libc.FD_CLOEXEC);
      try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        assertThat(client.connect(UnixDomainSocketAddress.of(path))).isTrue(); // queued in the backlog
      }
    }
  }

  @Test
  void tcpSocketListensAndReportsAddressInUseLikePython() throws IOException {
    Inet4Address loopback = (Inet4Address) InetAddress.getByName("127.0.0.1");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
      port = probe.getLocalPort();
    }
    try (ListeningSocket socket = ListeningSocket.tcp(loopback, port, 5);
        SocketChannel client = SocketChannel.open(new InetSocketAddress(loopback, port))) {
      assertThat(client.isConnected()).isTrue();
      assertThatThrownBy(() -> ListeningSocket.tcp(loopback, port, 5))
          .isInstanceOf(ListeningSocket.SocketException.class)
          .hasMessage("[Errno 98] Address already in use");
    }
  }

  @Test
  void aMissingDirectoryIsENOENT() {
    assertThatThrownBy(() -> ListeningSocket.unix(dir.resolve("no/s.sock"), 5, 0700, -1, -1))
        .hasMessage("[Errno 2] No such file or directory");
    assertThat(dir.resolve("no")).doesNotExist();
  }

  @Test
  void closingTwiceIsHarmless() {
    ListeningSocket socket = ListeningSocket.unix(dir.resolve("s.sock"), 1, -1, -1, -1);
    socket.close();
    socket.close();
    assertThatThrownBy(socket::fd).isInstanceOf(IllegalStateException.class);
  }
}

package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcFault;
import io.supervisor4j.rpc.RpcProtocolException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class RpcHttpServerTest {
  @TempDir Path dir;
  ServerFixture fx;

  @BeforeEach
  void start() {
    fx = new ServerFixture(dir);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void javaClientCallsOverUnixAndTcp() {
    for (String url : fx.urls()) {
      try (RpcClient c = RpcClient.create(url)) {
        assertThat(c.call("test.echo", "hé<>&")).isEqualTo("hé<>&");
        assertThat(c.call("test.echoAll", 1, true, 2.5, Map.of("k", List.of()))).isEqualTo(
            List.of(1, true, 2.5, Map.of("k", List.of())));
        assertThat(c.call("test.slow", 50)).isEqualTo("slept 50");
        assertThat(c.call("test.big", 1_000_000)).asString().hasSize(1_000_000);
        assertThatThrownBy(() -> c.call("test.fault", "nope")).isInstanceOfSatisfying(RpcFault.class, f -> {
          assertThat(f.code()).isEqualTo(10);
          assertThat(f.faultString()).isEqualTo("BAD_NAME: nope");
        });
        assertThatThrownBy(() -> c.call("test.boom")).isInstanceOfSatisfying(RpcProtocolException.class,
            e -> assertThat(e.status()).isEqualTo(500));
        // the connection is re-established after the 500
        assertThat(c.call("test.echo", 1)).isEqualTo(1);
      }
    }
    assertThat(fx.log.lines).anyMatch(l -> l.startsWith("CRIT Handling XML-RPC request test.boom()"));
    assertThat(fx.log.lines).contains(
        "CRIT Server 'unix_http_server' running without any HTTP authentication checking",
        "CRIT Server 'inet_http_server' running without any HTTP authentication checking");
  }
}

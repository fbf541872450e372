package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcProtocolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class AuthTest {
  @TempDir Path dir;

  @Test
  void plainAndShaPasswordsOnUnixAndTcp() throws Exception {
    String[] stored = {"pa:ss wörd", "{SHA}" + BasicAuth.sha1Hex("pa:ss wörd")};
    for (int i = 0; i < stored.length; i++) {
      Path sub = Files.createDirectories(dir.resolve("s" + i));
      try (ServerFixture fx = new ServerFixture(sub, Optional.of("user"), Optional.of(stored[i]),
          LogTailSource.none())) {
        for (String url : fx.urls()) {
          try (RpcClient ok = RpcClient.create(url, Optional.of("user"), Optional.of("pa:ss wörd"))) {
            assertThat(ok.call("test.echo", "in")).isEqualTo("in");
          }
          for (RpcClient bad : new RpcClient[] {RpcClient.create(url),
              RpcClient.create(url, Optional.of("user"), Optional.of("nope")),
              RpcClient.create(url, Optional.of("other"), Optional.of("pa:ss wörd"))}) {
            try (bad) {
              assertThatThrownBy(() -> bad.call("test.echo", "in")).as(url)
                  .isInstanceOfSatisfying(RpcProtocolException.class, e -> assertThat(e.isUnauthorized()).isTrue());
              assertThatThrownBy(() -> bad.stream("/mainlogtail")).as(url)
                  .isInstanceOfSatisfying(RpcProtocolException.class, e -> assertThat(e.status()).isEqualTo(401));
            }
          }
        }
        // raw: the challenge header, and every path is protected
        RawHttp.Reply r = RawHttp.exchange(fx.socket, "GET /anything HTTP/1.1\r\nHost: x\r\n\r\n", new byte[0]);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.head()).contains("WWW-Authenticate: Basic realm=\"default\"").containsIgnoringCase(
            "Connection: close");
        String creds = Base64.getEncoder().encodeToString("user:pa:ss wörd".getBytes(StandardCharsets.UTF_8));
        RawHttp.Reply authed = RawHttp.exchange(fx.socket,
            "GET /anything HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " + creds + "\r\nConnection: close\r\n\r\n",
            new byte[0]);
        assertThat(authed.status()).isEqualTo(404);
        assertThat(fx.log.lines).noneMatch(l -> l.contains("without any HTTP authentication"));
      }
    }
  }

  @Test
  void upperCaseShaNeverMatchesAsInSupervisord() {
    BasicAuth auth = new BasicAuth("u", "{SHA}" + BasicAuth.sha1Hex("pw").toUpperCase());
    assertThat(auth.matches("u", "pw")).isFalse();
    assertThat(new BasicAuth("u", "{SHA}" + BasicAuth.sha1Hex("pw")).matches("u", "pw")).isTrue();
    assertThat(auth.check(Optional.of("Basic !!!not base64"))).isEqualTo(BasicAuth.Verdict.MALFORMED);
    assertThat(auth.check(Optional.of("Digest abc"))).isEqualTo(BasicAuth.Verdict.DENIED);
    assertThat(auth.toString()).doesNotContain("SHA");
  }
}

package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.rpc.RpcClient;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed requests get 4xx answers without stack traces, and the server keeps serving. */
@Timeout(120)
class HostileRequestTest {
  @TempDir Path dir;
  ServerFixture fx;

  @BeforeEach
  void start() {
    fx = new ServerFixture(dir);
  }

  @AfterEach
  void stop() throws Exception {
    // whatever happened, the next ordinary request is served
    try (RpcClient c = RpcClient.create(fx.unixUrl())) {
      assertThat(c.call("test.echo", "still alive")).isEqualTo("still alive");
    }
    fx.close();
  }

  private static void assertClean(RawHttp.Reply r, int status) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.head() + r.body()).doesNotContain("Exception", "\tat ", "root:", "lol");
  }

  @Test
  void billionLaughsIsRejected() throws Exception {
    StringBuilder dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol0 'lol'>");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" '").append(("&lol" + (i - 1) + ";").repeat(10)).append("'>");
    }
    dtd.append("]><methodCall><methodName>test.echo</methodName><params><param><value>&lol9;</value></param>"
        + "</params></methodCall>");
    assertClean(RawHttp.post(fx.socket, dtd.toString()), 400);
    assertThat(fx.log.lines).anyMatch(l -> l.startsWith("ERRO XML-RPC request data") && l.contains("unmarshallable"));
  }

  @Test
  void externalEntityIsNotRead() throws Exception {
    String xxe = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
        + "<methodCall><methodName>test.echo</methodName><params><param><value>&xxe;</value></param></params>"
        + "</methodCall>";
    assertClean(RawHttp.post(fx.socket, xxe), 400);
    String dtdOnly = "<?xml version='1.0'?><!DOCTYPE methodCall SYSTEM 'file:///etc/passwd'>"
        + "<methodCall><methodName>test.echo</methodName><params><param><value>x</value></param></params>"
        + "</methodCall>";
    assertClean(RawHttp.post(fx.socket, dtdOnly), 400);
  }

  @Test
  void deepNestingIsRejected() throws Exception {
    String deep = "<methodCall><methodName>test.echo</methodName><params><param>"
        + "<value><array><data>".repeat(10_000) + "</data></array></value>".repeat(10_000)
        + "</param></params></methodCall>";
    assertClean(RawHttp.post(fx.socket, deep), 400);
  }

  @Test
  void malformedRequestsGet400() throws Exception {
    assertClean(RawHttp.post(fx.socket, "this is not xml"), 400);
    assertClean(RawHttp.post(fx.socket, "<methodCall><params/></methodCall>"), 400);
    assertClean(RawHttp.post(fx.socket, "<methodCall><methodName></methodName></methodCall>"), 400);
    assertClean(RawHttp.post(fx.socket, "<methodCall><methodName>test.echo</methodName><params><param><value>"
        + "<int>12x</int></value></param></params></methodCall>"), 400);
    assertClean(RawHttp.exchange(fx.socket, "GET /RPC2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        new byte[0]), 400);
    assertClean(RawHttp.exchange(fx.socket, "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        new byte[0]), 404);
    // a lenient but valid request: untyped value, no <params> needed for zero-arg methods
    RawHttp.Reply ok = RawHttp.post(fx.socket, "<methodCall><methodName>test.echo</methodName><params><param>"
        + "<value>plain</value></param></params></methodCall>");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.head()).containsIgnoringCase("Content-Type: text/xml");
    assertThat(ok.body()).isEqualTo("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
        + "<value><string>plain</string></value>\n</param>\n</params>\n</methodResponse>\n");
    RawHttp.Reply noParams = RawHttp.post(fx.socket, "<methodCall><methodName>system.listMethods</methodName>"
        + "</methodCall>");
    assertThat(noParams.status()).isEqualTo(200);
    assertThat(noParams.body()).contains("<string>test.echo</string>");
  }

  @Test
  void hugeDeclaredBodyIsRefusedBeforeItIsSent() throws Exception {
    try (SocketChannel ch = RawHttp.connect(fx.socket)) {
      RawHttp.write(ch, ("POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: " + 100L * 1024 * 1024 + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      RawHttp.Reply r = RawHttp.read(Channels.newInputStream(ch));
      assertClean(r, 413);
    }
  }

  @Test
  void hugeChunkedBodyIsCutOffAtTheLimit() throws Exception {
    try (SocketChannel ch = RawHttp.connect(fx.socket)) {
      RawHttp.write(ch, "POST /RPC2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1));
      AtomicLong sent = new AtomicLong();
      byte[] chunk = ("10000\r\n" + "<".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        try {
          while (sent.get() < 100L * 1024 * 1024) {
            RawHttp.write(ch, chunk);
            sent.addAndGet(0x10000);
          }
        } catch (IOException expected) {
          // the server closed the connection after refusing the body
        }
      });
      RawHttp.Reply r = RawHttp.read(Channels.newInputStream(ch));
      assertClean(r, 413);
      ch.shutdownOutput();
      writer.get(60, TimeUnit.SECONDS);
      assertThat(sent.get()).isLessThan(50L * 1024 * 1024);
    }
  }
}

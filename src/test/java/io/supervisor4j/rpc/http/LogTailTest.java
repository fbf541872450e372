package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.rpc.LogStream;
import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.rpc.RpcProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class LogTailTest {
  @TempDir Path dir;
  ServerFixture fx;
  Path fooOut;
  Path barErr;
  Path main;

  @BeforeEach
  void start() throws IOException {
    fooOut = dir.resolve("foo-stdout.log");
    barErr = dir.resolve("bar-stderr.log");
    main = dir.resolve("supervisord.log");
    Map<String, Path> files = Map.of("foo/stdout", fooOut, "grp:bar/stderr", barErr,
        "ghost/stdout", dir.resolve("never-written.log"));
    LogTailSource source = new LogTailSource() {
      @Override
      public Optional<Path> processLog(String namespec, String channel) {
        return Optional.ofNullable(files.get(namespec + "/" + channel));
      }

      @Override
      public Optional<Path> mainLog() {
        return Optional.of(main);
      }
    };
    fx = new ServerFixture(dir, Optional.empty(), Optional.empty(), source);
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static String readExactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static void append(Path p, String s) throws IOException {
    Files.writeString(p, s, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in 30 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void streamsTailThenAppendsThenTruncationThenRotation() throws Exception {
    StringBuilder initial = new StringBuilder();
    for (int i = 0; initial.length() < 3000; i++) {
      initial.append("line ").append(i).append('\n');
    }
    Files.writeString(fooOut, initial);
    for (String url : fx.urls()) {
      Files.writeString(fooOut, initial);
      try (RpcClient c = RpcClient.create(url); LogStream s = c.stream("/logtail/foo")) {
        assertThat(readExactly(s, 1024)).isEqualTo(initial.substring(initial.length() - 1024));
        append(fooOut, "appended\n");
        assertThat(readExactly(s, 9)).isEqualTo("appended\n");
        Files.writeString(fooOut, "new\n"); // shrinks: truncation
        assertThat(readExactly(s, 27)).isEqualTo("==> File truncated <==\nnew\n");
        Files.move(fooOut, dir.resolve("foo-stdout.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(fooOut, "rotated file\n");
        assertThat(readExactly(s, 13)).isEqualTo("rotated file\n");
      }
    }
    await(() -> fx.server.activeTailStreams() == 0);
  }

  @Test
  void headersLikeSupervisord() throws Exception {
    Files.writeString(barErr, "short\n");
    try (var ch = RawHttp.connect(fx.socket)) {
      RawHttp.write(ch, "GET /logtail/grp:bar/stderr HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = java.nio.channels.Channels.newInputStream(ch);
      RawHttp.Reply r = RawHttp.read(in);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.head()).contains("Content-Type: text/plain;charset=utf-8", "X-Accel-Buffering: no",
          "Transfer-Encoding: chunked", "Last-Modified: ").doesNotContainIgnoringCase("Content-Length");
      assertThat(new String(in.readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("6\r\nshort\n");
    }
    Files.writeString(main, "main log\n");
    try (RpcClient c = RpcClient.create(fx.httpUrl()); LogStream s = c.stream("/mainlogtail")) {
      assertThat(readExactly(s, 9)).isEqualTo("main log\n");
    }
    try (var ch = RawHttp.connect(fx.socket)) {
      RawHttp.write(ch, "GET /mainlogtail HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Reply r = RawHttp.read(java.nio.channels.Channels.newInputStream(ch));
      assertThat(r.head()).doesNotContain("X-Accel-Buffering");
    }
  }

  @Test
  void unknownNamesChannelsAndMissingFilesAre404() throws Exception {
    Files.writeString(fooOut, "x\n");
    try (RpcClient c = RpcClient.create(fx.unixUrl())) {
      for (String path : new String[] {"/logtail/nobody", "/logtail/foo/stderr", "/logtail/foo/bogus",
          "/logtail/ghost", "/logtail/", "/logtail", "/mainlogtail"}) {
        assertThatThrownBy(() -> c.stream(path)).as(path)
            .isInstanceOfSatisfying(RpcProtocolException.class, e -> assertThat(e.status()).isEqualTo(404));
      }
    }
    RawHttp.Reply post = RawHttp.exchange(fx.socket,
        "POST /logtail/foo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", new byte[0]);
    assertThat(post.status()).isEqualTo(400);
  }

  @Test
  void streamEndsWhenTheClientGoesAway() throws Exception {
    Files.writeString(fooOut, "start\n");
    for (int i = 0; i < 5; i++) {
      try (RpcClient c = RpcClient.create(fx.unixUrl()); LogStream s = c.stream("/logtail/foo")) {
        assertThat(readExactly(s, 6)).isEqualTo("start\n");
      }
    }
    await(() -> fx.server.activeTailStreams() == 0 || appendAndCheck());
    assertThat(fx.server.activeTailStreams()).isZero();
  }

  private boolean appendAndCheck() {
    try {
      append(fooOut, "more\n"); // a write to the gone client fails and ends the stream
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return fx.server.activeTailStreams() == 0;
  }

  @Test
  void serverStopEndsOpenStreams() throws Exception {
    Files.writeString(fooOut, "start\n");
    RpcClient c = RpcClient.create(fx.unixUrl());
    LogStream s = c.stream("/logtail/foo");
    assertThat(readExactly(s, 6)).isEqualTo("start\n");
    assertThat(fx.server.activeTailStreams()).isEqualTo(1);
    fx.server.stop();
    assertThat(fx.server.activeTailStreams()).isZero();
    assertThatThrownBy(() -> {
      while (s.read() >= 0) {
        // drain until the server's close shows up
      }
      throw new IOException("stream ended");
    }).isInstanceOf(IOException.class);
    s.close();
    c.close();
    fx = new ServerFixture(dir.resolve("again").toFile().mkdirs() ? dir.resolve("again") : dir);
  }

  @Test
  void acceptsTheRequestSupervisorctlTailSends() throws Exception {
    // supervisor/http_client.py over a unix socket: empty Host header, and a stray CRLF after the headers
    Files.writeString(fooOut, "from ctl\n");
    try (var ch = RawHttp.connect(fx.socket)) {
      RawHttp.write(ch, ("GET /logtail/foo/stdout HTTP/1.1\r\nHost: \r\nAccept-Encoding: chunked\r\nAccept: */*\r\n"
          + "User-agent: Supervisor HTTP Client\r\n\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = java.nio.channels.Channels.newInputStream(ch);
      RawHttp.Reply r = RawHttp.read(in);
      assertThat(r.status()).as(r.head() + r.body()).isEqualTo(200);
      assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("9\r\nfrom ctl\n");
    }
  }
}

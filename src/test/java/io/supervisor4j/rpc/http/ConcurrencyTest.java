package io.supervisor4j.rpc.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.supervisor4j.rpc.RpcClient;
import io.supervisor4j.config.UidGid;
import io.supervisor4j.config.UnixHttpServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Deferred calls hold no thread: pending calls never stall other clients. */
@Timeout(120)
class ConcurrencyTest {
  @TempDir Path dir;

  @Test
  void eightClientsWhileCallsAreDeferred() throws Exception {
    try (ServerFixture fx = new ServerFixture(dir); ExecutorService pool = Executors.newFixedThreadPool(8)) {
      int deferred = 4; // more pending calls than the handful of threads the server has to spare
      List<CompletableFuture<Object>> pending = new ArrayList<>();
      for (int i = 0; i < deferred; i++) {
        String url = fx.urls().get(i % 2);
        pending.add(CompletableFuture.supplyAsync(() -> {
          try (RpcClient c = RpcClient.create(url)) {
            return c.call("test.hold");
          }
        }, pool));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (fx.methods.held.size() < deferred && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(fx.methods.held).hasSize(deferred);

      List<CompletableFuture<Integer>> busy = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String url = fx.urls().get(i % 2);
        int id = i;
        busy.add(CompletableFuture.supplyAsync(() -> {
          int done = 0;
          try (RpcClient c = RpcClient.create(url)) {
            for (int n = 0; n < 200; n++) {
              if (c.call("test.echo", id * 1000 + n).equals(id * 1000 + n)) {
                done++;
              }
            }
          }
          return done;
        }, pool));
      }
      for (CompletableFuture<Integer> b : busy) {
        assertThat(b.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
      assertThat(pending).allMatch(f -> !f.isDone()); // still waiting, yet everyone else was served
      int i = 0;
      for (CompletableFuture<Object> h : fx.methods.held) {
        h.complete("done " + i++);
      }
      List<Object> answers = new ArrayList<>();
      for (CompletableFuture<Object> p : pending) {
        answers.add(p.get(30, TimeUnit.SECONDS));
      }
      assertThat(answers).containsExactlyInAnyOrder("done 0", "done 1", "done 2", "done 3");
    }
  }

  @Test
  void clientReconnectsAfterServerRestart() throws Exception {
    ServerFixture fx = new ServerFixture(dir);
    try (RpcClient c = RpcClient.create(fx.unixUrl())) {
      assertThat(c.call("test.echo", 1)).isEqualTo(1);
      fx.close();
      fx = new ServerFixture(dir);
      assertThat(c.call("test.echo", 2)).isEqualTo(2); // kept-alive connection was closed: one transparent retry
    } finally {
      fx.close();
    }
  }

  @Test
  void deferredCallOutlivesTheIdleTimeoutAndIdleConnectionsAreReopened() throws Exception {
    TestMethods methods = new TestMethods();
    Path socket = dir.resolve("idle.sock");
    RpcHttpServer server = RpcHttpServer.builder(methods.dispatcher(), new RecordingLog())
        .unix(List.of(new UnixHttpServerConfig("unix_http_server", socket, 0700, UidGid.UNCHANGED,
            Optional.empty(), Optional.empty())))
        .idleTimeout(Duration.ofMillis(300))
        .build();
    server.start();
    try (RpcClient c = RpcClient.create("unix://" + socket)) {
      assertThat(c.call("test.slow", 1500)).isEqualTo("slept 1500");
      Thread.sleep(1000); // the kept-alive connection is closed by the server meanwhile
      assertThat(c.call("test.echo", "again")).isEqualTo("again");
    } finally {
      server.stop();
    }
  }
}

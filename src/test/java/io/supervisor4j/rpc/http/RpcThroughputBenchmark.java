package io.supervisor4j.rpc.http;

import io.supervisor4j.rpc.RpcClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Calls per second with 8 kept-alive clients; run with -Dsurefire.excludedGroups= -Dgroups=benchmark. */
@Tag("benchmark")
@Timeout(300)
class RpcThroughputBenchmark {
  @TempDir Path dir;

  @Test
  void eightClients() throws Exception {
    int before = ManagementFactory.getThreadMXBean().getThreadCount();
    try (ServerFixture fx = new ServerFixture(dir); ExecutorService pool = Executors.newFixedThreadPool(8)) {
      int idle = ManagementFactory.getThreadMXBean().getThreadCount();
      for (String url : fx.urls()) {
        for (int round = 0; round < 3; round++) {
          int perClient = 5_000;
          long t0 = System.nanoTime();
          List<CompletableFuture<Void>> all = new ArrayList<>();
          for (int i = 0; i < 8; i++) {
            all.add(CompletableFuture.runAsync(() -> {
              try (RpcClient c = RpcClient.create(url)) {
                for (int n = 0; n < perClient; n++) {
                  c.call("test.echo", "x");
                }
              }
            }, pool));
          }
          CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
          double secs = (System.nanoTime() - t0) / 1e9;
          System.out.printf("BENCH %s round %d: %.0f calls/s%n", url.substring(0, 4), round, 8 * perClient / secs);
        }
      }
      System.out.printf("BENCH threads: before server %d, idle server %d, after load %d%n", before, idle,
          ManagementFactory.getThreadMXBean().getThreadCount());
    }
  }
}

package io.supervisor4j.spawn;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prints spawn+reap throughput and the per-spawn cost of each user= strategy. Excluded by default (tag
 * "benchmark"); run with {@code -Dsurefire.excludedGroups=none -Dtest=SpawnBenchmark}.
 */
@Tag("benchmark")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SpawnBenchmark {
  static final int N = 1000;

  @Test
  void spawnRates() throws Exception {
    UserAccount nobody = UserAccount.lookup("nobody").orElseThrow();
    SpawnSpec plain = SpawnSpec.of("true", Path.of("/bin/true"), List.of("true"), List.of());
    try (ChildWatcher watcher = new ChildWatcher((p, s) -> {}, Duration.ofMillis(100))) {
      for (int round = 0; round < 3; round++) {
        try (Spawner spawner = new Spawner(Spawner.PrivilegeDrop.THREAD_CREDENTIALS)) {
          double base = perSpawnMillis(spawner, watcher, plain);
          double thread = perSpawnMillis(spawner, watcher, plain.withUser(nobody));
          System.out.printf("round %d: plain %.3f ms/spawn (%.0f spawn+reap/s), thread credentials %+.3f ms%n",
              round, base, 1000 / base, thread - base);
          System.out.printf("round %d: pipelined %.0f spawn+reap/s%n", round, pipelinedRate(spawner, watcher, plain));
        }
        try (Spawner spawner = new Spawner(Spawner.PrivilegeDrop.SETPRIV)) {
          double base = perSpawnMillis(spawner, watcher, plain);
          double setpriv = perSpawnMillis(spawner, watcher, plain.withUser(nobody));
          System.out.printf("round %d: plain %.3f ms/spawn, setpriv %+.3f ms%n", round, base, setpriv - base);
        }
      }
    }
  }

  /** Sequential spawn, wait for exit and EOF: the full cycle a supervisor does for a short-lived program. */
  static double perSpawnMillis(Spawner spawner, ChildWatcher watcher, SpawnSpec spec) throws Exception {
    for (int i = 0; i < 50; i++) {
      cycle(spawner, watcher, spec);
    }
    long start = System.nanoTime();
    for (int i = 0; i < N; i++) {
      cycle(spawner, watcher, spec);
    }
    return (System.nanoTime() - start) / 1e6 / N;
  }

  /** Spawn N without waiting, then wait for all: throughput when many programs start at once. */
  static double pipelinedRate(Spawner spawner, ChildWatcher watcher, SpawnSpec spec) throws Exception {
    Collector[] cs = new Collector[N];
    SpawnedChild[] children = new SpawnedChild[N];
    long start = System.nanoTime();
    for (int i = 0; i < N; i++) {
      children[i] = spawner.spawn(spec);
      cs[i] = new Collector();
      watcher.watch(children[i], cs[i]);
    }
    for (int i = 0; i < N; i++) {
      cs[i].awaitAll(children[i], true);
    }
    return N / ((System.nanoTime() - start) / 1e9);
  }

  static void cycle(Spawner spawner, ChildWatcher watcher, SpawnSpec spec) throws Exception {
    SpawnedChild child = spawner.spawn(spec);
    Collector c = new Collector();
    watcher.watch(child, c);
    c.awaitAll(child, true);
  }
}

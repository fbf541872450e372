package io.supervisor4j.process;

import io.supervisor4j.config.GroupConfig;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Drives the engine step by step on the test thread with a fake clock: the test thread plays the loop thread,
 * so every outcome is deterministic.
 */
final class Harness {
  static final Instant T0 = Instant.parse("2026-11-24T18:44:00Z");

  final FakeClock clock = new FakeClock(T0);
  final Fakes.Launcher launcher = new Fakes.Launcher();
  final Fakes.Signaller signaller = new Fakes.Signaller();
  final Fakes.Log log = new Fakes.Log();
  final Fakes.Listener listener = new Fakes.Listener();
  final Engine engine =
      new Engine(new Ports(clock, launcher, signaller, log, LogPaths.fromConfig(), listener));
  final Commands commands = new Commands(engine);

  Harness(GroupConfig... groups) {
    for (GroupConfig g : groups) {
      engine.addGroup(g);
    }
  }

  /** One loop iteration at the current time. */
  Harness step() {
    engine.runOnce();
    return this;
  }

  Harness advance(double seconds) {
    clock.advanceSeconds(seconds);
    return step();
  }

  /** Moves the clock to the loop's next deadline and runs an iteration; returns how far the clock moved. */
  long advanceToNextDeadline() {
    long before = clock.nanoTime();
    clock.setNanoTime(engine.nextWakeNanos());
    step();
    return clock.nanoTime() - before;
  }

  Harness exit(int pid, WaitStatus status) {
    engine.childExited(pid, status.raw());
    return step();
  }

  Subprocess process(String namespec) {
    Namespec ns = Namespec.parse(namespec);
    return engine.group(ns.group()).orElseThrow().process(ns.process().orElseThrow()).orElseThrow();
  }

  List<String> edges(String namespec) {
    return process(namespec).history().stream().map(Transition::edge).toList();
  }

  static FaultException fault(CompletableFuture<?> f) {
    try {
      f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof FaultException fe) {
        return fe;
      }
      throw e;
    }
    throw new AssertionError("expected a fault, got " + f.join());
  }

  static FaultException fault(Runnable r) {
    try {
      r.run();
    } catch (FaultException e) {
      return e;
    }
    throw new AssertionError("expected a fault");
  }
}

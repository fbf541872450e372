package io.supervisor4j.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * supervisord's {@code make_allfunc}: applies a one-process command to every process that passes the predicate,
 * collects immediate results in the given order, then the waited-for ones in completion order.
 */
final class AllProcesses {
  private final Engine engine;
  private final List<ProcessResult> results = new ArrayList<>();
  private final Map<Subprocess, Waiter> waiting = new LinkedHashMap<>();

  AllProcesses(Engine engine) {
    this.engine = engine;
  }

  CompletableFuture<List<ProcessResult>> run(
      List<Subprocess> processes, Predicate<Subprocess> predicate, Function<Subprocess, Optional<Waiter>> command) {
    for (Subprocess p : processes) {
      if (!predicate.test(p)) {
        continue;
      }
      try {
        command.apply(p).ifPresentOrElse(w -> waiting.put(p, w), () -> results.add(ProcessResult.ok(p)));
      } catch (FaultException e) {
        results.add(ProcessResult.failed(p, e));
      }
    }
    Optional<Waiter> all = waiting.isEmpty() ? Optional.empty() : Optional.of(new Waiter() {
      @Override
      public boolean poll() {
        return pollAll();
      }

      @Override
      public OptionalLong deadline() {
        OptionalLong best = OptionalLong.empty();
        for (Waiter w : waiting.values()) {
          OptionalLong d = w.deadline();
          if (d.isPresent() && (best.isEmpty() || d.getAsLong() - best.getAsLong() < 0)) {
            best = d;
          }
        }
        return best;
      }
    });
    return engine.await(all, () -> List.copyOf(results));
  }

  private boolean pollAll() {
    var it = waiting.entrySet().iterator();
    while (it.hasNext()) {
      var e = it.next();
      try {
        if (e.getValue().poll()) {
          results.add(ProcessResult.ok(e.getKey()));
          it.remove();
        }
      } catch (FaultException fault) {
        results.add(ProcessResult.failed(e.getKey(), fault));
        it.remove();
      }
    }
    return waiting.isEmpty();
  }
}

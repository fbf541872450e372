package io.supervisor4j.process;

import java.util.List;

/**
 * The answer of {@code startProcess}, {@code stopProcess} and {@code signalProcess}: {@code true} for one process,
 * or the result array when the namespec named a whole group ({@code g:*}), exactly as supervisord answers.
 */
public sealed interface Reply {
  record Done() implements Reply {}

  record Results(List<ProcessResult> results) implements Reply {
    public Results {
      results = List.copyOf(results);
    }
  }

  Reply DONE = new Done();
}

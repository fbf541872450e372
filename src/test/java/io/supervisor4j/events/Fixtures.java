package io.supervisor4j.events;

import io.supervisor4j.config.AutoRestart;
import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.EventListenerConfig;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.SignalSpec;
import io.supervisor4j.process.ProcessState;
import io.supervisor4j.process.Transition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

final class Fixtures {
  private Fixtures() {}

  static Transition transition(
      String group, String name, ProcessState from, ProcessState to, int pid, int tries, boolean expected) {
    return new Transition(group, name, from, to, pid, tries, expected, 0L, Optional.empty());
  }

  static Transition transition(String name, ProcessState from, ProcessState to, int pid) {
    return transition(name, name, from, to, pid, 0, true);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static GroupConfig pool(String name, int numprocs, int bufferSize, String... events) {
    List<ProcessConfig> procs =
        java.util.stream.IntStream.range(0, numprocs)
            .mapToObj(i -> process(numprocs == 1 ? name : name + "_" + i, name))
            .toList();
    return new GroupConfig(
        name,
        GroupConfig.Kind.EVENTLISTENER,
        -1,
        procs,
        Optional.of(
            new EventListenerConfig(Arrays.asList(events), bufferSize, EventListenerConfig.DEFAULT_RESULT_HANDLER)),
        Optional.empty());
  }

  static ProcessConfig process(String name, String program) {
    ChannelLogConfig ch = new ChannelLogConfig(LogFile.NONE, 0, 0, 0, false, false);
    return new ProcessConfig(
        name, program, "true", -1, true, AutoRestart.UNEXPECTED, 1, 3, Set.of(0), new SignalSpec("TERM", 15), 10,
        false, false, Optional.empty(), false, ch, ch, Map.of(), Optional.empty(), OptionalInt.empty(), "AUTO");
  }
}

package io.supervisor4j.process;

import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.ProcessConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A group and its processes (supervisord's {@code ProcessGroup}). Confined to the event-loop thread. */
public final class ProcessGroup {
  private final GroupConfig config;
  private final Map<String, Subprocess> processes = new LinkedHashMap<>(); // config order

  ProcessGroup(GroupConfig config, Ports ports, Map<Integer, Subprocess> pidHistory) {
    this.config = config;
    for (ProcessConfig pc : config.processes()) {
      processes.put(pc.name(), new Subprocess(pc, config.name(), ports, pidHistory));
    }
  }

  public String name() {
    return config.name();
  }

  public int priority() {
    return config.priority();
  }

  public GroupConfig config() {
    return config;
  }

  public Optional<Subprocess> process(String name) {
    return Optional.ofNullable(processes.get(name));
  }

  /** Processes in config order (supervisord's dict order). */
  public List<Subprocess> processes() {
    return List.copyOf(processes.values());
  }

  /** Processes in ascending priority, stable (config order among equals), as supervisord sorts them. */
  public List<Subprocess> byPriority() {
    List<Subprocess> sorted = new ArrayList<>(processes.values());
    sorted.sort(Comparator.comparingInt(p -> p.config().priority()));
    return sorted;
  }

  /** Processes not in a stopped state. */
  public List<Subprocess> unstopped() {
    return processes.values().stream().filter(p -> !ProcessState.STOPPED_STATES.contains(p.state())).toList();
  }

  void transition(SupervisorState mood) {
    for (Subprocess p : processes.values()) {
      p.transition(mood);
    }
  }

  /** Shutdown step: stop RUNNING/STARTING processes in descending priority, give up on BACKOFF ones. */
  void stopAll() {
    for (Subprocess p : byPriority().reversed()) {
      switch (p.state()) {
        case RUNNING, STARTING -> p.stop();
        case BACKOFF -> p.giveUp(FailureReason.Kind.GIVEN_UP_AT_SHUTDOWN);
        default -> {}
      }
    }
  }
}

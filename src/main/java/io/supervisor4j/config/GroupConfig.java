package io.supervisor4j.config;

import java.util.List;
import java.util.Optional;

/**
 * A process group: from {@code [program:x]} (homogeneous), {@code [group:x]} (heterogeneous),
 * {@code [eventlistener:x]} (a listener pool) or {@code [fcgi-program:x]}. The unit of add/remove/update.
 *
 * @param processes sorted by (priority, name) as supervisord sorts them
 */
public record GroupConfig(
    String name,
    Kind kind,
    int priority,
    List<ProcessConfig> processes,
    Optional<EventListenerConfig> listener,
    Optional<FcgiSocketConfig> fcgiSocket) {

  public enum Kind {
    PROGRAM,
    GROUP,
    EVENTLISTENER,
    FCGI_PROGRAM
  }

  public GroupConfig {
    processes = List.copyOf(processes);
  }
}

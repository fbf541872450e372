package io.supervisor4j.config;

import java.util.List;

/** The keys only {@code [eventlistener:x]} has. {@code events} are upper-cased known type names. */
public record EventListenerConfig(List<String> events, int bufferSize, String resultHandler) {
  public static final String DEFAULT_RESULT_HANDLER = "supervisor.dispatchers:default_handler";

  public EventListenerConfig {
    events = List.copyOf(events);
  }
}

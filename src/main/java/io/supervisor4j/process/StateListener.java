package io.supervisor4j.process;

import io.supervisor4j.config.GroupConfig;

/**
 * Hook for the events feature. Called on the event-loop thread right after a change is committed; must return
 * quickly and must not call the engine synchronously (submitting {@link Supervisor} commands is fine). Exceptions
 * are logged and otherwise ignored.
 */
public interface StateListener {
  void processStateChanged(Transition transition, ProcessInfo snapshot);

  /** supervisord started its loop (SUPERVISOR_STATE_CHANGE_RUNNING). */
  default void supervisorRunning() {}

  /** supervisord began to shut down or restart (SUPERVISOR_STATE_CHANGE_STOPPING). */
  default void supervisorStopping() {}

  default void groupAdded(String groupName) {}

  /** A group became active; by default the same as {@link #groupAdded(String)}. */
  default void groupAdded(GroupConfig config) {
    groupAdded(config.name());
  }

  default void groupRemoved(String groupName) {}

  StateListener NONE = (t, s) -> {};
}

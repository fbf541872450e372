package io.supervisor4j.daemon;

import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.process.ProcessInfo;
import io.supervisor4j.process.StateListener;
import io.supervisor4j.process.Transition;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's one {@link StateListener} made of several, called in list order, each guarded so that one failing
 * does not keep the change from the others. The daemon's order: the runtime (failure explanations captured while
 * the output is fresh), then the event system (the event a listener sees is about a change already explained).
 */
final class StateListeners implements StateListener {
  private final List<StateListener> listeners;
  private final ActivityLog log;

  StateListeners(ActivityLog log, StateListener... listeners) {
    this.listeners = List.of(listeners);
    this.log = log;
  }

  private void each(String what, Consumer<StateListener> call) {
    for (StateListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.error("state listener failed on " + what + ": " + e);
      }
    }
  }

  @Override
  public void processStateChanged(Transition transition, ProcessInfo snapshot) {
    each(transition.name() + " " + transition.edge(), l -> l.processStateChanged(transition, snapshot));
  }

  @Override
  public void supervisorRunning() {
    each("RUNNING", StateListener::supervisorRunning);
  }

  @Override
  public void supervisorStopping() {
    each("STOPPING", StateListener::supervisorStopping);
  }

  @Override
  public void groupAdded(String groupName) {
    each("group added " + groupName, l -> l.groupAdded(groupName));
  }

  @Override
  public void groupAdded(GroupConfig config) {
    each("group added " + config.name(), l -> l.groupAdded(config));
  }

  @Override
  public void groupRemoved(String groupName) {
    each("group removed " + groupName, l -> l.groupRemoved(groupName));
  }
}

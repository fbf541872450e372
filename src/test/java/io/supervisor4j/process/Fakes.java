package io.supervisor4j.process;

import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.log.ActivityLog;
import io.supervisor4j.log.LogLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The fakes of the ports (only for the pure state machine; real processes are tested at integration). */
final class Fakes {
  private Fakes() {}

  /** Hands out pids from 100 up; a program can be made to fail its spawns. */
  static final class Launcher implements ProcessLauncher {
    final List<String> launched = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Launch.Failed> failing = new HashMap<>();
    final Map<String, Launch.Failed> checkFailing = new HashMap<>();
    private int nextPid = 100;

    @Override
    public synchronized Launch launch(ProcessConfig config, String groupName) {
      Launch.Failed f = failing.get(config.name());
      if (f != null) {
        return f;
      }
      launched.add(groupName + ":" + config.name());
      return new Launch.Launched(nextPid++);
    }

    @Override
    public Optional<Launch.Failed> check(ProcessConfig config) {
      return Optional.ofNullable(checkFailing.get(config.name()));
    }
  }

  record Kill(int pid, int signal, boolean toGroup) {}

  static final class Signaller implements ProcessSignaller {
    final List<Kill> kills = Collections.synchronizedList(new ArrayList<>());
    volatile Optional<String> errno = Optional.empty();
    volatile Consumer<Kill> onKill = k -> {};

    @Override
    public Optional<String> kill(int pid, int signal, boolean toGroup) {
      Kill k = new Kill(pid, signal, toGroup);
      kills.add(k);
      onKill.accept(k);
      return errno;
    }
  }

  /** Records main-log lines as {@code LEVEL message}; DEBG and below are kept apart. */
  static final class Log implements ActivityLog {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<String> debug = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void log(LogLevel level, String message) {
      (level.isAtLeast(LogLevel.INFO) ? lines : debug).add(level + " " + message);
    }

    @Override
    public boolean isEnabled(LogLevel level) {
      return true;
    }

    List<String> take() {
      synchronized (lines) {
        List<String> copy = List.copyOf(lines);
        lines.clear();
        return copy;
      }
    }
  }

  static final class Listener implements StateListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void processStateChanged(Transition t, ProcessInfo snapshot) {
      events.add(t.name() + " " + t.edge() + " pid:" + t.pid() + " tries:" + t.tries() + " expected:" + t.expected());
    }

    @Override
    public void supervisorStopping() {
      events.add("SUPERVISOR STOPPING");
    }

    @Override
    public void groupAdded(String name) {
      events.add("GROUP ADDED " + name);
    }

    @Override
    public void groupRemoved(String name) {
      events.add("GROUP REMOVED " + name);
    }
  }
}

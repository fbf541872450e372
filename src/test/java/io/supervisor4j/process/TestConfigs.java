package io.supervisor4j.process;

import io.supervisor4j.config.AutoRestart;
import io.supervisor4j.config.ChannelLogConfig;
import io.supervisor4j.config.GroupConfig;
import io.supervisor4j.config.LogFile;
import io.supervisor4j.config.ProcessConfig;
import io.supervisor4j.config.SignalSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Program configs with supervisord's defaults, for state-machine tests. */
final class TestConfigs {
  private TestConfigs() {}

  static Program program(String name) {
    return new Program(name);
  }

  static GroupConfig group(String name, int priority, ProcessConfig... processes) {
    return new GroupConfig(name, GroupConfig.Kind.GROUP, priority, Arrays.asList(processes), Optional.empty(),
        Optional.empty());
  }

  static final class Program {
    final String name;
    int priority = 999;
    boolean autostart = true;
    AutoRestart autorestart = AutoRestart.UNEXPECTED;
    int startsecs = 1;
    int startretries = 3;
    Set<Integer> exitcodes = Set.of(0);
    SignalSpec stopsignal = new SignalSpec("TERM", 15);
    int stopwaitsecs = 10;
    boolean stopasgroup;
    boolean killasgroup;
    LogFile stdout = LogFile.AUTO;

    Program(String name) {
      this.name = name;
    }

    Program priority(int v) { priority = v; return this; }
    Program autostart(boolean v) { autostart = v; return this; }
    Program autorestart(AutoRestart v) { autorestart = v; return this; }
    Program startsecs(int v) { startsecs = v; return this; }
    Program startretries(int v) { startretries = v; return this; }
    Program exitcodes(Integer... v) { exitcodes = Set.of(v); return this; }
    Program stopwaitsecs(int v) { stopwaitsecs = v; return this; }
    Program stopasgroup(boolean v) { stopasgroup = v; return this; }
    Program killasgroup(boolean v) { killasgroup = v; return this; }
    Program stdout(LogFile v) { stdout = v; return this; }

    ProcessConfig config() {
      var out = new ChannelLogConfig(stdout, 50 * 1024 * 1024, 10, 0, false, false);
      var err = new ChannelLogConfig(LogFile.NONE, 50 * 1024 * 1024, 10, 0, false, false);
      return new ProcessConfig(name, name, "/bin/" + name, priority, autostart, autorestart, startsecs,
          startretries, exitcodes, stopsignal, stopwaitsecs, stopasgroup, killasgroup, Optional.empty(), false,
          out, err, Map.of(), Optional.empty(), OptionalInt.empty(), "AUTO");
    }

    /** A homogeneous group named after the program, as {@code [program:x]} makes. */
    GroupConfig group() {
      return new GroupConfig(name, GroupConfig.Kind.PROGRAM, priority, List.of(config()), Optional.empty(),
          Optional.empty());
    }
  }
}

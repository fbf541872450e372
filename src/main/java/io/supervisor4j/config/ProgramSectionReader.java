package io.supervisor4j.config;

import io.supervisor4j.config.Configuration.ParseMessage;
import io.supervisor4j.config.Datatypes.LogNamed;
import io.supervisor4j.config.Datatypes.LogTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The processes of one {@code [program:x]}, {@code [eventlistener:x]} or {@code [fcgi-program:x]} section
 * ({@code _processes_from_section}): keys read once per section, then one process per {@code process_num}, whose
 * keys may also use {@code process_num}, {@code numprocs} and the program's own environment as {@code ENV_*}.
 */
final class ProgramSectionReader {
  private final IniDocument doc;
  private final Problems problems;
  private final List<ParseMessage> messages;
  private final Map<String, String> env;
  private final Map<String, Object> envNames;
  private final String here;
  private final String hostNodeName;

  ProgramSectionReader(IniDocument doc, Problems problems, List<ParseMessage> messages, Map<String, String> env,
      Map<String, Object> envNames, String here, String hostNodeName) {
    this.doc = doc;
    this.problems = problems;
    this.messages = messages;
    this.env = env;
    this.envNames = envNames;
    this.here = here;
    this.hostNodeName = hostNodeName;
  }

  List<ProcessConfig> processes(String section, String groupName) {
    SectionReader s = new SectionReader(doc, section, problems);
    String programName = s.convert("", section.substring(section.indexOf(':') + 1), Datatypes::name,
        section.substring(section.indexOf(':') + 1));
    // One mutable map, as in supervisord: names added per process stay visible to the following processes.
    Map<String, Object> common = new HashMap<>();
    common.put("here", here);
    common.put("program_name", programName);
    common.put("host_node_name", hostNodeName);
    common.put("group_name", groupName);

    // the names each key may use, built once per program and once per process: a copy of the environment's
    // ENV_ names per key read cost a third of the configuration's parse time (N=500: about 30 ms)
    Map<String, Object> names = names(common);
    int priority = s.read("priority", "999", names, Datatypes::integer, 999);
    boolean autostart = s.read("autostart", "true", names, Datatypes::bool, true);
    AutoRestart autorestart =
        s.read("autorestart", "unexpected", names, Datatypes::autoRestart, AutoRestart.UNEXPECTED);
    int startsecs = s.read("startsecs", "1", names, Datatypes::integer, 1);
    int startretries = s.read("startretries", "3", names, Datatypes::integer, 3);
    SignalSpec stopsignal = s.read("stopsignal", "TERM", names, Signals::parse, Signals.of(15));
    int stopwaitsecs = s.read("stopwaitsecs", "10", names, Datatypes::integer, 10);
    boolean stopasgroup = s.read("stopasgroup", "false", names, Datatypes::bool, false);
    boolean killasgroup =
        s.read("killasgroup", Boolean.toString(stopasgroup), names, Datatypes::bool, stopasgroup);
    Set<Integer> exitcodes = s.read("exitcodes", "0", names, Datatypes::exitcodes, Set.of(0));
    boolean redirectStderr = s.read("redirect_stderr", "false", names, Datatypes::bool, false);
    int numprocs = s.read("numprocs", "1", names, Datatypes::integer, 1);
    int numprocsStart = s.read("numprocs_start", "0", names, Datatypes::integer, 0);
    String environmentText = s.raw("environment").map(IniDocument.Entry::value).orElse("");
    long stdoutCapture = s.read("stdout_capture_maxbytes", "0", names, Datatypes::byteSize, 0L);
    boolean stdoutEvents = s.read("stdout_events_enabled", "false", names, Datatypes::bool, false);
    long stderrCapture = s.read("stderr_capture_maxbytes", "0", names, Datatypes::byteSize, 0L);
    boolean stderrEvents = s.read("stderr_events_enabled", "false", names, Datatypes::bool, false);
    String serverurl = s.expanded("serverurl", names)
        .filter(x -> !x.isEmpty() && !Py.strip(x).equalsIgnoreCase("AUTO")).orElse("AUTO");
    Optional<String> user = s.expanded("user", names);
    user.ifPresent(u -> s.convert("user", u, Accounts.system()::nameToUid, 0));
    OptionalInt umask = s.expanded("umask", names)
        .map(x -> s.convert("umask", x, v -> OptionalInt.of(Datatypes.octal(v)), OptionalInt.empty()))
        .orElse(OptionalInt.empty());
    String processName = s.convert("process_name",
        s.raw("process_name").map(IniDocument.Entry::value).orElse("%(program_name)s"), Datatypes::name, "");
    if (numprocs > 1 && !processName.contains("%(process_num)")) {
      s.fail("process_name", "%(process_num) must be present within process_name when numprocs > 1");
    }
    if (stopasgroup && !killasgroup) {
      s.fail("killasgroup", "Cannot set stopasgroup=true and killasgroup=false");
    }

    List<ProcessConfig> processes = new ArrayList<>();
    for (int processNum = numprocsStart; processNum < numprocsStart + numprocs; processNum++) {
      common.put("process_num", processNum);
      common.put("numprocs", numprocs);
      common.putAll(envNames);
      Map<String, String> environment = Map.of();
      if (s.has("environment")) {
        environment = s.convert("environment", environmentText,
            x -> EnvironmentPairs.parse(Expander.expand(x, common, "environment")), Map.of());
      }
      environment.forEach((k, v) -> common.put("ENV_" + k, v));
      names = names(common);
      Optional<Path> directory = s.expanded("directory", names)
          .map(x -> s.convert("directory", x, Datatypes::path, null));
      ChannelLogConfig stdout = channel(s, "stdout", common, names, stdoutCapture, stdoutEvents);
      ChannelLogConfig stderr = channel(s, "stderr", common, names, stderrCapture, stderrEvents);
      if (redirectStderr) {
        if (stderr.logfile().kind() == LogFile.Kind.FILE) {
          warn("For [" + section + "], redirect_stderr=true but stderr_logfile has also been set to a filename, "
              + "the filename has been ignored");
        }
        stderr = new ChannelLogConfig(LogFile.NONE, stderr.maxbytes(), stderr.backups(), stderr.captureMaxbytes(),
            stderr.eventsEnabled(), stderr.syslog());
      }
      Optional<String> command = s.expanded("command", names);
      if (!s.has("command")) {
        s.fail("command", "program section " + section + " does not specify a command");
      }
      String name = s.convert("process_name", processName, x -> Expander.expand(x, common, "process_name"), "");
      if (command.isPresent()) {
        processes.add(new ProcessConfig(name, programName, command.get(), priority, autostart, autorestart,
            startsecs, startretries, exitcodes, stopsignal, stopwaitsecs, stopasgroup, killasgroup, user,
            redirectStderr, stdout, stderr, environment, directory, umask, serverurl));
      }
    }
    processes.sort(Comparator.comparingInt(ProcessConfig::priority).thenComparing(ProcessConfig::name));
    return processes;
  }

  /** The ENV_* names (process environment and [supervisord] environment) overlaid by the section's names. */
  private Map<String, Object> names(Map<String, Object> common) {
    Map<String, Object> all = new HashMap<>(envNames);
    all.putAll(common);
    return all;
  }

  private ChannelLogConfig channel(SectionReader s, String channel, Map<String, Object> common,
      Map<String, Object> names, long capture, boolean events) {
    String key = channel + "_logfile";
    LogFile logfile = LogFile.AUTO;
    boolean deprecatedSyslog = false;
    Optional<String> once = s.expanded(key, names);
    if (once.isPresent()) {
      // supervisord expands a log file name twice: "%%" ends up as a lone "%" that the second pass rejects.
      LogTarget target = s.convert(key, once.get(),
          x -> Datatypes.logfileName(Expander.expand(x, common, key), env), new LogNamed(LogFile.AUTO));
      if (target instanceof LogNamed(LogFile f)) {
        // An empty name is kept as '' by supervisord, which then logs nothing: NONE.
        logfile = f.path().filter(p -> p.toString().isEmpty()).isPresent() ? LogFile.NONE : f;
      } else {
        deprecatedSyslog = true;
        logfile = LogFile.NONE;
      }
    }
    int backups = s.read(channel + "_logfile_backups", "10", names, Datatypes::integer, 10);
    long maxbytes =
        s.read(channel + "_logfile_maxbytes", "50MB", names, Datatypes::byteSize, 50L * 1024 * 1024);
    boolean syslog = s.read(channel + "_syslog", "false", names, Datatypes::bool, false);
    if (deprecatedSyslog) {
      warn("For [" + s.section() + "], " + key + "=syslog but this is deprecated and will be removed.  Use "
          + channel + "_syslog=true to enable syslog instead.");
      syslog = true;
    }
    if (logfile.kind() == LogFile.Kind.AUTO && maxbytes == 0) {
      warn("For [" + s.section() + "], AUTO logging used for " + key + " without rollover, set maxbytes > 0 to "
          + "avoid filling up filesystem unintentionally");
    }
    return new ChannelLogConfig(logfile, maxbytes, backups, capture, events, syslog);
  }

  private void warn(String text) {
    messages.add(new ParseMessage("warn", text));
  }
}

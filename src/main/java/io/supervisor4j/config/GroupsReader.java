package io.supervisor4j.config;

import io.supervisor4j.config.GroupConfig.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All process groups ({@code process_groups_from_parser}): {@code [group:x]} first (their programs then form no
 * group of their own), then {@code [program:x]}, {@code [eventlistener:x]} and {@code [fcgi-program:x]}; finally
 * sorted by (priority, name), stably, as supervisord sorts them.
 */
final class GroupsReader {
  /** Event type names of supervisord 4.2.5 ({@code supervisor.events.EventTypes}). */
  static final Set<String> EVENT_TYPES = Set.of("EVENT", "PROCESS_COMMUNICATION", "PROCESS_COMMUNICATION_STDERR",
      "PROCESS_COMMUNICATION_STDOUT", "PROCESS_GROUP", "PROCESS_GROUP_ADDED", "PROCESS_GROUP_REMOVED",
      "PROCESS_LOG", "PROCESS_LOG_STDERR", "PROCESS_LOG_STDOUT", "PROCESS_STATE", "PROCESS_STATE_BACKOFF",
      "PROCESS_STATE_EXITED", "PROCESS_STATE_FATAL", "PROCESS_STATE_RUNNING", "PROCESS_STATE_STARTING",
      "PROCESS_STATE_STOPPED", "PROCESS_STATE_STOPPING", "PROCESS_STATE_UNKNOWN", "REMOTE_COMMUNICATION",
      "SUPERVISOR_STATE_CHANGE", "SUPERVISOR_STATE_CHANGE_RUNNING", "SUPERVISOR_STATE_CHANGE_STOPPING", "TICK",
      "TICK_3600", "TICK_5", "TICK_60");

  /** Linux's SOMAXCONN as Python reports it, the listen backlog when {@code socket_backlog} is not set. */
  static final int SOMAXCONN = 4096;

  private static final Pattern TCP_SOCKET = Pattern.compile("tcp://([^\\s:]+):(\\d+)");

  private final IniDocument doc;
  private final Problems problems;
  private final ProgramSectionReader programs;
  private final Map<String, Object> names;
  private final Map<String, String> env;

  GroupsReader(IniDocument doc, Problems problems, ProgramSectionReader programs, Map<String, Object> envNames,
      String here, Map<String, String> env) {
    this.doc = doc;
    this.problems = problems;
    this.programs = programs;
    this.names = new HashMap<>(envNames);
    this.names.put("here", here);
    this.env = env;
  }

  List<GroupConfig> groups() {
    List<GroupConfig> groups = new ArrayList<>();
    List<String> sections = doc.sections();
    Set<String> grouped = new HashSet<>();
    for (String section : sections) {
      if (section.startsWith("group:")) {
        groups.add(heterogeneous(section, sections, grouped));
      }
    }
    for (String section : sections) {
      if (section.startsWith("program:") && !grouped.contains(section)) {
        SectionReader s = new SectionReader(doc, section, problems);
        String name = s.convert("", section.substring(8), Datatypes::name, section.substring(8));
        int priority = s.read("priority", "999", names, Datatypes::integer, 999);
        groups.add(new GroupConfig(name, Kind.PROGRAM, priority, programs.processes(section, name),
            Optional.empty(), Optional.empty()));
      }
    }
    for (String section : sections) {
      if (section.startsWith("eventlistener:")) {
        groups.add(listenerPool(section));
      }
    }
    for (String section : sections) {
      if (section.startsWith("fcgi-program:") && !grouped.contains(section)) {
        groups.add(fcgiProgram(section));
      }
    }
    groups.sort(Comparator.comparingInt(GroupConfig::priority).thenComparing(GroupConfig::name));
    return groups;
  }

  private GroupConfig heterogeneous(String section, List<String> sections, Set<String> grouped) {
    SectionReader s = new SectionReader(doc, section, problems);
    String name = s.convert("", section.substring(6), Datatypes::name, section.substring(6));
    List<String> members = s.expanded("programs", names).map(Datatypes::listOfStrings).orElse(List.of());
    int priority = s.read("priority", "999", names, Datatypes::integer, 999);
    List<ProcessConfig> processes = new ArrayList<>();
    for (String member : members) {
      boolean program = sections.contains("program:" + member);
      boolean fcgi = sections.contains("fcgi-program:" + member);
      if (!program && !fcgi) {
        s.fail("programs", "[" + section + "] names unknown program or fcgi-program " + member);
      } else if (program && fcgi) {
        s.fail("programs", "[" + section + "] name " + member + " is ambiguous (exists as program and fcgi-program)");
      } else {
        String memberSection = (program ? "program:" : "fcgi-program:") + member;
        grouped.add(memberSection);
        processes.addAll(programs.processes(memberSection, name));
      }
    }
    return new GroupConfig(name, Kind.GROUP, priority, processes, Optional.empty(), Optional.empty());
  }

  private GroupConfig listenerPool(String section) {
    SectionReader s = new SectionReader(doc, section, problems);
    String name = section.substring(section.indexOf(':') + 1);
    // Listeners start first and stop last: the pool's priority defaults to -1 (its processes' to 999).
    int priority = s.read("priority", "-1", names, Datatypes::integer, -1);
    int bufferSize = s.read("buffer_size", "10", names, Datatypes::integer, 10);
    if (bufferSize < 1) {
      s.fail("buffer_size", "[" + section + "] section sets invalid buffer_size (" + bufferSize + ")");
    }
    String handler = s.expanded("result_handler", names).orElse(EventListenerConfig.DEFAULT_RESULT_HANDLER);
    if (!handler.strip().equals(EventListenerConfig.DEFAULT_RESULT_HANDLER)) {
      // The only Python handler supervisor4j implements; any other could not be called.
      s.fail("result_handler", handler + " cannot be resolved within [" + section + "]");
    }
    Set<String> events = new LinkedHashSet<>();
    for (String event : s.expanded("events", names).map(Datatypes::listOfStrings).orElse(List.of())) {
      events.add(event.toUpperCase(java.util.Locale.ROOT));
    }
    if (events.isEmpty()) {
      s.fail("events", "[" + section + "] section requires an \"events\" line");
    }
    for (String event : events) {
      if (!EVENT_TYPES.contains(event)) {
        s.fail("events", "Unknown event type " + event + " in [" + section + "] events");
      }
    }
    if (s.read("redirect_stderr", "false", names, Datatypes::bool, false)) {
      s.fail("redirect_stderr", "[" + section + "] section sets redirect_stderr=true but this is not allowed "
          + "because it will interfere with the eventlistener protocol");
    }
    return new GroupConfig(name, Kind.EVENTLISTENER, priority, programs.processes(section, name),
        Optional.of(new EventListenerConfig(List.copyOf(events), bufferSize, handler.strip())), Optional.empty());
  }

  private GroupConfig fcgiProgram(String section) {
    SectionReader s = new SectionReader(doc, section, problems);
    String name = s.convert("", section.substring(13), Datatypes::name, section.substring(13));
    int priority = s.read("priority", "999", names, Datatypes::integer, 999);
    Accounts accounts = Accounts.system();
    OptionalInt procUid = s.expanded("user", names)
        .map(u -> s.convert("user", u, x -> OptionalInt.of(accounts.nameToUid(x)), OptionalInt.empty()))
        .orElse(OptionalInt.empty());
    int backlog = s.read("socket_backlog", Integer.toString(SOMAXCONN), names, x -> {
      int b = Datatypes.integer(x);
      if (b < 1 || b > 65535) {
        throw new ValueProblem("Invalid socket_backlog value " + b);
      }
      return b;
    }, SOMAXCONN);
    Optional<UidGid> owner = s.expanded("socket_owner", names).map(x -> s.convert("socket_owner", x, v -> {
      try {
        return Datatypes.userGroup(v);
      } catch (ValueProblem p) {
        throw new ValueProblem("Invalid socket_owner value " + v);
      }
    }, UidGid.UNCHANGED));
    OptionalInt mode = s.expanded("socket_mode", names).map(x -> s.convert("socket_mode", x, v -> {
      try {
        return OptionalInt.of(Datatypes.octal(v));
      } catch (ValueProblem p) {
        throw new ValueProblem("Invalid socket_mode value " + v);
      }
    }, OptionalInt.empty())).orElse(OptionalInt.empty());
    Map<String, Object> socketNames = new HashMap<>(names);
    socketNames.put("program_name", name);
    Optional<String> socket = s.expanded("socket", socketNames);
    FcgiSocketConfig socketConfig = null;
    if (socket.isEmpty() || socket.get().isEmpty()) {
      if (socket.isPresent() || !s.has("socket")) {
        s.fail("socket", "[" + section + "] section requires a \"socket\" line");
      }
    } else {
      socketConfig = s.convert("socket", socket.get(), x -> {
        try {
          return fcgiSocket(x, procUid, owner, mode, backlog, s.has("socket_owner"), s.has("socket_mode"));
        } catch (ValueProblem p) {
          throw new ValueProblem(p.getMessage() + " in [" + section + "] socket");
        }
      }, null);
    }
    return new GroupConfig(name, Kind.FCGI_PROGRAM, priority, programs.processes(section, name), Optional.empty(),
        Optional.ofNullable(socketConfig));
  }

  private FcgiSocketConfig fcgiSocket(String socket, OptionalInt procUid, Optional<UidGid> owner, OptionalInt mode,
      int backlog, boolean ownerGiven, boolean modeGiven) {
    if (socket.startsWith("unix://")) {
      String path = socket.substring(7);
      if (!path.startsWith("/")) {
        throw new ValueProblem("Unix socket path " + path + " is not an absolute path");
      }
      Optional<UidGid> effectiveOwner = owner;
      if (!ownerGiven && procUid.isPresent() && procUid.getAsInt() != Accounts.currentUid()) {
        int uid = procUid.getAsInt();
        effectiveOwner = Optional.of(new UidGid(uid, Accounts.system().gidForUid(uid)));
      }
      return new FcgiSocketConfig("unix://" + Datatypes.normalizePath(path, env), backlog, effectiveOwner,
          OptionalInt.of(mode.orElse(0700)));
    }
    if (ownerGiven || modeGiven) {
      throw new ValueProblem("socket_owner and socket_mode params should only be used with a Unix domain socket");
    }
    Matcher m = TCP_SOCKET.matcher(socket);
    if (m.matches()) {
      String host = m.group(1).toLowerCase(java.util.Locale.ROOT);
      int port = Datatypes.portNumber(m.group(2));
      return new FcgiSocketConfig("tcp://" + host + ":" + port, backlog, Optional.empty(), OptionalInt.empty());
    }
    throw new ValueProblem("Bad socket format " + socket);
  }
}

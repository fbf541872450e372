package io.supervisor4j.ctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion as supervisorctl's: command names for the first word and after {@code help}; group names after
 * add, remove and update; process names ({@code name}, {@code group:name}, {@code group:*}) after the process
 * commands. Names come from one getAllProcessInfo per completed line.
 */
final class ShellCompleter implements Completer {
  private static final Set<String> GROUP_COMMANDS = Set.of("add", "remove", "update");
  private static final Set<String> PROCESS_COMMANDS =
      Set.of("clear", "fg", "pid", "restart", "signal", "start", "status", "stop", "tail", "why");

  private final Controller ctl;

  ShellCompleter(Controller ctl) {
    this.ctl = ctl;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    completions(line.line().substring(0, Math.min(line.cursor(), line.line().length())), line.word())
        .forEach(c -> candidates.add(new Candidate(c)));
  }

  /** The completions of {@code text} (the word at the cursor) in the line typed so far. */
  List<String> completions(String lineSoFar, String text) {
    List<String> words = ProcessCommands.words(lineSoFar);
    if (words.isEmpty() || (words.size() == 1 && !lineSoFar.endsWith(" "))) {
      return actions(text);
    }
    String action = words.getFirst();
    try {
      if (action.equals("help")) {
        return actions(text);
      } else if (GROUP_COMMANDS.contains(action)) {
        return groups(text);
      } else if (PROCESS_COMMANDS.contains(action)) {
        return processes(text);
      }
    } catch (RuntimeException e) {
      // no server, no names to offer
    }
    return List.of();
  }

  private List<String> actions(String text) {
    return ctl.vocabulary().stream().filter(a -> a.startsWith(text)).toList();
  }

  private List<String> groups(String text) {
    List<String> groups = new ArrayList<>();
    for (Map<String, Object> info : ctl.callList("getAllProcessInfo")) {
      String g = Structs.str(info, "group");
      if (!groups.contains(g)) {
        groups.add(g);
      }
    }
    return groups.stream().filter(g -> g.startsWith(text)).toList();
  }

  private List<String> processes(String text) {
    List<String> names = new ArrayList<>();
    for (Map<String, Object> info : ctl.callList("getAllProcessInfo")) {
      String group = Structs.str(info, "group");
      String name = Structs.str(info, "name");
      if (text.contains(":") || !name.equals(group)) {
        names.add(group + ":" + name);
        if (!names.contains(group + ":*")) {
          names.add(group + ":*");
        }
      } else {
        names.add(name);
      }
    }
    return names.stream().filter(p -> p.startsWith(text)).toList();
  }
}

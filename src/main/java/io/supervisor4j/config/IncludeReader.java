package io.supervisor4j.config;

import io.supervisor4j.config.Configuration.ParseMessage;
import io.supervisor4j.config.IniDocument.Entry;
import io.supervisor4j.config.IniDocument.Origin;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the main file and its {@code [include] files=} globs into one {@link IniDocument}, in supervisord's order:
 * each pattern's matches sorted, relative to the including file's directory, later values winning, and
 * {@code %(here)s} replaced per file.
 *
 * <p>Documented supervisor4j extension: an {@code [include]} inside an included file is processed too (relative to
 * that file; a cycle is an error). supervisord 4.2.5 silently ignores such nested includes.
 */
final class IncludeReader {
  private final Problems problems;
  private final List<ParseMessage> messages;
  private final Map<String, Object> names;

  IncludeReader(Problems problems, List<ParseMessage> messages, Map<String, Object> envNames, String hostNodeName) {
    this.problems = problems;
    this.messages = messages;
    this.names = new HashMap<>(envNames);
    this.names.put("host_node_name", hostNodeName);
  }

  /** The text of a file, or empty with a problem recorded. */
  static Optional<String> readText(String shown, Path file, Problems problems) {
    if (!Files.exists(file)) {
      problems.add(new Origin(shown, 0), "", "", "could not find config file " + shown);
      return Optional.empty();
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString());
    } catch (CharacterCodingException e) {
      problems.add(new Origin(shown, 0), "", "", "could not read config file " + shown + " (not UTF-8)");
    } catch (IOException e) {
      problems.add(new Origin(shown, 0), "", "", "could not read config file " + shown);
    }
    return Optional.empty();
  }

  IniDocument read(String shown, Path main) {
    Optional<String> text = readText(shown, main, problems);
    if (text.isEmpty()) {
      return new IniDocument();
    }
    IniDocument doc = IniParser.parse(shown, text.get(), problems);
    if (doc.has("include")) {
      Path dir = main.toAbsolutePath().normalize().getParent();
      doc.expandHere(dir.toString());
      List<Path> chain = new ArrayList<>(List.of(real(main)));
      includeFrom(doc, doc, dir, chain);
    }
    return doc;
  }

  /** Processes the {@code [include]} of {@code source} (already merged into {@code doc}). */
  private void includeFrom(IniDocument doc, IniDocument source, Path dir, List<Path> chain) {
    SectionReader s = new SectionReader(source, "include", problems);
    Optional<Entry> files = s.raw("files");
    if (files.isEmpty()) {
      s.fail("", ".ini file has [include] section, but no files setting");
      return;
    }
    Map<String, Object> withHere = new HashMap<>(names);
    withHere.put("here", dir.toString());
    Optional<String> patterns = s.expanded("files", withHere);
    for (String pattern : patterns.map(Py::split).orElse(List.of())) {
      String joined = pattern.startsWith("/") ? pattern : dir + "/" + pattern;
      List<String> matches = Glob.glob(joined).stream().sorted().collect(Collectors.toList());
      if (matches.isEmpty()) {
        messages.add(new ParseMessage("warn", "No file matches via include \"" + joined + "\""));
        continue;
      }
      for (String match : matches) {
        messages.add(new ParseMessage("info", "Included extra file \"" + match + "\" during parsing"));
        Path file = Path.of(match);
        if (chain.contains(real(file))) {
          s.fail("files", "include cycle: " + chain.stream().map(Path::toString)
              .collect(Collectors.joining(" -> ")) + " -> " + real(file));
          continue;
        }
        Optional<String> text = readIncluded(file);
        if (text.isEmpty()) {
          continue; // RawConfigParser.read() skips files it cannot open (a directory matched by the glob, say)
        }
        IniDocument included = IniParser.parse(match, text.get(), problems);
        doc.merge(included);
        Path includedDir = file.toAbsolutePath().normalize().getParent();
        doc.expandHere(includedDir.toString());
        if (included.has("include")) {
          included.expandHere(includedDir.toString());
          chain.add(real(file));
          includeFrom(doc, included, includedDir, chain); // our extension, see the class comment
          chain.remove(chain.size() - 1);
        }
      }
    }
  }

  private Optional<String> readIncluded(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      return Optional.empty();
    }
    Problems local = new Problems();
    Optional<String> text = readText(file.toString(), file, local);
    local.lines().forEach(l -> problems.add(new Origin("", 0), "", "", l));
    return text;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}

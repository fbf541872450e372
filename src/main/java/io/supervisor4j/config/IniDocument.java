package io.supervisor4j.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merged sections of one supervisord.conf and its includes, as Python's RawConfigParser holds them: section
 * names case-sensitive in first-definition order, keys lower-cased, last value wins, {@code [DEFAULT]} keys
 * visible in every section. Every value keeps the file and line it came from.
 */
final class IniDocument {
  /** Where a value or section was written; line 0 when unknown. */
  record Origin(String file, int line) {}

  record Entry(String value, Origin origin) {}

  static final String DEFAULT = "DEFAULT";

  private final Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
  private final Map<String, Origin> sectionOrigins = new LinkedHashMap<>();
  private final Map<String, Entry> defaults = new LinkedHashMap<>();

  /** Opens (or re-opens, merging) a section and returns its key map. */
  Map<String, Entry> section(String name, Origin origin) {
    if (name.equals(DEFAULT)) {
      return defaults;
    }
    sectionOrigins.putIfAbsent(name, origin);
    return sections.computeIfAbsent(name, k -> new LinkedHashMap<>());
  }

  List<String> sections() {
    return new ArrayList<>(sections.keySet());
  }

  boolean has(String section) {
    return sections.containsKey(section);
  }

  Origin origin(String section) {
    return sectionOrigins.getOrDefault(section, new Origin("", 0));
  }

  /** The value of a key in a section, falling back to {@code [DEFAULT]}. */
  Optional<Entry> get(String section, String key) {
    Map<String, Entry> own = sections.get(section);
    if (own != null && own.containsKey(key)) {
      return Optional.of(own.get(key));
    }
    return Optional.ofNullable(defaults.get(key));
  }

  /** The section's own keys (not those from {@code [DEFAULT]}). */
  Map<String, Entry> ownEntries(String section) {
    return sections.getOrDefault(section, Map.of());
  }

  /** Keys as {@code RawConfigParser.options()} lists them: the section's own, then the defaults. */
  List<String> options(String section) {
    List<String> keys = new ArrayList<>(ownEntries(section).keySet());
    defaults.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    return keys;
  }

  /** Reads another file's sections into this one, as a second {@code parser.read()} does. */
  void merge(IniDocument other) {
    other.defaults.forEach(defaults::put);
    for (Map.Entry<String, Map<String, Entry>> s : other.sections.entrySet()) {
      section(s.getKey(), other.origin(s.getKey())).putAll(s.getValue());
    }
  }

  /**
   * supervisord's {@code expand_here}: textually replaces {@code %(here)s} in every value of every section
   * (defaults included, which thereby become the section's own values).
   */
  void expandHere(String here) {
    for (String name : sections.keySet()) {
      Map<String, Entry> own = sections.get(name);
      for (String key : options(name)) {
        Entry e = get(name, key).orElseThrow();
        if (e.value().contains("%(here)s")) {
          own.put(key, new Entry(e.value().replace("%(here)s", here), e.origin()));
        }
      }
    }
  }
}

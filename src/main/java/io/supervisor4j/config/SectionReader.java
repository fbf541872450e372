package io.supervisor4j.config;

import io.supervisor4j.config.IniDocument.Entry;
import io.supervisor4j.config.IniDocument.Origin;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed keys of one section: the raw value (or the default), {@code %(name)s} expansion with the names that
 * key may use, the conversion, and on failure a recorded problem naming file, line, section and key (the section
 * header's line when the value is a default).
 */
final class SectionReader {
  private final IniDocument doc;
  private final String section;
  private final Problems problems;

  SectionReader(IniDocument doc, String section, Problems problems) {
    this.doc = doc;
    this.section = section;
    this.problems = problems;
  }

  String section() {
    return section;
  }

  Optional<Entry> raw(String key) {
    return doc.get(section, key);
  }

  boolean has(String key) {
    return raw(key).isPresent();
  }

  /** Where a key's value was written, or the section header when it was not. */
  Origin origin(String key) {
    return raw(key).map(Entry::origin).orElse(doc.origin(section));
  }

  /** The expanded value, or empty when absent or when expansion failed (then recorded). */
  Optional<String> expanded(String key, Map<String, ?> names) {
    Optional<Entry> e = raw(key);
    if (e.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Expander.expand(e.get().value(), names, section + "." + key));
    } catch (ValueProblem p) {
      fail(key, p.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The key converted, or the converted default when absent. A bad value is recorded and {@code fallback}
   * returned, so reading can go on.
   */
  <T> T read(String key, String defaultValue, Map<String, ?> names, Function<String, T> conversion, T fallback) {
    Optional<Entry> e = raw(key);
    String value;
    if (e.isEmpty()) {
      value = defaultValue;
    } else {
      Optional<String> x = expanded(key, names);
      if (x.isEmpty()) {
        return fallback;
      }
      value = x.get();
    }
    return convert(key, value, conversion, fallback);
  }

  <T> T convert(String key, String value, Function<String, T> conversion, T fallback) {
    try {
      return conversion.apply(value);
    } catch (ValueProblem p) {
      fail(key, p.getMessage());
      return fallback;
    }
  }

  void fail(String key, String problem) {
    problems.add(origin(key), section, key, problem);
  }
}

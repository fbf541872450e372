package io.supervisor4j.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code getopt.getopt}, which both supervisord and supervisorctl parse their command lines with: options
 * end at the first word that is not one ({@code -} alone is a word) or after {@code --}; short options cluster
 * ({@code -nc file}) and take the rest of the cluster or the next word; long options may be abbreviated to a unique
 * prefix and take {@code --name=value} or the next word. Errors carry getopt's exact wording. Hand-written rather than
 * picocli: picocli's Java 5 classes cannot enter the AOT cache and cost 100-250 ms of start-up.
 *
 * @param shortOptions getopt's short-option string: each letter, followed by {@code :} if it takes a value
 * @param longOptions long option names, each ending in {@code =} if it takes a value
 * @param fallbackLongOptions long options tried only when {@code longOptions} has none starting with the name, so
 *     that every abbreviation {@code longOptions} accepts or refuses keeps its meaning
 */
public record Getopt(String shortOptions, List<String> longOptions, List<String> fallbackLongOptions) {

  public Getopt {
    longOptions = List.copyOf(longOptions);
    fallbackLongOptions = List.copyOf(fallbackLongOptions);
  }

  public Getopt(String shortOptions, List<String> longOptions) {
    this(shortOptions, longOptions, List.of());
  }

  /** One option as getopt returns it: named as written in full ({@code -c}, {@code --configuration}), its value. */
  public record Option(String name, String value) {}

  /** The options in command-line order and the words after them. */
  public record Result(List<Option> options, List<String> rest) {}

  /** Parses {@code args}; an unknown or malformed option throws {@link GetoptException} with getopt's message. */
  public Result parse(List<String> args) {
    List<Option> options = new ArrayList<>();
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("-")) {
      if (args.get(i).equals("--")) {
        i++;
        break;
      }
      i = args.get(i).startsWith("--") ? parseLong(args, i, options) : parseShort(args, i, options);
    }
    return new Result(List.copyOf(options), List.copyOf(args.subList(i, args.size())));
  }

  private int parseLong(List<String> args, int i, List<Option> options) {
    String body = args.get(i).substring(2);
    int eq = body.indexOf('=');
    String name = eq < 0 ? body : body.substring(0, eq);
    String full = longName(name);
    boolean takesValue = full.endsWith("=");
    if (takesValue) {
      full = full.substring(0, full.length() - 1);
    }
    String value = "";
    if (takesValue) {
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new GetoptException("option --" + full + " requires argument");
      }
    } else if (eq >= 0) {
      throw new GetoptException("option --" + full + " must not have an argument");
    }
    options.add(new Option("--" + full, value));
    return i + 1;
  }

  /** getopt's long_has_args over {@code longOptions}, then over the fallback; the name keeps its '=' if any. */
  private String longName(String name) {
    List<String> matches = matches(name, longOptions);
    if (matches.isEmpty()) {
      matches = matches(name, fallbackLongOptions);
    }
    if (matches.isEmpty()) {
      throw new GetoptException("option --" + name + " not recognized");
    }
    // an exact name wins over the longer names it is a prefix of
    if (matches.contains(name) || matches.contains(name + "=")) {
      return matches.contains(name) ? name : name + "=";
    }
    if (matches.size() > 1) {
      throw new GetoptException("option --" + name + " not a unique prefix");
    }
    return matches.getFirst();
  }

  private static List<String> matches(String name, List<String> options) {
    return options.stream().filter(o -> o.startsWith(name)).toList();
  }

  private int parseShort(List<String> args, int i, List<Option> options) {
    String cluster = args.get(i).substring(1);
    for (int j = 0; j < cluster.length(); j++) {
      char c = cluster.charAt(j);
      int at = c == ':' ? -1 : shortOptions.indexOf(c);
      if (at < 0) {
        throw new GetoptException("option -" + c + " not recognized");
      }
      if (shortOptions.startsWith(":", at + 1)) {
        String value;
        if (j + 1 < cluster.length()) {
          value = cluster.substring(j + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new GetoptException("option -" + c + " requires argument");
        }
        options.add(new Option("-" + c, value));
        return i + 1;
      }
      options.add(new Option("-" + c, ""));
    }
    return i + 1;
  }

  /** Python's {@code getopt.GetoptError}: the message is getopt's, ready to print after {@code Error: }. */
  public static final class GetoptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GetoptException(String message) {
      super(message);
    }
  }
}

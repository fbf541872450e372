package io.supervisor4j.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The table of hint rules for the classic causes of failure. Each rule looks at the {@link Evidence} and either
 * says what probably went wrong and how to fix it, or stays silent; they are tried in order, most specific first.
 */
public final class Hints {
  /** One rule of the table. */
  public record Rule(String name, Function<Evidence, Optional<String>> rule) {
    public Optional<String> apply(Evidence e) {
      return rule.apply(e);
    }
  }

  public static final List<Rule> RULES =
      List.of(
          new Rule("foreign-home", PathHints::foreignHome),
          new Rule("egg-cache", PathHints::eggCache),
          new Rule("permission-denied", PathHints::permissionDenied),
          new Rule("unknown-user", CommandHints::unknownUser),
          new Rule("cannot-switch-user", CommandHints::cannotSwitchUser),
          new Rule("directory", CommandHints::directory),
          new Rule("command-not-found", CommandHints::commandNotFound),
          new Rule("not-executable", CommandHints::notExecutable),
          new Rule("bad-interpreter", CommandHints::badInterpreter),
          new Rule("virtualenv", CommandHints::virtualenv),
          new Rule("address-in-use", RuntimeHints::addressInUse),
          new Rule("sigkill", RuntimeHints::sigkill),
          new Rule("crash", RuntimeHints::crash),
          new Rule("daemonizes", RuntimeHints::daemonizes),
          new Rule("missing-environment", RuntimeHints::missingEnvironment));

  private Hints() {}

  /** Every hint the rules give for {@code e}, in table order, without duplicates; a failing rule is skipped. */
  public static List<String> all(Evidence e) {
    LinkedHashSet<String> hints = new LinkedHashSet<>();
    for (Rule r : RULES) {
      try {
        r.apply(e).ifPresent(hints::add);
      } catch (RuntimeException ignored) {
        // a hint is a courtesy: a rule tripping over odd input must not hide the explanation
      }
    }
    return new ArrayList<>(hints);
  }
}

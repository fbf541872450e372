package io.supervisor4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.cli.Getopt.Option;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python's getopt.getopt; every expected result and message below is what CPython's getopt returns or raises. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class GetoptTest {
  private static final Getopt GETOPT =
      new Getopt("ab:c?", List.of("alpha", "beta=", "betamax", "gamma=", "gammaray"), List.of("check", "delta="));

  private static Getopt.Result parse(String... args) {
    return GETOPT.parse(List.of(args));
  }

  private static void refused(String message, String... args) {
    assertThatThrownBy(() -> parse(args)).isInstanceOf(Getopt.GetoptException.class).hasMessage(message);
  }

  @Test
  void shortOptionsClusterAndAValueTakesTheRestOfTheClusterOrTheNextWord() {
    assertThat(parse("-ac?", "x").options())
        .containsExactly(new Option("-a", ""), new Option("-c", ""), new Option("-?", ""));
    assertThat(parse("-abfile", "x").options()).containsExactly(new Option("-a", ""), new Option("-b", "file"));
    assertThat(parse("-ab", "-a", "x").options()).containsExactly(new Option("-a", ""), new Option("-b", "-a"));
    assertThat(parse("-b", "").options()).containsExactly(new Option("-b", ""));
    assertThat(parse("-ab", "file", "x").rest()).containsExactly("x");
  }

  @Test
  void longOptionsTakeEqualsOrTheNextWordAndKeepTheirFullName() {
    assertThat(parse("--beta=1", "--gamma", "2", "--alpha").options())
        .containsExactly(new Option("--beta", "1"), new Option("--gamma", "2"), new Option("--alpha", ""));
    assertThat(parse("--beta=", "--beta=a=b").options())
        .containsExactly(new Option("--beta", ""), new Option("--beta", "a=b"));
    assertThat(parse("--gamma", "--alpha").options()).containsExactly(new Option("--gamma", "--alpha"));
  }

  @Test
  void aUniquePrefixNamesItsOptionAndAnExactNameBeatsLongerOnes() {
    assertThat(parse("--al", "--betam", "--gammar").options())
        .containsExactly(new Option("--alpha", ""), new Option("--betamax", ""), new Option("--gammaray", ""));
    // "beta" is both an exact option and a prefix of "betamax": the exact one wins, as does "gamma"
    assertThat(parse("--beta", "v", "--gamma=w").options())
        .containsExactly(new Option("--beta", "v"), new Option("--gamma", "w"));
  }

  @Test
  void fallbackLongOptionsAreTriedOnlyWhenTheMainOnesKnowNone() {
    assertThat(parse("--ch", "--del=1").options())
        .containsExactly(new Option("--check", ""), new Option("--delta", "1"));
    // no main option starts with "c", so the fallback list decides
    assertThat(parse("--c").options()).containsExactly(new Option("--check", ""));
    // "g" starts main options, so the fallback list is never asked
    refused("option --g not a unique prefix", "--g");
  }

  @Test
  void optionsEndAtTheFirstNonOptionOrAfterDoubleDash() {
    assertThat(parse("-a", "run", "-b", "x")).isEqualTo(
        new Getopt.Result(List.of(new Option("-a", "")), List.of("run", "-b", "x")));
    assertThat(parse("-a", "-", "-c").rest()).containsExactly("-", "-c");
    assertThat(parse("--", "-a", "--", "x").rest()).containsExactly("-a", "--", "x");
    assertThat(parse("-a", "--").rest()).isEmpty();
    assertThat(parse()).isEqualTo(new Getopt.Result(List.of(), List.of()));
  }

  @Test
  void errorsCarryGetoptsExactMessages() {
    refused("option -x not recognized", "-ax");
    refused("option -: not recognized", "-:");
    refused("option -b requires argument", "-ab");
    refused("option --zeta not recognized", "--zeta");
    refused("option --zeta not recognized", "--zeta=1");
    refused("option --beta requires argument", "--beta");
    refused("option --gamma requires argument", "-a", "--gamma");
    refused("option --alpha must not have an argument", "--alp=1");
    refused("option --check must not have an argument", "--check=");
    refused("option --bet not a unique prefix", "--bet");
    refused("option -- not a unique prefix", "--=1");
  }
}

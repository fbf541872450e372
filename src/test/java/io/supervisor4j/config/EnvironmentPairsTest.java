package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The supervisord 4.2.x quirks of {@code environment=}, each verified against the real parser (§1.4). */
@Timeout(30)
class EnvironmentPairsTest {
  @Test
  void plainAndQuotedPairs() {
    assertThat(EnvironmentPairs.parse("A=1,B=\"two, three\",C='x y'"))
        .containsExactly(Map.entry("A", "1"), Map.entry("B", "two, three"), Map.entry("C", "x y"));
    assertThat(EnvironmentPairs.parse("PATH=/usr/bin:/bin,A=1,")).containsEntry("PATH", "/usr/bin:/bin");
    assertThat(EnvironmentPairs.parse("A=\"\"")).containsEntry("A", "");
    assertThat(EnvironmentPairs.parse("")).isEmpty();
  }

  @Test
  void dollarSwallowsTheNextToken() {
    assertThat(EnvironmentPairs.parse("A=$HOME")).containsExactly(Map.entry("A", "$"));
  }

  @Test
  void hashStartsAComment() {
    assertThat(EnvironmentPairs.parse("A=x#y,B=z")).containsExactly(Map.entry("A", "x"));
  }

  @Test
  void spaceIsNotASeparator() {
    assertThatThrownBy(() -> EnvironmentPairs.parse("A=1 B=2"))
        .hasMessage("Unexpected end of key/value pairs in value 'A=1 B=2'");
    assertThatThrownBy(() -> EnvironmentPairs.parse("A=foo@bar")).isInstanceOf(ValueProblem.class);
  }

  @Test
  void anySeparatorTokenIsSkippedAndQuotesAreNotEscapable() {
    assertThat(EnvironmentPairs.parse("A=1;B=2")).containsEntry("B", "2");
    assertThatThrownBy(() -> EnvironmentPairs.parse("A=\"open")).hasMessage("No closing quotation");
    assertThat(EnvironmentPairs.parse("A='\"q\"'")).containsEntry("A", "q");
  }
}

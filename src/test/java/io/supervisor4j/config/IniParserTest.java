package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class IniParserTest {
  private static IniDocument parse(String text, Problems problems) {
    return IniParser.parse("f.conf", text, problems);
  }

  private static String value(IniDocument doc, String section, String key) {
    return doc.get(section, key).orElseThrow().value();
  }

  @Test
  void commentsOnlyAfterWhitespace() {
    Problems p = new Problems();
    IniDocument doc = parse("; c\n# c\n[s]\na=bash -c 'x ; y'\nb=a;b#c\nc=v\t# tab\n", p);
    assertThat(p.isEmpty()).isTrue();
    assertThat(value(doc, "s", "a")).isEqualTo("bash -c 'x");
    assertThat(value(doc, "s", "b")).isEqualTo("a;b#c");
    assertThat(value(doc, "s", "c")).isEqualTo("v");
  }

  @Test
  void continuationLinesKeepInnerBlankLinesAndDropTrailingOnes() {
    IniDocument doc = parse("[s]\nfiles=a\n  b\n\n  ; comment inside\n  c\n\n\nnext: 1\n", new Problems());
    assertThat(value(doc, "s", "files")).isEqualTo("a\nb\n\nc");
    assertThat(value(doc, "s", "next")).isEqualTo("1");
  }

  @Test
  void keysCaseInsensitiveSectionsCaseSensitiveLastWins() {
    IniDocument doc = parse("[S]\nKEY = 1\n[s]\nkey=2\n[S]\nkey=3\n", new Problems());
    assertThat(value(doc, "S", "key")).isEqualTo("3");
    assertThat(value(doc, "s", "key")).isEqualTo("2");
    assertThat(doc.sections()).containsExactly("S", "s");
    assertThat(doc.get("S", "key").orElseThrow().origin()).isEqualTo(new IniDocument.Origin("f.conf", 6));
  }

  @Test
  void defaultsApplyEverywhere() {
    IniDocument doc = parse("[DEFAULT]\npriority=5\n[a]\n[b]\npriority=1\n", new Problems());
    assertThat(value(doc, "a", "priority")).isEqualTo("5");
    assertThat(value(doc, "b", "priority")).isEqualTo("1");
    assertThat(doc.sections()).containsExactly("a", "b");
  }

  @Test
  void keyAndValueSplitAtTheFirstEqualsOrColonAsConfigparserDoes() {
    Problems p = new Problems();
    IniDocument doc = parse("[s]\na = b\nc:d\ne=f=g\nh : i : j\nk\t=\t l m \nurl=http://x:1/=y\n"
        + "odd\u2028key = v\n", p);
    // the pattern's '.' stops at U+2028, as before (configparser's does not): that line is refused
    assertThat(p.lines()).singleElement().asString().startsWith("f.conf:8 [s]: ");
    assertThat(value(doc, "s", "a")).isEqualTo("b");
    assertThat(value(doc, "s", "c")).isEqualTo("d");
    assertThat(value(doc, "s", "e")).isEqualTo("f=g");
    assertThat(value(doc, "s", "h")).isEqualTo("i : j");
    assertThat(value(doc, "s", "k")).isEqualTo("l m");
    assertThat(value(doc, "s", "url")).isEqualTo("http://x:1/=y");
  }

  @Test
  void badLinesAreAllReportedWithTheirLine() {
    Problems p = new Problems();
    parse("[s]\nok=1\nbogus\n=empty key\n", p);
    assertThat(p.lines()).hasSize(2);
    assertThat(p.lines().get(0)).startsWith("f.conf:3 [s]: ");
    assertThat(p.lines().get(1)).startsWith("f.conf:4 [s]: ");
    Problems q = new Problems();
    parse("key=1\n[s]\n", q);
    assertThat(q.lines()).singleElement().asString().startsWith("f.conf:1: File contains no section headers");
  }
}

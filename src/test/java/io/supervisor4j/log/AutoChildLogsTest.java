package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AutoChildLogsTest {
  @TempDir Path dir;

  @Test
  void createsAPrivateFileNamedLikeMkstemp() throws Exception {
    Path a = AutoChildLogs.create(dir, "web_01", OutputChannel.STDOUT, "supervisor");
    Path b = AutoChildLogs.create(dir, "web_01", OutputChannel.STDERR, "supervisor");
    assertThat(a.getFileName().toString()).matches("web_01-stdout---supervisor-[a-z0-9_]{8}\\.log");
    assertThat(b.getFileName().toString()).matches("web_01-stderr---supervisor-[a-z0-9_]{8}\\.log");
    assertThat(a.getParent()).isEqualTo(dir);
    assertThat(Files.size(a)).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rw-------");
    assertThat(AutoChildLogs.cleanupPattern("supervisor").matcher(a.getFileName().toString()).lookingAt())
        .isTrue();
  }

  @Test
  void creationInAMissingDirectoryFails() {
    assertThatThrownBy(() -> AutoChildLogs.create(dir.resolve("nope"), "x", OutputChannel.STDOUT, "supervisor"))
        .isInstanceOf(LogException.class)
        .hasMessageStartingWith("cannot create AUTO log in ");
  }

  @Test
  void cleanupDeletesOnlyThisIdentifiersAutoLogs() throws Exception {
    List<String> doomed =
        List.of(
            "x-stdout---supervisor-abcd1234.log",
            "x-stdout---supervisor-abcd1234.log.1",
            "x-stdout---supervisor-abcd1234.log.10",
            "my-prog-stderr---supervisor-zz_z.log");
    List<String> kept =
        List.of(
            "x-stdout---other-abcd1234.log",
            "x-stdout---supervisor2-abcd1234.log",
            "supervisord.log",
            "x-stdout--supervisor-abcd1234.log",
            "x-stdout---supervisor-.log",
            "notes.txt");
    for (String n : doomed) {
      Files.writeString(dir.resolve(n), "x");
    }
    for (String n : kept) {
      Files.writeString(dir.resolve(n), "x");
    }
    List<String> warnings = new ArrayList<>();
    int deleted = AutoChildLogs.cleanup(dir, "supervisor", recorder(warnings));
    assertThat(deleted).isEqualTo(doomed.size());
    assertThat(warnings).isEmpty();
    assertThat(names(dir)).containsExactlyInAnyOrderElementsOf(kept);
  }

  @Test
  void theCleanupPatternMatchesWhatSupervisordsDoes() throws Exception {
    List<String> names =
        List.of(
            "x-stdout---supervisor-abcd1234.log",
            "x-stdout---supervisor-abcd1234.log.3",
            "x-stdout---supervisor-abcd1234.logfile",
            "---supervisor-a.log",
            "a---supervisor-a.log",
            "a---supervisor-a b.log",
            "a---supervisor-ab.log.12345",
            "a---supervisor-ab.lo",
            "a-stdout---supervisor-\u00e9t\u00e9.log",
            "a---Supervisor-ab.log",
            "x-stdout---other-abcd1234.log");
    List<String> expected =
        PythonOracle.run(
            """
            import re, sys
            fnre = re.compile(r'.+?---%s-\\S+\\.log\\.{0,1}\\d{0,4}' % 'supervisor')
            for n in sys.argv[1:]:
                print(bool(fnre.match(n)))
            """,
            names);
    for (int i = 0; i < names.size(); i++) {
      boolean ours = AutoChildLogs.cleanupPattern("supervisor").matcher(names.get(i)).lookingAt();
      assertThat(String.valueOf(ours).equals("true") ? "True" : "False").as(names.get(i)).isEqualTo(expected.get(i));
    }
  }

  @Test
  void failuresAreWarnedWithSupervisordsWords() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("d---supervisor-x.log"));
    List<String> warnings = new ArrayList<>();
    assertThat(AutoChildLogs.cleanup(dir, "supervisor", recorder(warnings))).isZero();
    assertThat(sub).isDirectory();
    assertThat(warnings).containsExactly("WARN Failed to clean up '" + sub + "'");

    warnings.clear();
    AutoChildLogs.cleanup(dir.resolve("missing"), "supervisor", recorder(warnings));
    assertThat(warnings).containsExactly("WARN Could not clear childlog dir");
  }

  private static ActivityLog recorder(List<String> lines) {
    return new ActivityLog() {
      @Override
      public void log(LogLevel level, String message) {
        lines.add(level + " " + message);
      }

      @Override
      public boolean isEnabled(LogLevel level) {
        return true;
      }
    };
  }

  private static List<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}

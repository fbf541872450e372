package io.supervisor4j.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LogFilesTest {
  /** The oracle: supervisord's own readFile/tailFile, decoding with 'replace' (its strict decode fails the call). */
  private static final String ORACLE =
      """
      import sys
      from supervisor.options import readFile, tailFile
      path = sys.argv[1]
      args = sys.argv[2:]
      for i in range(0, len(args), 3):
          kind, offset, length = args[i], int(args[i + 1]), int(args[i + 2])
          if kind == 'read':
              try:
                  print('R ' + readFile(path, offset, length).decode('utf-8', 'replace').encode('utf-8').hex())
              except ValueError as e:
                  print('E ' + e.args[0])
          else:
              import supervisor.options as o
              o.as_string = lambda b: b.decode('utf-8', 'replace')
              text, off, overflow = tailFile(path, offset, length)
              print('T %s %d %s' % (text.encode('utf-8').hex() or '-', off, overflow))
      """;

  private static final long[][] CASES = {
    {0, 0}, {0, 5}, {5, 0}, {5, 5}, {25, 5}, {26, 0}, {26, 5}, {27, 0}, {100, 3}, {-1, 0}, {-5, 0}, {-26, 0},
    {-27, 0}, {-1600, 0}, {-5, 3}, {-5, -3}, {0, -1}, {3, -3}, {1, 1}, {1, 2}, {2, 1}, {2, 2}, {3, 1}, {0, 26},
    {0, 27}, {0, 1600}, {20, 6}, {20, 100}, {0, 1}, {-2, 0}, {-3, 0}, {-4, 0}, {7, 2}, {8, 2}, {9, 1}
  };

  @TempDir Path dir;

  @Test
  void readFileAndTailFileMatchSupervisord() throws Exception {
    // 26 bytes with two-byte characters at offsets 1 and 7, cut by many of the cases
    byte[] content = "h\u00e9llo w\u00f6rld\nline two\n!!!".getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve("x.log");
    Files.write(file, content);
    assertThat(content).hasSize(26);
    compare(file, CASES);
    Path empty = Files.createFile(dir.resolve("empty.log"));
    compare(empty, CASES);
    compare(dir.resolve("missing.log"), CASES);
    compare(dir, CASES);
  }

  private static void compare(Path file, long[][] cases) throws Exception {
    List<String> args = new ArrayList<>(List.of(file.toString()));
    for (long[] c : cases) {
      args.addAll(List.of("read", "" + c[0], "" + c[1], "tail", "" + c[0], "" + c[1]));
    }
    List<String> expected = PythonOracle.run(ORACLE, args);
    List<String> actual = new ArrayList<>();
    for (long[] c : cases) {
      try {
        actual.add("R " + PythonOracle.hex(LogFiles.readFile(file, c[0], c[1])));
      } catch (LogReadException e) {
        actual.add("E " + e.fault().name());
      }
      LogFiles.Tail t = LogFiles.tailFile(file, c[0], c[1]);
      String hex = PythonOracle.hex(t.text());
      actual.add("T %s %d %s".formatted(hex.isEmpty() ? "-" : hex, t.offset(), t.overflow() ? "True" : "False"));
    }
    assertThat(actual).as(file.toString()).containsExactlyElementsOf(expected);
  }

  @Test
  void theVerifiedTailExample() throws Exception {
    Path file = dir.resolve("x.log");
    Files.writeString(file, "a".repeat(21) + "dout\n");
    assertThat(LogFiles.tailFile(file, 0, 5)).isEqualTo(new LogFiles.Tail("dout\n", 26, true));
  }

  @Test
  void rpcLevelHelpersRaiseNoFileOrReturnAnEmptyTail() throws Exception {
    assertThatThrownBy(() -> LogFiles.readLog(Optional.empty(), 0, 0))
        .isInstanceOfSatisfying(
            LogReadException.class, e -> assertThat(e.fault()).isEqualTo(LogReadException.Fault.NO_FILE));
    assertThatThrownBy(() -> LogFiles.readLog(Optional.of(dir.resolve("gone.log")), -100, 0))
        .isInstanceOfSatisfying(
            LogReadException.class, e -> assertThat(e.fault()).isEqualTo(LogReadException.Fault.NO_FILE));
    assertThat(LogFiles.tailLog(Optional.empty(), 10, 100)).isEqualTo(new LogFiles.Tail("", 0, false));
    Path file = dir.resolve("x.log");
    Files.writeString(file, "hello\n");
    assertThat(LogFiles.readLog(Optional.of(file), -1600, 0)).isEqualTo("hello\n");
    assertThat(LogFiles.tailLog(Optional.of(file), 0, 1600)).isEqualTo(new LogFiles.Tail("hello\n", 6, false));
  }
}

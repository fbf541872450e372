package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real supervisord 4.2.5 parser ({@code differential/dump_config.py} under Debian's /usr/bin/python3) and
 * ours must compute the same thing from every good corpus file, and both must reject every bad one (ours naming
 * the line given by the file's {@code ; expect-line: N} first line).
 */
@Timeout(600)
class ConfigDifferentialTest {
  static final Path CORPUS = Path.of("src/test/resources/config-corpus");
  static final Path DUMPER = Path.of("src/test/resources/differential/dump_config.py");
  static final String PYTHON = "/usr/bin/python3";
  /** The whole environment of both loaders, so ENV_* expansions are the same on every machine. */
  static final Map<String, String> ENV = Map.of(
      "PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8", "TMPDIR", "/tmp",
      "APP_ENV", "production", "APP_NAME", "shop", "WORKERS", "4", "PORT", "8000",
      "DB_URL", "postgres://db:5432/app", "LOG_DIR", "/tmp");

  record Result(int exit, String out) {}

  @BeforeAll
  static void supervisorIsImportable() throws Exception {
    Result r = run(List.of(PYTHON, "-c", "import supervisor.options"));
    if (r.exit() != 0) {
      fail("The differential test needs the real supervisor 4.2.5 importable by " + PYTHON
          + " (apt-get install supervisor): " + r.out());
    }
  }

  static Stream<Path> good() throws IOException {
    return files("good");
  }

  static Stream<Path> bad() throws IOException {
    return files("bad");
  }

  private static Stream<Path> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(CORPUS.resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList().stream();
    }
  }

  @Test
  void corpusIsLargeEnough() throws IOException {
    assertThat(good().count()).isGreaterThanOrEqualTo(30);
    assertThat(bad().count()).isGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest
  @MethodSource("good")
  void goodConfigIsComputedLikeSupervisord(Path file) throws Exception {
    Result python = run(List.of(PYTHON, DUMPER.toString(), file.toString()));
    assertThat(python.exit()).as("supervisord rejected %s: %s", file, python.out()).isZero();
    Configuration ours = ConfigLoader.load(file, Map.of(), ENV, ConfigLoader.hostNodeName());
    assertThat(PyJson.write(ConfigDump.of(ours))).isEqualTo(python.out().strip());
  }

  @ParameterizedTest
  @MethodSource("bad")
  void badConfigIsRejectedByBothAtTheRightLine(Path file) throws Exception {
    String first = Files.readAllLines(file, StandardCharsets.UTF_8).getFirst();
    Matcher m = Pattern.compile("[;#] expect-line: (\\d+)").matcher(first);
    assertThat(m.find()).as("first line of %s names the expected line", file).isTrue();
    Result python = run(List.of(PYTHON, DUMPER.toString(), file.toString()));
    assertThat(python.exit()).as("supervisord accepted %s: %s", file, python.out()).isEqualTo(1);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), ENV, ConfigLoader.hostNodeName()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(Arrays.asList(e.getMessage().split("\n")))
            .as("errors of %s", file)
            .anySatisfy(line -> assertThat(line).startsWith(file + ":" + m.group(1) + " ")));
  }

  @Test
  void commandLineOverridesAreConvertedLikeSupervisord() throws Exception {
    Path file = CORPUS.resolve("good/minimal.conf");
    Result python = run(List.of(PYTHON, DUMPER.toString(), file.toString(), "-y", "5MB", "-n", "-e", "DEBUG",
        "-m", "077", "-i", "box", "-z", "0", "-l", "/tmp/x.log", "--minprocs", "7"));
    assertThat(python.exit()).as(python.out()).isZero();
    Configuration ours = ConfigLoader.load(file, Map.of("logfile_maxbytes", "5MB", "nodaemon", "true", "loglevel",
        "DEBUG", "umask", "077", "identifier", "box", "logfile_backups", "0", "logfile", "/tmp/x.log",
        "minprocs", "7"), ENV, ConfigLoader.hostNodeName());
    assertThat(PyJson.write(ConfigDump.of(ours))).isEqualTo(python.out().strip());
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(ENV);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out);
  }
}

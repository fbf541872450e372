package io.supervisor4j.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line as supervisord 4.2.5 parses it (getopt); every message below is the real supervisord's. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SupervisordOptionsTest {
  private static SupervisordOptions parse(String... args) {
    return SupervisordOptions.parse(args);
  }

  private static void refused(String message, String... args) {
    assertThatThrownBy(() -> parse(args))
        .isInstanceOf(SupervisordOptions.UsageException.class)
        .hasMessage(message);
  }

  @Test
  void valuesComeAsSeparateWordsAfterEqualsOrGluedToTheLetter() {
    assertThat(parse("-c", "/a.conf").configuration()).contains(Path.of("/a.conf"));
    assertThat(parse("--configuration=/a.conf").configuration()).contains(Path.of("/a.conf"));
    assertThat(parse("--conf", "/a.conf").configuration()).contains(Path.of("/a.conf"));
    assertThat(parse("-c/a.conf").configuration()).contains(Path.of("/a.conf"));
    assertThat(parse().configuration()).isEmpty();
  }

  @Test
  void flagsClusterAndAValueEndsTheCluster() {
    SupervisordOptions o = parse("-nkc", "/a.conf", "-st");
    assertThat(o.nodaemon()).isTrue();
    assertThat(o.configuration()).contains(Path.of("/a.conf"));
    assertThat(o.overrides())
        .containsExactly(Map.entry("nodaemon", "true"), Map.entry("silent", "true"), Map.entry("nocleanup", "true"),
            Map.entry("strip_ansi", "true"));
  }

  @Test
  void supervisordKeysBecomeOverridesInAFixedOrderWhateverTheCommandLineOrder() {
    SupervisordOptions o = parse("--minprocs=300", "-q", "/logs", "-u", "app", "--umask", "077", "-a", "2048",
        "-e", "debug", "-l", "/l.log", "-y", "1MB", "-z", "3", "-j", "/p.pid", "-i", "x", "-d", "/");
    assertThat(o.overrides().keySet()).containsExactly("user", "umask", "directory", "logfile", "logfile_maxbytes",
        "logfile_backups", "loglevel", "pidfile", "identifier", "childlogdir", "minfds", "minprocs");
    assertThat(o.overrides()).containsEntry("minprocs", "300").containsEntry("childlogdir", "/logs")
        .containsEntry("umask", "077");
    assertThat(parse("--profile_options=cumulative").overrides()).isEmpty();
  }

  @Test
  void unknownOptionsAndMissingOrUnwantedValuesUseGetoptsWords() {
    refused("option --bogus not recognized", "--bogus");
    refused("option -x not recognized", "-x");
    refused("option -: not recognized", "-:");
    refused("option -c requires argument", "-c");
    refused("option --configuration requires argument", "--configuration");
    refused("option --user requires argument", "--user");
    refused("option --nodaemon must not have an argument", "--nodaemon=1");
    refused("option --strip_ansi must not have an argument", "--strip_ansi=x");
  }

  @Test
  void longOptionsMayBeAbbreviatedToAUniquePrefix() {
    assertThat(parse("--nod").nodaemon()).isTrue();
    assertThat(parse("--silent", "--strip", "--nocl").overrides()).containsKeys("silent", "strip_ansi", "nocleanup");
    refused("option --no not a unique prefix", "--no");
    refused("option --n not a unique prefix", "--n");
    refused("option --c not a unique prefix", "--c", "/a.conf");
    assertThat(parse("--he").help()).isTrue();
  }

  @Test
  void ownOptionsNeverChangeWhatASupervisordAbbreviationMeans() {
    assertThat(parse("--ch", "/logs").overrides()).containsEntry("childlogdir", "/logs");
    assertThat(parse("--check").check()).isTrue();
    assertThat(parse("--chec").check()).isTrue();
    assertThat(parse("--s4j-detached").detached()).isTrue();
    refused("option --check must not have an argument", "--check=1");
  }

  @Test
  void anOptionGivenTwiceIsAConflictNamedAsTyped() {
    refused("conflicting command line option '-c'", "-c", "/a", "-c", "/b");
    refused("conflicting command line option '--configuration'", "-c", "/a", "--configuration", "/b");
    refused("conflicting command line option '--identifier'", "--identifier", "x", "--i", "y");
    refused("conflicting command line option '-n'", "-n", "-n");
    refused("conflicting command line option '-s'", "-s", "-s");
  }

  @Test
  void optionsEndAtTheFirstOtherWordOrDoubleDashAndWordsAreRefused() {
    refused("positional arguments are not supported: ['extra']", "extra");
    refused("positional arguments are not supported: ['extra']", "-c", "/a", "extra");
    refused("positional arguments are not supported: ['extra']", "-c", "/a", "--", "extra");
    refused("positional arguments are not supported: ['-']", "-c", "/a", "-");
    refused("positional arguments are not supported: ['a', '-n', \"it's\"]", "a", "-n", "it's");
  }

  @Test
  void helpAndVersionEndTheProcessingWhereTheyStand() {
    assertThat(parse("-h").help()).isTrue();
    assertThat(parse("-?").help()).isTrue();
    assertThat(parse("-h", "-c", "/a", "-c", "/b").help()).isTrue();
    assertThat(parse("-v", "-h").version()).isTrue();
    assertThat(parse("-v", "-h").help()).isFalse();
    refused("conflicting command line option '-c'", "-c", "/a", "-c", "/b", "-h");
    refused("option --bogus not recognized", "-h", "--bogus"); // getopt reads every option first
  }
}

package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ConfigLoaderTest {
  static final Map<String, String> ENV = Map.of("HOME", "/tmp", "APP", "shop");
  static final String HEAD = "[supervisord]\nlogfile=/tmp/s.log\npidfile=/tmp/s.pid\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private Configuration load(Path file) {
    return ConfigLoader.load(file, Map.of(), ENV, "node1");
  }

  @Test
  void everyErrorIsReportedWithFileLineSectionAndKey() throws IOException {
    Path f = write("bad.conf", HEAD + "[program:web]\ncommand=/bin/true\nstartsecs=ten\nautostart=maybe\n"
        + "[program:x]\npriority=1\n");
    assertThatThrownBy(() -> load(f)).isInstanceOf(ConfigException.class).hasMessage(String.join("\n",
        f + ":6 [program:web] startsecs: 'ten' is not an integer",
        f + ":7 [program:web] autostart: not a valid boolean value: 'maybe'",
        f + ":8 [program:x] command: program section program:x does not specify a command"));
  }

  @Test
  void descriptionsDefaultsToSupervisor4jAndIsCheckedWithoutAnUnknownKeyWarning() throws IOException {
    assertThat(load(write("default.conf", HEAD)).supervisord().descriptions()).isEqualTo(Descriptions.SUPERVISOR4J);
    Configuration c = load(write("sd.conf", HEAD + "descriptions = Supervisord\n"));
    assertThat(c.supervisord().descriptions()).isEqualTo(Descriptions.SUPERVISORD);
    assertThat(c.messages()).noneMatch(m -> m.text().contains("descriptions"));
    Path bad = write("bad.conf", HEAD + "descriptions=python\n");
    assertThatThrownBy(() -> load(bad)).isInstanceOf(ConfigException.class).hasMessage(
        bad + ":4 [supervisord] descriptions: not a descriptions value (supervisor4j or supervisord): 'python'");
  }

  @Test
  void commandLineOverridesWinAndAreChecked() throws IOException {
    Path f = write("ok.conf", HEAD + "logfile_maxbytes=1MB\n");
    Configuration c = ConfigLoader.load(f, Map.of("logfile_maxbytes", "2KB", "nodaemon", "true"), ENV, "n");
    assertThat(c.supervisord().logfileMaxbytes()).isEqualTo(2048);
    assertThat(c.supervisord().nodaemon()).isTrue();
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("logfile_maxbytes", "2MB "), ENV, "n"))
        .hasMessage("command line: logfile_maxbytes: '2MB ' is not a byte size (an integer, optionally followed "
            + "by KB, MB or GB)");
  }

  @Test
  void missingFileAndSectionNameTheFile() throws IOException {
    Path missing = dir.resolve("nope.conf");
    assertThatThrownBy(() -> load(missing)).hasMessage("could not find config file " + missing);
    Path f = write("nosup.conf", "[program:a]\ncommand=/bin/true\n");
    assertThatThrownBy(() -> load(f)).hasMessage(f + ": .ini file does not include supervisord section");
  }

  @Test
  void unknownKeysOnlyWarn() throws IOException {
    Path f = write("typo.conf", HEAD + "[program:a]\ncommand=/bin/true\nautorestrat=true\n");
    Configuration c = load(f);
    assertThat(c.messages()).anySatisfy(m -> assertThat(m.text())
        .isEqualTo(f + ":6 [program:a] autorestrat: unknown key, ignored (supervisord ignores it silently)"));
    assertThat(c.groups().getFirst().processes().getFirst().autorestart()).isEqualTo(AutoRestart.UNEXPECTED);
  }

  @Test
  void nestedIncludesAreOurExtensionRelativeToTheIncludingFile() throws IOException {
    Path main = write("main.conf", HEAD + "[include]\nfiles=a/*.conf\n");
    write("a/one.conf", "[program:one]\ncommand=%(here)s/run\n[include]\nfiles=b/*.conf\n");
    write("a/b/two.conf", "[program:two]\ncommand=%(here)s/run\n");
    Configuration c = load(main);
    assertThat(c.groups()).extracting(GroupConfig::name).containsExactly("one", "two");
    assertThat(c.groups().get(1).processes().getFirst().command()).isEqualTo(dir.resolve("a/b") + "/run");
  }

  @Test
  void includeCyclesAreErrors() throws IOException {
    Path main = write("main.conf", HEAD + "[include]\nfiles=a/*.conf\n");
    write("a/one.conf", "[program:one]\ncommand=/bin/true\n[include]\nfiles=../main.conf\n");
    assertThatThrownBy(() -> load(main)).isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.resolve("a/one.conf") + ":4 [include] files: include cycle: ");
  }

  @Test
  void errorsInIncludedFilesNameThatFile() throws IOException {
    Path main = write("main.conf", HEAD + "[include]\nfiles=conf.d/*.conf\n");
    write("conf.d/x.conf", "[program:x]\ncommand=/bin/true\nstopsignal=NOPE\n");
    assertThatThrownBy(() -> load(main)).hasMessage(
        dir.resolve("conf.d/x.conf") + ":3 [program:x] stopsignal: value 'NOPE' is not a valid signal name");
  }

  @Test
  void supervisordEnvironmentBecomesEnvNamesForLaterSections() throws IOException {
    Path f = write("env.conf", HEAD + "environment=ROOT=\"/srv/%(ENV_APP)s\"\n[program:a]\n"
        + "command=%(ENV_ROOT)s/bin/run\nenvironment=X=\"%(ENV_ROOT)s\"\n");
    ProcessConfig p = load(f).groups().getFirst().processes().getFirst();
    assertThat(p.command()).isEqualTo("/srv/shop/bin/run");
    assertThat(p.environment()).containsExactly(Map.entry("X", "/srv/shop"));
  }

  @Test
  void supervisorctlDefaultsAndMissingSection() throws IOException {
    Path f = write("ctl.conf", "[supervisorctl]\n");
    SupervisorctlConfig c = ConfigLoader.loadSupervisorctl(f, ENV);
    assertThat(c).isEqualTo(new SupervisorctlConfig("http://localhost:9001", java.util.Optional.empty(),
        java.util.Optional.empty(), "supervisor", java.util.Optional.empty()));
    Path g = write("ctl2.conf", "[supervisorctl]\nserverurl=unix://%(here)s/../x.sock\nhistory_file=~/.h\n");
    SupervisorctlConfig d = ConfigLoader.loadSupervisorctl(g, ENV);
    assertThat(d.serverurl()).isEqualTo("unix://" + dir.getParent().resolve("x.sock"));
    assertThat(d.historyFile()).contains("/tmp/.h");
    Path h = write("noctl.conf", HEAD);
    assertThatThrownBy(() -> ConfigLoader.loadSupervisorctl(h, ENV))
        .hasMessageEndingWith(".ini file does not include supervisorctl section");
  }
}

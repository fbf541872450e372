package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DatatypesTest {
  @Test
  void booleansAcceptSupervisordWordsInAnyCase() {
    assertThat(List.of("yes", "TRUE", "On", "1").stream().map(Datatypes::bool)).containsOnly(true);
    assertThat(List.of("no", "False", "OFF", "0").stream().map(Datatypes::bool)).containsOnly(false);
    assertThatThrownBy(() -> Datatypes.bool("maybe")).hasMessage("not a valid boolean value: 'maybe'");
  }

  @Test
  void integersFollowPythonInt() {
    assertThat(Datatypes.integer(" 12 ")).isEqualTo(12);
    assertThat(Datatypes.integer("-3")).isEqualTo(-3);
    assertThat(Datatypes.integer("+1_000")).isEqualTo(1000);
    assertThatThrownBy(() -> Datatypes.integer("ten")).hasMessage("'ten' is not an integer");
    assertThatThrownBy(() -> Datatypes.integer("1__0")).isInstanceOf(ValueProblem.class);
    assertThatThrownBy(() -> Datatypes.integer("1.5")).isInstanceOf(ValueProblem.class);
  }

  @Test
  void byteSizesHaveOptional1024BasedSuffixes() {
    assertThat(Datatypes.byteSize("1024")).isEqualTo(1024);
    assertThat(Datatypes.byteSize("1KB")).isEqualTo(1024);
    assertThat(Datatypes.byteSize("50mb")).isEqualTo(50L * 1024 * 1024);
    assertThat(Datatypes.byteSize("10 MB")).isEqualTo(10L * 1024 * 1024);
    assertThat(Datatypes.byteSize("2Gb")).isEqualTo(2L * 1024 * 1024 * 1024);
    for (String bad : List.of("1K", "1.5MB", "2MB ", "MB", "", "1TB")) {
      assertThatThrownBy(() -> Datatypes.byteSize(bad)).as(bad).isInstanceOf(ValueProblem.class)
          .hasMessageContaining("is not a byte size");
    }
  }

  @Test
  void octalAcceptsPythonForms() {
    assertThat(Datatypes.octal("022")).isEqualTo(18);
    assertThat(Datatypes.octal("22")).isEqualTo(18);
    assertThat(Datatypes.octal("0o22")).isEqualTo(18);
    assertThatThrownBy(() -> Datatypes.octal("8")).hasMessage("8 can not be converted to an octal type");
  }

  @Test
  void signalsByNameAliasOrNumber() {
    assertThat(Signals.parse("TERM")).isEqualTo(new SignalSpec("TERM", 15));
    assertThat(Signals.parse("sighup").number()).isEqualTo(1);
    assertThat(Signals.parse(" usr2 ").number()).isEqualTo(12);
    assertThat(Signals.parse("IOT")).isEqualTo(new SignalSpec("ABRT", 6));
    assertThat(Signals.parse("9")).isEqualTo(new SignalSpec("KILL", 9));
    assertThat(Signals.parse("RTMAX").number()).isEqualTo(64);
    assertThatThrownBy(() -> Signals.parse("FOO")).hasMessage("value 'FOO' is not a valid signal name");
    assertThatThrownBy(() -> Signals.parse("40")).hasMessage("value '40' is not a valid signal number");
  }

  @Test
  void exitcodesAreBytesAndMayBeEmpty() {
    assertThat(Datatypes.exitcodes("0, 2 ,3")).containsExactly(0, 2, 3);
    assertThat(Datatypes.exitcodes("")).isEmpty();
    assertThatThrownBy(() -> Datatypes.exitcodes("0,256")).hasMessage("not a valid list of exit codes: '0,256'");
    assertThatThrownBy(() -> Datatypes.exitcodes("0,")).isInstanceOf(ValueProblem.class);
  }

  @Test
  void inetPortsInEveryForm() {
    assertThat(Datatypes.inetAddress("127.0.0.1:9001")).isEqualTo(new Datatypes.InetAddress("127.0.0.1", 9001));
    assertThat(Datatypes.inetAddress("LocalHost:1")).isEqualTo(new Datatypes.InetAddress("localhost", 1));
    assertThat(Datatypes.inetAddress(":9001").host()).isEmpty();
    assertThat(Datatypes.inetAddress("*:9001").host()).isEmpty();
    assertThat(Datatypes.inetAddress("9001").port()).isEqualTo(9001);
    assertThatThrownBy(() -> Datatypes.inetAddress("host:70000")).hasMessage("70000 is above upper bound (65535)");
    assertThatThrownBy(() -> Datatypes.inetAddress("host:0")).hasMessage("0 is below lower bound (1)");
    assertThatThrownBy(() -> Datatypes.inetAddress("host:")).hasMessage("no port number specified in ''");
    assertThatThrownBy(() -> Datatypes.inetAddress("abc")).hasMessage("not a valid port number: 'abc' ");
  }

  @Test
  void namesRejectSpaceColonAndSlash() {
    assertThat(Datatypes.name(" web ")).isEqualTo("web");
    assertThatThrownBy(() -> Datatypes.name("a b")).hasMessage("Invalid name: 'a b' because of character: ' '");
    assertThatThrownBy(() -> Datatypes.name("a/b")).hasMessageContaining("'/'");
  }

  @Test
  void autorestartAndLogLevels() {
    assertThat(Datatypes.autoRestart("Unexpected")).isEqualTo(AutoRestart.UNEXPECTED);
    assertThat(Datatypes.autoRestart("yes")).isEqualTo(AutoRestart.TRUE);
    assertThat(Datatypes.autoRestart("0")).isEqualTo(AutoRestart.FALSE);
    assertThatThrownBy(() -> Datatypes.autoRestart("x")).hasMessage("invalid 'autorestart' value 'x'");
    assertThat(Datatypes.loggingLevel("BLATHER")).isEqualTo("blather");
    assertThatThrownBy(() -> Datatypes.loggingLevel("warning")).hasMessage("bad logging level name 'warning'");
  }

  @Test
  void logfileNamesAndPaths() {
    Map<String, String> env = Map.of("HOME", "/tmp");
    assertThat(Datatypes.logfileName("None", env)).isEqualTo(new Datatypes.LogNamed(LogFile.NONE));
    assertThat(Datatypes.logfileName("AUTO", env)).isEqualTo(new Datatypes.LogNamed(LogFile.AUTO));
    assertThat(Datatypes.logfileName("Syslog", env)).isInstanceOf(Datatypes.LogSyslog.class);
    assertThat(Datatypes.logfileName("~/x.log", env))
        .isEqualTo(new Datatypes.LogNamed(LogFile.file(java.nio.file.Path.of("/tmp/x.log"))));
    assertThat(Datatypes.existingDirpath("bare.log", env)).hasToString("bare.log");
    assertThatThrownBy(() -> Datatypes.existingDirpath("/nonexistent-dir/x", env))
        .hasMessage("The directory named as part of the path /nonexistent-dir/x does not exist");
    assertThatThrownBy(() -> Datatypes.existingDirectory("/nonexistent-dir", env))
        .hasMessage("/nonexistent-dir is not an existing directory");
  }

  @Test
  void userGroupResolvesNamesAndIds() {
    assertThat(Datatypes.userGroup("root")).isEqualTo(new UidGid(0, -1));
    assertThat(Datatypes.userGroup("0:root")).isEqualTo(new UidGid(0, 0));
    assertThatThrownBy(() -> Datatypes.userGroup("root:no-such-group"))
        .hasMessage("Invalid user:group definition root:no-such-group");
    assertThatThrownBy(() -> Accounts.system().nameToUid("no-such-user")).hasMessage("Invalid user name no-such-user");
    assertThatThrownBy(() -> Accounts.system().nameToUid("987654")).hasMessage("Invalid user id 987654");
  }
}

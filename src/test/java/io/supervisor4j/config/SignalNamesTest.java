package io.supervisor4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignalNamesTest {
  @Test
  void signalTable() {
    assertThat(SignalNames.number("TERM")).contains(15);
    assertThat(SignalNames.number("sigkill")).contains(9);
    assertThat(SignalNames.number("STKFLT")).contains(16);
    assertThat(SignalNames.number("PWR")).contains(30);
    assertThat(SignalNames.number("NOPE")).isEmpty();
    assertThat(SignalNames.name(17)).isEqualTo("CHLD");
    assertThat(SignalNames.signame(9)).isEqualTo("SIGKILL");
    assertThat(SignalNames.signame(29)).isEqualTo("SIGPOLL");
    assertThat(SignalNames.signame(40)).isEqualTo("signal 40");
  }
}

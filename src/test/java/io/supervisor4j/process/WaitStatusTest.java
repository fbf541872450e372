package io.supervisor4j.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WaitStatusTest {
  @Test
  void waitStatusDecoding() {
    assertThat(WaitStatus.exited(2).describe()).isEqualTo("exit status 2");
    assertThat(WaitStatus.killedBy(9, false).describe()).isEqualTo("terminated by SIGKILL");
    assertThat(WaitStatus.killedBy(11, true).describe()).isEqualTo("terminated by SIGSEGV (core dumped)");
    assertThat(WaitStatus.killedBy(15, false).isExited()).isFalse();
    assertThat(WaitStatus.exited(0).isSignaled()).isFalse();
    assertThat(new WaitStatus(0x137f).isSignaled()).isFalse(); // stopped, not signaled
  }
}

package io.supervisor4j.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Errno, Signals, UserAccount, ResourceLimits. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SmallPartsTest {
  @Test
  void errnoNames() {
    assertThat(Errno.name(2)).isEqualTo("ENOENT");
    assertThat(Errno.name(24)).isEqualTo("EMFILE");
    assertThat(Errno.name(11)).isEqualTo("EAGAIN");
    assertThat(Errno.name(999)).isEqualTo("999");
  }

  @Test
  void groupKillRefusesInitAndOurselves() {
    assertThatThrownBy(() -> Signals.killProcessGroup(1, 9)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signalToAMissingProcessIsEsrch() {
    assertThatThrownBy(() -> Signals.kill(Integer.MAX_VALUE - 1, 0))
        .isInstanceOfSatisfying(LibcException.class, e -> assertThat(e.errnoName()).isEqualTo("ESRCH"));
  }

  @Test
  void userLookupByNameAndUid() {
    UserAccount root = UserAccount.lookup("root").orElseThrow();
    assertThat(root.uid()).isZero();
    assertThat(root.gid()).isZero();
    assertThat(root.groups()).startsWith(0);
    assertThat(root.home()).isEqualTo("/root");
    UserAccount nobody = UserAccount.lookup("65534").orElseThrow();
    assertThat(nobody.name()).isEqualTo("nobody");
    assertThat(nobody.groups()).containsExactly(nobody.gid());
    assertThat(UserAccount.lookup("nobody")).contains(nobody);
    assertThat(UserAccount.lookup("no-such-user-here")).isEmpty();
    assertThat(UserAccount.lookup("4000000")).isEmpty();
  }

  @Test
  void resourceLimitsAreRaisedLikeSupervisord() {
    long[] nofile = ResourceLimits.current(ResourceLimits.Resource.NOFILE);
    assertThat(ResourceLimits.raise(ResourceLimits.Resource.NOFILE, 16)).isEmpty(); // already enough
    // the JVM raised its soft limit to the hard one: lower it, then let raise() bring it up like minfds does
    Libc.setrlimit(Libc.RLIMIT_NOFILE, nofile[1] - 100, nofile[1]);
    try {
      long target = nofile[1] - 10;
      assertThat(ResourceLimits.raise(ResourceLimits.Resource.NOFILE, target))
          .contains("Increased RLIMIT_NOFILE limit to " + target);
      assertThat(ResourceLimits.current(ResourceLimits.Resource.NOFILE)).containsExactly(target, nofile[1]);
      // above the hard limit: works only with CAP_SYS_RESOURCE; otherwise supervisord's message (showing the
      // requested value as the allowed one, as supervisord does)
      long above = nofile[1] + 1;
      try {
        assertThat(ResourceLimits.raise(ResourceLimits.Resource.NOFILE, above)).isPresent();
      } catch (ResourceLimits.LimitException e) {
        assertThat(e.getMessage()).startsWith("The minimum number of file descriptors required to run this process is "
            + above + " as per the \"minfds\" command-line argument or config file setting. The current environment "
            + "will only allow you to open " + above + " file descriptors.");
      }
    } finally {
      Libc.setrlimit(Libc.RLIMIT_NOFILE, nofile[0], nofile[1]);
    }
  }
}

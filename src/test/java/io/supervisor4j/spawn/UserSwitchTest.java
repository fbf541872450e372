package io.supervisor4j.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** user= with both privilege-drop strategies, as root. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UserSwitchTest {
  static ChildWatcher watcher;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    assertThat(Libc.getuid()).as("these tests need root").isZero();
    watcher = new ChildWatcher((pid, status) -> {}, Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    watcher.close();
  }

  static Collector run(Spawner spawner, SpawnSpec spec) throws Exception {
    SpawnedChild child = spawner.spawn(spec);
    Collector c = new Collector();
    watcher.watch(child, c);
    return c.awaitAll(child, true);
  }

  @ParameterizedTest
  @EnumSource(Spawner.PrivilegeDrop.class)
  void childRunsAsNobodyWithOnlyTheEnvironmentGiven(Spawner.PrivilegeDrop mode) throws Exception {
    UserAccount nobody = UserAccount.lookup("nobody").orElseThrow();
    try (Spawner spawner = new Spawner(mode)) {
      SpawnSpec spec = SpawnSpec.of("id", Path.of("/bin/sh"),
          List.of("sh", "-c", "id -u; id -g; id -G; echo \"HOME=$HOME USER=$USER\"; grep -E '^Cap(Eff|Prm)' /proc/self/status"),
          List.of("PATH=/usr/bin:/bin", "HOME=/nonexistent")).withUser(nobody);
      Collector c = run(spawner, spec);
      assertThat(c.err()).isEmpty();
      assertThat(c.out()).isEqualTo(String.format("%d%n%d%n%d%nHOME=/nonexistent USER=%nCapPrm:\t0000000000000000%nCapEff:\t0000000000000000%n",
          nobody.uid(), nobody.gid(), nobody.gid()));
      // the spawner went back to root: the next child without user= is root again
      SpawnSpec root = SpawnSpec.of("id", Path.of("/usr/bin/id"), List.of("id", "-u"), List.of());
      assertThat(run(spawner, root).out()).isEqualTo("0\n");
    }
  }

  @ParameterizedTest
  @EnumSource(Spawner.PrivilegeDrop.class)
  void supplementaryGroupsAreTheUsersGroups(Spawner.PrivilegeDrop mode) throws Exception {
    UserAccount account = UserAccount.lookup("nobody").orElseThrow();
    UserAccount withGroups = new UserAccount(account.name(), account.uid(), account.gid(),
        new int[] {account.gid(), 4, 27}, account.home(), account.shell());
    try (Spawner spawner = new Spawner(mode)) {
      SpawnSpec spec = SpawnSpec.of("id", Path.of("/usr/bin/id"), List.of("id", "-G"), List.of())
          .withUser(withGroups);
      assertThat(run(spawner, spec).out()).isEqualTo(account.gid() + " 4 27\n");
    }
  }

  @ParameterizedTest
  @EnumSource(Spawner.PrivilegeDrop.class)
  void sameUserMeansNoSwitch(Spawner.PrivilegeDrop mode) throws Exception {
    UserAccount root = UserAccount.lookup("root").orElseThrow();
    try (Spawner spawner = new Spawner(mode)) {
      SpawnSpec spec = SpawnSpec.of("id", Path.of("/bin/sh"), List.of("sh", "-c", "echo $0; id -u"), List.of())
          .withUser(root);
      assertThat(run(spawner, spec).out()).isEqualTo("sh\n0\n");
    }
  }

  @org.junit.jupiter.api.Test
  void threadCredentialsKeepArgv0AndChdirAsTheUser() throws Exception {
    UserAccount nobody = UserAccount.lookup("nobody").orElseThrow();
    try (Spawner spawner = new Spawner(Spawner.PrivilegeDrop.THREAD_CREDENTIALS)) {
      SpawnSpec spec = SpawnSpec.of("a0", Path.of("/bin/sh"), List.of("my-name", "-c", "echo $0"), List.of())
          .withUser(nobody);
      assertThat(run(spawner, spec).out()).isEqualTo("my-name\n");
      // a JUnit temp dir is 0700 root: nobody cannot chdir there, like supervisord's child after setuid
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> spawner.spawn(spec.withDirectory(tmp)))
          .hasMessage("couldn't chdir to " + tmp + ": EACCES")
          .isInstanceOf(SpawnException.class);
    }
  }
}

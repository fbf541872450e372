package io.supervisor4j.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SystemProbesTest {
  @TempDir Path dir;

  private Path write(String rel, String text) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void cgroupV2MemoryEventsOfTheOwnCgroup() throws IOException {
    Path self = write("proc-self-cgroup", "0::/system.slice/app.service\n");
    Path events = write("cg/system.slice/app.service/memory.events",
        "low 0\nhigh 0\nmax 12\noom 3\noom_kill 2\noom_group_kill 0\n");
    assertThat(SystemProbes.findOomCounter(self, dir.resolve("cg"))).contains(events);
    assertThat(SystemProbes.readOomKills(events)).hasValue(2);
  }

  @Test
  void cgroupV1OomControlIncludingANamespacedRoot() throws IOException {
    Path self = write("proc-self-cgroup", "4:memory:/docker/abc\n1:cpu:/\n0::/\n");
    Path root = write("cg/memory/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 7\n");
    assertThat(SystemProbes.findOomCounter(self, dir.resolve("cg"))).contains(root);
    Path own = write("cg/memory/docker/abc/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
    assertThat(SystemProbes.findOomCounter(self, dir.resolve("cg"))).contains(own);
  }

  @Test
  void noCounterAnywhereIsUnknown() throws IOException {
    Path self = write("proc-self-cgroup", "0::/\n");
    assertThat(SystemProbes.findOomCounter(self, dir.resolve("cg"))).isEmpty();
    assertThat(new SystemProbes(java.util.Optional.empty(), dir).oomKills()).isEmpty();
    // this machine: whatever it has must be readable if found
    SystemProbes.forThisProcess().oomCounterFile()
        .ifPresent(f -> assertThat(SystemProbes.readOomKills(f)).isPresent());
  }
}

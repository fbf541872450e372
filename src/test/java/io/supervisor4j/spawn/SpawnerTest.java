package io.supervisor4j.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supervisor4j.config.SignalNames;
import io.supervisor4j.process.WaitStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Spawning and watching real processes (the tests run as root). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpawnerTest {
  static final List<String> ENV = List.of("PATH=/usr/bin:/bin");
  static final Map<Integer, Integer> UNKNOWN = new ConcurrentHashMap<>();
  static Spawner spawner;
  static ChildWatcher watcher;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spawner = new Spawner();
    watcher = new ChildWatcher(UNKNOWN::put, Duration.ofMillis(100));
  }

  @AfterAll
  static void stop() {
    watcher.close();
    spawner.close();
  }

  static SpawnSpec spec(String... argv) {
    return SpawnSpec.of("test", Path.of(argv[0]), List.of(argv), ENV);
  }

  static Collector run(SpawnSpec spec) throws Exception {
    SpawnedChild child = spawner.spawn(spec);
    Collector c = new Collector();
    watcher.watch(child, c);
    return c.awaitAll(child, !spec.redirectStderr());
  }

  @Test
  void echoOutputArrivesThroughTheWatcher() throws Exception {
    Collector c = run(spec("/bin/echo", "hello", "world"));
    assertThat(c.out()).isEqualTo("hello world\n");
    assertThat(c.err()).isEmpty();
    assertThat(new WaitStatus(c.awaitExit()).isExited()).isTrue();
    assertThat(new WaitStatus(c.awaitExit()).exitCode()).isZero();
  }

  @Test
  void exitCodeAndDeathBySignal() throws Exception {
    int seven = run(spec("/bin/sh", "-c", "exit 7")).awaitExit();
    assertThat(new WaitStatus(seven).exitCode()).isEqualTo(7);
    assertThat(new WaitStatus(seven).describe()).isEqualTo("exit status 7");

    int term = run(spec("/bin/sh", "-c", "kill -TERM $$")).awaitExit();
    assertThat(new WaitStatus(term).isSignaled()).isTrue();
    assertThat(new WaitStatus(term).termSignal()).isEqualTo(SignalNames.SIGTERM);
    assertThat(new WaitStatus(term).describe()).isEqualTo("terminated by SIGTERM");
  }

  @Test
  void coreDumpFlag() throws Exception {
    // core_pattern is "core" here: a core file lands in the child's directory, so the flag must be set
    int segv = run(spec("/bin/sh", "-c", "ulimit -c unlimited; kill -SEGV $$").withDirectory(tmp)).awaitExit();
    assertThat(new WaitStatus(segv).termSignal()).isEqualTo(SignalNames.SIGSEGV);
    if (Files.readString(Path.of("/proc/sys/kernel/core_pattern")).trim().equals("core")) {
      assertThat(new WaitStatus(segv).coreDumped()).isTrue();
      assertThat(new WaitStatus(segv).describe()).isEqualTo("terminated by SIGSEGV (core dumped)");
    }
  }

  @Test
  void environmentIsPassedExactly() throws Exception {
    SpawnSpec spec = SpawnSpec.of("env", Path.of("/usr/bin/env"), List.of("env"),
        List.of("A=1", "B=two words", "EMPTY="));
    assertThat(run(spec).out()).isEqualTo("A=1\nB=two words\nEMPTY=\n");
  }

  @Test
  void directoryAndUmaskAreSeenByTheChildOnly() throws Exception {
    int before = Libc.umask(022);
    Libc.umask(before);
    Collector c = run(spec("/bin/sh", "-c", "pwd; umask").withDirectory(tmp).withUmask(027));
    assertThat(c.out()).isEqualTo(tmp.toRealPath() + "\n0027\n");
    int after = Libc.umask(022);
    Libc.umask(after);
    assertThat(after).isEqualTo(before);
    // the next spawn without umask= gets supervisord's umask again
    assertThat(run(spec("/bin/sh", "-c", "umask")).out().trim()).isEqualTo(String.format("%04o", before));
  }

  @Test
  void missingDirectoryIsASpawnError() {
    assertThatThrownBy(() -> spawner.spawn(spec("/bin/true").withDirectory(Path.of("/nope"))))
        .isInstanceOf(SpawnException.class)
        .hasMessage("couldn't chdir to /nope: ENOENT");
  }

  @Test
  void execFailureIsASpawnError() throws Exception {
    Path script = tmp.resolve("noexec");
    Files.writeString(script, "#!/bin/sh\n");
    assertThatThrownBy(() -> spawner.spawn(SpawnSpec.of("x", script, List.of("noexec"), ENV)))
        .isInstanceOf(SpawnException.class)
        .hasMessage("couldn't exec noexec: EACCES");
    long fds = ProcFs.openFdCount();
    assertThatThrownBy(() -> spawner.spawn(spec("/no/such/file"))).hasMessage("couldn't exec /no/such/file: ENOENT");
    assertThat(ProcFs.openFdCount()).isEqualTo(fds); // pipes of the failed spawn are closed
  }

  @Test
  void childLeadsItsOwnProcessGroupInOurSession() throws Exception {
    SpawnedChild child = spawner.spawn(spec("/bin/sleep", "30"));
    Collector c = new Collector();
    watcher.watch(child, c);
    String[] stat = ProcFs.stat(child.pid()).orElseThrow();
    String[] self = ProcFs.stat(Libc.getpid()).orElseThrow();
    assertThat(stat[2]).isEqualTo(Integer.toString(child.pid())); // pgrp
    assertThat(stat[3]).isEqualTo(self[3]); // same session
    child.signal(SignalNames.SIGKILL);
    assertThat(new WaitStatus(c.awaitExit()).termSignal()).isEqualTo(SignalNames.SIGKILL);
  }

  @Test
  void noDescriptorIsInherited() throws Exception {
    assertThat(ProcFs.openFdCount()).isGreaterThan(5); // the JVM has plenty open
    String out = run(spec("/bin/ls", "/proc/self/fd")).out();
    // 0-2 plus the directory ls is listing
    assertThat(out.split("\n")).containsExactly("0", "1", "2", "3");
  }

  @Test
  void signalMaskIsEmptyAndNothingIsIgnored() throws Exception {
    String out = run(spec("/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status")).out();
    assertThat(out).isEqualTo("SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n");
  }

  @Test
  void redirectStderrMergesIntoStdout() throws Exception {
    SpawnedChild child = spawner.spawn(spec("/bin/sh", "-c", "echo out; echo err >&2").withRedirectStderr(true));
    assertThat(child.stderrFd()).isEqualTo(-1);
    Collector c = new Collector();
    watcher.watch(child, c);
    c.awaitAll(child, false);
    assertThat(c.out()).isEqualTo("out\nerr\n");
  }

  @Test
  void stdinPipeAndWriteErrors() throws Exception {
    SpawnedChild cat = spawner.spawn(spec("/bin/cat"));
    Collector c = new Collector();
    watcher.watch(cat, c);
    byte[] data = "abc\n".getBytes(StandardCharsets.UTF_8);
    assertThat(cat.writeStdin(data, 0, data.length)).isEqualTo(new StdinWrite(4, java.util.Optional.empty()));
    cat.closeStdin();
    c.awaitAll(cat, true);
    assertThat(c.out()).isEqualTo("abc\n");
    assertThat(cat.writeStdin(data, 0, 4).error()).contains("EBADF");

    SpawnedChild quitter = spawner.spawn(spec("/bin/true"));
    ProcFs.await("true to exit", () -> !ProcFs.alive(quitter.pid()));
    assertThat(quitter.writeStdin(data, 0, 4).error()).contains("EPIPE");
    Collector q = new Collector();
    watcher.watch(quitter, q);
    q.awaitAll(quitter, true);
  }

  @Test
  void stdinFromAnExistingDescriptor() throws Exception {
    Path file = tmp.resolve("in.txt");
    Files.writeString(file, "from a socket, say\n");
    int fd = Libc.open(file.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
    try {
      SpawnedChild cat = spawner.spawn(spec("/bin/cat").withStdin(StdinSource.fd(fd)));
      assertThat(cat.stdinFd()).isEqualTo(-1);
      Collector c = new Collector();
      watcher.watch(cat, c);
      assertThat(c.awaitAll(cat, true).out()).isEqualTo("from a socket, say\n");
    } finally {
      Libc.close(fd);
    }
  }

  @Test
  void pidfdSignalAndEsrchAfterExit() throws Exception {
    SpawnedChild child = spawner.spawn(spec("/bin/sleep", "30"));
    Collector c = new Collector();
    watcher.watch(child, c);
    child.signal(SignalNames.SIGTERM);
    assertThat(new WaitStatus(c.awaitExit()).termSignal()).isEqualTo(SignalNames.SIGTERM);
    assertThatThrownBy(() -> child.signal(SignalNames.SIGTERM))
        .isInstanceOfSatisfying(LibcException.class, e -> assertThat(e.errnoName()).isEqualTo("ESRCH"));
  }

  @Test
  void exitReapedByASweepBeforeWatchIsStillDelivered() throws Exception {
    SpawnedChild child = spawner.spawn(spec("/bin/sh", "-c", "exit 3"));
    ProcFs.await("zombie", () -> !ProcFs.alive(child.pid()));
    watcher.wakeup(); // the sweep reaps it now, nobody watches it yet
    ProcFs.await("reaped", () -> ProcFs.stat(child.pid()).isEmpty());
    Collector c = new Collector();
    watcher.watch(child, c);
    assertThat(new WaitStatus(c.awaitAll(child, true).awaitExit()).exitCode()).isEqualTo(3);
    assertThat(UNKNOWN).doesNotContainKey(child.pid());
  }

  @Test
  void killProcessGroupKillsGrandchildren() throws Exception {
    SpawnedChild sh = spawner.spawn(spec("/bin/sh", "-c", "sleep 300 & sleep 300 & wait"));
    Collector c = new Collector();
    watcher.watch(sh, c);
    ProcFs.await("two sleeps", () -> ProcFs.childrenOf(sh.pid()).size() == 2);
    List<Integer> grandchildren = ProcFs.childrenOf(sh.pid());
    Signals.killProcessGroup(sh.pid(), SignalNames.SIGKILL);
    assertThat(new WaitStatus(c.awaitExit()).termSignal()).isEqualTo(SignalNames.SIGKILL);
    c.awaitAll(sh, true);
    ProcFs.await("grandchildren gone", () -> grandchildren.stream().noneMatch(ProcFs::alive));
  }

  @Test
  void subreaperReapsOrphanedGrandchildren() throws Exception {
    Subreaper.enable();
    assertThat(Subreaper.isEnabled()).isTrue();
    SpawnedChild sh = spawner.spawn(spec("/bin/sh", "-c", "sleep 0.3 >/dev/null 2>&1 & echo $!"));
    Collector c = new Collector();
    watcher.watch(sh, c);
    c.awaitAll(sh, true);
    int orphan = Integer.parseInt(c.out().trim());
    ProcFs.await("orphan reaped via onUnknownExit", () -> UNKNOWN.containsKey(orphan));
    assertThat(new WaitStatus(UNKNOWN.get(orphan)).exitCode()).isZero();
    assertThat(ProcFs.zombieChildrenOf(Libc.getpid())).isEmpty();
  }

  @Test
  void thousandShortChildrenLeaveNoZombieAndNoDescriptor() throws Exception {
    // warm up so lazily opened JVM descriptors (jars, epoll of the JDK) are not counted as leaks
    run(spec("/bin/true"));
    long fdsBefore = ProcFs.openFdCount();
    Collector[] collectors = new Collector[1000];
    SpawnedChild[] children = new SpawnedChild[1000];
    for (int i = 0; i < collectors.length; i++) {
      children[i] = spawner.spawn(spec("/bin/true"));
      collectors[i] = new Collector();
      watcher.watch(children[i], collectors[i]);
    }
    for (int i = 0; i < collectors.length; i++) {
      assertThat(collectors[i].awaitAll(children[i], true).awaitExit()).isZero();
    }
    ProcFs.await("watcher idle", () -> watcher.watchedCount() == 0);
    assertThat(ProcFs.zombieChildrenOf(Libc.getpid())).isEmpty();
    assertThat(ProcFs.openFdCount()).isEqualTo(fdsBefore);
    assertThat(Arrays.stream(children).allMatch(ch -> ch.pidfd() == -1 && ch.stdinFd() == -1)).isTrue();
  }

  @Test
  void tenMegabytesWrittenJustBeforeExitAllArrive() throws Exception {
    Collector c = run(spec("/usr/bin/head", "-c", "10485760", "/dev/zero"));
    assertThat(c.stdout.size()).isEqualTo(10 * 1024 * 1024);
    assertThat(new WaitStatus(c.awaitExit()).exitCode()).isZero();
  }
}

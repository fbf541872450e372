package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.supervisor4j.config.SignalNames;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts children with posix_spawn on ONE dedicated platform thread. That thread called {@code unshare(CLONE_FS)},
 * so it can set a per-spawn umask (inherited by the child) without touching the rest of the JVM; with
 * {@link PrivilegeDrop#THREAD_CREDENTIALS} it also switches its own credentials around the spawn. Each child is
 * leader of a new process group in our session (supervisord's setpgrp), starts with an empty signal mask and
 * default dispositions for signals 1..64, and inherits no descriptor beyond 0, 1 and 2.
 *
 * <p>{@link #spawn} may be called from any thread. A spawn that needs neither a umask nor another user runs on the
 * calling thread: handing it to the spawner thread and back cost 0.5-1.7 ms per spawn on a busy 2-core machine (about
 * a third of the daemon's per-program start-up); the child then inherits the same cwd and umask, the daemon's, as the
 * spawner thread's private copies never differ from them outside a spawn.
 */
public final class Spawner implements AutoCloseable {
  /** How {@code user=} is applied between spawn and exec. */
  public enum PrivilegeDrop {
    /**
     * The default. The spawner thread switches its own credentials with raw setgroups/setresgid/setresuid
     * syscalls (per-thread on Linux; glibc's wrappers would switch every JVM thread), keeping saved uid/gid 0 to
     * switch back; execve then sets the saved ids to the new ones, so the child keeps no way back and no
     * capabilities. Measured +0.03-0.2 ms per spawn versus +1-1.5 ms for setpriv; it also keeps argv[0] as written
     * and does the chdir as the target user, both as supervisord does.
     */
    THREAD_CREDENTIALS,
    /** Prepends {@code /usr/bin/setpriv --reuid --regid --groups --} (argv[0] becomes the executable path). */
    SETPRIV
  }

  static final String SETPRIV_PATH = "/usr/bin/setpriv";

  private final PrivilegeDrop privilegeDrop;
  private final ExecutorService thread;
  // Owned by the spawner thread.
  private Arena arena;
  private MemorySegment attr;
  private boolean privateFs;
  private int ownCwd = -1;
  private int ownUid;
  private int ownGid;
  private int[] ownGroups;
  private volatile boolean broken;

  public Spawner() {
    this(PrivilegeDrop.THREAD_CREDENTIALS);
  }

  public Spawner(PrivilegeDrop privilegeDrop) {
    this.privilegeDrop = privilegeDrop;
    this.thread = Executors.newSingleThreadExecutor(
        r -> Thread.ofPlatform().daemon().name("supervisor4j-spawner").unstarted(r));
    await(thread.submit(this::init), "init");
  }

  public PrivilegeDrop privilegeDrop() {
    return privilegeDrop;
  }

  /**
   * Spawns one child.
   *
   * @throws SpawnException whose message is supervisord's spawnerr text
   */
  public SpawnedChild spawn(SpawnSpec spec) {
    if (broken) {
      throw new SpawnException("spawner is unusable: its thread could not restore its credentials");
    }
    if (spec.umask().isEmpty() && spec.user().filter(u -> u.uid() != ownUid).isEmpty()) {
      return spawnOnThread(spec, false);
    }
    return await(thread.submit(() -> spawnOnThread(spec, true)), spec.name());
  }

  @Override
  public void close() {
    if (!thread.isShutdown()) {
      await(thread.submit(() -> {
        Libc.spawnAttrDestroy(attr);
        arena.close();
        SpawnedChild.closeQuietly(ownCwd);
        return null;
      }), "close");
      thread.shutdown();
    }
  }

  private static <T> T await(Future<T> future, String what) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true; // the spawn runs anyway: wait for it so its child is not lost
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          throw new SpawnException("unknown error spawning '" + what + "': " + e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Void init() {
    try {
      Libc.unshare(Libc.CLONE_FS);
      privateFs = true;
      ownCwd = Libc.open(".", Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
    } catch (LibcException e) {
      log(System.Logger.Level.WARNING, "unshare(CLONE_FS) failed ({0}): umask= cannot be applied", e.errnoName());
    }
    ownUid = Libc.getuid();
    ownGid = Libc.getgid();
    ownGroups = Libc.getgroups();
    if (ownUid == 0 && privilegeDrop == PrivilegeDrop.THREAD_CREDENTIALS) {
      // no-op calls: link the handles and load every class before the first real switch, so nothing on this
      // thread needs to read class files while it runs as another user
      Libc.setgroupsThread(ownGroups);
      Libc.setresgidThread(-1, -1, -1);
      Libc.setresuidThread(-1, -1, -1);
    }
    arena = Arena.ofShared(); // attr is read by spawns on calling threads too
    attr = arena.allocate(Libc.SPAWN_ATTR_SIZE, 16);
    Libc.spawnAttrInit(attr);
    MemorySegment empty = arena.allocate(Libc.SIGSET_SIZE, 8);
    Libc.sigemptyset(empty);
    MemorySegment all = arena.allocate(Libc.SIGSET_SIZE, 8);
    Libc.sigemptyset(all);
    for (int sig = 1; sig <= 64; sig++) {
      Libc.sigaddset(all, sig); // KILL/STOP are skipped by the child
    }
    // glibc's sigaddset refuses its internal signals 32 and 33, and its spawn child would then leave them
    // SIG_IGN (inherited through exec); set their bits directly so children get the default as with fork+exec.
    all.set(java.lang.foreign.ValueLayout.JAVA_LONG, 0, all.get(java.lang.foreign.ValueLayout.JAVA_LONG, 0) | 3L << 31);
    Libc.spawnAttrSetSigmask(attr, empty);
    Libc.spawnAttrSetSigdefault(attr, all);
    Libc.spawnAttrSetPgroup(attr, 0);
    Libc.spawnAttrSetFlags(attr,
        Libc.POSIX_SPAWN_SETPGROUP | Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF);
    // load what may run while switched, before any credential switch
    new SpawnedChild(-1, -1, -1, -1, -1);
    new LibcException("preload", Errno.ENOENT).errnoName();
    return null;
  }

  /** {@code onSpawnerThread}: this is the spawner thread, whose cwd and umask are private. */
  private SpawnedChild spawnOnThread(SpawnSpec spec, boolean onSpawnerThread) {
    UserAccount user = spec.user().filter(u -> u.uid() != ownUid).orElse(null);
    if (user != null && ownUid != 0) {
      throw new SpawnException("couldn't setuid to " + user.uid() + ": Can't drop privilege as nonroot user");
    }
    if (spec.umask().isPresent() && !privateFs) {
      throw new SpawnException("couldn't set umask for '" + spec.name() + "': the spawner has no private umask");
    }
    Pipes pipes = Pipes.open(spec);
    boolean spawned = false;
    int oldUmask = -1;
    try (Arena call = Arena.ofConfined()) {
      MemorySegment fa = call.allocate(Libc.SPAWN_FILE_ACTIONS_SIZE, 16);
      Libc.fileActionsInit(fa);
      try {
        Libc.fileActionsAddDup2(fa, pipes.childStdin, 0);
        Libc.fileActionsAddDup2(fa, pipes.childStdout, 1);
        Libc.fileActionsAddDup2(fa, pipes.childStderr, 2);
        if (spec.directory().isPresent()) {
          Libc.fileActionsAddChdir(fa, call.allocateFrom(spec.directory().get().toString()));
        }
        Libc.fileActionsAddCloseFrom(fa, 3);
        List<String> argv = spec.argv();
        String path = spec.executable().toString();
        if (user != null && privilegeDrop == PrivilegeDrop.SETPRIV) {
          argv = setprivArgv(user, spec);
          path = SETPRIV_PATH;
        }
        MemorySegment cpath = call.allocateFrom(path);
        MemorySegment cargv = strings(call, argv);
        MemorySegment cenv = strings(call, spec.env());
        MemorySegment pidOut = call.allocate(JAVA_INT);
        if (spec.umask().isPresent()) {
          oldUmask = Libc.umask(spec.umask().getAsInt());
        }
        int rc;
        String chdirError = null;
        boolean probe = spec.directory().isPresent();
        synchronized (ChildTable.LOCK) {
          boolean switchCreds = user != null && privilegeDrop == PrivilegeDrop.THREAD_CREDENTIALS;
          if (switchCreds) {
            switchTo(user);
          }
          try {
            rc = Libc.posixSpawn(pidOut, cpath, fa, attr, cargv, cenv);
            if (rc != 0 && rc != Errno.EAGAIN && probe && onSpawnerThread) {
              chdirError = probeChdir(spec.directory().get().toString()); // with the child's credentials
            }
          } finally {
            if (switchCreds) {
              switchBack();
            }
          }
          if (rc == 0) {
            int pid = pidOut.get(JAVA_INT, 0);
            int pidfd;
            try {
              pidfd = Libc.pidfdOpen(pid);
            } catch (LibcException e) {
              Libc.kill(pid, SignalNames.SIGKILL);
              Libc.waitpid(pid, pidOut, 0);
              throw pipeFailure(spec, e.errno());
            }
            SpawnedChild child = new SpawnedChild(pid, pidfd, pipes.parentStdin, pipes.parentStdout,
                pipes.parentStderr);
            ChildTable.register(child);
            spawned = true;
            return child;
          }
        }
        if (rc != Errno.EAGAIN && probe && !onSpawnerThread) {
          // the spawner thread's cwd is private; no child exists, so the lock is not needed (nor held: no deadlock
          // with a spawn queued there)
          String dir = spec.directory().get().toString();
          chdirError = await(thread.submit(() -> probeChdir(dir)), "chdir");
        }
        throw spawnFailure(spec, rc, chdirError);
      } finally {
        Libc.fileActionsDestroy(fa);
      }
    } finally {
      if (oldUmask >= 0) {
        Libc.umask(oldUmask);
      }
      pipes.closeChildEnds();
      if (!spawned) {
        pipes.closeParentEnds();
      }
    }
  }

  private static List<String> setprivArgv(UserAccount user, SpawnSpec spec) {
    List<String> argv = new ArrayList<>();
    argv.add(SETPRIV_PATH);
    argv.add("--reuid=" + user.uid());
    argv.add("--regid=" + user.gid());
    int[] groups = user.groups();
    if (groups.length == 0) {
      argv.add("--clear-groups");
    } else {
      StringBuilder list = new StringBuilder();
      for (int g : groups) {
        list.append(list.isEmpty() ? "" : ",").append(g);
      }
      argv.add("--groups=" + list);
    }
    argv.add("--");
    argv.add(spec.executable().toString());
    argv.addAll(spec.argv().subList(1, spec.argv().size()));
    return argv;
  }

  private void switchTo(UserAccount user) {
    String fail = "Could not set groups of effective user";
    try {
      fail = "Could not set groups of effective user";
      Libc.setgroupsThread(user.groups());
      fail = "Could not set group id of effective user";
      Libc.setresgidThread(user.gid(), user.gid(), -1);
      fail = "Could not set user id of effective user";
      Libc.setresuidThread(user.uid(), user.uid(), -1);
      return;
    } catch (LibcException e) {
      switchBack();
    }
    throw new SpawnException("couldn't setuid to " + user.uid() + ": " + fail);
  }

  private void switchBack() {
    try {
      Libc.setresuidThread(ownUid, ownUid, -1);
      Libc.setresgidThread(ownGid, ownGid, -1);
      Libc.setgroupsThread(ownGroups);
    } catch (LibcException e) {
      broken = true;
      log(System.Logger.Level.ERROR, "spawner thread could not restore its credentials: " + e.getMessage());
      throw new SpawnException("spawner thread could not restore its credentials: " + e.errnoName());
    }
  }

  /**
   * posix_spawn reports chdir and exec failures alike as one errno: repeat the chdir on this thread (its cwd is
   * private) to tell them apart. Returns the errno name of a failing chdir, or null.
   */
  private String probeChdir(String dir) {
    try {
      if (privateFs) {
        Libc.chdir(dir);
        Libc.fchdir(ownCwd);
      } else {
        Libc.close(Libc.open(dir, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0));
      }
      return null;
    } catch (LibcException e) {
      return e.errnoName();
    }
  }

  private static SpawnException spawnFailure(SpawnSpec spec, int errno, String chdirError) {
    if (errno == Errno.EAGAIN) {
      return new SpawnException("Too many processes in process table to spawn '" + spec.name() + "'");
    }
    if (chdirError != null) {
      return new SpawnException("couldn't chdir to " + spec.directory().orElseThrow() + ": " + chdirError);
    }
    return new SpawnException("couldn't exec " + spec.argv().getFirst() + ": " + Errno.name(errno));
  }

  static SpawnException pipeFailure(SpawnSpec spec, int errno) {
    return errno == Errno.EMFILE
        ? new SpawnException("too many open files to spawn '" + spec.name() + "'")
        : new SpawnException("unknown error making dispatchers for '" + spec.name() + "': " + Errno.name(errno));
  }

  private static MemorySegment strings(Arena arena, List<String> values) {
    MemorySegment array = arena.allocate(ADDRESS, values.size() + 1); // zeroed: NULL-terminated
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    }
    return array;
  }

  // Looked up on first use: System.getLogger loads java.util.logging (about 60 classes) and only errors log here.
  private static void log(System.Logger.Level level, String message, Object... args) {
    System.getLogger(Spawner.class.getName()).log(level, message, args);
  }
}

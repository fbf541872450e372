package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The process-wide table of children we spawned and have not reaped. waitpid(-1) (the orphan sweep) can reap any
 * child, so spawning (posix_spawn + pidfd_open + registration) and reaping are serialized on one lock: a swept
 * pid is always either in this table or truly unknown, and its status is never lost, even when the child exits
 * before anyone called {@link ChildWatcher#watch}.
 */
final class ChildTable {
  static final Object LOCK = new Object();

  private static final Map<Integer, Entry> LIVE = new HashMap<>();
  /** Exits reaped before their child was watched: pid -> status. */
  private static final Map<Integer, Integer> EARLY = new HashMap<>();

  private ChildTable() {}

  static final class Entry {
    final SpawnedChild child;
    ChildWatcher owner;

    Entry(SpawnedChild child) {
      this.child = child;
    }
  }

  /** Caller holds LOCK (from posix_spawn until here). */
  static void register(SpawnedChild child) {
    LIVE.put(child.pid(), new Entry(child));
  }

  /** Attaches a watcher; returns the exit status if the child was already reaped, else -1. */
  static int attach(SpawnedChild child, ChildWatcher owner) {
    synchronized (LOCK) {
      Integer early = EARLY.remove(child.pid());
      if (early != null) {
        return early;
      }
      Entry e = LIVE.get(child.pid());
      if (e == null) {
        throw new IllegalArgumentException("pid " + child.pid() + " was not spawned by Spawner or is watched twice");
      }
      if (e.owner != null) {
        throw new IllegalStateException("pid " + child.pid() + " is already watched");
      }
      e.owner = owner;
      return -1;
    }
  }

  /** Reaps one known child if it has exited; returns its status or -1. */
  static int reap(int pid, MemorySegment status) {
    synchronized (LOCK) {
      if (!LIVE.containsKey(pid)) {
        return -1; // already reaped by a sweep
      }
      int r = Libc.waitpid(pid, status, Libc.WNOHANG);
      if (r == pid) {
        LIVE.remove(pid);
        return status.get(JAVA_INT, 0);
      }
      return -1;
    }
  }

  /**
   * Reaps every exited child: known ones go to their owner (or wait in EARLY until watched), unknown ones (orphans
   * re-parented to a subreaper) to {@code unknown}. Callbacks run after the lock is released.
   */
  static void sweep(MemorySegment status, BiConsumer<Integer, Integer> unknown) {
    List<int[]> orphans = null;
    List<Object[]> known = null;
    synchronized (LOCK) {
      while (true) {
        int pid = Libc.waitpid(-1, status, Libc.WNOHANG);
        if (pid <= 0) {
          break;
        }
        int st = status.get(JAVA_INT, 0);
        Entry e = LIVE.remove(pid);
        if (e == null) {
          orphans = orphans == null ? new java.util.ArrayList<>() : orphans;
          orphans.add(new int[] {pid, st});
        } else if (e.owner == null) {
          EARLY.put(pid, st);
        } else {
          known = known == null ? new java.util.ArrayList<>() : known;
          known.add(new Object[] {e, st});
        }
      }
    }
    if (known != null) {
      for (Object[] k : known) {
        Entry e = (Entry) k[0];
        e.owner.exitReaped(e.child, (Integer) k[1]);
      }
    }
    if (orphans != null) {
      for (int[] o : orphans) {
        unknown.accept(o[0], o[1]);
      }
    }
  }

  /** For tests and diagnostics: number of spawned, unreaped children. */
  static int liveCount() {
    synchronized (LOCK) {
      return LIVE.size();
    }
  }

  static MemorySegment statusBuffer(Arena arena) {
    return arena.allocate(JAVA_INT);
  }
}

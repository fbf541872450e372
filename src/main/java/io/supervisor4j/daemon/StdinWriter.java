package io.supervisor4j.daemon;

import io.supervisor4j.rpc.DaemonControl.StdinResult;
import io.supervisor4j.spawn.SpawnedChild;
import io.supervisor4j.spawn.StdinWrite;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code sendProcessStdin}: writes without blocking, as supervisord's input dispatcher does; what a full pipe does
 * not take is queued per child and retried every few milliseconds by one small thread until it drains, the child
 * closes its end or goes away. Data sent later to the same child is queued behind, so the order is kept.
 */
final class StdinWriter implements AutoCloseable {
  private static final long RETRY_MILLIS = 20;

  private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "stdin-writer");
    t.setDaemon(true);
    return t;
  });

  /** The bytes one child has not taken yet. */
  private static final class Pending {
    final SpawnedChild child;
    final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    int offset; // into the first chunk
    boolean retrying; // one retry chain per child

    Pending(SpawnedChild child) {
      this.child = child;
    }

    /** Writes as much as the pipe takes; false when the pipe is closed (EPIPE, no stdin). */
    synchronized boolean drain() {
      while (!chunks.isEmpty()) {
        byte[] first = chunks.peekFirst();
        StdinWrite w = child.writeStdin(first, offset, first.length - offset);
        if (w.error().isPresent()) {
          chunks.clear();
          return false;
        }
        offset += w.written();
        if (offset < first.length) {
          return true; // pipe full: retry later
        }
        chunks.removeFirst();
        offset = 0;
      }
      return true;
    }

    synchronized boolean idle() {
      return chunks.isEmpty();
    }
  }

  StdinResult write(SpawnedChild child, byte[] data) {
    // a queue left by an earlier child with the same pid (a write racing its exit) is not this child's
    Pending p = pending.compute(child.pid(), (pid, old) -> old != null && old.child == child ? old : new Pending(child));
    boolean open;
    synchronized (p) {
      if (p.chunks.isEmpty()) {
        // the common case (a listener's envelope): straight to the pipe, a copy only of what it does not take
        StdinWrite w = child.writeStdin(data, 0, data.length);
        open = w.error().isEmpty();
        if (open && w.written() < data.length) {
          p.chunks.addLast(Arrays.copyOfRange(data, w.written(), data.length));
        }
      } else {
        p.chunks.addLast(data.clone());
        open = p.drain();
      }
    }
    if (!open) {
      pending.remove(child.pid(), p);
      return StdinResult.CLOSED;
    }
    scheduleRetry(p);
    return StdinResult.ACCEPTED;
  }

  private void scheduleRetry(Pending p) {
    synchronized (p) {
      if (p.retrying || p.idle()) {
        return;
      }
      p.retrying = true;
    }
    retry.schedule(() -> retry(p), RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void retry(Pending p) {
    boolean open;
    synchronized (p) {
      p.retrying = false;
      open = p.drain();
    }
    if (!open) {
      pending.remove(p.child.pid(), p);
    } else if (pending.get(p.child.pid()) == p) {
      scheduleRetry(p);
    }
  }

  /** Drops the queue of a child that is gone (reaped): what it never read is lost, as in supervisord. */
  void forget(int pid) {
    pending.remove(pid);
  }

  @Override
  public void close() {
    retry.shutdownNow();
    pending.clear();
  }
}

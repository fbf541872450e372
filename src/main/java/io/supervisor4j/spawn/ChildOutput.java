package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * One chunk read from a child's pipe, lent to {@link ChildListener#onOutput}: valid only during that call, because
 * the watcher reads the next chunk into the same memory. The chunk lives in native memory; {@link #buffer()} shows
 * it without copying (a file channel writes it with one write(2) and no copy), {@link #array()} copies it into a
 * heap array for code that needs one.
 *
 * <p>Owned by the watcher thread: the native memory is confined to it, so a view used from another thread fails
 * instead of reading a later chunk.
 */
public final class ChildOutput {
  private Arena arena;
  private MemorySegment memory;
  private ByteBuffer view; // read-only, over all of memory
  private byte[] copy = new byte[0];
  private int length;
  private boolean copied;

  /** Call on the thread that will read into it. */
  ChildOutput(int capacity) {
    allocate(capacity);
  }

  /** Bytes in this chunk (> 0). */
  public int length() {
    return length;
  }

  /** A read-only direct view of the chunk (position 0, limit {@link #length()}); no copy. */
  public ByteBuffer buffer() {
    return view.slice(0, length);
  }

  /**
   * The chunk in the first {@link #length()} bytes of a heap array that is reused for later chunks: copy what you
   * keep. The copy is made once per chunk, on first call.
   */
  public byte[] array() {
    if (!copied) {
      if (copy.length < length) {
        copy = new byte[Math.max(length, Math.min(2 * copy.length, capacity()))];
      }
      MemorySegment.copy(memory, JAVA_BYTE, 0, copy, 0, length);
      copied = true;
    }
    return copy;
  }

  int capacity() {
    return (int) memory.byteSize();
  }

  /** Reads from {@code fd} into the chunk; returns the byte count or {@code -errno}, as {@link Libc#read}. */
  long read(int fd) {
    long n = Libc.read(fd, memory, memory.byteSize());
    length = (int) Math.max(0, n);
    copied = false;
    return n;
  }

  /** Grows the native memory to {@code capacity} bytes; the current chunk is dropped (call between chunks). */
  void ensureCapacity(int capacity) {
    if (capacity > capacity()) {
      arena.close();
      allocate(capacity);
    }
  }

  /** Returns to {@code capacity} bytes (native and heap) once no grown pipe needs more; call between chunks. */
  void shrink(int capacity) {
    if (capacity < capacity()) {
      arena.close();
      allocate(capacity);
    }
    if (copy.length > capacity) {
      copy = new byte[0];
    }
  }

  void close() {
    arena.close();
  }

  private void allocate(int capacity) {
    arena = Arena.ofConfined();
    memory = arena.allocate(capacity, 64);
    view = memory.asByteBuffer().asReadOnlyBuffer();
    length = 0;
    copied = false;
  }
}

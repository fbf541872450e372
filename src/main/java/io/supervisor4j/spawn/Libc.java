package io.supervisor4j.spawn;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Every FFM downcall of the project (glibc on Linux x86_64 and aarch64). Conventions: functions that set errno
 * throw {@link LibcException} on failure, except the hot-path {@link #read}, {@link #write} and {@link #waitpid}
 * which return {@code -errno} (EAGAIN and ECHILD are routine there). posix_spawn* functions return their error
 * number (they do not use errno). Memory is the caller's: pass segments from the caller's arena.
 */
@SuppressWarnings("restricted") // this class is the one place allowed to use restricted FFM methods
public final class Libc {
  public static final boolean AARCH64 = System.getProperty("os.arch").equals("aarch64");

  // fcntl.h / sys/*.h constants (identical on x86_64 and aarch64 unless noted)
  public static final int O_RDONLY = 0;
  public static final int O_WRONLY = 1;
  public static final int O_RDWR = 2;
  public static final int O_CREAT = 0100;
  public static final int O_TRUNC = 01000;
  public static final int O_APPEND = 02000;
  public static final int O_NONBLOCK = 04000;
  public static final int O_CLOEXEC = 02000000;
  public static final int O_PATH = 010000000;
  public static final int O_DIRECTORY = AARCH64 ? 040000 : 0200000;
  public static final int F_GETFD = 1;
  public static final int F_SETFD = 2;
  public static final int F_GETFL = 3;
  public static final int F_SETFL = 4;
  public static final int FD_CLOEXEC = 1;
  public static final int WNOHANG = 1;
  public static final int CLONE_FS = 0x200;
  public static final int PR_SET_CHILD_SUBREAPER = 36;
  public static final int PR_GET_CHILD_SUBREAPER = 37;
  public static final int POSIX_SPAWN_SETPGROUP = 0x02;
  public static final int POSIX_SPAWN_SETSIGDEF = 0x04;
  public static final int POSIX_SPAWN_SETSIGMASK = 0x08;
  public static final int POSIX_SPAWN_SETSID = 0x80;
  public static final int EPOLL_CLOEXEC = O_CLOEXEC;
  public static final int EPOLL_CTL_ADD = 1;
  public static final int EPOLL_CTL_DEL = 2;
  public static final int EPOLL_CTL_MOD = 3;
  public static final int EPOLLIN = 0x001;
  public static final int EPOLLERR = 0x008;
  public static final int EPOLLHUP = 0x010;
  public static final int EFD_CLOEXEC = O_CLOEXEC;
  public static final int EFD_NONBLOCK = O_NONBLOCK;
  public static final int RLIMIT_NPROC = 6;
  public static final int RLIMIT_NOFILE = 7;
  public static final long RLIM_INFINITY = -1L;
  public static final int AF_UNIX = 1;
  public static final int AF_INET = 2;
  public static final int SOCK_STREAM = 1;
  public static final int SOCK_CLOEXEC = O_CLOEXEC;
  public static final int SOL_SOCKET = 1;
  public static final int SO_REUSEADDR = 2;

  /** {@code struct epoll_event}: packed (12 bytes, data at offset 4) on x86_64, naturally aligned on aarch64. */
  public static final long EPOLL_EVENT_SIZE = AARCH64 ? 16 : 12;

  public static final long EPOLL_DATA_OFFSET = AARCH64 ? 8 : 4;

  /** Generous sizes for glibc's opaque spawn types (x86_64: 80 and 336 bytes); they are initialised by libc. */
  static final long SPAWN_FILE_ACTIONS_SIZE = 256;

  static final long SPAWN_ATTR_SIZE = 1024;
  static final long SIGSET_SIZE = 128;

  private static final long SYS_SETGROUPS = AARCH64 ? 159 : 116;
  private static final long SYS_SETRESUID = AARCH64 ? 147 : 117;
  private static final long SYS_SETRESGID = AARCH64 ? 149 : 119;
  private static final long SYS_PIDFD_SEND_SIGNAL = 424;
  private static final long SYS_PIDFD_OPEN = 434;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final ThreadLocal<MemorySegment> STATE =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE));

  private static final FunctionDescriptor I_I = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
  private static final FunctionDescriptor I_II = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT);
  private static final FunctionDescriptor I_A = FunctionDescriptor.of(JAVA_INT, ADDRESS);
  private static final FunctionDescriptor I_AI = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
  private static final FunctionDescriptor I_AA = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);

  private static final MethodHandle ATTR_INIT = fn("posix_spawnattr_init", false, I_A);
  private static final MethodHandle ATTR_DESTROY = fn("posix_spawnattr_destroy", false, I_A);
  private static final MethodHandle ATTR_SETFLAGS = fn("posix_spawnattr_setflags", false,
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
  private static final MethodHandle ATTR_SETPGROUP = fn("posix_spawnattr_setpgroup", false, I_AI);
  private static final MethodHandle ATTR_SETSIGMASK = fn("posix_spawnattr_setsigmask", false, I_AA);
  private static final MethodHandle ATTR_SETSIGDEFAULT = fn("posix_spawnattr_setsigdefault", false, I_AA);
  private static final MethodHandle SIGEMPTYSET = fn("sigemptyset", false, I_A);
  private static final MethodHandle SIGADDSET = fn("sigaddset", false, I_AI);

  private static final MethodHandle CLOSE = fn("close", true, I_I);
  private static final MethodHandle KILL = fn("kill", true, I_II);
  private static final MethodHandle SYSCALL = fn("syscall", true,
      FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
      Linker.Option.firstVariadicArg(1));
  private static final MethodHandle EPOLL_CREATE1 = fn("epoll_create1", true, I_I);
  private static final MethodHandle EPOLL_CTL = fn("epoll_ctl", true,
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle EPOLL_WAIT = fn("epoll_wait", true,
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  private static final MethodHandle EVENTFD = fn("eventfd", true, I_II);
  private static final MethodHandle PRCTL = fn("prctl", true,
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
      Linker.Option.firstVariadicArg(1));
  private static final MethodHandle GETGROUPS = fn("getgroups", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle GETRLIMIT = fn("getrlimit", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle SETRLIMIT = fn("setrlimit", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
  private static final MethodHandle UMASK = fn("umask", false, I_I);
  private static final MethodHandle UNSHARE = fn("unshare", true, I_I);
  private static final MethodHandle GETPID = fn("getpid", false, FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETUID = fn("getuid", false, FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle GETGID = fn("getgid", false, FunctionDescriptor.of(JAVA_INT));
  private static final MethodHandle DUP2 = fn("dup2", true, I_II);
  private static final MethodHandle OPEN = fn("open", true,
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
  private static final MethodHandle UNLINK = fn("unlink", true, I_A);
  private static final MethodHandle CHDIR = fn("chdir", true, I_A);
  private static final MethodHandle FCHDIR = fn("fchdir", true, I_I);
  private static final MethodHandle CHMOD = fn("chmod", true, I_AI);
  private static final MethodHandle WAITPID = fn("waitpid", true, // the child watcher sweeps from the start
      FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

  // Each distinct downcall signature spins classes when linked (about 0.15 MiB of RSS and 5 ms of CPU each), so
  // the handles a daemon without children, users, sockets or syslog never calls are linked on first use, by group.

  /** Used once there are children; linked by the first spawn, before any credential switch. */
  private static final class Children {
    static final MethodHandle POSIX_SPAWN = fn("posix_spawn", false,
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle FA_INIT = fn("posix_spawn_file_actions_init", false, I_A);
    static final MethodHandle FA_DESTROY = fn("posix_spawn_file_actions_destroy", false, I_A);
    static final MethodHandle FA_ADDDUP2 = fn("posix_spawn_file_actions_adddup2", false,
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle FA_ADDCHDIR = fn("posix_spawn_file_actions_addchdir_np", false, I_AA);
    static final MethodHandle FA_ADDCLOSEFROM = fn("posix_spawn_file_actions_addclosefrom_np", false, I_AI);
    static final MethodHandle PIPE2 = fn("pipe2", true, I_AI);
    static final MethodHandle READ = fn("read", true, FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle WRITE = fn("write", true, FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle FCNTL = fn("fcntl", true,
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
  }

  /** user= lookups. */
  private static final class Users {
    static final MethodHandle GETPWNAM_R = fn("getpwnam_r", false,
        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    static final MethodHandle GETPWUID_R = fn("getpwuid_r", false,
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    static final MethodHandle GETGROUPLIST = fn("getgrouplist", false,
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
  }

  /** fcgi-program sockets. */
  private static final class Sockets {
    static final MethodHandle SOCKET = fn("socket", true,
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle BIND = fn("bind", true,
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle LISTEN = fn("listen", true, I_II);
    static final MethodHandle SETSOCKOPT = fn("setsockopt", true,
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle STRERROR = fn("strerror", false, FunctionDescriptor.of(ADDRESS, JAVA_INT));
  }

  /** Detaching, chown=, syslog. */
  private static final class Rare {
    static final MethodHandle SETSID = fn("setsid", true, FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle OPENLOG = fn("openlog", false,
        FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle SYSLOG = fn("syslog", false,
        FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS), Linker.Option.firstVariadicArg(2));
    static final MethodHandle CHOWN = fn("chown", true,
        FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  }

  private Libc() {}

  private static MethodHandle fn(String name, boolean errno, FunctionDescriptor fd, Linker.Option... extra) {
    MemorySegment address = LINKER.defaultLookup().find(name)
        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    Linker.Option[] options = extra;
    if (errno) {
      options = java.util.Arrays.copyOf(extra, extra.length + 1);
      options[extra.length] = Linker.Option.captureCallState("errno");
    }
    return LINKER.downcallHandle(address, fd, options);
  }

  private static MemorySegment state() {
    return STATE.get();
  }

  /** errno captured by the last errno-capturing call on this thread. */
  private static int errno() {
    return (int) ERRNO.get(state(), 0L);
  }

  private static int check(int result, String call) {
    if (result == -1) {
      throw new LibcException(call, errno());
    }
    return result;
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  // ---- posix_spawn ----

  /** Returns 0 or an error number; the pid is written to {@code pidOut}. */
  public static int posixSpawn(MemorySegment pidOut, MemorySegment path, MemorySegment fileActions,
      MemorySegment attr, MemorySegment argv, MemorySegment envp) {
    try {
      return (int) Children.POSIX_SPAWN.invokeExact(pidOut, path, fileActions, attr, argv, envp);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static void spawnCall(MethodHandle handle, String name, MemorySegment target) {
    int rc;
    try {
      rc = (int) handle.invokeExact(target);
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (rc != 0) {
      throw new LibcException(name, rc);
    }
  }

  private static void spawnResult(int rc, String name) {
    if (rc != 0) {
      throw new LibcException(name, rc);
    }
  }

  public static void fileActionsInit(MemorySegment fa) {
    spawnCall(Children.FA_INIT, "posix_spawn_file_actions_init", fa);
  }

  public static void fileActionsDestroy(MemorySegment fa) {
    spawnCall(Children.FA_DESTROY, "posix_spawn_file_actions_destroy", fa);
  }

  public static void fileActionsAddDup2(MemorySegment fa, int fd, int newFd) {
    try {
      spawnResult((int) Children.FA_ADDDUP2.invokeExact(fa, fd, newFd), "posix_spawn_file_actions_adddup2");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void fileActionsAddChdir(MemorySegment fa, MemorySegment path) {
    try {
      spawnResult((int) Children.FA_ADDCHDIR.invokeExact(fa, path), "posix_spawn_file_actions_addchdir_np");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void fileActionsAddCloseFrom(MemorySegment fa, int from) {
    try {
      spawnResult((int) Children.FA_ADDCLOSEFROM.invokeExact(fa, from), "posix_spawn_file_actions_addclosefrom_np");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void spawnAttrInit(MemorySegment attr) {
    spawnCall(ATTR_INIT, "posix_spawnattr_init", attr);
  }

  public static void spawnAttrDestroy(MemorySegment attr) {
    spawnCall(ATTR_DESTROY, "posix_spawnattr_destroy", attr);
  }

  public static void spawnAttrSetFlags(MemorySegment attr, int flags) {
    try {
      spawnResult((int) ATTR_SETFLAGS.invokeExact(attr, (short) flags), "posix_spawnattr_setflags");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void spawnAttrSetPgroup(MemorySegment attr, int pgroup) {
    try {
      spawnResult((int) ATTR_SETPGROUP.invokeExact(attr, pgroup), "posix_spawnattr_setpgroup");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void spawnAttrSetSigmask(MemorySegment attr, MemorySegment sigset) {
    try {
      spawnResult((int) ATTR_SETSIGMASK.invokeExact(attr, sigset), "posix_spawnattr_setsigmask");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void spawnAttrSetSigdefault(MemorySegment attr, MemorySegment sigset) {
    try {
      spawnResult((int) ATTR_SETSIGDEFAULT.invokeExact(attr, sigset), "posix_spawnattr_setsigdefault");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void sigemptyset(MemorySegment set) {
    try {
      spawnResult((int) SIGEMPTYSET.invokeExact(set), "sigemptyset");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Adds a signal; glibc refuses its internal signals (32, 33) with -1, which is ignored here. */
  public static boolean sigaddset(MemorySegment set, int sig) {
    try {
      return (int) SIGADDSET.invokeExact(set, sig) == 0;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- file descriptors ----

  /** Creates a pipe; returns {read end, write end}. */
  public static int[] pipe2(int flags) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment fds = arena.allocate(JAVA_INT, 2);
      check((int) Children.PIPE2.invokeExact(state(), fds, flags), "pipe2");
      return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void close(int fd) {
    try {
      check((int) CLOSE.invokeExact(state(), fd), "close");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Bytes read, 0 at EOF, or {@code -errno}. */
  public static long read(int fd, MemorySegment buffer, long count) {
    try {
      long n = (long) Children.READ.invokeExact(state(), fd, buffer, count);
      return n >= 0 ? n : -errno();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Bytes written or {@code -errno}. */
  public static long write(int fd, MemorySegment buffer, long count) {
    try {
      long n = (long) Children.WRITE.invokeExact(state(), fd, buffer, count);
      return n >= 0 ? n : -errno();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int fcntl(int fd, int cmd, int arg) {
    try {
      return check((int) Children.FCNTL.invokeExact(state(), fd, cmd, arg), "fcntl");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int dup2(int fd, int newFd) {
    try {
      return check((int) DUP2.invokeExact(state(), fd, newFd), "dup2");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int open(String path, int flags, int mode) {
    try (Arena arena = Arena.ofConfined()) {
      return check((int) OPEN.invokeExact(state(), arena.allocateFrom(path), flags, mode), "open");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void unlink(String path) {
    try (Arena arena = Arena.ofConfined()) {
      check((int) UNLINK.invokeExact(state(), arena.allocateFrom(path)), "unlink");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Changes the working directory (of this thread only after unshare(CLONE_FS)). */
  public static void chdir(String path) {
    try (Arena arena = Arena.ofConfined()) {
      check((int) CHDIR.invokeExact(state(), arena.allocateFrom(path)), "chdir");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void fchdir(int fd) {
    try {
      check((int) FCHDIR.invokeExact(state(), fd), "fchdir");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void chmod(String path, int mode) {
    try (Arena arena = Arena.ofConfined()) {
      check((int) CHMOD.invokeExact(state(), arena.allocateFrom(path), mode), "chmod");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void chown(String path, int uid, int gid) {
    try (Arena arena = Arena.ofConfined()) {
      check((int) Rare.CHOWN.invokeExact(state(), arena.allocateFrom(path), uid, gid), "chown");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- sockets (fcgi-program) ----

  public static int socket(int domain, int type, int protocol) {
    try {
      return check((int) Sockets.SOCKET.invokeExact(state(), domain, type, protocol), "socket");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** {@code addr} is a complete sockaddr of {@code length} bytes. */
  public static void bind(int fd, MemorySegment addr, int length) {
    try {
      check((int) Sockets.BIND.invokeExact(state(), fd, addr, length), "bind");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void listen(int fd, int backlog) {
    try {
      check((int) Sockets.LISTEN.invokeExact(state(), fd, backlog), "listen");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** An int-valued socket option such as SO_REUSEADDR. */
  public static void setsockopt(int fd, int level, int option, int value) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment v = arena.allocateFrom(JAVA_INT, value);
      check((int) Sockets.SETSOCKOPT.invokeExact(state(), fd, level, option, v, (int) JAVA_INT.byteSize()), "setsockopt");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- processes and signals ----

  public static void kill(int pid, int sig) {
    try {
      check((int) KILL.invokeExact(state(), pid, sig), "kill");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static long syscall(String name, long nr, long a, long b, long c, long d) {
    try {
      long r = (long) SYSCALL.invokeExact(state(), nr, a, b, c, d);
      if (r == -1) {
        throw new LibcException(name, errno());
      }
      return r;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int pidfdOpen(int pid) {
    return (int) syscall("pidfd_open", SYS_PIDFD_OPEN, pid, 0, 0, 0);
  }

  public static void pidfdSendSignal(int pidfd, int sig) {
    syscall("pidfd_send_signal", SYS_PIDFD_SEND_SIGNAL, pidfd, sig, 0, 0);
  }

  /** Raw per-thread setresuid (the glibc wrapper would change every thread of the JVM). -1 keeps a value. */
  public static void setresuidThread(int ruid, int euid, int suid) {
    syscall("setresuid", SYS_SETRESUID, ruid, euid, suid, 0);
  }

  public static void setresgidThread(int rgid, int egid, int sgid) {
    syscall("setresgid", SYS_SETRESGID, rgid, egid, sgid, 0);
  }

  public static void setgroupsThread(int[] gids) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, gids.length));
      MemorySegment.copy(gids, 0, list, JAVA_INT, 0, gids.length);
      syscall("setgroups", SYS_SETGROUPS, gids.length, list.address(), 0, 0);
    }
  }

  /** The calling thread's supplementary groups. */
  public static int[] getgroups() {
    try (Arena arena = Arena.ofConfined()) {
      int n = check((int) GETGROUPS.invokeExact(state(), 0, MemorySegment.NULL), "getgroups");
      MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, n));
      n = check((int) GETGROUPS.invokeExact(state(), n, list), "getgroups");
      return list.asSlice(0, n * 4L).toArray(JAVA_INT);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Returns the pid reaped (0 if none ready with WNOHANG) or {@code -errno}; the raw status goes to statusOut. */
  public static int waitpid(int pid, MemorySegment statusOut, int options) {
    try {
      int r = (int) WAITPID.invokeExact(state(), pid, statusOut, options);
      return r >= 0 ? r : -errno();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int prctl(int option, long arg2) {
    try {
      return check((int) PRCTL.invokeExact(state(), option, arg2, 0L, 0L, 0L), "prctl");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** prctl returning a value through a pointer (e.g. PR_GET_CHILD_SUBREAPER). */
  public static int prctlGetInt(int option) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_INT);
      check((int) PRCTL.invokeExact(state(), option, out.address(), 0L, 0L, 0L), "prctl");
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void unshare(int flags) {
    try {
      check((int) UNSHARE.invokeExact(state(), flags), "unshare");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Sets the umask (of this thread, after unshare(CLONE_FS)) and returns the previous one. */
  public static int umask(int mask) {
    try {
      return (int) UMASK.invokeExact(mask);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int getpid() {
    try {
      return (int) GETPID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int getuid() {
    try {
      return (int) GETUID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int getgid() {
    try {
      return (int) GETGID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int setsid() {
    try {
      return check((int) Rare.SETSID.invokeExact(state()), "setsid");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static String strerror(int errno) {
    try {
      MemorySegment s = (MemorySegment) Sockets.STRERROR.invokeExact(errno);
      return s.reinterpret(4096).getString(0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- epoll / eventfd ----

  public static int epollCreate1(int flags) {
    try {
      return check((int) EPOLL_CREATE1.invokeExact(state(), flags), "epoll_create1");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** epoll_ctl with a 64-bit user token in {@code epoll_data}; {@code event} is EPOLL_EVENT_SIZE bytes. */
  public static void epollCtl(int epfd, int op, int fd, int events, long token, MemorySegment event) {
    event.set(JAVA_INT, 0, events);
    event.set(JAVA_LONG.withByteAlignment(4), EPOLL_DATA_OFFSET, token);
    try {
      check((int) EPOLL_CTL.invokeExact(state(), epfd, op, fd, event), "epoll_ctl");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Number of ready events, or {@code -errno} (EINTR is routine). */
  public static int epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
    try {
      int n = (int) EPOLL_WAIT.invokeExact(state(), epfd, events, maxEvents, timeoutMillis);
      return n >= 0 ? n : -errno();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int epollEvents(MemorySegment events, int index) {
    return events.get(JAVA_INT, index * EPOLL_EVENT_SIZE);
  }

  public static long epollToken(MemorySegment events, int index) {
    return events.get(JAVA_LONG.withByteAlignment(4), index * EPOLL_EVENT_SIZE + EPOLL_DATA_OFFSET);
  }

  public static int eventfd(int initval, int flags) {
    try {
      return check((int) EVENTFD.invokeExact(state(), initval, flags), "eventfd");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- users and limits ----

  /** getpwnam_r; returns 0 (found, or not found when *result is NULL) or an error number. */
  public static int getpwnamR(MemorySegment name, MemorySegment pwd, MemorySegment buf, long len, MemorySegment out) {
    try {
      return (int) Users.GETPWNAM_R.invokeExact(name, pwd, buf, len, out);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int getpwuidR(int uid, MemorySegment pwd, MemorySegment buf, long len, MemorySegment out) {
    try {
      return (int) Users.GETPWUID_R.invokeExact(uid, pwd, buf, len, out);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** getgrouplist; returns the count or -1 when {@code ngroups} was too small (then updated). */
  public static int getgrouplist(MemorySegment user, int gid, MemorySegment groups, MemorySegment ngroups) {
    try {
      return (int) Users.GETGROUPLIST.invokeExact(user, gid, groups, ngroups);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** {soft, hard}; RLIM_INFINITY is -1. */
  public static long[] getrlimit(int resource) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment rl = arena.allocate(JAVA_LONG, 2);
      check((int) GETRLIMIT.invokeExact(state(), resource, rl), "getrlimit");
      return new long[] {rl.getAtIndex(JAVA_LONG, 0), rl.getAtIndex(JAVA_LONG, 1)};
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void setrlimit(int resource, long soft, long hard) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment rl = arena.allocate(JAVA_LONG, 2);
      rl.setAtIndex(JAVA_LONG, 0, soft);
      rl.setAtIndex(JAVA_LONG, 1, hard);
      check((int) SETRLIMIT.invokeExact(state(), resource, rl), "setrlimit");
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- syslog ----

  /** openlog keeps the ident pointer, so it lives in the global arena. */
  public static void openlog(String ident, int option, int facility) {
    try {
      Rare.OPENLOG.invokeExact(Arena.global().allocateFrom(ident), option, facility);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** syslog(priority, "%s", message): the message is never interpreted as a format. */
  public static void syslog(int priority, String message) {
    try (Arena arena = Arena.ofConfined()) {
      Rare.SYSLOG.invokeExact(priority, arena.allocateFrom("%s"), arena.allocateFrom(message));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }
}

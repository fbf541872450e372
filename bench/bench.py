"""supervisor4j vs supervisord 4.2.5 benchmark suite (issue #8). Run through bench/run.

Each scenario runs against both daemons in turn, with the same generated config (apart from paths) and the same
client, and prints one line per measured figure: both values and the ratio. A markdown table follows at the end.
Runs under Debian's /usr/bin/python3 (it has the supervisor package, used for the XML-RPC transport).

CPU figures are utime+stime from /proc/<pid>/stat (10 ms clock ticks, fine for figures of a second or more), except
the idle figure, a few tens of ms: it sums the ns-exact schedstat of the daemon's threads (see CpuWindow).
"""

import argparse
import ctypes
import multiprocessing
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import xmlrpc.client

from supervisor.xmlrpc import SupervisorTransport

HERE = os.path.dirname(os.path.abspath(__file__))
HOME = os.path.dirname(HERE)
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

DAEMONS = {
    "s4j": [os.path.join(HOME, "bin", "supervisord")],
    "supervisord": ["/usr/bin/supervisord"],
}
CTLS = {"s4j": os.path.join(HOME, "bin", "supervisorctl"), "supervisord": "/usr/bin/supervisorctl"}
ORDER = ("s4j", "supervisord")

SIZES = {
    "full": dict(spawn=(100, 500), control=500, log_bytes=1 << 30, memory=(0, 100, 500), idle=100, idle_secs=20,
                 restart=20, stop=500, stop_term=50, event_programs=50, event_cycles=10, rpc_secs=3.0, status_runs=5),
    "smoke": dict(spawn=(10,), control=20, log_bytes=16 << 20, memory=(0, 10), idle=10, idle_secs=2,
                  restart=3, stop=20, stop_term=5, event_programs=5, event_cycles=2, rpc_secs=0.5, status_runs=2),
}


class BenchError(Exception):
    pass


# ---------------------------------------------------------------------------------------------- process helpers

def become_subreaper():
    """Orphans of the daemons (children left when one is killed) are re-parented to us, so we can end them by pid."""
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_CHILD_SUBREAPER = 36
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def children_of(pid):
    pids = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                pids += [int(p) for p in f.read().split()]
    except OSError:
        pass
    return pids


def descendants(pid):
    out, todo = [], [pid]
    while todo:
        for c in children_of(todo.pop()):
            out.append(c)
            todo.append(c)
    return out


def cpu_seconds(pid):
    user, system = cpu_split(pid)
    return user + system


def cpu_split(pid):
    """(user, system) CPU seconds of the whole process (all threads): /proc/<pid>/stat fields 14 and 15."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLK_TCK, int(fields[12]) / CLK_TCK


def thread_cpu_ns(pid):
    """{tid: ns on CPU} of every live thread: the first field of /proc/<pid>/task/<tid>/schedstat (the scheduler's
    sum_exec_runtime, exact to the ns, where /proc/<pid>/stat counts 10 ms clock ticks)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                out[tid] = int(f.read().split()[0])
        except (OSError, IndexError, ValueError):
            pass  # the thread ended while we listed task/
    return out


class CpuWindow:
    """Daemon CPU over a window, precise to the ns: the growth of every thread's schedstat (threads born in the
    window count in full). A thread that ends inside the window leaves task/ and takes its CPU with it, so the
    window also reads /proc/<pid>/stat (utime+stime in 10 ms ticks, dead threads included) and falls back to it
    when threads ended or it exceeds the schedstat sum by more than its two-tick rounding."""

    def __init__(self, pid):
        self.pid = pid
        self.threads0, self.ticks0 = thread_cpu_ns(pid), cpu_seconds(pid)

    def seconds(self):
        threads1, ticks1 = thread_cpu_ns(self.pid), cpu_seconds(self.pid)
        precise = sum(ns - self.threads0.get(tid, 0) for tid, ns in threads1.items()) / 1e9
        coarse = ticks1 - self.ticks0
        ended = set(self.threads0) - set(threads1)
        if ended or coarse - precise > 2 / CLK_TCK:
            print(f"  (pid {self.pid}: {len(ended)} threads ended in the window: schedstat sum {precise:.4f} s,"
                  f" /proc/<pid>/stat {coarse:.2f} s is used)", file=sys.stderr, flush=True)
            return max(precise, coarse)
        return precise


def rss_pss_mib(pid):
    vals = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] in ("Rss:", "Pss:"):
                vals[parts[0][:-1]] = int(parts[1]) / 1024
    return vals["Rss"], vals["Pss"]


def reap_all():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_strays():
    """Ends every process still below us (daemons, their children, orphans re-parented to us), by pid."""
    for pid in descendants(os.getpid()):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 5
    while children_of(os.getpid()) and time.monotonic() < deadline:
        reap_all()
        time.sleep(0.01)
    reap_all()


# ---------------------------------------------------------------------------------------------- config + daemon

def write_config(workdir, programs, supervisord_extra=""):
    """programs: list of (section header, dict of options). Paths inside workdir only."""
    lines = [
        "[unix_http_server]", f"file={workdir}/sock", "",
        "[supervisord]", f"logfile={workdir}/supervisord.log", f"pidfile={workdir}/supervisord.pid",
        f"childlogdir={workdir}/childlog", "loglevel=info", "minfds=4096", "minprocs=200", supervisord_extra, "",
        "[rpcinterface:supervisor]",
        "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
        "[supervisorctl]", f"serverurl=unix://{workdir}/sock", "",
    ]
    for header, opts in programs:
        lines.append(f"[{header}]")
        lines += [f"{k}={v}" for k, v in opts.items()]
        lines.append("")
    os.makedirs(f"{workdir}/childlog", exist_ok=True)
    path = f"{workdir}/supervisord.conf"
    with open(path, "w") as f:
        f.write("\n".join(lines))
    return path


def sleepers(n, **extra):
    opts = dict(command="/bin/sleep 100000", startsecs="0", autorestart="false", stdout_logfile="AUTO",
                stderr_logfile="AUTO")
    opts.update({k: str(v) for k, v in extra.items()})
    return [(f"program:p{i}", dict(opts)) for i in range(n)]


class Daemon:
    """One daemon process started in the foreground (-n) on a generated config; stopped and cleaned up on exit."""

    def __init__(self, kind, root, programs, supervisord_extra=""):
        self.kind = kind
        self.workdir = tempfile.mkdtemp(prefix=f"{kind}-", dir=root)
        self.conf = write_config(self.workdir, programs, supervisord_extra)
        self.sock = f"{self.workdir}/sock"
        self.proc = None
        self.started_at = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def start(self):
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(DAEMONS[self.kind] + ["-n", "-c", self.conf], stdin=subprocess.DEVNULL,
                                     stdout=open(f"{self.workdir}/daemon.out", "w"), stderr=subprocess.STDOUT)
        return self

    @property
    def pid(self):
        return self.proc.pid

    def rpc(self):
        return xmlrpc.client.ServerProxy("http://localhost", transport=SupervisorTransport(
            serverurl=f"unix://{self.sock}")).supervisor

    def wait_rpc(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"{self.kind} exited with {self.proc.returncode}; see {self.workdir}/daemon.out")
            try:
                self.rpc().getPID()
                return
            except (OSError, xmlrpc.client.Fault, xmlrpc.client.ProtocolError):
                time.sleep(0.01)
        raise BenchError(f"{self.kind}: no XML-RPC answer within {timeout}s")

    def wait_states(self, want, names=None, timeout=120, poll=0.02):
        """Polls getAllProcessInfo until every (named) process is in state `want`; returns monotonic time."""
        deadline = time.monotonic() + timeout
        proxy = self.rpc()
        while time.monotonic() < deadline:
            try:
                infos = proxy.getAllProcessInfo()
                if names is not None:
                    infos = [i for i in infos if i["name"] in names]
                if infos is not None and all(i["statename"] == want for i in infos):
                    return time.monotonic()
            except (OSError, xmlrpc.client.Fault, xmlrpc.client.ProtocolError):
                proxy = self.rpc()
            if self.proc.poll() is not None:
                raise BenchError(f"{self.kind} exited with {self.proc.returncode}; see {self.workdir}/daemon.out")
            time.sleep(poll)
        raise BenchError(f"{self.kind}: not all {want} within {timeout}s")

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.rpc().shutdown()
            self.proc.wait(timeout=30)
        except Exception:
            pass
        if self.proc.poll() is None:
            for pid in descendants(self.pid) + [self.pid]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.proc.wait(timeout=10)
        kill_strays()


# ---------------------------------------------------------------------------------------------- raw XML-RPC client

class RawRpc:
    """A keep-alive HTTP/1.1 client over the unix socket that sends a prepared request and reads the response bytes
    without XML parsing, so the client (same for both daemons) costs far less than the server under test."""

    def __init__(self, sock_path, method, params=()):
        body = xmlrpc.client.dumps(tuple(params), methodname=method).encode()
        self.request = (b"POST /RPC2 HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n"
                        b"Content-Length: %d\r\n\r\n" % len(body)) + body
        self.path = sock_path
        self.sock = None
        self.buf = b""

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)
        self.buf, self.pos = bytearray(), 0

    def _fill(self):
        data = self.sock.recv(1 << 20)
        if not data:
            raise BenchError("connection closed by server")
        self.buf += data

    def _find(self, token):
        """Index of token at or after pos, reading more as needed; parsing never copies the buffer (large chunked
        responses would otherwise cost the client quadratic time)."""
        while True:
            i = self.buf.find(token, self.pos)
            if i >= 0:
                return i
            self._fill()

    def _need(self, n):
        while len(self.buf) - self.pos < n:
            self._fill()

    def call(self):
        if self.sock is None:
            self.connect()
        if self.pos:
            del self.buf[:self.pos]
            self.pos = 0
        self.sock.sendall(self.request)
        end = self._find(b"\r\n\r\n")
        head = bytes(self.buf[self.pos:end])
        self.pos = end + 4
        headers = {}
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            headers[k.strip().lower()] = v.strip().lower()
        if not head.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
            raise BenchError(f"bad response: {head[:80]!r}")
        if b"content-length" in headers:
            n = int(headers[b"content-length"])
            self._need(n)
            body = bytes(self.buf[self.pos:self.pos + n])
            self.pos += n
        elif headers.get(b"transfer-encoding") == b"chunked":
            parts = []
            while True:
                eol = self._find(b"\r\n")
                n = int(bytes(self.buf[self.pos:eol]).split(b";")[0], 16)
                self.pos = eol + 2
                self._need(n + 2)
                parts.append(bytes(self.buf[self.pos:self.pos + n]))
                self.pos += n + 2
                if n == 0:
                    break
            body = b"".join(parts)
        else:
            raise BenchError("response without length")
        if headers.get(b"connection") == b"close":
            self.sock.close()
            self.sock = None
        return body


def _rpc_worker(sock_path, method, params, start_at, secs, queue):
    client = RawRpc(sock_path, method, params)
    client.connect()
    while time.monotonic() < start_at:
        time.sleep(0.001)
    end, n = start_at + secs, 0
    try:
        while time.monotonic() < end:
            client.call()
            n += 1
        queue.put(n)
    except Exception as e:
        queue.put(f"error: {e}")


def rpc_throughput(sock_path, method, params, clients, secs):
    body = RawRpc(sock_path, method, params).call()
    xmlrpc.client.loads(body)  # a valid answer (raises on a fault) before we count
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    start_at = time.monotonic() + 0.3
    workers = [ctx.Process(target=_rpc_worker, args=(sock_path, method, params, start_at, secs, queue))
               for _ in range(clients)]
    for w in workers:
        w.start()
    results = [queue.get(timeout=secs + 60) for _ in workers]
    for w in workers:
        w.join(timeout=10)
    errors = [r for r in results if isinstance(r, str)]
    if errors:
        raise BenchError(errors[0])
    return sum(results) / secs


# ---------------------------------------------------------------------------------------------- results

RESULTS = []  # dicts: scenario, metric, unit, s4j, supervisord, better ('lower'|'higher'), target (text), ok


def fmt(v, unit):
    if v is None:
        return "n/a"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return f"{v:,} {unit}".strip()
    if abs(v) >= 100:
        s = f"{v:,.0f}"
    elif abs(v) >= 10:
        s = f"{v:.1f}"
    elif abs(v) >= 0.1:
        s = f"{v:.2f}"
    else:
        s = f"{v:.3f}"
    return f"{s} {unit}".strip()


def ratio_text(r):
    if r["s4j"] is None or r["supervisord"] is None or isinstance(r["s4j"], str) or isinstance(r["supervisord"], str):
        return "n/a"
    a, b = r["s4j"], r["supervisord"]
    if r["better"] == "info":
        return f"{a / b:.2f}x" if b else "n/a"
    if r["better"] == "lower":
        if a == 0:
            return "inf x better" if b > 0 else "equal"
        if b == 0:
            return "worse (supervisord 0)"
        timed = r["unit"] in ("s", "ms") and "CPU" not in r["metric"]
        return f"{b / a:.2f}x {'faster' if timed else 'less'}"
    return f"{a / b:.2f}x more" if b else "n/a"


def record(scenario, metric, unit, values, better, target=None, check=None):
    r = dict(scenario=scenario, metric=metric, unit=unit, s4j=values.get("s4j"),
             supervisord=values.get("supervisord"), better=better, target=target or "", ok=None)
    if check is not None and isinstance(r["s4j"], (int, float)):
        try:
            r["ok"] = bool(check(r["s4j"], r["supervisord"]))
        except (TypeError, ZeroDivisionError):
            r["ok"] = None
    RESULTS.append(r)
    verdict = "" if r["ok"] is None else (" HOLDS" if r["ok"] else " MISSES")
    tgt = f" | target {r['target']}:{verdict}" if r["target"] else ""
    print(f"{scenario:8} {metric:42} s4j {fmt(r['s4j'], unit):>14} | supervisord {fmt(r['supervisord'], unit):>14}"
          f" | {ratio_text(r)}{tgt}", flush=True)


def markdown_table():
    out = ["| scenario | metric | supervisor4j | supervisord 4.2.5 | ratio | target |", "|---|---|---|---|---|---|"]
    for r in RESULTS:
        verdict = "" if r["ok"] is None else (" ✔" if r["ok"] else " ✘")
        out.append(f"| {r['scenario']} | {r['metric']} | {fmt(r['s4j'], r['unit'])} | "
                   f"{fmt(r['supervisord'], r['unit'])} | {ratio_text(r)} | {r['target']}{verdict} |")
    return "\n".join(out)


def both(fn):
    """Runs fn(kind) for each daemon; an error in one is reported and leaves that figure n/a."""
    out = {}
    for kind in ORDER:
        try:
            out[kind] = fn(kind)
        except Exception as e:  # report, keep going: one broken figure must not hide the others
            print(f"  ({kind}: {type(e).__name__}: {e})", file=sys.stderr, flush=True)
            out[kind] = None
        finally:
            kill_strays()
    return out


def split(results, key):
    return {k: (v[key] if isinstance(v, dict) else v) for k, v in results.items()}


# ---------------------------------------------------------------------------------------------- scenarios

def sc_spawn(cfg, root):
    for startsecs in (0, 1):
        for n in cfg["spawn"]:
            def run(kind):
                with Daemon(kind, root, sleepers(n, startsecs=startsecs)) as d:
                    d.start()
                    t = d.wait_states("RUNNING", timeout=120) - d.started_at
                    return dict(t=t, cpu=cpu_seconds(d.pid))
            res = both(run)
            target = ">=5x faster"
            record("spawn", f"N={n} startsecs={startsecs}: launch to all RUNNING", "s", split(res, "t"), "lower",
                   target, lambda a, b: b / a >= 5)
            # CPU is far less sensitive than wall time to other load on the machine
            record("spawn", f"N={n} startsecs={startsecs}: daemon CPU until then", "s", split(res, "cpu"), "lower")


def sc_control(cfg, root):
    n = cfg["control"]
    res = {}
    for kind in ORDER:
        res[kind] = {}
        try:
            with Daemon(kind, root, sleepers(n)) as d:
                d.start()
                d.wait_states("RUNNING")
                time.sleep(1)
                env = dict(os.environ)
                for ctl_kind in ORDER:
                    times = []
                    for _ in range(cfg["status_runs"]):
                        t0 = time.monotonic()
                        subprocess.run([CTLS[ctl_kind], "-c", d.conf, "status"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, env=env, timeout=60)
                        times.append(time.monotonic() - t0)
                    res[kind][f"status:{ctl_kind}"] = statistics.median(times) * 1000
                for method, params in (("supervisor.getAllProcessInfo", ()), ("supervisor.getProcessInfo", ("p1",))):
                    for clients in (1, 8):
                        cpu0 = cpu_seconds(d.pid)
                        rate = rpc_throughput(d.sock, method, params, clients, cfg["rpc_secs"])
                        res[kind][f"{method}:{clients}"] = rate
                        # the clients share the 2 cores with the daemon: its CPU per request shows what it costs
                        res[kind][f"{method}:{clients}:cpu"] = \
                            (cpu_seconds(d.pid) - cpu0) * 1e6 / (rate * cfg["rpc_secs"]) if rate else None
        except Exception as e:
            print(f"  ({kind}: {type(e).__name__}: {e})", file=sys.stderr, flush=True)
        finally:
            kill_strays()
    # Each daemon with its own supervisorctl (the target), then the Python supervisorctl against both.
    record("control", f"N={n}: `supervisorctl status` (own ctl), median", "ms",
           {"s4j": res["s4j"].get("status:s4j"), "supervisord": res["supervisord"].get("status:supervisord")},
           "lower", "no slower", lambda a, b: a <= b)
    record("control", f"N={n}: Python `supervisorctl status`, median", "ms",
           {k: res[k].get("status:supervisord") for k in ORDER}, "lower")
    record("control", f"N={n}: our `supervisorctl status`, median", "ms",
           {k: res[k].get("status:s4j") for k in ORDER}, "lower")
    for method in ("supervisor.getAllProcessInfo", "supervisor.getProcessInfo"):
        for clients in (1, 8):
            record("control", f"N={n}: {method.split('.')[1]} x{clients} clients", "req/s",
                   {k: res[k].get(f"{method}:{clients}") for k in ORDER}, "higher", ">=5x",
                   lambda a, b: a / b >= 5)
            record("control", f"N={n}: {method.split('.')[1]} x{clients}: daemon CPU per request", "µs",
                   {k: res[k].get(f"{method}:{clients}:cpu") for k in ORDER}, "lower")


def prime_page_cache(directory, size):
    """Writes and deletes a file of `size` bytes right before a log run. This VM hands freed memory back to its host
    within seconds (virtio balloon, DAMON pageout), and fresh page cache then costs the writer 1.1-2.5 s of sys per GiB
    instead of 0.2-0.3 s: without this step the figure depended on how long ago the previous run freed its file."""
    path = os.path.join(directory, "prime.tmp")
    chunk = b"\0" * (1 << 20)
    with open(path, "wb") as f:
        for _ in range(size >> 20):
            f.write(chunk)
    os.unlink(path)


def sc_logs(cfg, root):
    size = cfg["log_bytes"]
    blocks = size // 65536

    def run(kind):
        with Daemon(kind, root, []) as d:
            logfile = f"{d.workdir}/writer.log"
            prog = ("program:writer", dict(command=f"/bin/dd if=/dev/zero bs=65536 count={blocks}", autostart="false",
                                           autorestart="false", startsecs="0", stdout_logfile=logfile,
                                           stdout_logfile_maxbytes="0", stdout_logfile_backups="0",
                                           stderr_logfile=f"{d.workdir}/writer.err"))
            d.conf = write_config(d.workdir, [prog])
            d.start()
            d.wait_rpc()
            proxy = d.rpc()
            time.sleep(0.5)
            prime_page_cache(d.workdir, size)
            user0, sys0 = cpu_split(d.pid)
            t0 = time.monotonic()
            proxy.startProcess("writer", False)
            deadline = t0 + 600
            last_size, last_growth = -1, t0
            while time.monotonic() < deadline:  # watch the file only: RPC polling would add daemon CPU
                size_now = os.path.getsize(logfile) if os.path.exists(logfile) else 0
                if size_now >= size:
                    break
                if size_now != last_size:
                    last_size, last_growth = size_now, time.monotonic()
                elif time.monotonic() - last_growth > 2 and \
                        proxy.getProcessInfo("writer")["statename"] in ("EXITED", "FATAL", "BACKOFF"):
                    break  # stalled and exited: whatever is missing is lost
                time.sleep(0.01)
            elapsed = time.monotonic() - t0
            user1, sys1 = cpu_split(d.pid)
            cpu, kernel = user1 - user0 + sys1 - sys0, sys1 - sys0
            on_disk = os.path.getsize(logfile)
            info = proxy.getProcessInfo("writer")
            os.unlink(logfile)
            return dict(mbs=on_disk / elapsed / 1e6, cpu_gb=cpu / (on_disk / 1e9) if on_disk else None,
                        sys_gb=kernel / (on_disk / 1e9) if on_disk else None,
                        loss=size - on_disk, exit=info["exitstatus"])
    res = both(run)
    label = f"{size >> 20} MiB"
    record("logs", f"{label} to stdout: captured MB/s", "MB/s", split(res, "mbs"), "higher", ">=3x",
           lambda a, b: a / b >= 3)
    record("logs", f"{label}: daemon CPU s per GB", "s/GB", split(res, "cpu_gb"), "lower", "<=0.5x",
           lambda a, b: a <= b / 2)
    record("logs", f"{label}: of which kernel (sys) CPU s per GB", "s/GB", split(res, "sys_gb"), "lower")
    record("logs", f"{label}: bytes lost (written - on disk)", "B", split(res, "loss"), "lower", "0",
           lambda a, b: a == 0)


def sc_memory(cfg, root):
    for n in cfg["memory"]:
        def run(kind):
            with Daemon(kind, root, sleepers(n)) as d:
                d.start()
                d.wait_rpc()
                d.wait_states("RUNNING")
                time.sleep(3)
                rss, pss = rss_pss_mib(d.pid)
                return dict(rss=rss, pss=pss)
        res = both(run)
        record("memory", f"N={n} running: RSS", "MiB", split(res, "rss"), "lower", "<=1.5x", lambda a, b: a <= 1.5 * b)
        record("memory", f"N={n} running: PSS", "MiB", split(res, "pss"), "lower")


def sc_idle(cfg, root):
    n, secs = cfg["idle"], cfg["idle_secs"]

    def run(kind):
        with Daemon(kind, root, sleepers(n)) as d:
            d.start()
            d.wait_rpc()
            d.wait_states("RUNNING")
            time.sleep(3)
            # 20 s of an idle daemon is a few tens of ms of CPU: utime+stime's 10 ms ticks would make it noise
            window = CpuWindow(d.pid)
            time.sleep(secs)
            return window.seconds() * 1000
    record("idle", f"N={n} idle: daemon CPU over {secs} s", "ms", both(run), "lower", "no higher",
           lambda a, b: a <= b)


def sc_restart(cfg, root):
    rounds = cfg["restart"]

    def run(kind):
        with Daemon(kind, root, sleepers(1, autorestart="true")) as d:
            d.start()
            d.wait_states("RUNNING")
            proxy = d.rpc()
            lat = []
            for _ in range(rounds):
                old = proxy.getProcessInfo("p0")["pid"]
                t0 = time.monotonic()
                os.kill(old, signal.SIGKILL)
                deadline = t0 + 30
                while True:
                    info = proxy.getProcessInfo("p0")
                    if info["pid"] not in (0, old) and info["statename"] == "RUNNING":
                        break
                    if time.monotonic() > deadline:
                        raise BenchError("no restart within 30 s")
                    time.sleep(0.001)
                lat.append((time.monotonic() - t0) * 1000)
                reap_all()
                time.sleep(0.05)
            return statistics.median(lat)
    record("restart", f"kill -9 to new pid RUNNING, median of {rounds}", "ms", both(run), "lower", "<=20 ms",
           lambda a, b: a <= 20)


def sc_stop(cfg, root):
    def run_stop(n, programs, timeout):
        def run(kind):
            with Daemon(kind, root, programs) as d:
                d.start()
                d.wait_states("RUNNING")
                time.sleep(1)
                t0 = time.monotonic()
                d.rpc().stopAllProcesses(True)
                t = d.wait_states("STOPPED", timeout=timeout, poll=0.005)
                return t - t0
        return both(run)
    n = cfg["stop"]
    record("stop", f"stop all, N={n}", "s", run_stop(n, sleepers(n), 120), "lower")
    m = cfg["stop_term"]
    ignoring = sleepers(m, command="/bin/sh -c \"trap '' TERM; exec /bin/sleep 100000\"", stopwaitsecs=1)
    record("stop", f"stop all, N={m} ignoring SIGTERM, stopwaitsecs=1", "s", run_stop(m, ignoring, 60), "lower")


# Holds its first event until the go file exists, so the events generated meanwhile queue up in the daemon and the
# figure is the delivery rate from that backlog, not the rate at which the bench can make processes change state.
LISTENER = r'''
import os, sys, time
out = open(sys.argv[1], "a", buffering=1)
stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
first = True
while True:
    stdout.write(b"READY\n"); stdout.flush()
    header = stdin.readline()
    if not header:
        break
    length = int(dict(t.split(b":", 1) for t in header.split())[b"len"])
    stdin.read(length)
    while first and not os.path.exists(sys.argv[2]):
        time.sleep(0.01)
    first = False
    out.write("%.6f\n" % time.monotonic())
    stdout.write(b"RESULT 2\nOK"); stdout.flush()
'''


def sc_events(cfg, root):
    n, cycles = cfg["event_programs"], cfg["event_cycles"]

    def run(kind):
        with Daemon(kind, root, []) as d:
            script, seen, go = f"{d.workdir}/listener.py", f"{d.workdir}/events.txt", f"{d.workdir}/go"
            with open(script, "w") as f:
                f.write(LISTENER)
            open(seen, "w").close()
            listener = ("eventlistener:listener", dict(command=f"/usr/bin/python3 {script} {seen} {go}",
                                                       events="PROCESS_STATE", buffer_size="100000", startsecs="0",
                                                       stderr_logfile=f"{d.workdir}/listener.err"))
            d.conf = write_config(d.workdir, [listener] + sleepers(n, autostart="false"))
            d.start()
            d.wait_rpc()
            names = {f"p{i}" for i in range(n)}
            d.wait_states("RUNNING", names={"listener"}, timeout=30)
            proxy = d.rpc()
            time.sleep(0.5)
            base = count_lines(seen)
            for _ in range(cycles):  # STARTING, RUNNING, STOPPING, STOPPED per program and cycle
                proxy.startAllProcesses(True)
                d.wait_states("RUNNING", names=names, timeout=60)
                for i in range(n):
                    proxy.stopProcess(f"p{i}", False)
                d.wait_states("STOPPED", names=names, timeout=60)
            expected = 4 * n * cycles
            open(go, "w").close()
            deadline, last, last_change = time.monotonic() + 120, -1, time.monotonic()
            while time.monotonic() < deadline:  # wait until delivered or no progress for 5 s
                got = count_lines(seen) - base
                if got >= expected:
                    break
                if got != last:
                    last, last_change = got, time.monotonic()
                elif time.monotonic() - last_change > 5:
                    break
                time.sleep(0.1)
            with open(seen) as f:
                stamps = [float(x) for x in f.read().split()][base:]
            if not stamps:
                return "n/a (no events delivered)"
            span = stamps[-1] - stamps[0]
            return len(stamps) / span if span > 0 else None
    record("events", "PROCESS_STATE events/s to one listener", "ev/s", both(run), "higher")


def count_lines(path):
    with open(path, "rb") as f:
        return f.read().count(b"\n")


SCENARIOS = {"spawn": sc_spawn, "control": sc_control, "logs": sc_logs, "memory": sc_memory, "idle": sc_idle,
             "restart": sc_restart, "stop": sc_stop, "events": sc_events}


def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} CPUs, {model}, {mem:.1f} GiB RAM, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description="supervisor4j vs supervisord 4.2.5 benchmarks")
    ap.add_argument("--smoke", action="store_true", help="tiny sizes, a few seconds per scenario")
    ap.add_argument("--only", action="append", choices=sorted(SCENARIOS), help="run only this scenario (repeatable)")
    ap.add_argument("--markdown", help="also write the results table to this file")
    args = ap.parse_args()
    cfg = SIZES["smoke" if args.smoke else "full"]
    become_subreaper()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    root = tempfile.mkdtemp(prefix="s4j-bench-")
    print(f"# {time.strftime('%Y-%m-%d %H:%M %Z')} | {machine()} | JDK {os.environ.get('S4J_JDK_DESC', '?')} | "
          f"{'smoke' if args.smoke else 'full'} sizes", flush=True)
    failed = False
    try:
        for name, fn in SCENARIOS.items():
            if args.only and name not in args.only:
                continue
            t0 = time.monotonic()
            try:
                fn(cfg, root)
            except Exception as e:
                failed = True
                print(f"{name}: failed: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
            finally:
                kill_strays()
            print(f"  ({name}: {time.monotonic() - t0:.0f} s)", file=sys.stderr, flush=True)
    finally:
        kill_strays()
        shutil.rmtree(root, ignore_errors=True)
    table = markdown_table()
    print()
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table + "\n")
    return 1 if failed or any(r["s4j"] is None or r["supervisord"] is None for r in RESULTS) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Run one command and measure it: wall time, CPU time, peak memory.

Peak RSS comes from two places. `os.wait4` returns the kernel's rusage for the child and
the descendants it reaped (the largest single process, as `/usr/bin/time -v` reports).
A sampler also reads the whole process tree every 0.1 s, because Briefing parses in a pool
of worker processes that its main process never reaps (they belong to a forkserver): the
tree's summed RSS (shared pages counted more than once) and every process's CPU time.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcResult:
    argv: tuple[str, ...]
    returncode: int
    wall_s: float
    cpu_s: float  # the command and the children it reaped (kernel's rusage)
    peak_rss_mb: float  # largest process (kernel's ru_maxrss), MiB
    tree_rss_mb: float  # sampled sum over the process tree, MiB
    tree_cpu_s: float  # summed over the process tree (sampled: misses each one's last 0.1 s)
    stdout: str
    stderr: str
    timed_out: bool


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids.extend(int(k) for k in f.read().split())
    except OSError:
        pass
    return kids


def _stat(pid: int) -> tuple[int, int]:
    """(RSS bytes, CPU ticks so far) of one process, or zeros when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[21]) * PAGE, int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0, 0


class _Sampler(threading.Thread):
    """Every `interval` s: the tree's summed RSS (peak kept), each process's CPU time so far."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True, name="tree-sampler")
        self.pid, self.interval, self.peak_rss = pid, interval, 0
        self.ticks: dict[int, int] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        total, todo, seen = 0, [self.pid], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            rss, ticks = _stat(pid)
            total += rss
            self.ticks[pid] = max(ticks, self.ticks.get(pid, 0))
            todo.extend(_children(pid))
        self.peak_rss = max(self.peak_rss, total)

    def stop(self) -> tuple[int, float]:
        """(peak tree RSS in bytes, CPU seconds summed over every process seen)."""
        self._done.set()
        self.join()
        return self.peak_rss, sum(self.ticks.values()) / TICKS


def run(argv: list[str], *, env: dict[str, str] | None = None, timeout: float = 300,
        cwd: Path | None = None) -> ProcResult:
    """Run argv to completion (killing its process group after timeout) and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=cwd,
                                start_new_session=True)
        sampler = _Sampler(proc.pid)
        sampler.start()
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        watchdog = threading.Timer(timeout, kill)
        watchdog.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        watchdog.cancel()
        tree_peak, tree_cpu = sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return ProcResult(
            argv=tuple(argv), returncode=proc.returncode, wall_s=wall,
            cpu_s=usage.ru_utime + usage.ru_stime, peak_rss_mb=usage.ru_maxrss / 1024,
            tree_cpu_s=tree_cpu,
            tree_rss_mb=tree_peak / 2**20, stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=expired.is_set(),
        )

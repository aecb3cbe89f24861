"""The local engine: worker processes that each run the per-page function on one page at a time.

``concurrent.futures`` cannot cancel a running task, so a page that hangs would hold its worker
forever; here the parent owns one pipe per worker and kills a worker whose page runs past the
time limit (a ``timeout`` failure) or replaces one that dies (a ``crash`` failure). Either way
the page is recorded and the rest goes on: a pathological page costs at most the time limit.

The pool is what an engine needs to keep that guarantee: a Dask task that processes a chunk of
records can run them through a ``WorkerPool(1, work, timeout)`` of its own (see
:func:`newsclean.run.shards.process_chunk`).

>>> from functools import partial
>>> from newsclean.config import CleanConfig
>>> from newsclean.run.work import clean_page
>>> with WorkerPool(1, partial(clean_page, config=CleanConfig()), timeout=30) as pool:
...     [r.failure.kind for _, r in pool.map([b"", b"\\x89PNG"])]
['empty', 'binary']
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from threading import Event
from typing import Any

from .work import Failure, PageResult

# A worker is replaced after this many pages: lxml's name dictionary and some caches only grow.
PAGES_PER_WORKER = 500


def _serve(conn: Connection, work: Callable[[Any], PageResult], parent: int) -> None:
    """Worker process: run ``work`` on the tasks that arrive on ``conn`` until told to stop or
    orphaned."""
    # Ctrl-C and SIGTERM (sent to the whole process group too) are the parent's to handle: it
    # stops between pages and kills its workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        while True:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    return
                continue
            task = conn.recv()
            if task is None:
                return
            conn.send(work(task))
    except (EOFError, OSError):
        return


@dataclass(slots=True)
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    seq: int = -1
    task: Any = None
    busy: bool = False
    deadline: float = 0.0
    pages: int = 0


class WorkerPool:
    """``size`` worker processes that each run ``work(task) -> PageResult`` on one task at a
    time and can be killed one by one.

    ``work`` must never raise (the per-page functions of :mod:`newsclean.run.work` do not); tasks
    and results cross a pipe, so they must pickle. Workers are forked where the platform allows
    it: they start warm (see :func:`newsclean.pipeline.warm_up`) and ``work`` is inherited, not
    pickled. A worker is started when a task finds no idle one, so ``--workers 1000`` on three
    pages forks three processes, not a thousand.
    """

    def __init__(self, size: int, work: Callable[[Any], PageResult], timeout: float, recycle_after: int = PAGES_PER_WORKER) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.args = (work, os.getpid())
        self.size, self.timeout, self.recycle_after = size, timeout, recycle_after
        self.slots: list[_Slot] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(kill=exc[0] is not None)

    def _start(self) -> _Slot:
        parent_end, child_end = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(child_end, *self.args), daemon=True, name="newsclean-worker")
        process.start()
        child_end.close()
        return _Slot(process, parent_end)

    @property
    def busy(self) -> int:
        return sum(slot.busy for slot in self.slots)

    @property
    def idle(self) -> bool:
        return len(self.slots) < self.size or any(not slot.busy for slot in self.slots)

    def submit(self, seq: int, task: Any) -> bool:
        """Hand ``task`` to an idle worker, started if need be; False when all are busy."""
        if all(slot.busy for slot in self.slots) and len(self.slots) < self.size:
            self.slots.append(self._start())
        for slot in self.slots:
            if not slot.busy:
                try:
                    slot.conn.send(task)
                except OSError:  # it died while idle (the OOM killer?): hand the task to a new one
                    slot = self._replace(slot)
                    slot.conn.send(task)
                slot.seq, slot.task, slot.busy = seq, task, True
                slot.deadline = time.monotonic() + self.timeout
                return True
        return False

    def collect(self, max_wait: float) -> Iterator[tuple[int, Any, PageResult]]:
        """Wait up to ``max_wait`` seconds, then yield ``(seq, task, result)`` for every task
        that finished, timed out or took its worker down."""
        busy = [slot for slot in self.slots if slot.busy]
        if not busy:
            return
        soonest = min(slot.deadline for slot in busy) - time.monotonic()
        wait([s.conn for s in busy] + [s.process.sentinel for s in busy], max(0.0, min(max_wait, soonest)))
        for slot in busy:
            seq, task = slot.seq, slot.task
            result, broken = None, False
            if slot.conn.poll():
                try:
                    result = slot.conn.recv()
                except (EOFError, OSError):
                    broken = True
            if result is not None:
                slot.task, slot.busy = None, False
                slot.pages += 1
                if slot.pages >= self.recycle_after:
                    self._replace(slot, kill=False)
            elif broken or not slot.process.is_alive():
                slot.process.join(timeout=1)
                code = slot.process.exitcode
                result = PageResult(failure=Failure("worker", "crash", f"the worker process died (exit status {code}) on this page"))
                self._replace(slot)
            elif time.monotonic() >= slot.deadline:
                result = PageResult(failure=Failure("worker", "timeout", f"no result after {self.timeout:g} s; the worker was killed (see --timeout)"))
                self._replace(slot)
            else:
                continue
            yield seq, task, result

    def map(self, tasks: Iterable[Any]) -> Iterator[tuple[Any, PageResult]]:
        """``(task, result)`` for every task, in the order of ``tasks``."""
        return ordered(self, ((task, task) for task in tasks))

    def _replace(self, slot: _Slot, kill: bool = True) -> _Slot:
        self._stop(slot, kill)
        new = self.slots[self.slots.index(slot)] = self._start()
        return new

    @staticmethod
    def _stop(slot: _Slot, kill: bool) -> None:
        try:
            if kill:
                slot.process.kill()
            else:
                slot.conn.send(None)
        except (OSError, ValueError):
            pass
        slot.process.join(timeout=None if kill else 5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()

    def close(self, kill: bool = False) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones (and all with ``kill``) are
        killed, abandoning their tasks."""
        for slot in self.slots:
            self._stop(slot, kill=kill or slot.busy)
        self.slots = []


class Stopped(Exception):
    """Raised by :func:`ordered` when its ``stop`` event is set (Ctrl-C)."""


def ordered(pool: WorkerPool, items: Iterable[tuple[Any, Any]], stop: Event | None = None, tick: float = 0.2, window: int | None = None) -> Iterator[tuple[Any, PageResult]]:
    """``(key, result)`` for every ``(key, task)`` of ``items``, in their order, keeping every
    worker busy. A task that is already a :class:`PageResult` (a skip the source decided, say)
    passes through without a worker. At most ``window`` items (default: 32 per worker, since most
    records of a WARC are skips that need no worker) wait for an earlier one, so memory stays
    flat however long the stream. Raises :class:`Stopped` when ``stop`` is set (Ctrl-C).
    """
    window = window or 32 * pool.size
    pending: dict[int, tuple[Any, PageResult | None]] = {}
    items, seq, next_out, exhausted = iter(items), 0, 0, False
    held = None  # an item that found every worker busy
    while True:
        if stop is not None and stop.is_set():
            raise Stopped
        while not exhausted and seq - next_out < window:
            item, held = held or next(items, None), None
            if item is None:
                exhausted = True
                break
            key, task = item
            if isinstance(task, PageResult):
                pending[seq] = (key, task)
            elif pool.submit(seq, task):
                pending[seq] = (key, None)
            else:
                held = item
                break
            seq += 1
        while next_out in pending and pending[next_out][1] is not None:
            key, result = pending.pop(next_out)
            yield key, result  # type: ignore[misc]
            next_out += 1
        if exhausted and not pending:
            return
        if pool.busy:
            for done, _task, result in pool.collect(tick):
                pending[done] = (pending[done][0], result)

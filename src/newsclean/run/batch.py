"""``newsclean batch``: a source of pages, an engine that runs the per-page function, sinks.

The run layer follows datatrove's readers / executors / writers split:

* :mod:`~newsclean.run.sources` say what pages there are (a folder walk: :class:`PageFinder`);
* :mod:`~newsclean.run.work` is the pure per-page function (bytes + origin + CleanConfig ->
  JSON line | failure | skip reason) that every engine runs;
* :mod:`~newsclean.run.pool` is the local engine: worker processes with per-page time limits
  and crash recovery;
* :mod:`~newsclean.run.sinks` write what comes back: per-page files, one JSON Lines file, the
  error log;
* this module composes them and counts (:class:`Summary`); what a person sees of it (progress,
  the summary table) is in :mod:`newsclean.face.progress`, behind the :class:`Observer` interface.

The engine contract (the local pool implements it; a Dask engine implements it too):

* A run is a source -> units of work -> the per-page function -> sinks, written in
  deterministic input order whatever the engine or the number of workers.
* The per-page function never raises; its result crosses process boundaries (it pickles).
* A page that runs past the time limit or takes its worker down is recorded as a ``timeout`` or
  ``crash`` failure and costs at most the limit: the local engine kills the worker process. An
  engine without that power runs its pages through a one-process :class:`WorkerPool`.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from ..config import CleanConfig
from ..errors import ExitStatus
from ..pipeline import warm_up
from .pool import WorkerPool
from .sinks import ERRORS_NAME, ErrorLog, FolderSink, JsonlSink
from .sources import DEFAULT_PATTERNS, PageFinder, printable
from .work import Job, PageResult, clean_file

# JSONL lines are written in walk order: results that arrive early wait in memory, and no page is
# handed out more than this many positions ahead of the oldest one still missing.
_JSONL_WINDOW_PER_WORKER = 8
_TICK = 0.2  # seconds between progress refreshes and Ctrl-C checks


class SetupError(Exception):
    """Bad arguments or paths, found before any page is read (exit status 2)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(message)
        self.source = source


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """One batch run. Give exactly one of ``out_dir`` and ``jsonl``.

    Attributes:
        in_dir: folder to read, as the user wrote it (it prefixes ``source.path``).
        out_dir: folder that mirrors ``in_dir`` with one JSON file per page.
        jsonl: one JSON Lines file instead; errors go to ``<stem>.errors.jsonl`` next to it.
        workers: worker processes (default: the number of cores).
        patterns: glob patterns for page files, matched case-insensitively against the file
            name, or against the path below ``in_dir`` when the pattern contains ``/``.
        resume: skip pages whose output exists, is not older than the page and was made from
            the same bytes (``source.sha256``) and path (``source.path``). Folder mode only.
        timeout: seconds a worker may spend on one page before it is killed.
        config: the cleaning settings every page gets.
    """

    in_dir: str
    out_dir: str | None = None
    jsonl: str | None = None
    workers: int = os.cpu_count() or 1
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    resume: bool = False
    timeout: float = 60.0
    config: CleanConfig = CleanConfig()

    @property
    def errors_path(self) -> str:
        if self.jsonl is not None:
            stem = self.jsonl[: -len(".jsonl")] if self.jsonl.endswith(".jsonl") else self.jsonl
            return f"{stem}.errors.jsonl"
        return os.path.join(self.out_dir or ".", ERRORS_NAME)


@dataclass(slots=True)
class Summary:
    """Counts of one run; ``reasons`` counts removed blocks per reason code."""

    kept: int = 0
    failed: int = 0
    skipped: int = 0
    outside_links: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def done(self) -> int:
        return self.kept + self.failed + self.skipped

    @property
    def pages_per_second(self) -> float:
        return (self.kept + self.failed) / self.seconds if self.seconds else 0.0

    @property
    def exit_status(self) -> ExitStatus:
        if self.interrupted:
            return ExitStatus.INTERRUPTED
        return ExitStatus.FAILED if self.failed else ExitStatus.OK


class Observer(Protocol):
    """Who watches a run (the CLI's progress bar): told the number of pages, then the counts."""

    def start(self, total: int) -> None: ...

    def update(self, summary: Summary, force: bool = False) -> None: ...

    def stop(self) -> None: ...


def _probe_writable(folder: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".newsclean-probe.", dir=folder)
    os.close(fd)
    os.unlink(tmp)


def check_paths(options: BatchOptions) -> None:
    """Refuse a run that cannot work, before any page is read; creates ``out_dir`` if needed.

    Raises :class:`SetupError`.
    """
    if not os.path.exists(options.in_dir):
        raise SetupError(options.in_dir, "no such folder")
    if not os.path.isdir(options.in_dir):
        raise SetupError(options.in_dir, "is not a folder (use `newsclean clean` for one page)")
    if (options.out_dir is None) == (options.jsonl is None):
        raise SetupError("batch", "give either an output folder or --jsonl FILE (not both)")
    if options.resume and options.jsonl is not None:
        raise SetupError("--resume", "works with an output folder only: a JSONL file is written in one piece at the end")
    target = options.out_dir if options.out_dir is not None else options.jsonl
    assert target is not None
    try:
        if options.out_dir is not None:
            os.makedirs(options.out_dir, exist_ok=True)
            _probe_writable(options.out_dir)
        else:
            if os.path.isdir(options.jsonl):
                raise SetupError(options.jsonl, "is a folder; --jsonl needs a file name")
            _probe_writable(os.path.dirname(options.jsonl) or ".")
    except OSError as exc:
        raise SetupError(printable(target), f"output is not writable ({exc.strerror or exc})") from None


@contextmanager
def _ctrl_c() -> Iterator[threading.Event]:
    """Turn the first Ctrl-C into a flag the main loop checks between pages, so it never lands
    in the middle of a write; a second Ctrl-C interrupts at once."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


class _Recorder:
    """Takes each page's result: writes its JSON, logs its failure, counts."""

    def __init__(self, sink: FolderSink | JsonlSink, errors: ErrorLog, summary: Summary) -> None:
        self.sink, self.errors, self.summary = sink, errors, summary

    def __call__(self, seq: int, job: Job, result: PageResult) -> None:
        failure = result.failure
        if failure is None:
            failure = self.sink.write(seq, job, result.text)
        else:
            self.sink.write(seq, job, None)
        if failure is not None:
            self.errors.add(job.name, failure)
            self.summary.failed += 1
        elif result.text is None:
            self.summary.skipped += 1
        else:
            self.summary.kept += 1
            self.summary.reasons.update(dict(result.reasons))


def _dispatch(jobs: Iterator[Job], pool: WorkerPool, record: _Recorder, stop: threading.Event, observer: Observer | None) -> bool:
    """Keep every worker busy until the pages run out (True) or Ctrl-C (False)."""
    feed = _Feed(jobs, pool, record)
    while not stop.is_set():
        feed.refill()
        if feed.exhausted and not pool.busy:
            return True
        done = list(pool.collect(_TICK))
        feed.refill()  # the freed workers get their next page before the results are written
        for result in done:
            record(*result)
        if observer:
            observer.update(record.summary)
    return False


class _Feed:
    """Hands the pages out, in walk order, to the idle workers."""

    def __init__(self, jobs: Iterator[Job], pool: WorkerPool, record: _Recorder) -> None:
        self.jobs, self.pool, self.record = jobs, pool, record
        self.seq, self.exhausted = 0, False

    def refill(self) -> None:
        while not self.exhausted and self.pool.idle and self.record.sink.room(self.seq):
            job = next(self.jobs, None)
            if job is None:
                self.exhausted = True
            elif job.problem is not None:
                self.record(self.seq, job, PageResult(failure=job.problem))
            else:
                self.pool.submit(self.seq, job)
            self.seq += 1


def run(options: BatchOptions, observer: Observer | None = None) -> Summary:
    """Clean every page below ``options.in_dir``; returns the counts (see :class:`Summary`).

    Raises :class:`SetupError` for unusable paths, and ``OSError`` when the JSONL file cannot
    be written (a folder run records unwritable files as failures and goes on).
    """
    check_paths(options)
    warm_up()
    finder = PageFinder(options.in_dir, options.out_dir, options.patterns)
    total = sum(1 for _ in PageFinder(options.in_dir, options.out_dir, options.patterns)) if observer else 0
    summary, started = Summary(), time.monotonic()
    errors = ErrorLog(options.errors_path)
    sink = JsonlSink(options.jsonl, options.workers * _JSONL_WINDOW_PER_WORKER) if options.jsonl is not None else FolderSink()
    pool, completed = None, False
    work = partial(clean_file, config=options.config, resume=options.resume)
    try:
        with _ctrl_c() as stop:
            if observer:
                observer.start(total)
            pool = WorkerPool(options.workers, work, options.timeout)
            completed = _dispatch(iter(finder), pool, _Recorder(sink, errors, summary), stop, observer)
    finally:
        if pool is not None:
            pool.close(kill=not completed)
        sink.close(commit=completed)
        errors.close()
        if observer:
            observer.update(summary, force=True)
            observer.stop()
        summary.seconds = time.monotonic() - started
        summary.outside_links = finder.outside_links
        summary.interrupted = not completed
    return summary

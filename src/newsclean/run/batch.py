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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Protocol, TypeVar

from ..config import CleanConfig
from ..errors import ExitStatus
from ..pipeline import warm_up
from . import parquet
from .dedup import DEFAULT_THRESHOLD, DuplicateFinder, mark_line, record_signatures
from .pool import Stopped, WorkerPool, ordered
from .shards import CHUNK_BYTES, SHARD_SUFFIX, ChunkReport, ShardWriter, shard_name, warc_work
from .sinks import DISK_FULL, ERRORS_NAME, ErrorLog, FolderSink, JsonlSink
from .sources import DEFAULT_PATTERNS, WARC_PATTERNS, PageFinder, overwritten_inputs, printable
from .warc import Record, WarcReader
from .work import Failure, Job, PageResult, clean_file

# JSONL lines are written in walk order: results that arrive early wait in memory, and no page is
# handed out more than this many positions ahead of the oldest one still missing.
_JSONL_WINDOW_PER_WORKER = 8
T = TypeVar("T")
_TICK = 0.2  # seconds between progress refreshes and Ctrl-C checks


class OutputFull(Exception):
    """The output file system is full: the run stopped with ``done`` pages written, nothing
    partial left behind; ``--resume`` continues."""

    def __init__(self, output: str, done: int, reason: str) -> None:
        super().__init__(f"{reason}; stopped with {done:,} pages done, nothing half-written. Free some space and run again with --resume to continue")
        self.output, self.done = output, done


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
        languages: keep only articles in these languages (ISO 639-1); others are skipped.
        chunk_bytes: WARC input is cut into chunks of records this many bytes apart (the
            engine contract: see :mod:`newsclean.run.shards`).
        scheduler: run on the Dask cluster of this scheduler (``tcp://host:8786``) instead of
            local worker processes (:mod:`newsclean.run.cluster`); output folder only.
        shard_format: ``jsonl`` (``x.jsonl.gz`` shards) or ``parquet`` (``x.parquet``).
        dedup: mark syndicated copies: every later copy of an article gets ``duplicate_of``,
            the ``source.id`` of the earliest copy in input order (:mod:`newsclean.run.dedup`).
        dedup_threshold: the estimated Jaccard similarity from which an article is a copy.
    """

    in_dir: str
    out_dir: str | None = None
    jsonl: str | None = None
    workers: int = os.cpu_count() or 1
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    resume: bool = False
    timeout: float = 60.0
    config: CleanConfig = CleanConfig()
    languages: frozenset[str] = frozenset()
    chunk_bytes: int = CHUNK_BYTES
    scheduler: str | None = None
    shard_format: str = "jsonl"
    dedup: bool = False
    dedup_threshold: float = DEFAULT_THRESHOLD

    @property
    def errors_path(self) -> str | None:
        """errors.jsonl in the output folder, ``NAME.errors.jsonl`` beside ``--jsonl NAME.jsonl``
        (or ``NAME.jsonl.gz``); None for JSON Lines on stdout (failures go to stderr)."""
        if self.jsonl == "-":
            return None
        if self.jsonl is not None:
            stem = self.jsonl[:-3] if self.jsonl.lower().endswith(".gz") else self.jsonl
            stem = stem[: -len(".jsonl")] if stem.endswith(".jsonl") else stem
            return f"{stem}.errors.jsonl"
        return os.path.join(self.out_dir or ".", ERRORS_NAME)


@dataclass(slots=True)
class Summary:
    """Counts of one run; ``reasons`` counts removed blocks per reason code."""

    kept: int = 0
    failed: int = 0
    skips: Counter[str] = field(default_factory=Counter)
    outside_links: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    reasons: Counter[str] = field(default_factory=Counter)
    #: WARC input: shards written, and shards already complete that --resume skipped
    shards: int = 0
    shards_resumed: int = 0
    #: failures per kind (``no_article``, ``timeout``, ...)
    failure_kinds: Counter[str] = field(default_factory=Counter)
    #: pages written as NAME.EXT.json because another page of their folder has their stem
    renamed: int = 0
    #: entries that are neither regular files nor folders (FIFOs, sockets, devices): not read
    special_files: int = 0
    #: with --dedup: articles marked as copies (of all articles of the output, kept ones too)
    copies: int | None = None
    #: WARC input, whose pages are not counted in advance: the bytes of the archives this run
    #: reads, and how far it has got (the progress bar's total and ETA)
    bytes_total: int = 0
    bytes_done: int = 0

    @property
    def skipped(self) -> int:
        """Inputs skipped for any reason: ``--resume``, not a page (WARC records), language."""
        return sum(self.skips.values())

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
    """Who watches a run (the CLI's progress bar): told the number of pages (None: not known in
    advance, as for WARC input, whose progress is ``Summary.bytes_done`` of
    ``Summary.bytes_total``), then the counts, and each failure as it happens."""

    def start(self, total: int | None) -> None: ...

    def failed(self, name: str, failure: Failure) -> None: ...

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
    if not os.path.isdir(options.in_dir) and not is_warc(options.in_dir):
        raise SetupError(options.in_dir, "is not a folder or a WARC file (use `newsclean clean` for one page)")
    if (options.out_dir is None) == (options.jsonl is None):
        raise SetupError("batch", "give either an output folder or --jsonl FILE (not both)")
    if options.resume and options.jsonl == "-":
        raise SetupError("--resume", "cannot continue standard output; give --jsonl a file name")
    if options.scheduler is not None and options.jsonl is not None:
        raise SetupError("--scheduler", "writes an output folder (the workers write the shards or JSON files); one JSONL file would pass every article through one machine")
    if options.out_dir is not None and os.path.isdir(options.in_dir) and os.path.isdir(options.out_dir):
        clobbered = next(overwritten_inputs(options.in_dir, options.out_dir, options.patterns), None)
        if clobbered is not None:
            raise SetupError(printable(options.out_dir), f"is the input folder, and the JSON of a page would replace the input page {clobbered}; choose another output folder")
    target = options.out_dir if options.out_dir is not None else options.jsonl
    assert target is not None
    try:
        if options.out_dir is not None:
            os.makedirs(options.out_dir, exist_ok=True)
            _probe_writable(options.out_dir)
        elif options.jsonl != "-":
            if os.path.isdir(options.jsonl):
                raise SetupError(options.jsonl, "is a folder; --jsonl needs a file name")
            _probe_writable(os.path.dirname(options.jsonl) or ".")
    except OSError as exc:
        raise SetupError(printable(target), f"output is not writable ({exc.strerror or exc})") from None


@contextmanager
def _ctrl_c() -> Iterator[threading.Event]:
    """Turn the first Ctrl-C into a flag the main loop checks between pages, so it never lands
    in the middle of a write; a second Ctrl-C interrupts at once. SIGTERM (``kill``, a job
    scheduler's stop) is taken the same way: by default it ended the run on the spot, with no
    word and its workers left to notice alone that their parent was gone."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, action in previous.items():
            signal.signal(sig, action)


class _Recorder:
    """Takes each page's result: writes its JSON, logs its failure, counts. Failures are logged
    in walk order whatever order the pages finish in, so errors.jsonl is the same every run (and
    on a cluster): one that comes early waits for the pages before it.

    With a ``finder`` (``--dedup``) the results are taken in walk order, whatever order they
    come in (at most ``window`` wait for an earlier one), so that each page's mark is decided
    after every earlier page's.
    """

    def __init__(self, sink: FolderSink | JsonlSink, errors: ErrorLog, summary: Summary, finder: DuplicateFinder | None = None, window: int = 0) -> None:
        self.sink, self.errors, self.summary = sink, errors, summary
        self.finder, self.window = finder, window
        self.waiting: dict[int, tuple[Job, PageResult]] = {}
        self.next_seq = 0
        self.next_logged = 0
        self.failures: dict[int, tuple[str, Failure] | None] = {}

    def room(self, seq: int) -> bool:
        return self.sink.room(seq) and (self.finder is None or seq - self.next_seq < self.window)

    def __call__(self, seq: int, job: Job, result: PageResult) -> None:
        if self.finder is None:
            self._record(seq, job, result)
            return
        self.waiting[seq] = (job, result)
        while self.next_seq in self.waiting:
            job, result = self.waiting.pop(self.next_seq)
            if result.signature is not None:
                first = self.finder.mark(job.name, result.signature)
                if first is not None and result.text is not None:
                    result = replace(result, text=mark_line(result.text, first).decode("utf-8"))
                elif result.text is None and job.out is not None and isinstance(self.sink, FolderSink):
                    # a file --resume keeps: its mark may be wrong if a cluster run was killed
                    # between writing and marking it
                    if (failure := self.sink.remark(job.out, first)) is not None:
                        result = PageResult(failure=failure)
                self.summary.copies = self.finder.copies
            self._record(self.next_seq, job, result)
            self.next_seq += 1

    def _record(self, seq: int, job: Job, result: PageResult) -> None:
        failure = result.failure
        if failure is None:
            failure = self.sink.write(seq, job, result.text)
        else:
            self.sink.write(seq, job, None)
        self.failures[seq] = (job.name, failure) if failure is not None else None
        while self.next_logged in self.failures:
            logged = self.failures.pop(self.next_logged)
            if logged is not None:
                self.errors.add(*logged)
            self.next_logged += 1
        if failure is not None:
            self.summary.failed += 1
        elif result.text is None:
            self.summary.skips[result.skip or "resume"] += 1
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
        while not self.exhausted and self.pool.idle and self.record.room(self.seq):
            job = next(self.jobs, None)
            if job is None:
                self.exhausted = True
            elif job.problem is not None:
                self.record(self.seq, job, PageResult(failure=job.problem))
            else:
                self.pool.submit(self.seq, job)
            self.seq += 1


def is_warc(path: str) -> bool:
    """A WARC file, by its name: ``*.warc`` or ``*.warc.gz``."""
    return path.lower().endswith((".warc", ".warc.gz"))


def find_warcs(options: BatchOptions) -> list[Job]:
    """The WARC files of the run: the input itself, or every ``*.warc`` / ``*.warc.gz`` below
    the input folder, in walk order; each Job's ``out`` is its shard."""
    suffix = parquet.SUFFIX if options.shard_format == "parquet" else SHARD_SUFFIX
    if not os.path.isdir(options.in_dir):
        name = os.path.basename(options.in_dir)
        out = os.path.join(options.out_dir, shard_name(name, suffix)) if options.out_dir else None
        return [Job(options.in_dir, printable(options.in_dir), out)]
    warcs = []
    found = list(PageFinder(options.in_dir, None, WARC_PATTERNS))
    # x.warc and x.warc.gz side by side: each shard under the WARC's full name, none refused
    claims = Counter(os.path.join(os.path.dirname(job.src), shard_name(os.path.basename(job.src), suffix)) for job in found)
    for job in found:
        rel = os.path.relpath(job.src, options.in_dir)
        name = shard_name(os.path.basename(rel), suffix)
        if claims[os.path.join(os.path.dirname(job.src), name)] > 1:
            name = os.path.basename(rel) + suffix
        out = os.path.join(options.out_dir, os.path.dirname(rel), name) if options.out_dir else None
        warcs.append(Job(job.src, job.name, out, job.problem))
    return warcs


def run(options: BatchOptions, observer: Observer | None = None) -> Summary:
    """Clean every page of ``options.in_dir`` (a folder of pages, a WARC file, or a folder of
    WARC files); returns the counts (see :class:`Summary`).

    Raises :class:`SetupError` for unusable paths, and ``OSError`` when the JSONL file cannot
    be written (a folder run records unwritable files as failures and goes on).
    """
    check_paths(options)
    warcs = find_warcs(options) if not os.path.isdir(options.in_dir) or _has_warcs(options.in_dir) else None
    if options.shard_format == "parquet":
        if warcs is None or options.out_dir is None:
            raise SetupError("--shard-format", "parquet is for the shards of WARC input written to an output folder")
        try:
            parquet.require_pyarrow()
        except ImportError as exc:
            raise SetupError("--shard-format", str(exc)) from None
    if options.scheduler is not None:
        from .cluster import ClusterError, run_on_cluster

        jobs = None if warcs is not None else iter(PageFinder(options.in_dir, options.out_dir, options.patterns))
        try:
            return run_on_cluster(options, warcs, jobs, Summary(), observer)
        except ClusterError as exc:
            raise SetupError("--scheduler", str(exc)) from None
    if warcs is not None:
        return _run_warcs(options, warcs, observer)
    finder = PageFinder(options.in_dir, options.out_dir, options.patterns)
    total = sum(1 for _ in PageFinder(options.in_dir, options.out_dir, options.patterns)) if observer else 0
    sink = JsonlSink(options.jsonl, options.workers * _JSONL_WINDOW_PER_WORKER, options.resume) if options.jsonl is not None else FolderSink()
    work = partial(clean_file, config=options.config, resume=options.resume, languages=options.languages, sign=options.dedup)
    with _Session(options, observer, total, sink.close) as session:
        jobs: Iterator[Job] = iter(finder)
        copies = _finder(options, session.summary, sink.last_id if isinstance(sink, JsonlSink) else None)
        if isinstance(sink, JsonlSink) and sink.last_id is not None:
            jobs = _after(lambda: iter(finder), sink.last_id, lambda job: job.name, session.summary)
        session.pool = WorkerPool(options.workers, work, options.timeout)
        record = _Recorder(sink, session.errors, session.summary, copies, options.workers * _JSONL_WINDOW_PER_WORKER)
        session.completed = _dispatch(jobs, session.pool, record, session.stop, observer)
    session.summary.outside_links = finder.outside_links
    session.summary.renamed = finder.renamed
    session.summary.special_files = finder.special_files
    return session.summary


def _finder(options: BatchOptions, summary: Summary, continued: str | None) -> DuplicateFinder | None:
    """The run's DuplicateFinder with ``--dedup``; when a JSON Lines file is continued, it
    has seen the articles already in it."""
    if not options.dedup:
        return None
    finder = DuplicateFinder(options.dedup_threshold)
    if continued is not None and options.jsonl is not None:
        for source_id, sig in record_signatures(options.jsonl):
            finder.mark(source_id, sig)
    summary.copies = finder.copies
    return finder


class _Session:
    """One run's counts, error log, pool and Ctrl-C flag; on leaving, the pool is stopped (its
    pages abandoned unless the run completed), ``close(completed)`` commits or drops the output,
    and the observer gets the final counts."""

    def __init__(self, options: BatchOptions, observer: Observer | None, total: int | None, close: Callable[[bool], None]) -> None:
        self.summary, self.started = Summary(), time.monotonic()
        output = options.out_dir if options.out_dir is not None else options.jsonl
        self.output = output or ""
        self.errors = ErrorLog(options.errors_path, {"input": printable(options.in_dir), "output": printable(self.output)}, observer.failed if observer else None)
        self.observer, self.total, self.close = observer, total, close
        self.pool: WorkerPool | None = None
        self.completed = False

    def __enter__(self) -> _Session:
        self._ctrl_c = _ctrl_c()
        self.stop = self._ctrl_c.__enter__()
        if self.observer:
            self.observer.start(self.total)
        # in the run's time, as a cluster's workers load the same in theirs: the time is what
        # the user waits, and engines are compared by it
        warm_up()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        try:
            self._ctrl_c.__exit__(kind, exc, tb)
            if self.pool is not None:
                self.pool.close(kill=not self.completed)
            self.close(self.completed)
            self.errors.close()
            if self.observer:
                self.observer.update(self.summary, force=True)
                self.observer.stop()
        finally:
            self.summary.seconds = time.monotonic() - self.started
            self.summary.interrupted = not self.completed
            self.summary.failure_kinds = self.errors.kinds
        if isinstance(exc, OSError) and exc.errno in DISK_FULL:
            raise OutputFull(printable(self.output), self.summary.kept, exc.strerror or str(exc)) from exc
        return kind is Stopped  # Ctrl-C in the middle of an ordered stream: an interrupted run


def _after(units: Callable[[], Iterator[T]], last_id: str, id_of: Callable[[T], str | None], summary: Summary) -> Iterator[T]:
    """The units after the one whose id is ``last_id`` (the last line of a JSON Lines file being
    continued); those up to it are counted as skipped by ``--resume``. If the id never comes
    (the input changed), every unit, from a fresh ``units()``."""
    passed = 0
    stream = units()
    for unit in stream:
        passed += 1
        if id_of(unit) == last_id:
            summary.skips["resume"] += passed
            yield from stream
            return
    yield from units()


def _has_warcs(folder: str) -> bool:
    return next(iter(PageFinder(folder, None, WARC_PATTERNS)), None) is not None


def _warc_records(warcs: list[Job], options: BatchOptions, summary: Summary, errors: ErrorLog) -> Iterator[tuple[Job, Record]]:
    """Every record of every WARC still to do."""
    for warc in warcs:
        if warc.problem is not None:
            errors.add(warc.name, warc.problem)
            summary.failed += 1
            continue
        if options.resume and warc.out is not None and os.path.exists(warc.out):
            summary.shards_resumed += 1
            continue
        for record in WarcReader(warc.src, warc.name, options.config.max_bytes):
            yield warc, record


def warc_sizes(warcs: list[Job], options: BatchOptions) -> dict[int, int]:
    """The size of every WARC the run reads, by its number in ``warcs`` (not those with a
    problem, nor those whose shard ``--resume`` keeps): the progress a run can show is bytes."""
    sizes = {}
    for number, warc in enumerate(warcs):
        if warc.problem is None and not (options.resume and warc.out is not None and os.path.exists(warc.out)):
            try:
                sizes[number] = os.path.getsize(warc.src)
            except OSError:
                sizes[number] = 0
    return sizes


class _WarcOutput:
    """Where the lines of WARC pages go: each WARC's shard, or the one JSONL file."""

    def __init__(self, options: BatchOptions) -> None:
        self.options, self.shards = options, 0
        self.jsonl = JsonlSink(options.jsonl, 0, options.resume) if options.jsonl is not None else None
        self.shard: ShardWriter | None = None
        self.shard_of: Job | None = None
        self.seq = 0

    def add(self, warc: Job, offset: int, line: bytes | None) -> None:
        if self.jsonl is not None:
            self.jsonl.write(self.seq, warc, line.decode("utf-8") if line is not None else None)
            self.seq += 1
            return
        if warc is not self.shard_of:
            self._commit()
            self.shard, self.shard_of = self._open(warc), warc
        assert self.shard is not None
        self.shard.add(offset, line)

    def _open(self, warc: Job) -> ShardWriter:
        assert warc.out is not None
        os.makedirs(os.path.dirname(warc.out) or ".", exist_ok=True)
        return ShardWriter(warc.out, self.options.chunk_bytes, os.path.getsize(warc.src))

    def _commit(self) -> None:
        if self.shard is not None:
            self.shard.commit()
            self.shards += 1
            self.shard = None

    def finish(self, warcs: list[Job]) -> None:
        """Commit the last shard, and give every WARC without a single record its empty one."""
        self._commit()
        if self.jsonl is None:
            for warc in warcs:
                if warc.problem is None and warc.out and not os.path.exists(warc.out):
                    self.shard = self._open(warc)
                    self._commit()

    def close(self, completed: bool) -> None:
        if self.shard is not None:
            self.shard.abort()
        if self.jsonl is not None:
            self.jsonl.close(commit=completed)


class _WarcMarks:
    """``--dedup`` for WARC input in the local engine: the records come in input order, so each
    line is marked as it passes. A shard that ``--resume`` keeps is read (its articles signed)
    when the run gets to its place in the order."""

    def __init__(self, warcs: list[Job], options: BatchOptions, finder: DuplicateFinder | None, summary: Summary) -> None:
        self.warcs, self.finder, self.summary = warcs, finder, summary
        self.number = {id(warc): number for number, warc in enumerate(warcs)}
        # decided before any shard of this run is written
        self.kept = [options.resume and warc.problem is None and warc.out is not None and os.path.exists(warc.out) for warc in warcs]
        self.next = 0  # WARCs before this one are in the finder

    def line(self, warc: Job, record: Record, result: PageResult, line: bytes | None) -> bytes | None:
        if self.finder is None or line is None or result.signature is None:
            return line
        number = self.number[id(warc)]
        for earlier in range(self.next, number):
            if self.kept[earlier]:
                out = self.warcs[earlier].out
                assert out is not None
                for source_id, sig in record_signatures(out):
                    self.finder.mark(source_id, sig)
        self.next = number
        first = self.finder.mark(record.origin.source_id or "", result.signature)
        self.summary.copies = self.finder.copies
        return line if first is None else mark_line(line, first)


def _run_warcs(options: BatchOptions, warcs: list[Job], observer: Observer | None) -> Summary:
    """WARC input: each WARC's pages to its shard (or all to the JSONL file), in record order."""
    output = _WarcOutput(options)
    with _Session(options, observer, None, output.close) as session:
        summary = session.summary
        tally = ChunkReport(log=lambda sid, offset, failure, warc: session.errors.add(warc.name, failure, id=sid, offset=offset))
        summary.skips, summary.reasons = tally.skips, tally.reasons
        session.pool = WorkerPool(options.workers, warc_work(options.config, options.languages, options.dedup), options.timeout)
        marks = _WarcMarks(warcs, options, _finder(options, summary, output.jsonl.last_id if output.jsonl else None), summary)
        sizes = warc_sizes(warcs, options)
        summary.bytes_total = sum(sizes.values())
        before, read = {}, 0  # the bytes of the WARCs before each one
        for number, warc in enumerate(warcs):
            before[id(warc)] = read
            read += sizes.get(number, 0)
        records = _warc_records(warcs, options, summary, session.errors)
        if output.jsonl is not None and output.jsonl.last_id is not None:
            records = _after(lambda: _warc_records(warcs, options, summary, session.errors), output.jsonl.last_id, lambda unit: unit[1].origin.source_id, summary)
        tasks = (((warc, record), record.page if record.page is not None else record.result) for warc, record in records)
        for (warc, record), result in ordered(session.pool, tasks, session.stop):
            output.add(warc, record.offset, marks.line(warc, record, result, tally.add(record, result, warc)))
            summary.kept = tally.kept
            summary.failed += result.failure is not None
            summary.bytes_done = before[id(warc)] + record.offset
            if observer:
                observer.update(summary)
        output.finish(warcs)
        summary.bytes_done = summary.bytes_total
        session.completed = True
    session.summary.shards = output.shards
    return session.summary

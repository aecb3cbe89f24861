"""Folders of pages: parallel worker processes, progress, atomic writes, resume, an error log.

``newsclean batch IN_DIR OUT_DIR`` runs :func:`~newsclean.pipeline.clean_bytes` on every page
below ``IN_DIR`` and writes what ``newsclean clean IN_DIR/REL`` would print to
``OUT_DIR/REL`` with the page extension (and ``.gz``) replaced by ``.json``; with ``--jsonl FILE``
the same lines go into one file, in the order of the walk. The pieces, top to bottom:

* :class:`PageFinder` streams the pages (``os.scandir``, sorted, depth first): memory holds one
  folder listing, never the whole tree. Symlinks that lead outside ``IN_DIR`` are not followed.
* :func:`clean_file` is what a worker runs for one page. It never raises: every problem becomes a
  :class:`Failure` with the ``stage`` and ``kind`` of :class:`~newsclean.errors.NewscleanError`.
* :class:`WorkerPool` keeps one page per worker process and kills a worker whose page takes
  longer than the time limit (``timeout``) or that dies (``crash``); the slot gets a new worker.
* :func:`run` ties them together; only the parent writes files, each through a temporary file
  and a rename, so neither a killed worker nor Ctrl-C leaves half a JSON behind.
"""

from __future__ import annotations

import fnmatch
import gc
import hashlib
import json
import multiprocessing
import os
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..config import CleanConfig
from ..errors import ExitStatus, NewscleanError
from ..fields.declared import guess_date
from ..pipeline import clean_bytes
from ..text.language import load_profiles
from ..text.normalize import repair_mojibake


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename, so a
    reader never sees a half-written file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: page files ``batch`` picks up when no ``--glob`` is given (matched case-insensitively)
DEFAULT_PATTERNS: tuple[str, ...] = tuple(
    f"*.{ext}{gz}" for gz in ("", ".gz") for ext in ("html", "htm", "xhtml", "txt")
)
ERRORS_NAME = "errors.jsonl"
#: set to ``1`` to let pages make their worker misbehave, for the tests: a page containing
#: ``newsclean-test:hang`` sleeps for an hour, one containing ``newsclean-test:crash`` kills its
#: worker with ``os._exit``. Read by the worker for every page; unset, it costs one dict lookup.
TEST_HOOK_ENV = "NEWSCLEAN_TEST_HOOK"
# JSONL lines are written in walk order: results that arrive early wait in memory, and no page is
# handed out more than this many positions ahead of the oldest one still missing.
_JSONL_WINDOW_PER_WORKER = 8
_TICK = 0.2  # seconds between progress refreshes and Ctrl-C checks
# A worker is replaced after this many pages: lxml's name dictionary and some caches only grow.
_PAGES_PER_WORKER = 500


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
        progress: show a progress bar on stderr.
        config: the cleaning settings every page gets.
    """

    in_dir: str
    out_dir: str | None = None
    jsonl: str | None = None
    workers: int = os.cpu_count() or 1
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    resume: bool = False
    timeout: float = 60.0
    progress: bool = False
    config: CleanConfig = CleanConfig()

    @property
    def errors_path(self) -> str:
        if self.jsonl is not None:
            stem = self.jsonl[: -len(".jsonl")] if self.jsonl.endswith(".jsonl") else self.jsonl
            return f"{stem}.errors.jsonl"
        return os.path.join(self.out_dir or ".", ERRORS_NAME)


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one page produced no JSON: a line of errors.jsonl."""

    stage: str
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Job:
    """One page: the file to read, its printable name (``source.path``), where its JSON goes."""

    src: str
    name: str
    out: str | None = None
    #: set when the page is refused before any worker sees it (colliding output names)
    problem: Failure | None = None


@dataclass(frozen=True, slots=True)
class PageResult:
    """A worker's answer: the JSON line, or a failure, or neither (skipped by ``--resume``)."""

    text: str | None = None
    reasons: tuple[tuple[str, int], ...] = ()
    failure: Failure | None = None


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


def printable(path: str) -> str:
    """A file name as text that always encodes as UTF-8: the bytes of a name that is not valid
    UTF-8 (which Python carries as surrogate escapes) become ``\\xNN``.

    >>> printable(os.fsdecode(b"caf\\xe9.html"))
    'caf\\\\xe9.html'
    >>> printable("Köln.html")
    'Köln.html'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def output_name(name: str) -> str:
    """The JSON file name for a page file: ``.gz``, then the page extension, become ``.json``.

    >>> output_name("b.html"), output_name("b.html.gz"), output_name("v1.2.txt"), output_name("README")
    ('b.json', 'b.json', 'v1.2.json', 'README.json')
    """
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, ext = os.path.splitext(name)
    return (stem if ext else name) + ".json"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class PageFinder:
    """Streams the pages below a folder as :class:`Job` objects, folder by folder in name order.

    A symlink is followed only when its target is inside the folder (and does not loop back to
    a folder being walked); others are counted in ``outside_links``. Within one folder, pages
    whose JSON files would share a name are all refused: a collision is an error, not an
    overwrite.
    """

    def __init__(self, options: BatchOptions) -> None:
        self.in_dir = options.in_dir
        self.out_dir = options.out_dir
        self.patterns = tuple(p.lower() for p in options.patterns)
        self.root = os.path.realpath(options.in_dir)
        # an output folder inside the input folder is not input
        out_real = os.path.realpath(options.out_dir) if options.out_dir else None
        self.skip = out_real if out_real and out_real != self.root else None
        self.outside_links = 0

    def __iter__(self) -> Iterator[Job]:
        yield from self._walk(self.in_dir, "", (self.root,))

    def _matches(self, name: str, rel: str) -> bool:
        name, rel = name.lower(), rel.lower()
        return any(fnmatch.fnmatchcase(rel if "/" in p else name, p) for p in self.patterns)

    def _walk(self, folder: str, rel: str, ancestors: tuple[str, ...]) -> Iterator[Job]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Job(folder, printable(folder), problem=Failure("read", "unreadable_folder", exc.strerror or str(exc)))
            return
        pages, folders = [], []
        for entry in entries:
            entry_rel = f"{rel}{entry.name}"
            real = os.path.join(ancestors[-1], entry.name)
            try:
                if entry.is_symlink():
                    real = os.path.realpath(entry.path)
                    if not _inside(real, self.root):
                        self.outside_links += 1
                        continue
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if real not in ancestors and real != self.skip:
                    folders.append((entry.path, entry_rel + "/", ancestors + (real,)))
            elif self._matches(entry.name, entry_rel):
                pages.append(entry)
        yield from self._jobs(rel, pages)
        for sub in folders:
            yield from self._walk(*sub)

    def _jobs(self, rel: str, pages: list[os.DirEntry[str]]) -> Iterator[Job]:
        out_dir = os.path.join(self.out_dir, rel) if self.out_dir is not None else None
        claims = Counter(output_name(p.name) for p in pages) if out_dir else Counter()
        for page in pages:
            name = printable(page.path)
            if out_dir is None:
                yield Job(page.path, name)
                continue
            target = output_name(page.name)
            problem = None
            if claims[target] > 1:
                rivals = sorted(printable(p.name) for p in pages if output_name(p.name) == target)
                problem = Failure("output", "name_collision", f"{', '.join(rivals)} would all be written to {printable(target)}; rename them apart")
            yield Job(page.path, name, os.path.join(out_dir, target), problem)


def _run_test_hook(data: bytes) -> None:
    if os.environ.get(TEST_HOOK_ENV) != "1":
        return
    if b"newsclean-test:hang" in data:
        time.sleep(3600)
    if b"newsclean-test:crash" in data:
        os._exit(70)


def is_done(job: Job, data: bytes) -> bool:
    """For ``--resume``: the JSON exists, is not older than the page, and was made from the
    same bytes under the same name."""
    try:
        if job.out is None or os.stat(job.out).st_mtime_ns < os.stat(job.src).st_mtime_ns:
            return False
        with open(job.out, encoding="utf-8") as fh:
            source = json.load(fh)["source"]
        return source["sha256"] == hashlib.sha256(data).hexdigest() and source["path"] == job.name
    except (OSError, ValueError, LookupError, TypeError):
        return False


def clean_file(job: Job, config: CleanConfig, resume: bool = False) -> PageResult:
    """Read and clean one page; the worker's whole job. Never raises."""
    try:
        with open(job.src, "rb") as fh:
            data = fh.read(config.max_bytes + 1)
    except OSError as exc:
        return PageResult(failure=Failure("read", "unreadable", exc.strerror or str(exc)))
    if resume and is_done(job, data):
        return PageResult()
    _run_test_hook(data)
    try:
        article = clean_bytes(data, config, path=job.name)
    except NewscleanError as exc:
        return PageResult(failure=Failure(exc.stage, exc.kind, str(exc)))
    except Exception as exc:  # a bug, or a parser blowing up on a hostile page: record, go on
        return PageResult(failure=Failure("clean", "internal_error", f"{type(exc).__name__}: {exc}"))
    reasons = Counter(r.reason for r in article.removed)
    return PageResult(article.to_json() + "\n", tuple(sorted(reasons.items())))


def _serve(conn: Connection, config: CleanConfig, resume: bool, parent: int) -> None:
    """Worker process: clean the jobs that arrive on ``conn`` until told to stop or orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while True:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    return
                continue
            job = conn.recv()
            if job is None:
                return
            conn.send(clean_file(job, config, resume))
    except (EOFError, OSError):
        return


@dataclass(slots=True)
class _Slot:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    seq: int = -1
    job: Job | None = None
    deadline: float = 0.0
    pages: int = 0


class WorkerPool:
    """Worker processes that each clean one page at a time and can be killed one by one.

    ``concurrent.futures`` cannot cancel a running task, so a page that hangs would hold its
    worker forever; here the parent owns one pipe per worker and replaces a worker that runs
    past its deadline or dies.
    """

    def __init__(self, size: int, config: CleanConfig, resume: bool, timeout: float, recycle_after: int = _PAGES_PER_WORKER) -> None:
        # fork: workers start warm (the parent has loaded trafilatura) and start fast
        methods = multiprocessing.get_all_start_methods()
        self.ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.args = (config, resume, os.getpid())
        self.timeout, self.recycle_after = timeout, recycle_after
        self.slots = [self._start() for _ in range(size)]

    def _start(self) -> _Slot:
        parent_end, child_end = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(child_end, *self.args), daemon=True, name="newsclean-worker")
        process.start()
        child_end.close()
        return _Slot(process, parent_end)

    @property
    def busy(self) -> int:
        return sum(slot.job is not None for slot in self.slots)

    @property
    def idle(self) -> bool:
        return any(slot.job is None for slot in self.slots)

    def submit(self, seq: int, job: Job) -> bool:
        """Hand ``job`` to an idle worker; False when all are busy."""
        for slot in self.slots:
            if slot.job is None:
                try:
                    slot.conn.send(job)
                except OSError:  # it died while idle (the OOM killer?): hand the job to a new one
                    slot = self._replace(slot)
                    slot.conn.send(job)
                slot.seq, slot.job, slot.deadline = seq, job, time.monotonic() + self.timeout
                return True
        return False

    def collect(self, max_wait: float) -> Iterator[tuple[int, Job, PageResult]]:
        """Wait up to ``max_wait`` seconds, then yield ``(seq, job, result)`` for every page that
        finished, timed out or took its worker down."""
        busy = [slot for slot in self.slots if slot.job is not None]
        if not busy:
            return
        soonest = min(slot.deadline for slot in busy) - time.monotonic()
        wait([s.conn for s in busy] + [s.process.sentinel for s in busy], max(0.0, min(max_wait, soonest)))
        for slot in busy:
            seq, job = slot.seq, slot.job
            assert job is not None
            result, broken = None, False
            if slot.conn.poll():
                try:
                    result = slot.conn.recv()
                except (EOFError, OSError):
                    broken = True
            if result is not None:
                slot.job = None
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
            yield seq, job, result

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
        killed, abandoning their pages."""
        for slot in self.slots:
            self._stop(slot, kill=kill or slot.job is not None)
        self.slots = []


class FolderSink:
    """Writes each page's JSON to its own file, atomically."""

    def __init__(self) -> None:
        self._made: set[str] = set()  # folders known to exist (one entry per output folder)

    def write(self, seq: int, job: Job, text: str | None) -> Failure | None:
        if text is None or job.out is None:
            return None
        try:
            folder = os.path.dirname(job.out)
            if folder not in self._made:
                os.makedirs(folder, exist_ok=True)
                self._made.add(folder)
            write_atomic(Path(job.out), text)
        except (OSError, UnicodeError) as exc:
            return Failure("write", "unwritable", f"cannot write {printable(job.out)}: {getattr(exc, 'strerror', None) or exc}")
        return None

    def room(self, seq: int) -> bool:
        return True

    def close(self, commit: bool) -> None:
        pass


class JsonlSink:
    """Writes all pages into one JSON Lines file in walk order, via a temporary file that only
    becomes ``path`` when the run completes."""

    def __init__(self, path: str, window: int) -> None:
        self.path, self.window = path, window
        fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=os.path.dirname(path) or ".")
        self.fh = os.fdopen(fd, "w", encoding="utf-8")
        self.next_seq = 0
        self.waiting: dict[int, str | None] = {}

    def write(self, seq: int, job: Job, text: str | None) -> Failure | None:
        self.waiting[seq] = text
        while self.next_seq in self.waiting:
            line = self.waiting.pop(self.next_seq)
            if line is not None:
                self.fh.write(line)  # a write error here ends the run: the file would have a gap
            self.next_seq += 1
        return None

    def room(self, seq: int) -> bool:
        return seq - self.next_seq < self.window

    def close(self, commit: bool) -> None:
        try:
            self.fh.close()
            if commit:
                os.replace(self.tmp, self.path)
        finally:
            Path(self.tmp).unlink(missing_ok=True)


class ErrorLog:
    """errors.jsonl: one line per failed page, flushed as it happens; created on the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fh = None
        Path(path).unlink(missing_ok=True)  # failures of an earlier run are retried, not kept

    def add(self, name: str, failure: Failure) -> None:
        if self.fh is None:
            self.fh = open(self.path, "a", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        record = {"path": name, "stage": failure.stage, "kind": failure.kind, "message": failure.message}
        self.fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.fh.flush()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()


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


def _warm_up() -> None:
    """Load trafilatura, phrase lists and language profiles once in the parent, so that every
    forked worker (including replacements for killed ones) starts ready."""
    page = "<html><body><article><h1>Neue Brücke</h1>" + "<p>Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen.</p>" * 3 + "</article></body></html>"
    try:
        clean_bytes(page.encode())
    except NewscleanError:
        pass
    # what the warm-up page does not reach, each worker would load itself (0.5 to 0.8 s of CPU,
    # again in every replacement): the language profiles (a German page is told without
    # them), ftfy (for mojibake), the date parser of the date fallback, a date it has to read
    # ("4. 2. 2022"), and the justext stoplists of trafilatura's fallback
    load_profiles()
    repair_mojibake("FÃ¼r")
    guess_date("<html><body><p>Von Deutscher Tennis Bund 4. 2. 2022</p></body></html>", None)
    from trafilatura import external

    if getattr(external, "JT_STOPLIST", ()) is None:
        external.jt_stoplist_init()
    # Everything loaded so far lives as long as the workers: keep the garbage collector away
    # from it, or each forked worker's first collection writes to (and so copies) every page
    # of those objects that it shares with the parent.
    gc.freeze()


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


class _Progress:
    """Files done/total, pages/s, ETA and errors on stderr, refreshed from the main loop (no
    refresh thread: workers are forked from this process)."""

    def __init__(self, console: Console, total: int) -> None:
        self.bar = Progress(
            TextColumn("newsclean batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} pages/s"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[errors]} errors"),
            console=console,
            auto_refresh=False,
            transient=True,
        )
        self.task = self.bar.add_task("pages", total=total, rate="0.0", errors=0)
        self.shown = 0.0
        self.bar.start()

    def update(self, summary: Summary, started: float, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.shown >= _TICK:
            rate = (summary.kept + summary.failed) / max(now - started, 1e-9)
            self.bar.update(self.task, completed=summary.done, rate=f"{rate:.1f}", errors=summary.failed)
            self.bar.refresh()
            self.shown = now

    def stop(self) -> None:
        self.bar.stop()


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


def _dispatch(jobs: Iterator[Job], pool: WorkerPool, record: _Recorder, stop: threading.Event, progress: _Progress | None) -> bool:
    """Keep every worker busy until the pages run out (True) or Ctrl-C (False)."""
    feed, started = _Feed(jobs, pool, record), time.monotonic()
    while not stop.is_set():
        feed.refill()
        if feed.exhausted and not pool.busy:
            return True
        done = list(pool.collect(_TICK))
        feed.refill()  # the freed workers get their next page before the results are written
        for result in done:
            record(*result)
        if progress:
            progress.update(record.summary, started)
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


def run(options: BatchOptions, console: Console | None = None) -> Summary:
    """Clean every page below ``options.in_dir``; returns the counts (see :class:`Summary`).

    Raises :class:`SetupError` for unusable paths, and ``OSError`` when the JSONL file cannot
    be written (a folder run records unwritable files as failures and goes on).
    """
    check_paths(options)
    _warm_up()
    total = sum(1 for _ in PageFinder(options)) if options.progress else None
    summary, finder, started = Summary(), PageFinder(options), time.monotonic()
    errors = ErrorLog(options.errors_path)
    sink = JsonlSink(options.jsonl, options.workers * _JSONL_WINDOW_PER_WORKER) if options.jsonl is not None else FolderSink()
    pool, progress, completed = None, None, False
    try:
        with _ctrl_c() as stop:
            if total is not None:
                progress = _Progress(console or Console(stderr=True), total)
            pool = WorkerPool(options.workers, options.config, options.resume, options.timeout)
            completed = _dispatch(iter(finder), pool, _Recorder(sink, errors, summary), stop, progress)
    finally:
        if pool is not None:
            pool.close(kill=not completed)
        sink.close(commit=completed)
        errors.close()
        if progress:
            progress.update(summary, started, force=True)
            progress.stop()
        summary.seconds = time.monotonic() - started
        summary.outside_links = finder.outside_links
        summary.interrupted = not completed
    return summary


def summary_table(summary: Summary) -> Table:
    """The end-of-run table: pages kept/failed/skipped, time, rate, removed blocks per reason."""
    table = Table(title="newsclean batch", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("kept", f"{summary.kept:,}")
    table.add_row("failed", f"{summary.failed:,}")
    table.add_row("skipped (--resume)", f"{summary.skipped:,}")
    if summary.outside_links:
        table.add_row("symlinks leading outside, not followed", f"{summary.outside_links:,}")
    table.add_row("time", f"{summary.seconds:.1f} s")
    table.add_row("pages/s", f"{summary.pages_per_second:.1f}")
    if summary.reasons:
        table.add_section()
        for reason, count in summary.reasons.most_common():
            table.add_row(f"removed: {reason}", f"{count:,}")
    return table

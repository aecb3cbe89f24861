"""The Dask engine: ``newsclean batch IN OUT --scheduler ADDRESS`` runs a batch on a Dask cluster.

It schedules the same work as the local engine, in units any machine can do alone:

* WARC input: each WARC file is indexed, ``INDEX_CHUNKS`` chunks a task
  (:func:`~newsclean.run.shards.index_piece`), so its first chunks are at work while the rest
  is read; each chunk is a task that cleans its records and writes its part file (:func:`~newsclean.run.shards.process_chunk`, through a one-process
  :class:`~newsclean.run.pool.WorkerPool`, so a page past the time limit is killed as in a
  local run); when every chunk of a WARC has reported, a task assembles the shard from the
  parts (:func:`~newsclean.run.shards.assemble_shard`) and removes them. Shards are therefore
  byte-identical to the local engine's.
* A folder of pages: the page files, in walk order, go out in tasks of ``PAGES_PER_TASK``; a
  task cleans them through a one-process pool and writes each page's JSON file.

This process (the client) lists the inputs, submits the tasks, writes ``errors.jsonl`` in input
order and counts, from the tasks' reports (counts and failures): no article passes through it,
and it never reads a WARC. It knows which shards are done: a shard exists under its name only
once its assembly task has finished (temporary name, then rename).

What the cluster must offer: every worker reads the inputs and writes the outputs under the
same paths as the client (a shared filesystem, e.g. NFS), and runs the same newsclean version.

A worker that dies (killed, out of memory, machine lost) loses nothing and doubles nothing: the
scheduler runs its tasks again on another worker, and every task is idempotent, its file written
under a temporary name and renamed, with the same bytes whoever writes it. A task that fails
for good (its worker died three times, Dask's ``allowed-failures``) makes its WARC fail with an
error in errors.jsonl; no shard is written for that WARC.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from ..config import CleanConfig
from .dedup import DuplicateFinder, record_signatures
from .pool import WorkerPool
from .shards import ChunkReport, assemble_shard, index_piece, process_chunk
from .sinks import ErrorLog, FolderSink, mark_of
from .sources import printable
from .work import Failure, Job, clean_file

if TYPE_CHECKING:
    from distributed import Client, Future

    from .batch import BatchOptions, Observer, Summary

#: page files per task for a folder of pages
PAGES_PER_TASK = 64
#: the folder, next to a shard, that holds its chunks' part files while the WARC is in work
PARTS_DIR = ".newsclean-parts"
#: seconds to wait for the scheduler to answer
CONNECT_TIMEOUT = 20
#: chunks a WARC's index task finds before it reports them (a few seconds of work a chunk, a
#: fraction of a second of reading for the index)
INDEX_CHUNKS = 4
#: Dask priorities (higher first): the warm-up before anything; then WARC by WARC in input
#: order, the next piece of a WARC's index before its chunks, so the queue of chunks never runs
#: dry while there are chunks left to find, and the shards are finished in input order
_WARM_PRIORITY = 1


def _index_priority(warc: int) -> int:
    return -2 * warc


def _chunk_priority(warc: int) -> int:
    return -2 * warc - 1


class ClusterError(Exception):
    """The cluster cannot be used: Dask missing, no scheduler at the address (exit status 2)."""


def connect(address: str) -> Client:
    """A client of the Dask scheduler at ``address`` (``tcp://host:8786``)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError('--scheduler needs Dask: pip install "newsclean[dask]"') from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"no Dask scheduler answers at {address} ({exc})") from None
    try:
        daemonic = sorted(worker for worker, daemon in client.run(_is_daemon).items() if daemon)
    except Exception:
        client.close()
        raise
    if daemonic:
        client.close()
        raise ClusterError(f"{len(daemonic)} worker(s) run as daemon processes ({daemonic[0]}, ...), which may not start the child process that enforces --timeout: start the workers with the Dask setting distributed.worker.daemon off (environment DASK_DISTRIBUTED__WORKER__DAEMON=False, or --no-nanny)")
    return client


def _is_daemon() -> bool:
    """Whether this (worker) process is a daemon; those cannot have child processes."""
    return multiprocessing.current_process().daemon


# --- the tasks: run on the workers; module-level functions, so they travel by name ---


@functools.cache
def _warm() -> None:
    """Load what every page needs once in the worker process, before the pools fork from it."""
    from ..pipeline import warm_up

    warm_up()


def warm_task() -> None:
    """Sent to every worker first, so that they load what pages need while one of them reads
    the first WARC's chunk index."""
    _warm()


def index_task(warc_path: str, start: int, chunk_bytes: int) -> tuple[list[tuple[int, int]], int | None]:
    return index_piece(warc_path, start, INDEX_CHUNKS, chunk_bytes)


def chunk_task(warc_path: str, warc_name: str, start: int, end: int, part_path: str, config: CleanConfig, timeout: float, languages: frozenset[str], sign: bool) -> ChunkReport:
    _warm()
    os.makedirs(os.path.dirname(part_path), exist_ok=True)
    return process_chunk(warc_path, warc_name, start, end, config, part_path, None, timeout, languages, sign)


def assemble_task(part_paths: list[str], shard_path: str, marks: dict[int, dict[int, str]]) -> None:
    os.makedirs(os.path.dirname(shard_path) or ".", exist_ok=True)
    assemble_shard(part_paths, shard_path, marks)
    if part_paths:
        shutil.rmtree(os.path.dirname(part_paths[0]), ignore_errors=True)


def signatures_task(path: str) -> list[tuple[str, bytes]]:
    """The signatures of a complete shard that ``--resume`` keeps, for ``--dedup``."""
    return list(record_signatures(path))


def mark_files_task(copies: list[tuple[str, str | None]]) -> None:
    """Set ``duplicate_of`` in JSON files: ``(file, source.id of the first copy, or None)``."""
    for path, first in copies:
        failure = FolderSink.remark(path, first)
        if failure is not None:
            raise OSError(failure.message)


@dataclass(slots=True)
class PagesReport:
    """What a task of page files came to: counts, and each failed page with its failure."""

    kept: int = 0
    skips: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, Failure]] = field(default_factory=list)
    #: with ``sign``: ``(source.id, JSON file, signature, its duplicate_of on disk)`` of every
    #: article; a file written now is unmarked (None), one ``--resume`` kept has its own mark,
    #: which a run killed before its marks were written may have left wrong
    signatures: list[tuple[str, str, bytes, str | None]] = field(default_factory=list)


def pages_task(jobs: list[Job], config: CleanConfig, timeout: float, resume: bool, languages: frozenset[str], sign: bool) -> PagesReport:
    _warm()
    report, sink = PagesReport(), FolderSink()
    work = partial(clean_file, config=config, resume=resume, languages=languages, sign=sign)
    with WorkerPool(1, work, timeout) as pool:
        for job, result in pool.map(jobs):
            failure = result.failure or sink.write(0, job, result.text)
            if failure is None and result.signature is not None and job.out is not None:
                on_disk = None if result.text is not None else _mark_on_disk(job.out)
                report.signatures.append((job.name, job.out, result.signature, on_disk))
            if failure is not None:
                report.failures.append((job.name, failure))
            elif result.text is None:
                report.skips[result.skip or "resume"] += 1
            else:
                report.kept += 1
                report.reasons.update(dict(result.reasons))
    return report


def _mark_on_disk(path: str) -> str | None:
    """The ``duplicate_of`` of a JSON file ``--resume`` keeps (it was just read whole)."""
    try:
        with open(path, "rb") as fh:
            return mark_of(fh.read())
    except (OSError, ValueError):
        return None


# --- the client ---


def _lost(future: Future) -> Failure:
    """The failure of a task that raised or whose workers kept dying."""
    try:
        exc = future.exception()
    except Exception as err:  # the future itself could not be read back
        exc = err
    return Failure("cluster", "task_failed", f"{type(exc).__name__}: {exc}")


class _Tasks:
    """The futures in flight, each with what to do when it is done."""

    def __init__(self, client: Client, run: str) -> None:
        from distributed import as_completed

        self.client, self.run = client, run
        self.then: dict[str, Callable[[Future], None]] = {}
        self.done = as_completed(loop=client.loop)

    def submit(self, name: str, then: Callable[[Future], None], function: Callable[..., Any], *args: Any, on: str | None = None, priority: int = 0) -> None:
        """Run ``function(*args)`` on the cluster (preferably on the worker ``on``, if given:
        another takes it if that one is gone), before tasks of a lower ``priority``; call
        ``then`` with its future when it is done."""
        workers = {"workers": [on], "allow_other_workers": True} if on else {}
        future = self.client.submit(function, *args, key=f"newsclean-{name}-{self.run}", pure=False, priority=priority, **workers)
        self.then[future.key] = then
        self.done.add(future)

    def warm_every_worker(self) -> None:
        for number, worker in enumerate(sorted(self.client.scheduler_info()["workers"])):
            self.submit(f"warm-{number}", lambda future: None, warm_task, on=worker, priority=_WARM_PRIORITY)

    def drain(self, observe: Callable[[], None]) -> None:
        for future in self.done:
            if future.status not in ("finished", "error", "cancelled"):
                # done, but its result was on a worker that died before the client had it: the
                # scheduler computes it again, and it comes back here then (not a failure)
                self.done.add(future)
                continue
            self.then.pop(future.key)(future)
            future.release()
            observe()

    def cancel(self) -> None:
        self.client.cancel(list(self.done.futures))


class _WarcRun:
    """The client's bookkeeping for WARC input: which chunks and shards are done, and the
    reports, written to errors.jsonl in input order (WARC by WARC, chunk by chunk)."""

    def __init__(self, options: BatchOptions, warcs: list[Job], summary: Summary, errors: ErrorLog, tasks: _Tasks) -> None:
        self.options, self.warcs, self.summary, self.errors, self.tasks = options, warcs, summary, errors, tasks
        self.reports: dict[int, list[ChunkReport | Failure | _Kept | None]] = {}
        self.indexing: set[int] = set()  # WARCs whose chunks are not all known yet
        self.logged = 0  # WARCs before this one are done with: failures logged, marks decided
        self.finder = DuplicateFinder(options.dedup_threshold) if options.dedup else None
        if self.finder is not None:
            summary.copies = 0

    def start(self) -> None:
        from .batch import warc_sizes

        self.summary.bytes_total = sum(warc_sizes(self.warcs, self.options).values())
        for number, warc in enumerate(self.warcs):
            if warc.problem is not None:
                self.reports[number] = [warc.problem]
            elif self.options.resume and warc.out is not None and os.path.exists(warc.out):
                self.summary.shards_resumed += 1
                self.reports[number] = [None] if self.finder is not None else [_Kept([])]
                if self.finder is not None:
                    self.tasks.submit(f"signatures-{number}", partial(self._kept, number), signatures_task, warc.out, priority=_index_priority(number))
            else:
                self.reports[number] = []
                self.indexing.add(number)
                self._index(number, 0)
        self._log_in_order()

    def _index(self, number: int, start: int) -> None:
        """Find the next chunks of a WARC, from the one that begins at ``start``."""
        then = partial(self._indexed, number)
        self.tasks.submit(f"index-{number}-{start}", then, index_task, self.warcs[number].src, start, self.options.chunk_bytes, priority=_index_priority(number))

    def parts_folder(self, warc: Job) -> str:
        assert warc.out is not None
        folder, name = os.path.split(warc.out)
        return os.path.join(folder, PARTS_DIR, name)

    def _indexed(self, number: int, future: Future) -> None:
        reports = self.reports[number]
        if future.status != "finished":
            reports.append(_lost(future))  # the WARC fails; its chunks at work finish as usual
            self.indexing.discard(number)
            self._log_in_order()
            return
        warc, (bounds, following) = self.warcs[number], future.result()
        options = self.options
        for start, end in bounds:
            chunk = len(reports)
            reports.append(None)
            part = os.path.join(self.parts_folder(warc), f"{chunk:06d}.part")
            args = (warc.src, warc.name, start, end, part, options.config, options.timeout, options.languages, options.dedup)
            self.tasks.submit(f"chunk-{number}-{chunk}", partial(self._chunk_done, number, chunk, end - start), chunk_task, *args, priority=_chunk_priority(number))
        if following is not None:
            self._index(number, following)
        else:  # (a WARC without a single record gets an empty shard, as the local engine writes)
            self.indexing.discard(number)
            self._log_in_order()

    def _chunk_done(self, number: int, chunk: int, size: int, future: Future) -> None:
        reports = self.reports[number]
        self.summary.bytes_done += size
        if future.status != "finished":
            reports[chunk] = _lost(future)
        else:
            report = reports[chunk] = future.result()
            self.summary.kept += report.kept
            self.summary.skips.update(report.skips)
            self.summary.reasons.update(report.reasons)
        self._log_in_order()

    def _kept(self, number: int, future: Future) -> None:
        if future.status != "finished":
            self.reports[number] = [_lost(future)]
        else:
            self.reports[number] = [_Kept(future.result())]
        self._log_in_order()

    def _assemble(self, number: int, marks: dict[int, dict[int, str]]) -> None:
        warc = self.warcs[number]
        assert warc.out is not None
        parts = [os.path.join(self.parts_folder(warc), f"{chunk:06d}.part") for chunk in range(len(self.reports[number]))]
        self.tasks.submit(f"shard-{number}", partial(self._assembled, number), assemble_task, parts, warc.out, marks, priority=_index_priority(number))

    def _assembled(self, number: int, future: Future) -> None:
        if future.status == "finished":
            self.summary.shards += 1
        else:
            self.errors.add(self.warcs[number].name, _lost(future))
            self.summary.failed += 1

    def _log_in_order(self) -> None:
        while self.logged < len(self.warcs):
            reports = self.reports.get(self.logged)
            if reports is None or self.logged in self.indexing or any(r is None for r in reports):
                return
            warc, number = self.warcs[self.logged], self.logged
            failed = any(isinstance(report, Failure) for report in reports)
            marks: dict[int, dict[int, str]] = {}
            for chunk, report in enumerate(reports):
                if isinstance(report, Failure):
                    self.errors.add(warc.name, report)
                    self.summary.failed += 1
                elif isinstance(report, _Kept):
                    self._mark(report.signatures)
                else:
                    assert report is not None
                    for source_id, offset, failure in report.failures:
                        self.errors.add(warc.name, failure, id=source_id, offset=offset)
                        self.summary.failed += 1
                    if not failed and (copies := self._mark(report.signatures)):
                        marks[chunk] = copies
            self.logged += 1
            if not failed and warc.problem is None and not any(isinstance(report, _Kept) for report in reports):
                self._assemble(number, marks)
            del self.reports[number]  # its signatures are in the finder (the first copies') or gone

    def _mark(self, signatures: list[tuple[str, bytes]]) -> dict[int, str]:
        """Feed the finder; the copies among the lines, by line number."""
        copies: dict[int, str] = {}
        if self.finder is not None:
            for line, (source_id, sig) in enumerate(signatures):
                if (first := self.finder.mark(source_id, sig)) is not None:
                    copies[line] = first
            self.summary.copies = self.finder.copies
        return copies


@dataclass(frozen=True, slots=True)
class _Kept:
    """A shard ``--resume`` keeps: the signatures of its articles (with ``--dedup``)."""

    signatures: list[tuple[str, bytes]]


def _remove_empty_parts_folders(warcs: list[Job]) -> None:
    """The PARTS_DIR folders the run made, once every shard has taken its parts away (a WARC
    that failed keeps its parts, and so its folder). Not done by the tasks: a chunk task may be
    about to write into the folder while another WARC's shard is assembled."""
    for folder in sorted({os.path.join(os.path.dirname(warc.out), PARTS_DIR) for warc in warcs if warc.out}):
        try:
            os.rmdir(folder)
        except OSError:
            pass


def _page_batches(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    batch: list[Job] = []
    for job in jobs:
        batch.append(job)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class _FolderRun:
    """The client's bookkeeping for a folder of pages: tasks of page files in walk order, their
    failures written to errors.jsonl in that order."""

    def __init__(self, options: BatchOptions, jobs: Iterator[Job], summary: Summary, errors: ErrorLog, tasks: _Tasks) -> None:
        self.options, self.jobs, self.summary, self.errors, self.tasks = options, jobs, summary, errors, tasks
        self.reports: dict[int, tuple[list[tuple[str, Failure]], list[tuple[str, str, bytes, str | None]]] | None] = {}
        self.logged = 0
        self.finder = DuplicateFinder(options.dedup_threshold) if options.dedup else None
        if self.finder is not None:
            summary.copies = 0

    def start(self) -> None:
        options = self.options
        for number, batch in enumerate(_page_batches(self.jobs, PAGES_PER_TASK)):
            refused = [(job.name, job.problem) for job in batch if job.problem is not None]
            todo = [job for job in batch if job.problem is None]
            self.reports[number] = None
            args = (todo, options.config, options.timeout, options.resume, options.languages, options.dedup)
            self.tasks.submit(f"pages-{number}", partial(self._done, number, batch, refused, todo), pages_task, *args)

    def _done(self, number: int, batch: list[Job], refused: list[tuple[str, Failure]], todo: list[Job], future: Future) -> None:
        if future.status == "finished":
            report: PagesReport = future.result()
            self.summary.kept += report.kept
            self.summary.skips.update(report.skips)
            self.summary.reasons.update(report.reasons)
            failures, signatures = report.failures, report.signatures
        else:
            lost = _lost(future)
            failures, signatures = [(job.name, lost) for job in todo], []
        # the refused pages are logged among the others, in walk order
        order = {job.name: i for i, job in enumerate(batch)}
        self.reports[number] = (sorted(refused + failures, key=lambda item: order[item[0]]), signatures)
        while (reports := self.reports.get(self.logged)) is not None:
            for name, failure in reports[0]:
                self.errors.add(name, failure)
                self.summary.failed += 1
            if self.finder is not None:
                # every file whose mark on disk is not the one decided now: the copies written
                # now, and files a killed run wrote but never marked (--resume keeps them)
                copies = [(out, first) for name, out, sig, on_disk in reports[1] if (first := self.finder.mark(name, sig)) != on_disk]
                self.summary.copies = self.finder.copies
                if copies:
                    self.tasks.submit(f"marks-{self.logged}", self._marked, mark_files_task, copies)
            del self.reports[self.logged]
            self.logged += 1

    def _marked(self, future: Future) -> None:
        if future.status != "finished":
            self.errors.add(self.options.out_dir or "", _lost(future))
            self.summary.failed += 1


def run_on_cluster(options: BatchOptions, warcs: list[Job] | None, jobs: Iterator[Job] | None, summary: Summary, observer: Observer | None = None) -> Summary:
    """Run the batch on the cluster at ``options.scheduler``: the WARC files ``warcs`` into
    shards, or the page files ``jobs`` into JSON files. Fills in and returns ``summary``.

    Raises :class:`ClusterError` when the scheduler cannot be reached.
    """
    assert options.scheduler is not None
    started = time.monotonic()
    client = connect(options.scheduler)
    errors = ErrorLog(options.errors_path, {"input": printable(options.in_dir), "output": printable(options.out_dir or ""), "scheduler": options.scheduler})
    tasks = _Tasks(client, uuid.uuid4().hex[:12])
    completed = False
    try:
        if observer:
            observer.start(0)
        tasks.warm_every_worker()
        if warcs is not None:
            _WarcRun(options, warcs, summary, errors, tasks).start()
        else:
            assert jobs is not None
            _FolderRun(options, jobs, summary, errors, tasks).start()
        tasks.drain(lambda: observer.update(summary) if observer else None)
        completed = True
        if warcs is not None:
            _remove_empty_parts_folders(warcs)
    except KeyboardInterrupt:
        tasks.cancel()
    finally:
        summary.failure_kinds = errors.kinds
        errors.close()
        client.close()
        if observer:
            observer.update(summary, force=True)
            observer.stop()
        summary.seconds = time.monotonic() - started
        summary.interrupted = not completed
    return summary

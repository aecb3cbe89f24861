"""Shards: one output file per WARC file, built from chunks of records that any engine can process.

The engine contract for WARC input (the local engine in :mod:`newsclean.run.batch` follows it,
and so must a Dask engine):

* Each WARC file is one shard: ``OUT/<name>.jsonl.gz`` for ``<name>.warc[.gz]``.
* A WARC is cut into chunks at record boundaries by byte offset, by a rule that depends only on
  the file (:func:`chunk_bounds`): a chunk starts at the first record and a new one at the first
  record (gzip member) that starts :func:`chunk_span` bytes or more after the chunk's start
  (``chunk_bytes``, less near the end of the file). So the cuts are the same whatever the engine
  or the number of workers, and :func:`chunk_index` finds them in one pass over the file.
* A chunk is processed knowing only ``(warc path, start, end, config)``: :func:`process_chunk`
  reads its records, runs each page through a :class:`~newsclean.run.pool.WorkerPool` (one
  process is enough: it is what enforces the per-page time limit), and writes the chunk's
  output lines as one gzip member with a fixed header (mtime 0, no file name) to its part file,
  under a temporary name renamed when complete. It returns a :class:`ChunkReport` (counts and
  the failures for errors.jsonl).
* :func:`assemble_shard` concatenates the part files in chunk order into the shard, again under
  a temporary name renamed when complete; a complete shard is what ``--resume`` skips.

Byte-identical shards follow: the same records give the same lines, fed one line at a time to
the same :class:`GzipMember`, in chunk order.
"""

from __future__ import annotations

import gzip
import os
import struct
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

from ..config import CleanConfig
from . import parquet
from .dedup import mark_line
from .pool import WorkerPool, ordered
from .sinks import atomic_file, umask, write_atomic_bytes
from .warc import Record, WarcReader, clean_warc_page
from .work import Failure, PageResult

#: a chunk spans at least this many bytes of the WARC file (those near its end fewer: :func:`chunk_span`)
CHUNK_BYTES = 8 << 20
SHARD_SUFFIX = ".jsonl.gz"
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no flags, mtime 0, OS unknown


class GzipMember:
    """One gzip member built line by line, with a header that never varies (mtime 0, no name),
    so the same lines always give the same bytes.

    >>> import gzip
    >>> member = GzipMember()
    >>> data = member.add(b"a\\n") + member.add(b"b\\n") + member.finish()
    >>> gzip.decompress(data)
    b'a\\nb\\n'
    """

    def __init__(self) -> None:
        self.compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        self.crc, self.size, self.started = 0, 0, False

    def add(self, data: bytes) -> bytes:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        out = self.compressor.compress(data)
        if not self.started:
            self.started = True
            return _GZIP_HEADER + out
        return out

    def finish(self) -> bytes:
        """The rest of the member; nothing at all for a member that got no data."""
        if not self.started:
            return b""
        return self.compressor.flush() + struct.pack("<II", self.crc, self.size & 0xFFFFFFFF)


def shard_name(warc_name: str, suffix: str = SHARD_SUFFIX) -> str:
    """``x.warc.gz`` and ``x.warc`` -> ``x.jsonl.gz`` (or another ``suffix``: ``.parquet``).

    >>> shard_name("CC-NEWS-20250101.warc.gz"), shard_name("a.warc", ".parquet"), shard_name("b.arc.gz")
    ('CC-NEWS-20250101.jsonl.gz', 'a.parquet', 'b.arc.jsonl.gz')
    """
    stem = warc_name[:-3] if warc_name.lower().endswith(".gz") else warc_name
    stem = stem[:-5] if stem.lower().endswith(".warc") else stem
    return stem + suffix


def chunk_span(start: int, file_size: int | None, chunk_bytes: int = CHUNK_BYTES) -> int:
    """How many bytes after ``start`` the next chunk begins at the earliest: ``chunk_bytes``, but
    no more than a quarter of what is left of the file, down to an eighth of ``chunk_bytes``.

    Smaller chunks near the end of a file let the workers that take its last chunks finish
    close together: with whole chunks one of them could still have 8 MiB of pages to clean (20
    s) while the others wait.

    >>> [chunk_span(start << 20, 100 << 20) >> 20 for start in (0, 60, 80, 90, 99)]
    [8, 8, 5, 2, 1]
    """
    if file_size is None:
        return chunk_bytes
    return max(min(chunk_bytes, (file_size - start) // 4), chunk_bytes // 8, 1)


def chunk_bounds(offsets: Iterable[int], chunk_bytes: int = CHUNK_BYTES, file_size: int | None = None) -> Iterator[int]:
    """The start offsets of the chunks, given the start offsets of the records in file order
    (and the file's size: see :func:`chunk_span`).

    >>> list(chunk_bounds([0, 10, 25, 25, 31, 60], chunk_bytes=20))
    [0, 25, 60]
    """
    start = None
    for offset in offsets:
        if start is None or offset >= start + chunk_span(start, file_size, chunk_bytes):
            start = offset
            yield offset


def chunk_index(path: str, chunk_bytes: int = CHUNK_BYTES) -> list[tuple[int, int]]:
    """``(start, end)`` of every chunk of a WARC file, from one pass over its records.

    (The pages' bodies are not kept: the pass only needs where the records start.)
    """
    return index_piece(path, 0, None, chunk_bytes)[0]


def index_piece(path: str, start: int, chunks: int | None, chunk_bytes: int = CHUNK_BYTES) -> tuple[list[tuple[int, int]], int | None]:
    """The ``(start, end)`` of up to ``chunks`` chunks (None: all) from the chunk that begins at
    ``start``, and where the chunk after them begins (None: they reach the end of the file).

    Chunk boundaries follow from the chunk starts before them only, so pieces indexed one after
    the other give the chunks of one pass over the file (:func:`chunk_index`), and an engine
    can set the first chunks to work while it indexes the rest.
    """
    starts: list[int] = []
    following = None
    size = os.path.getsize(path)
    for offset in chunk_bounds((r.offset for r in WarcReader(path, path, 0, start)), chunk_bytes, size):
        if chunks is not None and len(starts) == chunks:
            following = offset
            break
        starts.append(offset)
    ends = [*starts[1:], following if following is not None else size] if starts else []
    return list(zip(starts, ends, strict=True)), following


@dataclass(slots=True)
class ChunkReport:
    """What a chunk (or a whole run) came to: counts, and the failures for errors.jsonl as
    ``(source id, offset, failure)``; with ``log``, each failure goes there as it happens
    (with the ``context`` given to :meth:`add`) instead of into the list."""

    kept: int = 0
    skips: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, int, Failure]] = field(default_factory=list)
    log: Callable[..., None] | None = None
    #: with ``sign``: ``(source id, signature)`` of every line of the chunk, in order (--dedup)
    signatures: list[tuple[str, bytes]] = field(default_factory=list)

    def add(self, record: Record, result: PageResult, context: object = None) -> bytes | None:
        """Count one record's result; its output line, if it has one."""
        if result.failure is not None:
            where = (record.origin.source_id or "", record.offset, result.failure)
            if self.log is not None:
                self.log(*where, context)
            else:
                self.failures.append(where)
        elif result.skip is not None:
            self.skips[result.skip] += 1
        elif result.text is not None:
            self.kept += 1
            self.reasons.update(dict(result.reasons))
            return result.text.encode("utf-8")
        return None


def warc_work(config: CleanConfig, languages: frozenset[str] = frozenset(), sign: bool = False) -> partial[PageResult]:
    """The per-page function for WARC pages, as a picklable callable for a pool."""
    return partial(clean_warc_page, config=config, languages=languages, sign=sign)


def record_tasks(records: Iterable[Record]) -> Iterator[tuple[Record, object]]:
    """``(record, task)`` for :func:`~newsclean.run.pool.ordered`: a page to clean, or the
    result the reader already knows."""
    for record in records:
        yield record, record.page if record.page is not None else record.result


def process_chunk(warc_path: str, warc_name: str, start: int, end: int, config: CleanConfig, part_path: str, pool: WorkerPool | None = None, timeout: float = 60.0, languages: frozenset[str] = frozenset(), sign: bool = False) -> ChunkReport:
    """Clean the records of ``warc_path`` that start in ``[start, end)`` and write their lines,
    as one gzip member, to ``part_path`` (temporary name, then rename). ``warc_name`` is the
    file as the user named it (``source.warc_file``).

    Without a ``pool``, one is started for the chunk: one worker process, so that a page past
    ``timeout`` seconds is killed, not waited for. A Dask task calls exactly this. With ``sign``
    the report has each line's signature, for ``--dedup``: the lines are written unmarked and
    marked when the shard is assembled (:func:`assemble_shard`).
    """
    own = pool is None
    if pool is None:
        pool = WorkerPool(1, warc_work(config, languages, sign), timeout)
    report, member = ChunkReport(), GzipMember()
    try:
        records = WarcReader(warc_path, warc_name, config.max_bytes, start, end)

        def lines() -> Iterator[bytes]:
            for record, result in ordered(pool, record_tasks(records)):
                line = report.add(record, result)
                if line is not None:
                    if result.signature is not None:
                        report.signatures.append((record.origin.source_id or "", result.signature))
                    yield member.add(line)
            yield member.finish()

        write_atomic_bytes(part_path, lines())
    finally:
        if own:
            pool.close()
    return report


def assemble_shard(part_paths: Iterable[str], shard_path: str, marks: Mapping[int, Mapping[int, str]] | None = None) -> None:
    """Concatenate the chunks' part files, in chunk order, into the shard (temporary name, then
    rename): a valid multi-member gzip file, byte-identical to what the local engine writes. A
    shard named ``*.parquet`` gets one row group per chunk instead.

    ``marks`` (``--dedup``) gives, by chunk number, the copies among the chunk's lines (by line
    number in the chunk, from 0) and the ``source.id`` each copies: those chunks' members are
    made again with the marked lines, the bytes the local engine writes for them.
    """
    pieces = _read_pieces(part_paths, marks or {})
    if shard_path.endswith(parquet.SUFFIX):
        with atomic_file(shard_path) as fh:
            parquet.write_parquet(parquet.gzip_members(pieces), fh)
    else:
        write_atomic_bytes(shard_path, pieces)


def _read_pieces(paths: Iterable[str], marks: Mapping[int, Mapping[int, str]]) -> Iterator[bytes]:
    for number, path in enumerate(paths):
        with open(path, "rb") as fh:
            if marks.get(number):
                yield remark_member(fh.read(), marks[number])
                continue
            while data := fh.read(1 << 20):
                yield data


def remark_member(member: bytes, marks: Mapping[int, str]) -> bytes:
    """A part file's gzip member made again with ``duplicate_of`` set on the lines ``marks``
    names (line number -> ``source.id``)."""
    lines = gzip.decompress(member).splitlines(keepends=True)
    out = GzipMember()
    data = [out.add(mark_line(line, marks[number]) if number in marks else line) for number, line in enumerate(lines)]
    return b"".join(data) + out.finish()


class ShardWriter:
    """The local engine's shard: records' lines in record order, a new gzip member at each chunk
    boundary (the rule of :func:`chunk_bounds`), so the file is byte-identical to
    :func:`assemble_shard` of the chunks' parts. Written under a temporary name; :meth:`commit`
    renames it to ``path``."""

    def __init__(self, path: str, chunk_bytes: int = CHUNK_BYTES, warc_size: int | None = None) -> None:
        self.path, self.chunk_bytes, self.warc_size = path, chunk_bytes, warc_size
        fd, self.tmp = tempfile.mkstemp(prefix=".nc-", suffix=".tmp", dir=os.path.dirname(path) or ".")
        self.fh = os.fdopen(fd, "wb")
        self.member = GzipMember()
        self.chunk_start: int | None = None

    def add(self, offset: int, line: bytes | None) -> None:
        """The output of the record starting at ``offset``: its line, or None."""
        if self.chunk_start is None or offset >= self.chunk_start + chunk_span(self.chunk_start, self.warc_size, self.chunk_bytes):
            self.fh.write(self.member.finish())
            self.member, self.chunk_start = GzipMember(), offset
        if line is not None:
            self.fh.write(self.member.add(line))

    def commit(self) -> None:
        self.fh.write(self.member.finish())
        if not self.path.endswith(parquet.SUFFIX):
            self.fh.flush()
            os.fchmod(self.fh.fileno(), 0o666 & ~umask())
            os.fsync(self.fh.fileno())
            self.fh.close()
            os.replace(self.tmp, self.path)
            return
        self.fh.close()
        try:  # the JSON Lines form, chunk by chunk, becomes the Parquet shard
            assemble_shard([self.tmp], self.path)
        finally:
            os.unlink(self.tmp)

    def abort(self) -> None:
        self.fh.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)

"""Syndicated copies: the same agency text printed by many papers, found by MinHash and LSH.

An article's *signature* is a MinHash of the set of its word 5-grams ("shingles"): the words of
``text`` (lead and body, so no page chrome) case-folded, every run of five joined by a space.
Two articles whose shingle sets have Jaccard similarity J agree on a share J of the signature's
128 positions, on average; a few edited words, another headline or a different dateline change
only the shingles that touch them. The signature is 512 bytes and all that is kept of an article
(with its ``source.id`` if it is a first copy): memory grows with the number of articles, never
with their text.

The marks. Articles are taken in input order (the order of the run's output: walk order for a
folder, then WARC file by file, record by record). An article whose estimated similarity to an
earlier *first copy* is at least the threshold (0.8 by default) is a copy of the earliest such
first copy: its ``duplicate_of`` is that article's ``source.id``. Every other article is a first
copy (``duplicate_of`` null) and joins the index. So ``duplicate_of`` always names an article
that is kept in a corpus without the copies, and a copy is compared with first copies only (a
chain of small edits A, A', A'', … does not carry a mark from A to an article that is no longer
like it). An LSH index over bands of the signature finds the candidates (two articles of the
threshold's similarity share a band with probability 0.99); each candidate is then checked
against the threshold on the whole signature, so the index only saves comparisons.

Determinism. The hash of a shingle (BLAKE2b) and the 128 hash functions (from a fixed seed) are
the same on every machine, and a mark depends only on the signatures of the earlier articles in
input order, never on which worker finished first. How each engine keeps to input order:

* Workers sign (``clean_page(..., sign=True)``: the signature travels with the page's result);
  one :class:`DuplicateFinder` decides, in the process that sees the results in input order.
* Local engine: the results of WARC records arrive in order already; the results of a folder of
  pages wait (a few per worker) until every earlier page's has come. Each line is marked
  (:func:`mark_line`) before it is written, so nothing is written twice.
* Dask engine: a chunk task writes its part file unmarked and reports its lines' signatures (512
  bytes each) with its counts; the client feeds them to the finder WARC by WARC, chunk by chunk,
  as soon as every earlier chunk has reported, and the task that assembles the shard gets the
  marks and writes the marked chunks' gzip members again (``shards.assemble_shard``): the shard
  is final only then, byte for byte the local engine's. For a folder of pages the workers write
  the JSON files, and a task rewrites those of the copies once their marks are decided; a
  file ``--resume`` keeps reports its mark, and is rewritten if it is not the one decided (a
  run killed between writing a copy and marking it left it unmarked).
* ``--resume``: a complete shard (or a continued JSON Lines file) is read and its articles signed
  when the run reaches its place in the order, so the later marks are those of a full run.

>>> finder = DuplicateFinder(0.8)
>>> wire = "Die Bundesregierung hat am Montag ein neues Gesetz zum Schutz der Wälder beschlossen. " * 3
>>> finder.mark("a.html", signature(wire)) is None
True
>>> finder.mark("b.html", signature("Berlin (dpa) – " + wire)), finder.copies
('a.html', 1)
"""

from __future__ import annotations

import fnmatch
import functools
import gzip
import hashlib
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
import orjson

from ..text.tokens import words

#: words per shingle: long enough that two different articles on one topic share few of them,
#: short enough that an edited word changes only a few
SHINGLE_WORDS = 5
#: signature length: the similarity estimate's standard error at J = 0.8 is sqrt(.8 * .2 / 128)
#: = 0.035
NUM_PERM = 128
#: the permutations' seed: part of the output's definition (marks change if it does)
SEED = 1
DEFAULT_THRESHOLD = 0.8


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of word ``size``-grams of ``text``, case-folded, as UTF-8; a text shorter than
    ``size`` words is one shingle of all of them.

    >>> sorted(shingles("Der Bund zahlt. Der BUND zahlt nicht", size=3))
    [b'bund zahlt der', b'bund zahlt nicht', b'der bund zahlt', b'zahlt der bund']
    >>> shingles("Kurz.", size=5)
    {b'kurz'}
    """
    tokens = words(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """``NUM_PERM`` pairs (a odd, b) of 64-bit numbers from ``SEED``, made once per process
    (read-only). Each pair is a hash function of the multiply-shift family."""
    random = np.random.RandomState(SEED)  # the legacy generator: its stream never changes
    a = random.randint(0, 2**64, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = random.randint(0, 2**64, NUM_PERM, dtype=np.uint64)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


@functools.cache
def _band_multipliers() -> np.ndarray:
    """Odd 64-bit numbers (from ``SEED + 1``) that hash a band of the signature (read-only)."""
    multipliers = np.random.RandomState(SEED + 1).randint(0, 2**64, NUM_PERM, dtype=np.uint64) | np.uint64(1)
    multipliers.setflags(write=False)
    return multipliers


def signature(text: str) -> bytes:
    """The MinHash signature of ``text``'s shingles, ``NUM_PERM`` 32-bit values (little-endian).

    Each shingle is hashed once to 64 bits x (BLAKE2b); position i of the signature is the top
    half of the smallest ``a_i * x + b_i`` (modulo 2**64) over all shingles. With ``a_i`` odd,
    ``x -> a_i * x + b_i`` is a bijection, so each position is the minimum under another
    random ordering of the shingles: two sets agree at a position with probability close to
    their Jaccard similarity.

    >>> len(signature("Ein Satz.")), signature("Ein Satz.") == signature("EIN satz")
    (512, True)
    """
    x = np.frombuffer(b"".join([hashlib.blake2b(s, digest_size=8).digest() for s in shingles(text)]), "<u8")
    a, b = _permutations()
    values = np.multiply.outer(x, a)  # one row per shingle, one column per hash function
    values += b
    return (values.min(axis=0) >> np.uint64(32)).astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures: the share of positions that agree.

    >>> similarity(signature("a b c d e f"), signature("a b c d e f"))
    1.0
    """
    return float(np.count_nonzero(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4"))) / NUM_PERM


def band_rows(threshold: float, num_perm: int = NUM_PERM, recall: float = 0.99) -> int:
    """Rows per LSH band: the most rows (so the fewest chance candidates) with which two articles
    of similarity ``threshold`` still share a band with probability ``recall``; the signature
    holds ``num_perm // rows`` bands.

    >>> band_rows(0.8), band_rows(0.9), band_rows(0.5)
    (6, 10, 3)
    """
    rows = 1
    while rows < num_perm:
        bands = num_perm // (rows + 1)
        if 1 - (1 - threshold ** (rows + 1)) ** bands < recall:
            break
        rows += 1
    return rows


class DuplicateFinder:
    """Decides the marks, one article at a time in input order (see the module's docstring).

    ``mark(source_id, signature)`` returns the ``source.id`` of the earlier first copy the
    article repeats, or ``None`` when it is a first copy itself. ``articles`` and ``copies``
    count what it has seen.

    The index is a dict per band of the signature, from the band's hash to the first copies that
    have that band. (datasketch's MinHashLSH does the same with a set per band key and a table
    of every key's bands: four times the memory and five times the time per article, and this
    is the one step of a run that sees every article.)
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"the threshold is a Jaccard similarity, above 0 and at most 1: {threshold!r}")
        self.threshold = threshold
        self.articles = self.copies = 0
        self._rows = band_rows(threshold)
        self._bands: list[dict[int, tuple[int, ...]]] = [{} for _ in range(NUM_PERM // self._rows)]
        self._firsts: list[tuple[str, bytes]] = []  # (source.id, signature) of each first copy

    def _band_keys(self, sig: bytes) -> list[int]:
        """A 64-bit hash of each band: its values times fixed odd numbers, summed modulo 2**64
        (equal bands, equal keys; a chance collision only adds a candidate to check)."""
        rows = np.frombuffer(sig, "<u4")[: len(self._bands) * self._rows].reshape(len(self._bands), self._rows)
        return (rows.astype(np.uint64) * _band_multipliers()[: self._rows]).sum(axis=1, dtype=np.uint64).tolist()

    def mark(self, source_id: str, sig: bytes) -> str | None:
        if len(sig) != 4 * NUM_PERM:
            raise ValueError(f"a signature has {4 * NUM_PERM} bytes, not {len(sig)}")
        self.articles += 1
        keys = self._band_keys(sig)
        candidates = {first for key, band in zip(keys, self._bands, strict=True) for first in band.get(key, ())}
        for first in sorted(candidates):
            first_id, first_sig = self._firsts[first]
            if similarity(sig, first_sig) >= self.threshold:
                self.copies += 1
                return first_id
        number = len(self._firsts)
        self._firsts.append((source_id, sig))
        for key, band in zip(keys, self._bands, strict=True):
            band[key] = band.get(key, ()) + (number,)
        return None


def mark_line(line: bytes | str, duplicate_of: str | None) -> bytes:
    """A record's JSON line (an article as ``batch`` writes it) with ``duplicate_of`` set.

    The record is read and written again with orjson, which keeps its key order: the line is
    byte for byte what the article would have been written with that mark.

    >>> mark_line('{"text":"x","duplicate_of":null}\\n', "a.html")
    b'{"text":"x","duplicate_of":"a.html"}\\n'
    """
    record = orjson.loads(line)
    record["duplicate_of"] = duplicate_of
    return orjson.dumps(record) + b"\n"


# --- `newsclean dedup`: the same marks over output already written ---------------------------


#: files of a folder that hold article records (``errors.jsonl`` and hidden temporary files do
#: not), matched case-insensitively
RECORD_PATTERNS: tuple[str, ...] = ("*.jsonl", "*.jsonl.gz", "*.json")


class RecordError(Exception):
    """A file that cannot be read as article records (exit status 1; nothing is written)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class DedupOptions:
    """One ``newsclean dedup`` run.

    Attributes:
        inputs: JSONL (optionally gzip-compressed) or JSON files, or folders of them, in the
            order that defines "earliest".
        output: write every record to this one JSON Lines file (gzip-compressed when the name
            ends in ``.gz``; ``-`` for stdout) instead of rewriting the inputs.
        drop_copies: leave the copies out of ``output``.
        threshold: the similarity from which an article is a copy.
        dry_run: count, write nothing.
    """

    inputs: tuple[str, ...]
    output: str | None = None
    drop_copies: bool = False
    threshold: float = DEFAULT_THRESHOLD
    dry_run: bool = False


@dataclass(slots=True)
class DedupSummary:
    """What a dedup run found: ``copies`` of ``articles`` (so ``articles - copies`` first
    copies), and how many files it rewrote (in place) or how many records it wrote (output)."""

    files: int = 0
    articles: int = 0
    copies: int = 0
    files_rewritten: int = 0
    records_written: int = 0
    seconds: float = 0.0


def record_files(inputs: tuple[str, ...]) -> Iterator[str]:
    """The files of ``inputs`` in order; a folder gives its record files, in name order and
    depth first (the order of ``batch``'s walk), without error logs and temporary files."""
    for path in inputs:
        if not os.path.isdir(path):
            yield path
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            for name in sorted(names):
                lower = name.lower()
                if name.startswith(".") or lower == "errors.jsonl" or lower.endswith(".errors.jsonl"):
                    continue
                if any(fnmatch.fnmatchcase(lower, pattern) for pattern in RECORD_PATTERNS):
                    yield os.path.join(folder, name)


def read_lines(path: str) -> Iterator[bytes]:
    """The non-empty lines of a JSON Lines file, gzip-compressed or not (told by its first
    bytes). Raises :class:`RecordError` for a file that cannot be read."""
    try:
        with open(path, "rb") as raw:
            fh = gzip.GzipFile(fileobj=raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
            for line in fh:
                if line.strip():
                    yield line
    except (OSError, EOFError, zlib.error) as exc:
        raise RecordError(path, f"cannot read ({getattr(exc, 'strerror', None) or exc})") from None


def _read_record(line: bytes, path: str, number: int) -> tuple[str, str, object]:
    """The ``source.id``, ``text`` and present ``duplicate_of`` of a record line."""
    try:
        record = orjson.loads(line)
        source_id, text = record["source"]["id"], record["text"]
    except (orjson.JSONDecodeError, LookupError, TypeError):
        raise RecordError(path, f"line {number} is not an article record of newsclean (with source.id and text)") from None
    if not isinstance(source_id, str) or not isinstance(text, str):
        raise RecordError(path, f"line {number}: source.id and text must be strings")
    return source_id, text, record.get("duplicate_of", ...)


def record_signatures(path: str) -> Iterator[tuple[str, bytes]]:
    """``(source.id, signature)`` of every record of an output file, in order: what a run with
    ``--dedup`` needs of a shard (JSON Lines or Parquet) or JSON Lines file that ``--resume``
    keeps."""
    if path.endswith(".parquet"):
        import pyarrow.parquet

        for batch in pyarrow.parquet.ParquetFile(path).iter_batches(columns=["source", "text"]):
            for row in batch.to_pylist():
                yield row["source"]["id"], signature(row["text"])
        return
    for number, line in enumerate(read_lines(path), 1):
        source_id, text, _ = _read_record(line, path, number)
        yield source_id, signature(text)


def find_copies(files: list[str], threshold: float, summary: DedupSummary) -> tuple[dict[tuple[int, int], str], set[int]]:
    """The marks of every copy in ``files``, by (file number, line number), and the numbers of
    the files whose records do not carry these marks yet."""
    finder = DuplicateFinder(threshold)
    marks: dict[tuple[int, int], str] = {}
    changed: set[int] = set()
    for file_number, path in enumerate(files):
        for line_number, line in enumerate(read_lines(path), 1):
            source_id, text, present = _read_record(line, path, line_number)
            first = finder.mark(source_id, signature(text))
            if first is not None:
                marks[file_number, line_number] = first
            if present != first:
                changed.add(file_number)
    summary.articles, summary.copies = finder.articles, finder.copies
    return marks, changed


def _marked_lines(path: str, file_number: int, marks: dict[tuple[int, int], str], drop_copies: bool) -> Iterator[bytes]:
    for line_number, line in enumerate(read_lines(path), 1):
        first = marks.get((file_number, line_number))
        if first is None or not drop_copies:
            yield mark_line(line, first)


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(2) == b"\x1f\x8b"


@contextmanager
def _atomic_output(path: str, compress: bool) -> Iterator[BinaryIO]:
    """A binary file handle whose content becomes ``path`` only when the block completes,
    gzip-compressed (with a fixed header: no name, no time) with ``compress``; ``-`` is stdout."""
    if path == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    folder, name = os.path.split(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as raw:
            if compress:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as fh:
                    yield fh
            else:
                yield raw
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_dedup(options: DedupOptions) -> DedupSummary:
    """Mark (or drop) the copies among the records of ``options.inputs``.

    Two passes: the first reads every record and decides the marks (raising
    :class:`RecordError` before anything is written if a file is not article records); the
    second writes. In place, only files whose marks change are rewritten, each through a
    temporary file and a rename; a mark left by an earlier run is replaced, so a second run
    changes nothing. (A rewritten ``.gz`` holds the same lines as the shard ``batch --dedup``
    writes, in one gzip member instead of one per chunk.)
    """
    started = time.monotonic()
    summary = DedupSummary()
    files = list(record_files(options.inputs))
    for path in files:
        if not os.path.isfile(path):
            raise RecordError(path, "no such file or folder")
    summary.files = len(files)
    marks, changed = find_copies(files, options.threshold, summary)
    if options.dry_run:
        pass
    elif options.output is not None:
        with _atomic_output(options.output, options.output.lower().endswith(".gz")) as out:
            for file_number, path in enumerate(files):
                for line in _marked_lines(path, file_number, marks, options.drop_copies):
                    out.write(line)
                    summary.records_written += 1
    else:
        for file_number in sorted(changed):
            path = files[file_number]
            with _atomic_output(path, _is_gzip(path)) as out:
                out.writelines(_marked_lines(path, file_number, marks, drop_copies=False))
            summary.files_rewritten += 1
    summary.seconds = time.monotonic() - started
    return summary

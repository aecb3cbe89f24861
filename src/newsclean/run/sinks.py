"""Sinks: where results go. One JSON file per page (:class:`FolderSink`), one JSON Lines file
(:class:`JsonlSink`), the log of failures (:class:`ErrorLog`).

Only the parent process writes, and every file appears complete or not at all: it is written
under a temporary name in its folder and renamed when done, so neither a killed worker nor
Ctrl-C leaves half a JSON behind. The one exception is the JSON Lines stream, which grows as
pages finish; ``--resume`` cuts off the torn line a kill may leave.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import stat
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import orjson

from .dedup import mark_line
from .sources import printable
from .work import Failure, Job

ERRORS_NAME = "errors.jsonl"
#: errors that say the output file system is full: every further write would fail too
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename, so a
    reader never sees a half-written file. The file gets the mode the umask allows (0644 under
    022, as any other program's) and is on disk (fsync) before it takes the final name."""
    data = text.encode("utf-8")
    write_atomic_bytes(str(path), [data])


def write_atomic_bytes(path: str, chunks: Iterable[bytes]) -> None:
    """:func:`write_atomic` for a stream of bytes."""
    with atomic_file(path) as fh:
        for data in chunks:
            fh.write(data)


@contextmanager
def atomic_file(path: str) -> Iterator[BinaryIO]:
    """A binary file that becomes ``path`` only when the ``with`` block completes: written under
    a temporary name in the same folder, given the mode the umask allows, fsynced, renamed. The
    temporary name is short (``.nc-XXXX.tmp``), so any name that fits the folder fits it too.
    A device or a FIFO (``-o /dev/null``, a named pipe) is written in place, as ``>`` would:
    renaming over it would put a regular file where the device was (and root may do that)."""
    if is_special(path):
        with open(path, "wb") as fh:
            yield fh
        return
    fd, tmp = tempfile.mkstemp(prefix=".nc-", suffix=".tmp", dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fchmod(fh.fileno(), 0o666 & ~umask())
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def is_special(path: str) -> bool:
    """Whether ``path`` is something other than a regular file or a folder: a device, a FIFO,
    a socket (through links too). Such a file is written in place, and never fsynced (a device
    refuses that with EINVAL).

    >>> is_special("/dev/null"), is_special("/"), is_special("no/such/file")
    (True, False, False)
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


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
        except OSError as exc:
            if exc.errno in DISK_FULL:
                raise  # no page can be written: the run stops (and says so), see batch.OutputFull
            return Failure("write", "unwritable", f"cannot write {printable(job.out)}: {exc.strerror or exc}")
        except UnicodeError as exc:
            return Failure("write", "unwritable", f"cannot write {printable(job.out)}: {getattr(exc, 'strerror', None) or exc}")
        return None

    def room(self, seq: int) -> bool:
        return True

    def close(self, commit: bool) -> None:
        pass

    @staticmethod
    def remark(path: str, duplicate_of: str | None) -> Failure | None:
        """With ``--dedup``: give the JSON file ``path`` that ``--resume`` keeps the mark decided
        now, if it has another (a run killed between writing a copy and marking it, as the
        cluster does, left it unmarked). Atomic, as every write."""
        try:
            with open(path, "rb") as fh:
                line = fh.read()
            if mark_of(line) == duplicate_of:
                return None
            write_atomic_bytes(path, [mark_line(line, duplicate_of)])
        except OSError as exc:
            if exc.errno in DISK_FULL:
                raise
            return Failure("write", "unwritable", f"cannot write {printable(path)}: {exc.strerror or exc}")
        except ValueError as exc:  # changed since --resume read it
            return Failure("write", "unwritable", f"cannot mark {printable(path)}: {exc}")
        return None


def mark_of(line: bytes) -> str | None:
    """The ``duplicate_of`` of an article's JSON (None if it has none, or is no article).

    >>> mark_of(b'{"text":"x","duplicate_of":"a.html"}'), mark_of(b'[1]')
    ('a.html', None)
    """
    record = orjson.loads(line)
    mark = record.get("duplicate_of") if isinstance(record, dict) else None
    return mark if isinstance(mark, str) else None


class JsonlSink:
    """Streams all pages' lines into one JSON Lines file (``-``: stdout), in input order, as
    pages finish: a reader (``jq``, a pipe) sees each line when it is written.

    Results arrive in any order; early ones wait in memory, and :meth:`room` keeps the feed from
    handing out pages more than ``window`` positions ahead of the oldest one still missing. A
    name ending in ``.gz`` is written gzip-compressed, one gzip member per line (the same lines
    give the same bytes, and a kill loses at most the member being written). With ``resume``,
    an existing file is continued: a torn last line (or gzip member) from a kill is cut off,
    and :attr:`last_id` is the ``source.id`` of the last complete line.
    """

    def __init__(self, path: str, window: int, resume: bool = False) -> None:
        self.path, self.window = path, window
        self.gzip = path.lower().endswith(".gz")
        self.last_id: str | None = None
        if path == "-":
            self.fh = sys.stdout.buffer
        else:
            if resume and os.path.exists(path):
                self.last_id = _cut_torn_tail(path, self.gzip)
            self.fh = open(path, "ab" if resume else "wb")  # noqa: SIM115
        self.next_seq = 0
        self.waiting: dict[int, str | None] = {}

    def write(self, seq: int, job: object, text: str | None) -> Failure | None:
        self.waiting[seq] = text
        while self.next_seq in self.waiting:
            line = self.waiting.pop(self.next_seq)
            if line is not None:
                data = line.encode("utf-8")
                # a write error here ends the run: the file would have a gap
                self.fh.write(gzip.compress(data, mtime=0) if self.gzip else data)
                self.fh.flush()
            self.next_seq += 1
        return None

    def room(self, seq: int) -> bool:
        return seq - self.next_seq < self.window

    def close(self, commit: bool) -> None:
        self.fh.flush()
        if self.fh is not sys.stdout.buffer:
            if not is_special(self.path):
                os.fsync(self.fh.fileno())
            self.fh.close()


def _cut_torn_tail(path: str, compressed: bool) -> str | None:
    """Cut ``path`` after its last complete line; return that line's ``source.id``."""
    with open(path, "rb+") as fh:
        if compressed:
            end, last = _last_complete_member(fh)
        else:
            end, last = _last_complete_line(fh)
        fh.truncate(end)
    if last is None:
        return None
    try:
        return json.loads(last)["source"]["id"]
    except (ValueError, LookupError, TypeError):
        return None


def _last_complete_line(fh: BinaryIO) -> tuple[int, bytes | None]:
    size = fh.seek(0, os.SEEK_END)
    pos, tail = size, b""
    while pos > 0:  # read backwards until the line break before the last complete line
        step = min(pos, 1 << 16)
        pos -= step
        fh.seek(pos)
        tail = fh.read(step) + tail
        ends = [i for i, byte in enumerate(tail) if byte == 10]
        if len(ends) >= 2 or (ends and pos == 0):
            last_end = ends[-1] + 1
            start = ends[-2] + 1 if len(ends) >= 2 else 0
            return pos + last_end, tail[start:last_end]
    return 0, None


def _last_complete_member(fh: BinaryIO) -> tuple[int, bytes | None]:
    fh.seek(0)
    data = fh.read()  # (a resumed .gz is read once; its lines are not kept)
    pos, end, last = 0, 0, None
    while pos < len(data):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            text = inflater.decompress(data[pos:])
        except zlib.error:
            break
        if not inflater.eof or not text.endswith(b"\n"):
            break
        pos = len(data) - len(inflater.unused_data)
        end, last = pos, text.splitlines()[-1]
    return end, last


def umask() -> int:
    """The process's umask (read by setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ErrorLog:
    """errors.jsonl: one line per failed page, flushed as it happens; created on the first.

    A run appends to it, after a header line of its own (``{"run": START, "input": ...}``), so
    the failures of earlier runs are kept and told apart. With ``path`` ``None`` (JSON Lines on
    stdout) the failures go to stderr as ``newsclean: PATH: kind: message`` lines instead.
    """

    def __init__(self, path: str | None, header: dict[str, object] | None = None, echo: Callable[[str, Failure], None] | None = None) -> None:
        self.path = path
        self.header = {"run": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **(header or {})}
        self.fd: int | None = None
        self.echo = echo  # told of each failure as it happens (``batch -v``)
        self.kinds: Counter[str] = Counter()

    def add(self, name: str, failure: Failure, **where: object) -> None:
        """Log ``failure`` of the input ``name``; ``where`` adds keys (a WARC record's ``id`` and
        ``offset``). Raises ``OSError`` when the line cannot be written (a full disk)."""
        self.kinds[failure.kind] += 1
        if self.echo is not None:
            self.echo(name, failure)
        if self.path is None:
            if self.echo is None:
                print(f"newsclean: {name}: {failure.kind}: {failure.message}", file=sys.stderr, flush=True)
            return
        record = {"path": name, **where, "stage": failure.stage, "kind": failure.kind, "message": failure.message}
        text = json.dumps(record, ensure_ascii=False) + "\n"
        if self.fd is None:
            self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
            text = json.dumps(self.header, ensure_ascii=False) + "\n" + text
        append_whole(self.fd, text.encode("utf-8", "backslashreplace"))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def append_whole(fd: int, data: bytes) -> None:
    """Append ``data`` to the file open as ``fd``; if the disk refuses part of it, cut the file
    back to where it was, so that no half line is ever left, and raise."""
    before = os.lseek(fd, 0, os.SEEK_END)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError:
        os.ftruncate(fd, before)
        raise

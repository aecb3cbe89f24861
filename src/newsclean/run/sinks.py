"""Sinks: where results go. One JSON file per page (:class:`FolderSink`), one JSON Lines file
(:class:`JsonlSink`), the log of failures (:class:`ErrorLog`).

Only the parent process writes, and every file appears complete or not at all: it is written
under a temporary name in its folder and renamed when done, so neither a killed worker nor
Ctrl-C leaves half a JSON behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .sources import printable
from .work import Failure, Job

ERRORS_NAME = "errors.jsonl"


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
    becomes ``path`` when the run completes.

    Results arrive in any order; early ones wait in memory, and :meth:`room` keeps the feed from
    handing out pages more than ``window`` positions ahead of the oldest one still missing.
    """

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

    def add(self, name: str, failure: Failure, **where: object) -> None:
        """Log ``failure`` of the input ``name``; ``where`` adds keys (a WARC record's ``id`` and
        ``offset``)."""
        if self.fh is None:
            self.fh = open(self.path, "a", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        record = {"path": name, **where, "stage": failure.stage, "kind": failure.kind, "message": failure.message}
        self.fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.fh.flush()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()

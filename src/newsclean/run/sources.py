"""Sources: what pages a run has. A folder of page files today (:class:`PageFinder`).

A source streams units of work in a fixed, deterministic order and holds no more than one folder
listing (or one record) in memory. Each unit says where its bytes are and under which name its
result is reported; the per-page function (:mod:`newsclean.run.work`) does the reading.
"""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Iterator

from .work import Failure, Job

#: page files ``batch`` picks up when no ``--glob`` is given (matched case-insensitively)
DEFAULT_PATTERNS: tuple[str, ...] = tuple(
    f"*.{ext}{gz}" for gz in ("", ".gz") for ext in ("html", "htm", "xhtml", "txt")
)

#: the files a folder of web archives is searched for
WARC_PATTERNS: tuple[str, ...] = ("*.warc", "*.warc.gz")


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

    Every real file is a page once, however many symlinks reach it: a symlink to a folder is
    never followed (a folder inside the input is walked at its own place; one outside it is not
    input, and is counted in ``outside_links``), nor a symlink to a file that is a page at its
    own place. Only regular files are pages, told from the folder listing (and a ``stat`` for a
    symlink), never by opening them: a FIFO, socket or device is counted in ``special_files``.
    A symlink that leads nowhere (its target is gone, or links loop) is a page that fails.

    Pages of one folder whose JSON names would clash (``x.html`` and ``x.txt`` both give
    ``x.json``) are all written under their full name (``x.html.json``, ``x.txt.json``), counted
    in ``renamed``; a page is never refused for its name alone.
    """

    def __init__(self, in_dir: str, out_dir: str | None = None, patterns: tuple[str, ...] = DEFAULT_PATTERNS) -> None:
        self.in_dir = in_dir
        self.out_dir = out_dir
        self.patterns = tuple(p.lower() for p in patterns)
        self.root = os.path.realpath(in_dir)
        # an output folder inside the input folder is not input
        out_real = os.path.realpath(out_dir) if out_dir else None
        self.skip = out_real if out_real and out_real != self.root else None
        self.outside_links = self.special_files = self.renamed = 0

    def __iter__(self) -> Iterator[Job]:
        yield from self._walk(self.in_dir, "")

    def _matches(self, name: str, rel: str) -> bool:
        name, rel = name.lower(), rel.lower()
        return any(fnmatch.fnmatchcase(rel if "/" in p else name, p) for p in self.patterns)

    def _walk(self, folder: str, rel: str) -> Iterator[Job]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Job(folder, printable(folder), problem=Failure("read", "unreadable_folder", exc.strerror or str(exc)))
            return
        pages, folders = [], []
        for entry in entries:
            entry_rel = f"{rel}{entry.name}"
            kind = self._kind(entry)
            if kind == "folder":
                if os.path.join(self.root, entry_rel) != self.skip and os.path.realpath(entry.path) != self.skip:
                    folders.append((entry.path, entry_rel + "/"))
            elif kind == "file" and self._matches(entry.name, entry_rel):
                pages.append(entry)
        yield from self._jobs(rel, pages)
        for sub in folders:
            yield from self._walk(*sub)

    def _kind(self, entry: os.DirEntry[str]) -> str | None:
        """``folder`` or ``file`` for an entry to walk or read; None for one to leave."""
        try:
            if not entry.is_symlink():
                if entry.is_dir(follow_symlinks=False):
                    return "folder"
                if entry.is_file(follow_symlinks=False):
                    return "file"
                self.special_files += 1
                return None
            if not os.path.exists(entry.path):
                # a link to nothing, or a loop of links: read, so that errors.jsonl says why
                # the page is missing (a link matching the pattern is meant as a page)
                return "file"
            real = os.path.realpath(entry.path)
            if not _inside(real, self.root):
                self.outside_links += 1
                return None
            if entry.is_dir():
                return None  # walked at its own place
            if not entry.is_file():
                self.special_files += 1
                return None
            real_rel = os.path.relpath(real, self.root)
            if self._matches(os.path.basename(real), real_rel) and not _inside(real, self.skip or "\0"):
                return None  # a page at its own place
            return "file"
        except OSError:  # gone, or a loop of links
            return None

    def _jobs(self, rel: str, pages: list[os.DirEntry[str]]) -> Iterator[Job]:
        out_dir = os.path.join(self.out_dir, rel) if self.out_dir is not None else None
        claims = Counter(output_name(p.name) for p in pages) if out_dir else Counter()
        for page in pages:
            name = printable(page.path)
            if out_dir is None:
                yield Job(page.path, name)
                continue
            target = output_name(page.name)
            if claims[target] > 1:
                target = page.name + ".json"
                self.renamed += 1
            yield Job(page.path, name, os.path.join(out_dir, target))


def overwritten_inputs(in_dir: str, out_dir: str, patterns: tuple[str, ...]) -> Iterator[str]:
    """The input pages a run would replace with JSON: pages whose output file is an input page
    (``batch d d --glob '*.json'``, also when OUT_DIR is a link to IN_DIR). Empty unless the
    output folder is the input folder."""
    if os.path.realpath(out_dir) != os.path.realpath(in_dir):
        return
    inputs = set()
    jobs = list(PageFinder(in_dir, out_dir, patterns))
    for job in jobs:
        inputs.add(os.path.realpath(job.src))
    for job in jobs:
        if job.out is not None and os.path.realpath(job.out) in inputs:
            yield job.name

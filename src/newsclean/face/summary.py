"""``newsclean diff FOLDER``: what the pages of a folder lost, per reason and per site.

A page is counted under its site, the host of its URL; a page without a URL (every text dump,
and HTML pages that declare none) under the folder it lies in, in a section of its own, since a
folder name is no site. The same walk feeds the HTML report (:mod:`newsclean.face.report`).
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from rich import box
from rich.console import Console, Group, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from ..article import Article, assemble
from ..config import CleanConfig
from ..errors import NewscleanError
from ..model import Document
from ..pipeline import build_document
from .diff import (
    KEPT_STYLE,
    Bar,
    ReasonCount,
    count_removed,
    reason_order,
    reason_style,
    reason_table,
)


@dataclass(frozen=True, slots=True, order=True)
class Site:
    """Where a page is counted: the host of its URL, or (``by_folder``) the folder it lies in.

    >>> str(Site("taz.de")), str(Site("crawl/aerzte", by_folder=True))
    ('taz.de', 'crawl/aerzte/')
    """

    name: str
    by_folder: bool = False

    def __str__(self) -> str:
        return f"{self.name}/" if self.by_folder else self.name


def site_of(doc: Document | None, path: str) -> Site:
    """The host of the page's URL (without ``www.``), else the page's folder.

    >>> site_of(None, "crawl/taz/a.html")
    Site(name='taz', by_folder=True)
    """
    url = doc.metadata.url or doc.page.url if doc is not None else None
    host = urlsplit(url).hostname if url else None
    if host:
        return Site(host.removeprefix("www."))
    return Site(os.path.basename(os.path.dirname(os.path.abspath(path))) or ".", by_folder=True)


@dataclass(slots=True)
class SiteCounts:
    """What the pages of one site are made of (characters)."""

    pages: int = 0
    failed: int = 0
    kept_chars: int = 0
    removed_chars: Counter[str] = field(default_factory=Counter)

    @property
    def removed_total(self) -> int:
        return sum(self.removed_chars.values())


@dataclass(slots=True)
class FolderSummary:
    """Removed text per reason and per site, over many pages."""

    pages: int = 0
    formats: Counter[str] = field(default_factory=Counter)  # html / text -> pages with an article
    failures: Counter[str] = field(default_factory=Counter)  # error kind -> pages
    kept_chars: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # reason -> removed blocks
    reason_chars: Counter[str] = field(default_factory=Counter)
    sites: dict[Site, SiteCounts] = field(default_factory=dict)

    def add(self, site: Site, doc: Document) -> None:
        counts = self.sites.setdefault(site, SiteCounts())
        counts.pages += 1
        self.pages += 1
        self.formats[doc.page.format] += 1
        kept = sum(len(b.text) for b in doc.blocks if b.kept)
        counts.kept_chars += kept
        self.kept_chars += kept
        for c in count_removed(doc.blocks):
            self.reasons[c.reason] += c.blocks
            self.reason_chars[c.reason] += c.chars
            counts.removed_chars[c.reason] += c.chars

    def add_failure(self, site: Site, kind: str) -> None:
        counts = self.sites.setdefault(site, SiteCounts())
        counts.pages += 1
        counts.failed += 1
        self.pages += 1
        self.failures[kind] += 1


class PageSink(Protocol):
    """What else wants every page of the walk (the HTML report)."""

    def add(self, path: str, site: Site, doc: Document, article: Article) -> None: ...

    def add_failure(self, path: str, site: Site, kind: str, message: str) -> None: ...


def find_pages(folder: str) -> Iterator[tuple[str, str | None]]:
    """``(path, problem)`` for the page files below ``folder``, walked as ``batch`` walks it;
    ``problem`` is set for a folder that cannot be read."""
    from ..run.sources import PageFinder

    for job in PageFinder(folder):
        yield job.src, job.problem.kind if job.problem else None


def summarize(folder: str, config: CleanConfig, status: Console | None = None, sink: PageSink | None = None,
              skip: str | None = None) -> FolderSummary:
    """Build the Document of every page below ``folder`` and count what went. A page that
    cannot be read or has no article is counted under its error kind, not raised. Each page
    also goes to ``sink``; the file ``skip`` (the report being written) is not read. A progress
    bar goes to ``status`` when that is a terminal."""
    pages = [(path, problem) for path, problem in find_pages(folder) if not (skip and _same_file(path, skip))]
    summary = FolderSummary()
    progress = Progress(TextColumn("newsclean diff"), BarColumn(), MofNCompleteColumn(), console=status, transient=True, disable=status is None or not status.is_terminal)
    with progress:
        for path, problem in progress.track(pages):
            site = site_of(None, path)
            try:
                if problem:
                    raise _Failure(problem, "the folder cannot be read")
                if not stat.S_ISREG(os.stat(path).st_mode):
                    continue  # a FIFO or device named like a page is no page, and reading it may never end
                with open(path, "rb") as fh:
                    doc = build_document(fh.read(config.max_bytes + 1), config, path)
            except _Failure as exc:
                kind, message = exc.kind, str(exc)
            except OSError as exc:
                kind, message = "unreadable", exc.strerror or str(exc)
            except NewscleanError as exc:
                kind, message = exc.kind, str(exc)
            except Exception as exc:  # a bug, or a parser blowing up on a hostile page: counted, as batch does
                kind, message = "internal_error", f"{type(exc).__name__}: {exc}"
            else:
                site = site_of(doc, path)
                summary.add(site, doc)
                if sink is not None:
                    sink.add(path, site, doc, assemble(doc, config.min_language_chars))
                continue
            summary.add_failure(site, kind)
            if sink is not None:
                sink.add_failure(path, site, kind, message)
    return summary


class _Failure(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _site_table(summary: FolderSummary) -> Table:
    order = sorted(summary.sites.items(), key=lambda item: (item[0].by_folder, -item[1].removed_total, item[0].name))
    biggest = max((s.kept_chars + s.removed_total for _, s in order), default=1)
    any_failed = any(s.failed for _, s in order)
    table = Table(title="text per site (bar: ░ kept, █ removed, coloured by reason)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    # a site name is never wrapped: the bar is what gives way on a narrow screen
    table.add_column("site", no_wrap=True, overflow="ellipsis", min_width=min(30, max(len(str(site)) for site, _ in order)), max_width=40)
    for name in ("pages", "failed", "removed", "") if any_failed else ("pages", "removed", ""):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    table.add_column("top reason", no_wrap=True, min_width=10)
    table.add_column("")
    in_folders = False
    for site, counts in order:
        if site.by_folder and not in_folders:
            in_folders = True
            if len(order) > 1:
                table.add_section()
            table.add_row(Text("no URL: by folder", style="dim italic"))
        whole = counts.kept_chars + counts.removed_total
        top = max(counts.removed_chars, key=lambda r: (counts.removed_chars[r], r), default=None)
        parts = [(counts.kept_chars, KEPT_STYLE, "░")]
        parts += [(counts.removed_chars[r], reason_style(r), "█") for r in sorted(counts.removed_chars, key=reason_order)]
        cells: list[RenderableType] = [str(site), f"{counts.pages:,}"]
        if any_failed:
            cells.append(f"{counts.failed:,}" if counts.failed else "")
        cells += [
            f"{counts.removed_total:,}",
            f"{counts.removed_total / whole:.0%}" if whole else "",
            Text(top, style=reason_style(top)) if top else "",
            Bar(parts, biggest),
        ]
        table.add_row(*cells)
    return table


def render_summary(summary: FolderSummary, folder: str) -> Group:
    """Tables and bar charts of removed text per reason and per site."""
    removed = sum(summary.reason_chars.values())
    whole = removed + summary.kept_chars
    failed = sum(summary.failures.values())
    kinds = ", ".join(f"{n:,} {'text dump' if fmt == 'text' else fmt}{'' if n == 1 or fmt == 'html' else 's'}" for fmt, n in sorted(summary.formats.items()))
    head = Text.assemble(
        (f"newsclean diff --summary {folder}\n", "bold"),
        f"{summary.pages:,} pages, {summary.pages - failed:,} with an article{f' ({kinds})' if kinds else ''}; ",
        (f"kept {summary.kept_chars:,}", "green"), " characters, ",
        (f"removed {removed:,}", "red"), f" characters ({removed / whole:.0%} of the text)" if whole else " characters",
    )
    parts: list[RenderableType] = [head]
    counts = [ReasonCount(r, summary.reasons[r], summary.reason_chars[r]) for r in sorted(summary.reasons, key=reason_order)]
    if counts:
        parts.append(reason_table(counts, title="removed text per reason"))
    if summary.sites:
        parts.append(_site_table(summary))
    if summary.failures:
        failures = Table(title="pages without an article", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, min_width=30)
        failures.add_column("error")
        failures.add_column("pages", justify="right")
        for kind, n in summary.failures.most_common():
            failures.add_row(kind, f"{n:,}")
        parts.append(failures)
    return Group(*parts)

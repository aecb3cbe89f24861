"""What a person sees of a batch run: the progress bar on stderr and the summary table."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ..run.batch import Summary
from ..run.work import Failure

_TICK = 0.2  # seconds between refreshes


class BatchProgress:
    """Pages done/total (for WARC input, whose pages are not known in advance: megabytes of the
    archives read/total), pages/s, elapsed time, ETA and errors on stderr (``bar``), refreshed
    from the run's main loop (no refresh thread: workers are forked from this process); with
    ``verbose``, each failure as a line as it happens. Implements
    :class:`newsclean.run.batch.Observer`."""

    def __init__(self, console: Console, bar: bool = True, verbose: bool = False) -> None:
        self.console, self.show_bar, self.verbose = console, bar, verbose
        self.bar: Progress | None = None
        self.shown = self.started = 0.0

    def start(self, total: int | None) -> None:
        self.started = time.monotonic()
        if not self.show_bar:
            return
        self.bar = Progress(
            TextColumn("newsclean batch"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TextColumn("{task.fields[rate]} pages/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[errors]}"),
            console=self.console,
            auto_refresh=False,
            transient=True,
        )
        self.task = self.bar.add_task("pages", total=total, rate="0.0", errors=errors_text(0), count=f"0/{total:,}" if total is not None else "0")
        self.bar.start()

    def update(self, summary: Summary, force: bool = False) -> None:
        now = time.monotonic()
        if self.bar is not None and (force or now - self.shown >= _TICK):
            rate = (summary.kept + summary.failed) / max(now - self.started, 1e-9)
            if summary.bytes_total:
                done, total = summary.bytes_done, summary.bytes_total
                count = f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB"
                self.bar.update(self.task, total=total)
            else:
                done, total = summary.done, self.bar.tasks[0].total
                count = f"{done:,}/{total:,.0f}" if total is not None else f"{done:,}"
            self.bar.update(self.task, completed=done, rate=f"{rate:.1f}", errors=errors_text(summary.failed), count=count)
            self.bar.refresh()
            self.shown = now

    def failed(self, name: str, failure: Failure) -> None:
        if self.verbose:
            # through the bar's console, so the line goes above the bar, not through it
            self.console.print(f"newsclean: {name}: {failure.kind}: {failure.message}", markup=False, highlight=False, soft_wrap=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


_SKIP_TEXT = {"resume": "up to date (--resume)", "not_html": "not HTML", "not_http": "not an HTTP response"}


def errors_text(count: int) -> str:
    """The error count for the progress bar.

    >>> errors_text(1), errors_text(2)
    ('1 error', '2 errors')
    """
    return f"{count:,} error" + ("" if count == 1 else "s")


def failure_line(summary: Summary, errors_path: str | None) -> str:
    """The closing line of a run with failures, grouped by kind, most common first.

    >>> from collections import Counter
    >>> failure_line(Summary(failed=3, failure_kinds=Counter(no_article=2, timeout=1)), "out/errors.jsonl")
    'newsclean: 3 pages failed (2 no_article, 1 timeout), see out/errors.jsonl'
    """
    kinds = summary.failure_kinds.most_common()
    other = summary.failed - sum(count for _, count in kinds)
    groups = [f"{count:,} {kind}" for kind, count in kinds] + ([f"{other:,} other"] if other > 0 else [])
    pages = "1 page" if summary.failed == 1 else f"{summary.failed:,} pages"
    where = f", see {errors_path}" if errors_path else ""
    return f"newsclean: {pages} failed ({', '.join(groups)}){where}"


def summary_table(summary: Summary) -> Table:
    """The end-of-run table: pages kept/failed/skipped, time, rate, removed blocks per reason."""
    table = Table(title="newsclean batch", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("kept", f"{summary.kept:,}")
    table.add_row("failed", f"{summary.failed:,}")
    for kind, count in summary.failure_kinds.most_common():
        table.add_row(f"  failed: {kind}", f"{count:,}")
    for reason, count in sorted(summary.skips.items()):
        table.add_row(f"skipped: {_SKIP_TEXT.get(reason, reason.replace('_', ' '))}", f"{count:,}")
    if not summary.skips:
        table.add_row("skipped", "0")
    if summary.shards or summary.shards_resumed:
        table.add_row("shards written", f"{summary.shards:,}")
    if summary.shards_resumed:
        table.add_row("shards complete already (--resume)", f"{summary.shards_resumed:,}")
    if summary.renamed:
        table.add_row("pages sharing a stem, written as NAME.EXT.json", f"{summary.renamed:,}")
    if summary.special_files:
        table.add_row("not regular files (FIFOs, devices), not read", f"{summary.special_files:,}")
    if summary.copies is not None:
        table.add_row("of them copies of an earlier article (--dedup)", f"{summary.copies:,}")
    if summary.outside_links:
        table.add_row("symlinks leading outside, not followed", f"{summary.outside_links:,}")
    table.add_row("time", f"{summary.seconds:.1f} s")
    table.add_row("pages/s", f"{summary.pages_per_second:.1f}")
    if summary.reasons:
        table.add_section()
        for reason, count in summary.reasons.most_common():
            table.add_row(f"removed: {reason}", f"{count:,}")
    return table

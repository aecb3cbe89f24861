"""What a person sees of a batch run: the progress bar on stderr and the summary table."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ..run.batch import Summary

_TICK = 0.2  # seconds between refreshes


class BatchProgress:
    """Files done/total, pages/s, ETA and errors on stderr, refreshed from the run's main loop
    (no refresh thread: workers are forked from this process). Implements
    :class:`newsclean.run.batch.Observer`."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar: Progress | None = None
        self.shown = self.started = 0.0

    def start(self, total: int) -> None:
        self.bar = Progress(
            TextColumn("newsclean batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} pages/s"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[errors]} errors"),
            console=self.console,
            auto_refresh=False,
            transient=True,
        )
        self.task = self.bar.add_task("pages", total=total, rate="0.0", errors=0)
        self.started = time.monotonic()
        self.bar.start()

    def update(self, summary: Summary, force: bool = False) -> None:
        now = time.monotonic()
        if self.bar is not None and (force or now - self.shown >= _TICK):
            rate = (summary.kept + summary.failed) / max(now - self.started, 1e-9)
            self.bar.update(self.task, completed=summary.done, rate=f"{rate:.1f}", errors=summary.failed)
            self.bar.refresh()
            self.shown = now

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


_SKIP_TEXT = {"resume": "up to date (--resume)", "not_html": "not HTML", "not_http": "not an HTTP response"}


def summary_table(summary: Summary) -> Table:
    """The end-of-run table: pages kept/failed/skipped, time, rate, removed blocks per reason."""
    table = Table(title="newsclean batch", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("kept", f"{summary.kept:,}")
    table.add_row("failed", f"{summary.failed:,}")
    for reason, count in sorted(summary.skips.items()):
        table.add_row(f"skipped: {_SKIP_TEXT.get(reason, reason.replace('_', ' '))}", f"{count:,}")
    if not summary.skips:
        table.add_row("skipped", "0")
    if summary.shards or summary.shards_resumed:
        table.add_row("shards written", f"{summary.shards:,}")
    if summary.shards_resumed:
        table.add_row("shards complete already (--resume)", f"{summary.shards_resumed:,}")
    if summary.outside_links:
        table.add_row("symlinks leading outside, not followed", f"{summary.outside_links:,}")
    table.add_row("time", f"{summary.seconds:.1f} s")
    table.add_row("pages/s", f"{summary.pages_per_second:.1f}")
    if summary.reasons:
        table.add_section()
        for reason, count in summary.reasons.most_common():
            table.add_row(f"removed: {reason}", f"{count:,}")
    return table

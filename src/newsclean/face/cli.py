"""The command line: parse options, call the pipeline, print, exit. No heuristics here.

stdout carries data (JSON); stderr carries messages for people.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import __version__
from ..config import CleanConfig
from ..errors import ExitStatus, NewscleanError
from ..pipeline import build_document, clean_bytes
from ..run.sinks import write_atomic
from .command import Command, Group, choice, parse_date, parse_positive_int, parse_seconds

if TYPE_CHECKING:
    from rich.table import Table

    from ..run.dedup import DedupOptions, DedupSummary

app = typer.Typer(
    cls=Group,
    name="newsclean",
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

FORMATS = ("auto", "html", "text")
_parse_format, _complete_format, _FORMAT_METAVAR = choice(*FORMATS)
DEFAULT_MAX_BYTES = CleanConfig().max_bytes


def fail(source: str, message: str, status: ExitStatus = ExitStatus.FAILED) -> None:
    """One line on stderr, then exit with ``status``."""
    typer.echo(f"newsclean: {source}: {message}", err=True)
    raise typer.Exit(int(status))


def read_input(source: str, max_bytes: int) -> bytes:
    """Bytes of a file, or of stdin for ``-``; read at most ``max_bytes + 1`` so a huge input
    is refused without being loaded."""
    try:
        if source == "-":
            return sys.stdin.buffer.read(max_bytes + 1)
        with open(source, "rb") as fh:
            return fh.read(max_bytes + 1)
    except IsADirectoryError:
        fail(source, "is a folder (use `newsclean batch` for folders)", ExitStatus.USAGE)
    except FileNotFoundError:
        fail(source, "no such file", ExitStatus.USAGE)
    except PermissionError:
        fail(source, "permission denied")
    except OSError as exc:
        fail(source, f"cannot read ({exc.strerror or exc})")
    raise AssertionError("unreachable")


def make_config(fmt: str, max_bytes: int, reference_date: date | None, url: str | None = None) -> CleanConfig:
    return CleanConfig(format=fmt, max_bytes=max_bytes, reference_date=reference_date, url=url)  # type: ignore[arg-type]


FORMAT_OPT = typer.Option(
    "auto", "--format", "-f", metavar=_FORMAT_METAVAR, parser=_parse_format, autocompletion=_complete_format,
    help="Input kind: sniff it (auto), or force html / text.",
)
MAX_BYTES_OPT = typer.Option(
    DEFAULT_MAX_BYTES, "--max-bytes", metavar="N", parser=parse_positive_int, show_default=False,
    help="Refuse inputs larger than N bytes (checked before parsing, and after gunzip)  [default: 20 MiB]",
)
REF_DATE_OPT = typer.Option(
    None, "--reference-date", metavar="YYYY-MM-DD", parser=parse_date,
    help="Today's date for relative dates such as 'gestern' or 'vor 3 Tagen' (without it they give null).",
)


@app.command(cls=Command)
def clean(
    source: str = typer.Argument(..., metavar="FILE", help="Page file (HTML, text dump, either optionally .gz), or - for stdin."),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the JSON to FILE instead of stdout (whole or not at all)."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON."),
    fmt: str = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: date | None = REF_DATE_OPT,
    url: str | None = typer.Option(None, "--url", metavar="URL", help="The page's URL, if the page does not declare it."),
) -> None:
    """Clean one page and print its article JSON.

    Example:

        newsclean clean page.html --pretty
    """
    config = make_config(fmt, max_bytes, reference_date, url)
    data = read_input(source, max_bytes)
    name = "<stdin>" if source == "-" else source
    try:
        article = clean_bytes(data, config, path=None if source == "-" else source)
    except NewscleanError as exc:
        fail(name, str(exc))
    text = article.to_json(pretty=pretty) + "\n"
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))  # JSON is UTF-8 whatever the locale says
        sys.stdout.flush()
        return
    try:
        write_atomic(output, text)
    except OSError as exc:
        fail(str(output), f"cannot write ({exc.strerror or exc})", ExitStatus.USAGE)


# --- diff command (see diff.py) ---


def read_document(source: str, config: CleanConfig):
    """The labelled Document of one page (file or ``-``), or exit as ``clean`` would."""
    data = read_input(source, config.max_bytes)
    try:
        return build_document(data, config, path=None if source == "-" else source)
    except NewscleanError as exc:
        fail("<stdin>" if source == "-" else source, str(exc))


@app.command(cls=Command)
def diff(
    source: str = typer.Argument(..., metavar="FILE|DIR", help="Page file (HTML, text dump, optionally .gz), a folder of pages, or - for stdin."),
    only_removed: bool = typer.Option(False, "--only-removed", help="Show only the removed blocks, grouped by reason."),
    side_by_side: bool = typer.Option(False, "--side-by-side", help="Every block of the page on the left, what the article keeps on the right."),
    reason: str | None = typer.Option(None, "--reason", metavar="REASON,...", help="Show only removed blocks with these reason codes, e.g. newsletter,sponsored."),
    summary: bool = typer.Option(False, "--summary", help="Removed text per reason and per site (the view for a folder)."),
    no_color: bool = typer.Option(False, "--no-color", help="Plain text, one block per line (also with NO_COLOR or when stdout is not a terminal)."),
    fmt: str = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: date | None = REF_DATE_OPT,
) -> None:
    """Show what `clean` keeps and removes from a page, and why.

    Example:

        newsclean diff page.html --only-removed

    Plain lines: '= [role] text' metadata, '  text' body, '- [reason] text  # rule' removed,
    '# ...' commentary. Long output goes through a pager when stdout is a terminal.
    """
    from rich.console import Console

    from ..article import assemble
    from . import diff as render

    config = make_config(fmt, max_bytes, reference_date)
    try:
        options = render.DiffOptions(render.parse_reasons(reason) if reason is not None else frozenset(), only_removed, side_by_side)
    except ValueError as exc:
        fail("--reason", str(exc), ExitStatus.USAGE)
    console = Console(highlight=False, emoji=False)
    plain = render.wants_plain(no_color, console.is_terminal)
    if plain:
        console = Console(highlight=False, emoji=False, color_system=None)
    if summary or os.path.isdir(source):
        if only_removed or side_by_side or reason is not None:
            fail(source, "--only-removed, --side-by-side and --reason show one page; a folder gets the --summary view", ExitStatus.USAGE)
        if os.path.isdir(source):
            counts = render.summarize(source, config, Console(stderr=True))
            if not counts.pages:
                fail(source, "no pages (*.html, *.htm, *.xhtml, *.txt, optionally .gz) in this folder", ExitStatus.USAGE)
        else:
            doc = read_document(source, config)
            counts = render.FolderSummary()
            counts.add(render.site_of(doc, source), doc)
        render.emit(console, render.render_summary(counts, source))
        return
    doc = read_document(source, config)
    article = assemble(doc, config.min_language_chars)
    if plain and not side_by_side:
        render.emit(console, render.plain_diff(doc, article, options))
    else:
        render.emit(console, render.render_diff(doc, article, options))



# --- batch command (see run/batch.py) ---
@app.command(cls=Command)
def batch(
    in_dir: str = typer.Argument(..., metavar="IN_DIR", help="Folder of pages, searched recursively."),
    out_dir: str | None = typer.Argument(None, metavar="OUT_DIR", help="Folder for the JSON files; mirrors IN_DIR (a/b.html -> a/b.json)."),
    jsonl: str | None = typer.Option(None, "--jsonl", metavar="FILE", help="Write one JSON Lines file instead (failures go to NAME.errors.jsonl)."),
    workers: int | None = typer.Option(None, "--workers", "-w", metavar="N", parser=parse_positive_int, help="Worker processes  [default: number of cores]"),
    globs: list[str] | None = typer.Option(None, "--glob", "-g", metavar="PATTERN", help="Page file pattern, repeatable  [default: *.html *.htm *.xhtml *.txt, each also .gz]"),
    resume: bool = typer.Option(False, "--resume", help="Skip pages whose JSON is up to date (same input sha256 and path)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary."),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS", parser=parse_seconds, help="Seconds one page may take before its worker is killed."),
    fmt: str = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: date | None = REF_DATE_OPT,
) -> None:
    """Clean every page below a folder in parallel; resumable, failures logged to errors.jsonl.

    Example:

        newsclean batch crawl/ articles/ --workers 4
    """
    from rich.console import Console

    from ..run.batch import BatchOptions, SetupError, run
    from ..run.sources import DEFAULT_PATTERNS
    from .progress import BatchProgress, summary_table

    options = BatchOptions(
        in_dir=in_dir,
        out_dir=out_dir,
        jsonl=jsonl,
        workers=workers or os.cpu_count() or 1,
        patterns=tuple(globs) if globs else DEFAULT_PATTERNS,
        resume=resume,
        timeout=timeout,
        config=make_config(fmt, max_bytes, reference_date),
    )
    console = Console(stderr=True)
    progress = BatchProgress(console) if not quiet and sys.stderr.isatty() else None
    try:
        summary = run(options, progress)
    except SetupError as exc:
        fail(exc.source, str(exc), ExitStatus.USAGE)
    except OSError as exc:
        fail(jsonl or in_dir, f"cannot write ({exc.strerror or exc})")
    if not quiet:
        console.print(summary_table(summary))
    if summary.failed and not quiet:
        typer.echo(f"newsclean: {summary.failed:,} pages failed, see {options.errors_path}", err=True)
    if summary.interrupted:
        typer.echo("newsclean: interrupted; nothing half-written. Run again with --resume to finish.", err=True)
    raise typer.Exit(int(summary.exit_status))



# --- dedup command (see run/dedup.py) ---
@app.command()
def dedup(
    inputs: list[str] = typer.Argument(..., help="Output of batch: JSONL files (.gz too), JSON files, or folders of them, in the order that decides which copy is first."),
    output: str | None = typer.Option(None, "--output", "-o", help="Write all records to this one JSONL file (.gz: compressed; -: stdout) instead of marking the inputs in place."),
    drop_copies: bool = typer.Option(False, "--drop-copies", help="Leave the copies out of --output: a corpus without them."),
    threshold: float = typer.Option(0.8, "--threshold", "--dedup-threshold", min=0.01, max=1.0, help="Estimated Jaccard similarity of the word 5-grams from which an article is a copy."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Count the copies, write nothing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """Find syndicated copies in existing output: every later copy gets duplicate_of = the source.id of the first."""
    from rich.console import Console

    from ..run.dedup import DedupOptions, RecordError, run_dedup

    if drop_copies and output is None:
        fail("--drop-copies", "writes a corpus without the copies to --output FILE; the inputs are never thinned in place", ExitStatus.USAGE)
    for path in inputs:
        if not os.path.exists(path):
            fail(path, "no such file or folder", ExitStatus.USAGE)
    if output not in (None, "-") and (os.path.isdir(output) or not os.path.isdir(os.path.dirname(output) or ".")):
        fail(output, "--output needs a file name in an existing folder", ExitStatus.USAGE)
    options = DedupOptions(tuple(inputs), output, drop_copies, threshold, dry_run)
    try:
        summary = run_dedup(options)
    except RecordError as exc:
        fail(exc.path, str(exc))
    except OSError as exc:
        fail(output or exc.filename or inputs[0], f"cannot write ({exc.strerror or exc})")
    if not quiet:
        Console(stderr=True).print(dedup_table(summary, options))


def dedup_table(summary: DedupSummary, options: DedupOptions) -> Table:
    """The end-of-run table of ``newsclean dedup``."""
    from rich.table import Table

    table = Table(title="newsclean dedup", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    share = f" ({summary.copies / summary.articles:.1%})" if summary.articles else ""
    table.add_row("files read", f"{summary.files:,}")
    table.add_row("articles", f"{summary.articles:,}")
    table.add_row(f"copies (similarity >= {options.threshold:g})", f"{summary.copies:,}{share}")
    table.add_row("first copies and distinct articles", f"{summary.articles - summary.copies:,}")
    if options.dry_run:
        table.add_row("written", "nothing (--dry-run)")
    elif options.output is not None:
        table.add_row(f"records written to {options.output}", f"{summary.records_written:,}")
    else:
        table.add_row("files rewritten with their marks", f"{summary.files_rewritten:,}")
    table.add_row("time", f"{summary.seconds:.1f} s")
    return table


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newsclean {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", "-V", callback=version_callback, is_eager=True, help="Show the version and exit."),
) -> None:
    """Turn scraped German news pages (HTML or plain-text dumps) into clean article JSON.

    Example:

        newsclean clean page.html --pretty

    Each command has its own help: newsclean clean -h
    """


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("newsclean: interrupted", err=True)
        sys.exit(int(ExitStatus.INTERRUPTED))


__all__ = ["app", "build_document", "main"]

"""The command line: parse options, call the pipeline, print, exit. No heuristics here.

stdout carries data (JSON); stderr carries messages for people.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path

import typer

from .. import __version__
from ..config import CleanConfig
from ..errors import ExitStatus, NewscleanError
from ..pipeline import build_document, clean_bytes
from ..run.sinks import write_atomic

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Turn scraped German news pages (HTML or plain-text dumps) into clean article JSON.",
)


class FormatChoice(str, Enum):
    auto = "auto"
    html = "html"
    text = "text"


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


def make_config(fmt: FormatChoice, max_bytes: int, reference_date: str | None, url: str | None = None) -> CleanConfig:
    ref = None
    if reference_date:
        try:
            ref = date.fromisoformat(reference_date)
        except ValueError:
            fail("--reference-date", f"not a date in YYYY-MM-DD form: {reference_date!r}", ExitStatus.USAGE)
    return CleanConfig(format=fmt.value, max_bytes=max_bytes, reference_date=ref, url=url)


FORMAT_OPT = typer.Option(FormatChoice.auto, "--format", "-f", help="Input kind: sniff it, or force html / text.")
MAX_BYTES_OPT = typer.Option(20 * 1024 * 1024, "--max-bytes", help="Refuse inputs larger than this many bytes.", min=1)
REF_DATE_OPT = typer.Option(None, "--reference-date", help="Today's date (YYYY-MM-DD) for relative dates like 'gestern'.")


@app.command()
def clean(
    source: str = typer.Argument(..., help="Page file (HTML, text dump, optionally .gz), or - for stdin."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the JSON here instead of stdout."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON."),
    fmt: FormatChoice = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: str | None = REF_DATE_OPT,
    url: str | None = typer.Option(None, "--url", help="The page's URL, if the page does not declare it."),
) -> None:
    """Clean one page and print its article JSON."""
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


@app.command()
def diff(
    source: str = typer.Argument(..., help="Page file (HTML, text dump, optionally .gz), a folder of pages, or - for stdin."),
    only_removed: bool = typer.Option(False, "--only-removed", help="Show only the removed blocks, grouped by reason."),
    side_by_side: bool = typer.Option(False, "--side-by-side", help="Every block of the page on the left, what the article keeps on the right."),
    reason: str | None = typer.Option(None, "--reason", help="Show only removed blocks with these reason codes, e.g. newsletter,sponsored."),
    summary: bool = typer.Option(False, "--summary", help="Removed text per reason and per site (the view for a folder)."),
    no_color: bool = typer.Option(False, "--no-color", help="Plain text, one block per line (also with NO_COLOR or when stdout is not a terminal)."),
    fmt: FormatChoice = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: str | None = REF_DATE_OPT,
) -> None:
    """Show what `clean` keeps and removes from a page, and why.

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
@app.command()
def batch(
    in_dir: str = typer.Argument(..., help="Folder of pages, searched recursively."),
    out_dir: str | None = typer.Argument(None, help="Folder for the JSON files; mirrors IN_DIR (a/b.html -> a/b.json)."),
    jsonl: str | None = typer.Option(None, "--jsonl", help="Write one JSON Lines file instead (failures go to NAME.errors.jsonl)."),
    workers: int | None = typer.Option(None, "--workers", "-w", min=1, help="Worker processes [default: number of cores]."),
    globs: list[str] | None = typer.Option(None, "--glob", "-g", help="Page file pattern, repeatable [default: *.html *.htm *.xhtml *.txt, each also .gz]."),
    resume: bool = typer.Option(False, "--resume", help="Skip pages whose JSON is up to date (same input sha256 and path)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.01, help="Seconds one page may take before its worker is killed."),
    fmt: FormatChoice = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: str | None = REF_DATE_OPT,
) -> None:
    """Clean every page below a folder in parallel; resumable, failures logged to errors.jsonl."""
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



def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newsclean {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True, help="Show the version."),
) -> None:
    """Turn scraped German news pages into clean article JSON."""


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("newsclean: interrupted", err=True)
        sys.exit(int(ExitStatus.INTERRUPTED))


__all__ = ["app", "build_document", "main"]

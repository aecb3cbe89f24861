"""The command line: parse options, call the pipeline, print, exit. No heuristics here.

stdout carries data (JSON); stderr carries messages for people.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .. import __version__
from ..article import assemble
from ..config import CleanConfig
from ..errors import ExitStatus, NewscleanError
from ..pipeline import build_document
from ..run.sinks import write_atomic
from ..run.sources import output_name, printable
from .command import (
    Command,
    Group,
    choice,
    number_between,
    parse_date,
    parse_positive_int,
    parse_seconds,
)

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
    typer.echo(f"newsclean: {printable(source)}: {message}", err=True)
    raise typer.Exit(int(status))


class PageError(Exception):
    """One input that cannot be cleaned: its one-line message and the exit status it earns."""

    def __init__(self, message: str, status: ExitStatus = ExitStatus.FAILED) -> None:
        super().__init__(message)
        self.status = status


def display_name(source: str) -> str:
    """How messages name an input: ``<stdin>`` for ``-``, else the path as typed (with ``\\xNN``
    for bytes of a name that are not UTF-8)."""
    return "<stdin>" if source == "-" else printable(source)


def read_input(source: str, max_bytes: int) -> bytes:
    """Bytes of a file, or of stdin for ``-``; read at most ``max_bytes + 1`` so a huge input
    is refused without being loaded. Only a regular file (or a link to one) is read: a FIFO or
    a device would block or never end. Raises :class:`PageError`."""
    try:
        if source == "-":
            if sys.stdin is None:
                raise PageError("stdin is closed; give a FILE, or pipe the page in", ExitStatus.USAGE)
            return sys.stdin.buffer.read(max_bytes + 1)
        if os.path.isdir(source):
            raise PageError("is a folder (use `newsclean batch` for folders)", ExitStatus.USAGE)
        if os.path.exists(source) and not os.path.isfile(source):
            raise PageError("not a regular file (a FIFO, socket or device is not a page)", ExitStatus.USAGE)
        with open(source, "rb") as fh:
            return fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise PageError("no such file", ExitStatus.USAGE) from None
    except PermissionError:
        raise PageError("permission denied") from None
    except OSError as exc:
        raise PageError(f"cannot read ({exc.strerror or exc})") from None


def document_of(data: bytes, config: CleanConfig, source: str):
    """The labelled Document of one input, or :class:`PageError` with the reason it has none.
    A page that trips a bug is an error of that page ("internal error"), never a traceback."""
    try:
        return build_document(data, config, path=None if source == "-" else printable(source))
    except NewscleanError as exc:
        raise PageError(str(exc)) from None
    except Exception as exc:  # a bug, or a parser blowing up on a hostile page
        raise PageError(f"internal error ({type(exc).__name__}: {exc}); please report it with this page") from None


@contextmanager
def writing_stdout() -> Iterator[None]:
    """Around what writes to stdout: exit silently when the reader has gone (``| head``), with
    one line when stdout is closed or its disk is full, never with a traceback."""
    if sys.stdout is None:
        fail("<stdout>", "stdout is closed; redirect it or use -o FILE", ExitStatus.USAGE)
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise typer.Exit(int(ExitStatus.FAILED)) from None
    except OSError as exc:
        _discard_stdout()
        fail("<stdout>", f"cannot write ({exc.strerror or exc})")


def write_stdout(text: str) -> None:
    """Write to stdout as UTF-8, whatever the locale says, and flush."""
    with writing_stdout():
        sys.stdout.buffer.write(text.encode("utf-8"))


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that Python's last flush at exit does not fail again with
    the bytes still buffered (the way the Python docs handle SIGPIPE)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


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
    sources: list[str] = typer.Argument(..., metavar="FILE...", help="Page files (HTML or text dump, either optionally .gz); - reads stdin."),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE|DIR",
        help="Write the JSON to FILE (one page) or to DIR/NAME.json (one file per page, also when DIR exists); - is stdout. Each file is written whole or not at all.",
    ),
    pretty: bool = typer.Option(False, "--pretty", help="Indent the JSON (several pages: one object after another, as jq prints them)."),
    fmt: str = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: date | None = REF_DATE_OPT,
    url: str | None = typer.Option(None, "--url", metavar="URL", help="The page's URL, if the page does not declare it (one FILE only)."),
) -> None:
    """Clean pages and print their article JSON, one line per page (JSON Lines).

    Example:

        newsclean clean page.html --pretty

    A page that cannot be cleaned gets a one-line error on stderr and the others are still
    printed; the exit status is then 1 (2 for a missing file).
    """
    if url is not None and len(sources) > 1:
        fail("--url", "names the URL of one page; give one FILE with it", ExitStatus.USAGE)
    if url is not None and not is_utf8(url):
        shown = printable(url)
        byte = shown[shown.index("\\x") + 2:][:2]
        fail("--url", f"not valid UTF-8: '{shown}'; percent-encode such bytes (\\x{byte} as %{byte.upper()})", ExitStatus.USAGE)
    if sources.count("-") > 1:
        fail("-", "stdin can be read only once", ExitStatus.USAGE)
    config = make_config(fmt, max_bytes, reference_date, url)
    targets = output_targets(sources, output)
    status = ExitStatus.OK
    for source, target in zip(sources, targets, strict=True):
        try:
            doc = document_of(read_input(source, max_bytes), config, source)
            text = assemble(doc, config.min_language_chars).to_json(pretty=pretty) + "\n"
        except PageError as exc:
            typer.echo(f"newsclean: {display_name(source)}: {exc}", err=True)
            status = max(status, exc.status)
            continue
        if target is None:
            write_stdout(text)
            continue
        try:
            write_atomic(Path(target), text)
        except OSError as exc:
            fail(target, f"cannot write ({exc.strerror or exc})", ExitStatus.USAGE)
    raise typer.Exit(int(status))


def is_utf8(text: str) -> bool:
    """False for a command-line string that carries bytes which are not UTF-8 (Python keeps
    them as surrogate escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def output_targets(sources: list[str], output: str | None) -> list[str | None]:
    """Where each page's JSON goes: ``None`` for stdout, else a file path. Checked before any
    page is read: an output that is one of the inputs (also through a link) is refused, since
    its JSON would replace the page."""
    if output is None or output == "-":
        return [None] * len(sources)
    if len(sources) > 1 or output.endswith(os.sep) or os.path.isdir(output):
        if "-" in sources:
            fail("-", "-o DIR names each file after its page; stdin has no name (use -o FILE, or stdout)", ExitStatus.USAGE)
        if os.path.exists(output) and not os.path.isdir(output):
            fail(output, "-o with several FILEs names a folder, and this is a file", ExitStatus.USAGE)
        targets = [os.path.join(output, name) for name in json_names(sources)]
    else:
        targets = [output]
    for target in targets:
        for other in sources:
            if other != "-" and same_file(other, target):
                fail(display_name(other), f"is also the output {printable(target)}: its JSON would replace the page", ExitStatus.USAGE)
    if len(targets) > 1 or os.path.isdir(output):
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            fail(output, f"cannot create the folder ({exc.strerror or exc})", ExitStatus.USAGE)
    return list(targets)


def json_names(sources: list[str]) -> list[str]:
    """The JSON file name of each page for ``-o DIR``: ``a.html`` -> ``a.json``; two pages of
    one stem (``a.html``, ``a.txt``) keep their whole name (``a.html.json``, ``a.txt.json``).
    Two pages of the same name from different folders are refused: one would overwrite the other.

    >>> json_names(["x/a.html", "b.txt.gz", "c.html", "c.txt"])
    ['a.json', 'b.json', 'c.html.json', 'c.txt.json']
    """
    short = [output_name(os.path.basename(s)) for s in sources]
    names = [os.path.basename(s) + ".json" if short.count(n) > 1 else n for s, n in zip(sources, short, strict=True)]
    for i, name in enumerate(names):
        if name in names[:i]:
            first = sources[names.index(name)]
            fail(display_name(sources[i]), f"has the same name as {display_name(first)}; with -o DIR, clean them in two runs", ExitStatus.USAGE)
    return names


def same_file(a: str, b: str) -> bool:
    """Whether two paths are one file (through links too); False when either does not exist."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


# --- diff command (see diff.py) ---


def read_document(source: str, config: CleanConfig):
    """The labelled Document of one page (file or ``-``), or exit as ``clean`` would."""
    try:
        return document_of(read_input(source, config.max_bytes), config, source)
    except PageError as exc:
        fail(display_name(source), str(exc), exc.status)


@app.command(cls=Command)
def diff(
    source: str = typer.Argument(..., metavar="FILE|DIR", help="Page file (HTML, text dump, optionally .gz), a folder of pages, or - for stdin."),
    only_removed: bool = typer.Option(False, "--only-removed", help="Show only the removed blocks, grouped by reason."),
    side_by_side: bool = typer.Option(False, "--side-by-side", help="Every block of the page on the left, what the article keeps on the right."),
    reason: str | None = typer.Option(None, "--reason", metavar="REASON,...", help="Show only removed blocks with these reason codes, e.g. newsletter,sponsored."),
    summary: bool = typer.Option(False, "--summary", help="Removed text per reason and per site (the view for a folder)."),
    html: str | None = typer.Option(None, "--html", metavar="FILE", help="Write every page's blocks, coloured by reason and filterable by reason and site, to one self-contained HTML FILE instead."),
    no_color: bool = typer.Option(False, "--no-color", help="Plain text, one block per line (also with NO_COLOR or when stdout is not a terminal)."),
    fmt: str = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: date | None = REF_DATE_OPT,
) -> None:
    """Show what `clean` keeps and removes from a page, and why.

    Example:

        newsclean diff page.html --only-removed

    Plain lines: '= [role] text' metadata, '  text' body, '- [reason] text  # evidence'
    removed, '# ...' commentary. Long output goes through a pager when stdout is a terminal. A
    folder gets a summary per reason and per site; --html report.html writes all its pages.
    """
    from rich.console import Console, RenderableType

    from . import diff as render
    from . import summary as folder_summary

    config = make_config(fmt, max_bytes, reference_date)
    try:
        options = render.DiffOptions(render.parse_reasons(reason) if reason is not None else frozenset(), only_removed, side_by_side)
    except ValueError as exc:
        fail("--reason", str(exc), ExitStatus.USAGE)
    many = summary or os.path.isdir(source) or html is not None
    if many and (only_removed or side_by_side or reason is not None):
        what = "--html shows every block (filter them in the report)" if html is not None else "a folder gets the --summary view"
        fail(source, f"--only-removed, --side-by-side and --reason show one page; {what}", ExitStatus.USAGE)
    if html is not None:
        write_report(source, html, config)
        return
    if sys.stdout is None:
        fail("<stdout>", "stdout is closed; redirect it", ExitStatus.USAGE)
    console = Console(highlight=False, emoji=False)
    plain = render.wants_plain(no_color, console.is_terminal)
    if plain:
        console = Console(highlight=False, emoji=False, color_system=None)
    if many:
        counts = folder_summary.FolderSummary()
        if os.path.isdir(source):
            counts = folder_summary.summarize(source, config, Console(stderr=True))
            if not counts.pages:
                fail(source, "no pages (*.html, *.htm, *.xhtml, *.txt, optionally .gz) in this folder", ExitStatus.USAGE)
        else:
            doc = read_document(source, config)
            counts.add(folder_summary.site_of(doc, source), doc)
        view: RenderableType | str = folder_summary.render_summary(counts, source)
    else:
        doc = read_document(source, config)
        article = assemble(doc, config.min_language_chars)
        if plain and not side_by_side:
            view = render.plain_diff(doc, article, options)
        else:
            view = render.render_diff(doc, article, options)
    with writing_stdout():
        render.emit(console, view)


def write_report(source: str, target: str, config: CleanConfig) -> None:
    """``diff SOURCE --html TARGET``: the HTML report of one page or of a folder's pages."""
    from rich.console import Console

    from .report import HtmlReport
    from .summary import FolderSummary, site_of, summarize

    if source != "-" and same_file(source, target):
        fail(display_name(source), f"is also the report {printable(target)}: the report would replace the page", ExitStatus.USAGE)
    if os.path.isdir(target):
        fail(target, "--html names the report file, and this is a folder", ExitStatus.USAGE)
    try:
        report = HtmlReport(target, f"newsclean diff {printable(source)}")
    except OSError as exc:
        fail(target, f"cannot write ({exc.strerror or exc})", ExitStatus.USAGE)
    with report:
        if os.path.isdir(source):
            counts = summarize(source, config, Console(stderr=True), sink=report, skip=target)
            if not counts.pages:
                fail(source, "no pages (*.html, *.htm, *.xhtml, *.txt, optionally .gz) in this folder", ExitStatus.USAGE)
        else:
            doc = read_document(source, config)
            counts = FolderSummary()
            site = site_of(doc, source)
            counts.add(site, doc)
            report.add(source, site, doc, assemble(doc, config.min_language_chars))
        try:
            report.close(counts, source)
        except OSError as exc:
            fail(target, f"cannot write ({exc.strerror or exc})")
    typer.echo(f"newsclean: {printable(target)}: {counts.pages:,} page{'' if counts.pages == 1 else 's'}, {sum(counts.reasons.values()):,} removed blocks", err=True)



# --- batch command (see run/batch.py) ---
@app.command(cls=Command)
def batch(
    in_dir: str = typer.Argument(..., metavar="IN_DIR", help="Folder of pages, searched recursively; or a WARC file (.warc, .warc.gz), or a folder of them."),
    out_dir: str | None = typer.Argument(None, metavar="OUT_DIR", help="Folder for the JSON files; mirrors IN_DIR (a/b.html -> a/b.json). For WARC input: one shard per WARC (x.warc.gz -> x.jsonl.gz)."),
    jsonl: str | None = typer.Option(None, "--jsonl", metavar="FILE", help="Write one JSON Lines file instead, streamed as pages finish (FILE.gz: compressed; -: stdout; failures go to NAME.errors.jsonl)."),
    workers: int | None = typer.Option(None, "--workers", "-w", metavar="N", parser=parse_positive_int, help="Worker processes  [default: number of cores]"),
    globs: list[str] | None = typer.Option(None, "--glob", "-g", metavar="PATTERN", help="Page file pattern, repeatable  [default: *.html *.htm *.xhtml *.txt, each also .gz]"),
    resume: bool = typer.Option(False, "--resume", help="Skip pages whose JSON is up to date (same input sha256 and path), WARC shards that are complete, and the lines a --jsonl FILE already has."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary."),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS", parser=parse_seconds, help="Seconds one page may take before its worker is killed."),
    fmt: str = FORMAT_OPT,
    max_bytes: int = MAX_BYTES_OPT,
    reference_date: date | None = REF_DATE_OPT,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print each failure on stderr as it happens."),
    shard_format: str = typer.Option("jsonl", "--shard-format", metavar="FORMAT", help="Shards of WARC input as jsonl (x.jsonl.gz) or parquet (x.parquet; needs pyarrow)."),
    language: str | None = typer.Option(None, "--language", metavar="CODES", help="Keep only articles in these languages (ISO 639-1, comma-separated, e.g. de,en); others are counted as skipped."),
    dedup: bool = typer.Option(False, "--dedup", help="Mark syndicated copies: a later copy of an article gets duplicate_of = the source.id of the earliest."),
    dedup_threshold: float = typer.Option(0.8, "--dedup-threshold", metavar="X", parser=number_between(0.01, 1.0), help="With --dedup: estimated Jaccard similarity of the word 5-grams from which an article is a copy (0.01 to 1)."),
    scheduler: str | None = typer.Option(None, "--scheduler", metavar="ADDRESS", help='Run on the Dask cluster of this scheduler (tcp://HOST:8786; pip install "newsclean[dask]"); its workers read IN_DIR and write OUT_DIR under the same paths.'),
) -> None:
    """Clean every page below a folder, or every page of web archives, in parallel; resumable,
    failures logged to errors.jsonl.

    Example:

        newsclean batch crawl/ articles/ --workers 4

        newsclean batch CC-NEWS-20250101.warc.gz out/ --language de

        newsclean batch /shared/cc-news/ /shared/out/ --scheduler tcp://10.0.0.5:8786
    """
    from rich.console import Console

    from ..run.batch import BatchOptions, OutputFull, SetupError, run
    from ..run.sources import DEFAULT_PATTERNS
    from .progress import BatchProgress, failure_line, summary_table

    options = BatchOptions(
        in_dir=in_dir,
        out_dir=out_dir,
        jsonl=jsonl,
        workers=workers or os.cpu_count() or 1,
        patterns=tuple(globs) if globs else DEFAULT_PATTERNS,
        resume=resume,
        timeout=timeout,
        config=make_config(fmt, max_bytes, reference_date),
        languages=parse_languages(language) if language else frozenset(),
        scheduler=scheduler,
        shard_format=shard_format,
        dedup=dedup,
        dedup_threshold=dedup_threshold,
    )
    if shard_format not in ("jsonl", "parquet"):
        fail("--shard-format", f"give jsonl or parquet (not {shard_format!r})", ExitStatus.USAGE)
    console = Console(stderr=True)
    show_bar = not quiet and sys.stderr.isatty()
    progress = BatchProgress(console, bar=show_bar, verbose=verbose) if show_bar or verbose else None
    try:
        with writing_stdout() if jsonl == "-" else nullcontext():  # (``| head`` ends it quietly)
            summary = run(options, progress)
    except SetupError as exc:
        fail(exc.source, str(exc), ExitStatus.USAGE)
    except OutputFull as exc:
        fail(exc.output, str(exc))
    except OSError as exc:
        fail(jsonl or out_dir or in_dir, f"cannot write ({exc.strerror or exc})")
    if not quiet:
        console.print(summary_table(summary))
    if summary.failed and not quiet:
        typer.echo(failure_line(summary, options.errors_path), err=True)
    if summary.interrupted:
        typer.echo("newsclean: interrupted; nothing half-written. Run again with --resume to finish.", err=True)
    raise typer.Exit(int(summary.exit_status))



def parse_languages(value: str) -> frozenset[str]:
    """``de,en`` -> {"de", "en"}; a usage error for anything that is not a two-letter code."""
    codes = frozenset(code.strip().lower() for code in value.split(",") if code.strip())
    bad = sorted(code for code in codes if not (len(code) == 2 and code.isascii() and code.isalpha()))
    if not codes or bad:
        fail("--language", f"give ISO 639-1 codes separated by commas, e.g. de,en (not {', '.join(bad) or repr(value)})", ExitStatus.USAGE)
    return codes


# --- dedup command (see run/dedup.py) ---
@app.command(cls=Command)
def dedup(
    inputs: list[str] = typer.Argument(..., metavar="PATH...", help="Output of batch: JSONL files (.gz too), JSON files, or folders of them, in the order that decides which copy is first."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write all records to this one JSONL file (.gz: compressed; -: stdout) instead of marking the inputs in place."),
    drop_copies: bool = typer.Option(False, "--drop-copies", help="Leave the copies out of --output: a corpus without them."),
    threshold: float = typer.Option(0.8, "--threshold", "--dedup-threshold", metavar="X", parser=number_between(0.01, 1.0), help="Estimated Jaccard similarity of the word 5-grams from which an article is a copy (0.01 to 1)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Count the copies, write nothing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """Find syndicated copies in existing output: every later copy gets duplicate_of = the source.id of the first.

    Example:

        newsclean dedup articles.jsonl -o corpus.jsonl --drop-copies
    """
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

"""What ``newsclean diff`` shows: the labelled blocks of a Document, in colour or as plain text.

It renders exactly the :class:`~newsclean.model.Document` that ``clean`` turns into an
Article, so what you see is what ``clean`` decided. Three views of one page (the full page,
``only_removed`` grouped by reason, ``side_by_side``) and a summary of a whole folder.

Colour output is built from rich renderables; the plain output (for pipes, ``NO_COLOR`` and
``--no-color``) is line-oriented text in the spirit of a unified diff, one block per line:

====================  =====================================================================
``# ...``             commentary from newsclean: header fields, hidden blocks, counts
``= [role] text``     metadata block (title, kicker, lead, byline, date, dateline), kept
``  text``            body block (two spaces), kept
``- [reason] text``   removed block; ``  # rule`` at the end names the rule or phrase that fired
====================  =====================================================================

A block that spans several lines repeats the first column on each line, so
``grep '^- \\[newsletter\\]'`` finds every newsletter block and ``grep '^[ =]'`` the article.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..article import Article
from ..config import CleanConfig
from ..errors import NewscleanError
from ..model import REASONS, Block, Document
from ..pipeline import build_document

#: colour of each reason code's tag; codes outside the table are red
REASON_COLORS: dict[str, str] = {
    "newsletter": "magenta",
    "sponsored": "yellow",
    "related": "blue",
    "credit": "cyan",
    "login": "bright_magenta",
    "paywall": "bright_red",
    "social": "bright_blue",
    "comments": "orange1",
    "cookie": "bright_yellow",
    "navigation": "bright_cyan",
    "link_density": "purple",
    "duplicate": "bright_white",
    "not_main_content": "red",
}
_ROLE_STYLE = "bold green"
_KEPT_STYLE = "green"
_REMOVED_STYLE = "red dim strike"
_RULE_STYLE = "dim italic"
_BAR_WIDTH = 30
_MISSING = "–"


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """Which blocks ``diff`` shows, and how.

    Attributes:
        reasons: show only the removed blocks with these reason codes (empty: all of them);
            kept blocks stay visible for context unless ``only_removed``.
        only_removed: hide the kept blocks and group the removed ones by reason.
        side_by_side: the page's blocks on the left, what the article keeps on the right.
    """

    reasons: frozenset[str] = frozenset()
    only_removed: bool = False
    side_by_side: bool = False

    def shows(self, block: Block) -> bool:
        if block.kept:
            return not self.only_removed
        return not self.reasons or reason_of(block) in self.reasons


def parse_reasons(text: str) -> frozenset[str]:
    """The reason codes of a comma-separated ``--reason`` value.

    >>> sorted(parse_reasons("newsletter, sponsored"))
    ['newsletter', 'sponsored']
    >>> parse_reasons("newsleter")
    Traceback (most recent call last):
    ...
    ValueError: unknown reason 'newsleter'; valid reasons: newsletter, sponsored, related, credit, login, paywall, social, comments, cookie, navigation, link_density, duplicate, not_main_content
    """
    codes = [code.strip() for code in text.split(",") if code.strip()]
    unknown = [code for code in codes if code not in REASONS]
    if unknown or not codes:
        what = f"unknown reason {', '.join(map(repr, unknown))}" if unknown else "no reason given"
        raise ValueError(f"{what}; valid reasons: {', '.join(REASONS)}")
    return frozenset(codes)


def reason_of(block: Block) -> str:
    """The reason code a removed block is reported under (as in the Article's ``removed``)."""
    return block.reason or "not_main_content"


def _reason_order(reason: str) -> tuple[int, str]:
    return (REASONS.index(reason) if reason in REASONS else len(REASONS), reason)


@dataclass(frozen=True, slots=True)
class ReasonCount:
    reason: str
    blocks: int
    chars: int


def count_removed(blocks: Iterable[Block]) -> tuple[ReasonCount, ...]:
    """Removed blocks and characters per reason, in the order of ``models.REASONS``."""
    n_blocks: Counter[str] = Counter()
    n_chars: Counter[str] = Counter()
    for block in blocks:
        if not block.kept:
            n_blocks[reason_of(block)] += 1
            n_chars[reason_of(block)] += len(block.text)
    return tuple(ReasonCount(r, n_blocks[r], n_chars[r]) for r in sorted(n_blocks, key=_reason_order))


def header_fields(article: Article) -> list[tuple[str, str | None]]:
    """The extracted fields the header shows, in order; None where nothing was found."""
    return [
        ("title", article.title),
        ("kicker", article.kicker),
        ("lead", article.lead),
        ("authors", ", ".join(article.authors) or None),
        ("agencies", ", ".join(article.agencies) or None),
        ("published", article.published),
        ("dateline", article.dateline),
        ("language", article.language),
        ("url", article.source.url),
    ]


def _source_line(doc: Document) -> str:
    return f"{doc.page.path or '<stdin>'} ({doc.page.format}, {doc.page.encoding})"


def _n(count: int, noun: str) -> str:
    """``1 block``, ``2 blocks``, ``1,024 characters``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _hidden_note(blocks: list[Block]) -> str:
    reasons = ", ".join(sorted({reason_of(b) for b in blocks}, key=_reason_order))
    return f"{_n(len(blocks), 'more removed block')} ({reasons})"


def _walk(doc: Document, options: DiffOptions) -> Iterator[Block | list[Block]]:
    """The blocks to show in page order; a run of removed blocks that ``options.reasons``
    hides comes as one list (the page views say how many went there)."""
    hidden: list[Block] = []
    for block in doc.blocks:
        if options.shows(block):
            if hidden:
                yield hidden
                hidden = []
            yield block
        else:
            hidden.append(block)
    if hidden:
        yield hidden


# --- plain text ------------------------------------------------------------------------------


def _plain_lines(marker: str, tag: str, text: str, rule: str | None = None) -> list[str]:
    lines = text.splitlines() or [""]
    lead = f"{marker} {tag} " if tag else f"{marker} "
    out = [lead + lines[0]] + [f"{marker} {' ' * len(tag)} {line}" if tag else f"{marker} {line}" for line in lines[1:]]
    if rule:
        out[-1] += f"  # {rule}"
    return out


def _plain_block(block: Block) -> list[str]:
    if not block.kept:
        return _plain_lines("-", f"[{reason_of(block)}]", block.text, str(block.rule) if block.rule else None)
    if block.role != "body":
        return _plain_lines("=", f"[{block.role}]", block.text)
    return _plain_lines(" ", "", block.text)


def _plain_counts(counts: tuple[ReasonCount, ...]) -> list[str]:
    total = ReasonCount("removed", sum(c.blocks for c in counts), sum(c.chars for c in counts))
    width = max(len(c.reason) for c in counts) if counts else 0
    lines = [f"# removed {_n(total.blocks, 'block')}, {_n(total.chars, 'character')}"]
    lines += [f"#   {c.reason:<{width}}  {c.blocks:>5,} {'block ' if c.blocks == 1 else 'blocks'}  {c.chars:>7,} characters" for c in counts]
    return lines


def plain_diff(doc: Document, article: Article, options: DiffOptions = DiffOptions()) -> str:
    """The diff as plain text (see the module docstring for the line format).

    >>> from newsclean.pipeline import build_document
    >>> from newsclean.article import assemble
    >>> doc = build_document(b"Neue Br\\xc3\\xbccke\\n\\n" + b"Die Stadt baut eine neue Br\\xc3\\xbccke \\xc3\\xbcber den Rhein. " * 4 + b"\\n\\nIhr Newsletter zum Thema")
    >>> print(plain_diff(doc, assemble(doc), DiffOptions(only_removed=True)).split("\\n#\\n")[1])
    ## newsletter: 1 block, 24 characters
    - [newsletter] Ihr Newsletter zum Thema  # phrase: ihr newsletter zum thema
    """
    width = max(len(name) for name, _ in header_fields(article))
    lines = [f"# newsclean diff {_source_line(doc)}"]
    lines += [f"# {name:<{width}}  {value or _MISSING}" for name, value in header_fields(article)]
    lines += [f"# warning: {w}" for w in article.warnings]
    lines.append("#")
    if options.only_removed:
        for count, blocks in _groups(doc, options):
            lines.append(f"## {count.reason}: {_n(count.blocks, 'block')}, {_n(count.chars, 'character')}")
            for block in blocks:
                lines += _plain_block(block)
    else:
        for item in _walk(doc, options):
            lines += [f"# {_hidden_note(item)}"] if isinstance(item, list) else _plain_block(item)
    lines.append("#")
    lines += _plain_counts(count_removed(doc.blocks))
    return "\n".join(lines) + "\n"


def _groups(doc: Document, options: DiffOptions) -> list[tuple[ReasonCount, list[Block]]]:
    """Removed blocks grouped by reason (only the reasons ``options`` shows)."""
    shown = [b for b in doc.removed_blocks if options.shows(b)]
    return [(count, [b for b in shown if reason_of(b) == count.reason]) for count in count_removed(shown)]


# --- rich ------------------------------------------------------------------------------------


def reason_style(reason: str) -> str:
    return REASON_COLORS.get(reason, "red")


def _tag(block: Block) -> Text:
    if not block.kept:
        return Text(f"[{reason_of(block)}]", style=f"bold {reason_style(reason_of(block))}")
    if block.role != "body":
        return Text(f"[{block.role}]", style=_ROLE_STYLE)
    return Text("¶", style="dim green")  # marks where a paragraph starts


def _block_text(block: Block, with_rule: bool = True) -> Text:
    if block.kept:
        return Text(block.text, style={"title": "bold", "lead": "italic"}.get(block.role, ""))
    # styles go on spans, not the whole Text: a struck base style would strike the padding too
    text = Text()
    text.append(block.text, style=_REMOVED_STYLE)
    if with_rule and block.rule:
        text.append(f"  ← {block.rule}", style=_RULE_STYLE)
    return text


def header_panel(doc: Document, article: Article) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in header_fields(article):
        grid.add_row(name, Text(value) if value else Text(_MISSING, style="dim"))
    for warning in article.warnings:
        grid.add_row(Text("warning", style="yellow"), Text(warning, style="yellow"))
    return Panel(grid, title=Text(f"newsclean diff {_source_line(doc)}"), title_align="left", box=box.ROUNDED)


class Bar:
    """A horizontal bar chart cell: one segment per ``(value, style, character)`` part, scaled
    so that ``maximum`` fills the width the table gives the column."""

    def __init__(self, parts: Iterable[tuple[int, str, str]], maximum: int) -> None:
        self.parts = tuple(parts)
        self.maximum = max(maximum, 1)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(10, min(_BAR_WIDTH, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        scale = options.max_width / self.maximum
        bar = Text(no_wrap=True, overflow="crop")
        done = total = 0
        for value, style, char in self.parts:
            total += value
            cells = round(total * scale) - done  # rounding the running total: segments add up
            bar.append(char * cells, style=style)
            done += cells
        if total and not done:
            bar.append("▏", style=self.parts[-1][1])
        yield bar


def reason_table(counts: Iterable[ReasonCount], title: str | None = None) -> Table:
    """Removed blocks and characters per reason, with a bar of the characters."""
    counts = tuple(counts)
    total_chars = sum(c.chars for c in counts) or 1
    biggest = max((c.chars for c in counts), default=1)
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("reason", no_wrap=True)
    for name in ("blocks", "characters", "share"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("")  # wrappable: the bar is what gives way on a narrow screen
    for c in counts:
        style = reason_style(c.reason)
        table.add_row(Text(c.reason, style=style), f"{c.blocks:,}", f"{c.chars:,}", f"{c.chars / total_chars:.0%}", Bar([(c.chars, style, "█")], biggest))
    return table


def _footer(doc: Document) -> RenderableType:
    counts = count_removed(doc.blocks)
    body = doc.body_blocks
    kept = Text(f"kept {_n(len(body), 'body block')}, {_n(sum(len(b.text) for b in body), 'character')}", style="green")
    if not counts:
        return Group(kept, Text("nothing removed", style="dim"))
    blocks, chars = sum(c.blocks for c in counts), sum(c.chars for c in counts)
    return Group(kept, reason_table(counts, title=f"removed {_n(blocks, 'block')}, {_n(chars, 'character')}"))


def _page_view(doc: Document, options: DiffOptions) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    for item in _walk(doc, options):
        if isinstance(item, list):
            grid.add_row("⋯", Text(_hidden_note(item), style="dim italic"))
        else:
            grid.add_row(_tag(item), _block_text(item))
    return grid


def _removed_view(doc: Document, options: DiffOptions) -> Group:
    parts: list[RenderableType] = []
    for count, blocks in _groups(doc, options):
        style = reason_style(count.reason)
        title = Text(f"{count.reason} · {_n(count.blocks, 'block')} · {_n(count.chars, 'character')}", style=f"bold {style}")
        parts.append(Rule(title, style=style, align="left"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(overflow="fold")
        for block in blocks:
            text = Text(block.text, style="red")
            if block.rule:
                text.append(f"  ← {block.rule}", style=_RULE_STYLE)
            grid.add_row(f"#{block.index}", text)
        parts.append(grid)
    if not parts:
        parts.append(Text("no removed blocks to show", style="dim"))
    return Group(*parts)


def _side_by_side_view(doc: Document, options: DiffOptions) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False, pad_edge=False)
    table.add_column("page: every block", ratio=1, overflow="fold")
    table.add_column("article: what clean keeps", ratio=1, overflow="fold")
    for item in _walk(doc, options):
        if isinstance(item, list):
            table.add_row(Text(f"⋯ {_hidden_note(item)}", style="dim italic"), "")
            continue
        left = Text.assemble(_tag(item), " ", _block_text(item, with_rule=False))
        right = Text("") if not item.kept else _block_text(item)
        if item.kept and item.role != "body":
            right = Text.assemble(_tag(item), " ", right)
        table.add_row(left, right)
    return table


def render_diff(doc: Document, article: Article, options: DiffOptions = DiffOptions()) -> Group:
    """The diff as rich renderables: header panel, the blocks, counts per reason."""
    if options.only_removed:
        view: RenderableType = _removed_view(doc, options)
    elif options.side_by_side:
        view = _side_by_side_view(doc, options)
    else:
        view = _page_view(doc, options)
    return Group(header_panel(doc, article), view, Text(""), _footer(doc))


# --- folder summary --------------------------------------------------------------------------


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
    failures: Counter[str] = field(default_factory=Counter)  # error kind -> pages
    kept_chars: int = 0
    reasons: Counter[str] = field(default_factory=Counter)  # reason -> removed blocks
    reason_chars: Counter[str] = field(default_factory=Counter)
    sites: dict[str, SiteCounts] = field(default_factory=dict)

    def add(self, site: str, doc: Document) -> None:
        counts = self.sites.setdefault(site, SiteCounts())
        counts.pages += 1
        self.pages += 1
        kept = sum(len(b.text) for b in doc.blocks if b.kept)
        counts.kept_chars += kept
        self.kept_chars += kept
        for c in count_removed(doc.blocks):
            self.reasons[c.reason] += c.blocks
            self.reason_chars[c.reason] += c.chars
            counts.removed_chars[c.reason] += c.chars

    def add_failure(self, site: str, kind: str) -> None:
        counts = self.sites.setdefault(site, SiteCounts())
        counts.pages += 1
        counts.failed += 1
        self.pages += 1
        self.failures[kind] += 1


def site_of(doc: Document | None, path: str) -> str:
    """The host of the page's URL (without ``www.``), else the name of its folder.

    >>> site_of(None, "crawl/taz/a.html")
    'taz'
    """
    url = doc.metadata.url or doc.page.url if doc is not None else None
    host = urlsplit(url).hostname if url else None
    if host:
        return host.removeprefix("www.")
    return os.path.basename(os.path.dirname(os.path.abspath(path))) or "."


def find_pages(folder: str) -> Iterator[tuple[str, str | None]]:
    """``(path, problem)`` for the page files below ``folder``, walked as ``batch`` walks it;
    ``problem`` is set for a folder that cannot be read."""
    from ..run.sources import PageFinder

    for job in PageFinder(folder):
        yield job.src, job.problem.kind if job.problem else None


def summarize(folder: str, config: CleanConfig, status: Console | None = None) -> FolderSummary:
    """Build the Document of every page below ``folder`` and count what went. A page that
    cannot be read or has no article is counted under its error kind, not raised. A progress
    bar goes to ``status`` when that is a terminal."""
    pages = list(find_pages(folder))
    summary = FolderSummary()
    progress = Progress(TextColumn("newsclean diff"), BarColumn(), MofNCompleteColumn(), console=status, transient=True, disable=status is None or not status.is_terminal)
    with progress:
        for path, problem in progress.track(pages):
            if problem:
                summary.add_failure(site_of(None, path), problem)
                continue
            try:
                if not stat.S_ISREG(os.stat(path).st_mode):
                    continue  # a FIFO or device named like a page is no page, and reading it may never end
                with open(path, "rb") as fh:
                    doc = build_document(fh.read(config.max_bytes + 1), config, path)
            except OSError:
                summary.add_failure(site_of(None, path), "unreadable")
            except NewscleanError as exc:
                summary.add_failure(site_of(None, path), exc.kind)
            except Exception:  # a bug, or a parser blowing up on a hostile page: counted, as batch does
                summary.add_failure(site_of(None, path), "internal_error")
            else:
                summary.add(site_of(doc, path), doc)
    return summary


def _site_table(summary: FolderSummary) -> Table:
    sites = sorted(summary.sites.items(), key=lambda item: (-item[1].removed_total, item[0]))
    biggest = max((s.kept_chars + s.removed_total for _, s in sites), default=1)
    any_failed = any(s.failed for _, s in sites)
    table = Table(title="text per site (bar: ░ kept, █ removed, coloured by reason)", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("site", overflow="fold", min_width=min(24, max(len(name) for name, _ in sites)))
    for name in ("pages", "failed", "removed", "") if any_failed else ("pages", "removed", ""):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("top reason", no_wrap=True)
    table.add_column("")  # wrappable: the bar is what gives way on a narrow screen
    for name, site in sites:
        whole = site.kept_chars + site.removed_total
        top = max(site.removed_chars, key=lambda r: (site.removed_chars[r], r), default=None)
        parts = [(site.kept_chars, _KEPT_STYLE, "░")]
        parts += [(site.removed_chars[r], reason_style(r), "█") for r in sorted(site.removed_chars, key=_reason_order)]
        cells: list[RenderableType] = [name, f"{site.pages:,}"]
        if any_failed:
            cells.append(f"{site.failed:,}" if site.failed else "")
        cells += [
            f"{site.removed_total:,}",
            f"{site.removed_total / whole:.0%}" if whole else "",
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
    head = Text.assemble(
        (f"newsclean diff --summary {folder}\n", "bold"),
        f"{summary.pages:,} pages, {summary.pages - failed:,} with an article; ",
        (f"kept {summary.kept_chars:,}", "green"), " characters, ",
        (f"removed {removed:,}", "red"), f" characters ({removed / whole:.0%} of the text)" if whole else " characters",
    )
    parts: list[RenderableType] = [head]
    counts = [ReasonCount(r, summary.reasons[r], summary.reason_chars[r]) for r in sorted(summary.reasons, key=_reason_order)]
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


# --- output ----------------------------------------------------------------------------------


def wants_plain(no_color: bool, stdout_is_terminal: bool) -> bool:
    """Plain text when asked, when ``NO_COLOR`` is set (https://no-color.org) or when stdout
    is not a terminal (a pipe or a file)."""
    return no_color or bool(os.environ.get("NO_COLOR")) or not stdout_is_terminal


def emit(console: Console, output: RenderableType | str) -> None:
    """Print ``output`` to ``console``; through a pager when the console is a terminal and the
    output is taller than it."""
    if isinstance(output, str):
        height = output.count("\n")
    else:
        height = len(console.render_lines(output, console.options, pad=False)) if console.is_terminal else 0
    if not (console.is_terminal and height > console.height):
        if isinstance(output, str):
            console.file.write(output)
        else:
            console.print(output)
        return
    os.environ.setdefault("LESS", "-R")  # as git does: less shows colours only with -R
    with console.pager(styles=not isinstance(output, str)):
        if isinstance(output, str):
            console.out(output, end="", highlight=False)
        else:
            console.print(output)

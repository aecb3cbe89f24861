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
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.pager import Pager
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..article import Article
from ..model import REASONS, Block, Document

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
    "duplicate": "grey58",
    "not_main_content": "red",
}
_ROLE_STYLE = "bold green"
KEPT_STYLE = "green"
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


def reason_order(reason: str) -> tuple[int, str]:
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
    return tuple(ReasonCount(r, n_blocks[r], n_chars[r]) for r in sorted(n_blocks, key=reason_order))


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


def evidence(block: Block, page_format: str) -> str:
    """Why a removed block went, in words: the rule that fired, and for an HTML page what the
    page showed around the block (outside the main content the extractor found, its share of
    link text, its class/id path); a dump line no rule named lies outside the article's run.

    >>> evidence(Block(3, "Mehr", verdict="drop", in_main=False, link_density=0.75, hint="div.teaser ul li"), "html")
    'outside the main content; links 75%; in div.teaser ul li'
    >>> evidence(Block(3, "Mehr", verdict="drop"), "text")
    "outside the article's run of prose lines"
    """
    parts = [str(block.rule)] if block.rule else []
    if page_format == "html":
        if not block.in_main:
            parts.append("outside the main content")
        if block.link_density and not (block.rule and block.rule.kind == "link_density"):
            parts.append(f"links {block.link_density:.0%}")
        if block.hint:
            parts.append(f"in {short_path(block.hint)}")
    elif not parts:
        parts.append("outside the article's run of prose lines")
    return "; ".join(parts)


def short_path(path: str, width: int = 36) -> str:
    """The innermost elements of a DOM path that fit in ``width`` characters.

    >>> short_path("html body div.page main div.article-list section.teaser-box ul li", 30)
    '… section.teaser-box ul li'
    """
    parts = path.split()
    kept: list[str] = []
    while parts and len(" ".join([parts[-1], *kept])) <= width - 2:
        kept.insert(0, parts.pop())
    if not kept:  # one element longer than the width
        return "…" + path[-(width - 1):]
    return ("… " if parts else "") + " ".join(kept)


def _n(count: int, noun: str) -> str:
    """``1 block``, ``2 blocks``, ``1,024 characters``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _hidden_note(blocks: list[Block]) -> str:
    reasons = ", ".join(sorted({reason_of(b) for b in blocks}, key=reason_order))
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


def _plain_block(block: Block, page_format: str) -> list[str]:
    if not block.kept:
        return _plain_lines("-", f"[{reason_of(block)}]", block.text, evidence(block, page_format))
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
                lines += _plain_block(block, doc.page.format)
    else:
        for item in _walk(doc, options):
            lines += [f"# {_hidden_note(item)}"] if isinstance(item, list) else _plain_block(item, doc.page.format)
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
    """The left column: the reason, the role, or ¶ where a kept paragraph starts."""
    if not block.kept:
        return Text(f"[{reason_of(block)}]", style=f"bold {reason_style(reason_of(block))}")
    if block.role != "body":
        return Text(f"[{block.role}]", style=_ROLE_STYLE)
    return Text("¶", style="dim green")  # marks where a paragraph starts


def _block_text(block: Block, page_format: str, with_evidence: bool = True) -> Text:
    """A block's text; removed text in its reason's colour (readable, not dimmed or struck
    through: it is what you came to check), then why it went."""
    if block.kept:
        return Text(block.text, style={"title": "bold", "lead": "italic"}.get(block.role, ""))
    text = Text(block.text, style=reason_style(reason_of(block)))
    if with_evidence:
        text.append(f"  ← {evidence(block, page_format)}", style=_RULE_STYLE)
    return text


def header(doc: Document, article: Article) -> Group:
    """The extracted fields in a few lines, so that at 80 x 24 most of the screen is the page:
    the source, the title and the lead on a line each, the short fields together, then the URL
    and any warnings."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True, min_width=5)
    grid.add_column()
    for name, value, style in (("title", article.title, "bold"), ("lead", article.lead, "italic")):
        grid.add_row(name, Text(value or _MISSING, style=style if value else "dim", no_wrap=True, overflow="ellipsis"))
    short = Text()
    fields = dict(header_fields(article))
    for i, name in enumerate(("kicker", "authors", "agencies", "published", "dateline", "language")):
        short.append(" · " if i else "", style="dim")
        short.append(f"{name} ", style="bold")
        short.append(fields[name] or _MISSING, style="" if fields[name] else "dim")
    grid.add_row("", short)
    if article.source.url:
        grid.add_row("url", Text(article.source.url, no_wrap=True, overflow="ellipsis"))
    for warning in article.warnings:
        grid.add_row(Text("warning", style="yellow"), Text(warning, style="yellow"))
    head = Text.assemble(("newsclean diff ", "bold"), _source_line(doc))
    return Group(head, grid, Rule(style="dim"))


class Bar:
    """A horizontal bar chart cell: one segment per ``(value, style, character)`` part, scaled
    so that ``maximum`` fills the width the table gives the column."""

    def __init__(self, parts: Iterable[tuple[int, str, str]], maximum: int) -> None:
        self.parts = tuple(parts)
        self.maximum = max(maximum, 1)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, min(_BAR_WIDTH, options.max_width))  # the first to give way

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
            grid.add_row(_tag(item), _block_text(item, doc.page.format))
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
            grid.add_row(f"#{block.index}", _block_text(block, doc.page.format))
        parts.append(grid)
    if not parts:
        parts.append(Text("no removed blocks to show", style="dim"))
    return Group(*parts)


def _side_by_side_view(doc: Document, options: DiffOptions) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False, pad_edge=False)
    table.add_column("page: every block, and why it went", ratio=1, overflow="fold")
    table.add_column("article: what clean keeps", ratio=1, overflow="fold")
    for item in _walk(doc, options):
        if isinstance(item, list):
            table.add_row(Text(f"⋯ {_hidden_note(item)}", style="dim italic"), "")
            continue
        left = Text.assemble(_tag(item), " ", _block_text(item, doc.page.format))
        right = Text("") if not item.kept else _block_text(item, doc.page.format)
        if item.kept and item.role != "body":
            right = Text.assemble(_tag(item), " ", right)
        table.add_row(left, right)
    return table


def render_diff(doc: Document, article: Article, options: DiffOptions = DiffOptions()) -> Group:
    """The diff as rich renderables: the header, the blocks, counts per reason."""
    if options.only_removed:
        view: RenderableType = _removed_view(doc, options)
    elif options.side_by_side:
        view = _side_by_side_view(doc, options)
    else:
        view = _page_view(doc, options)
    return Group(header(doc, article), view, Text(""), _footer(doc))


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
    with console.pager(pager=ColourPager(), styles=not isinstance(output, str)):
        if isinstance(output, str):
            console.out(output, end="", highlight=False)
        else:
            console.print(output)


class ColourPager(Pager):
    """``$PAGER`` (else ``less``), told as git tells it to show colours: ``LESS=-R`` unless
    the user set ``LESS``, in the pager's environment only (rich's own pager goes through
    pydoc, which has no way to pass it)."""

    def show(self, content: str) -> None:
        command = os.environ.get("PAGER") or "less"
        env = {**os.environ, "LESS": os.environ.get("LESS", "-R")}
        try:
            subprocess.run(command, shell=True, input=content.encode("utf-8"), env=env, check=False)
        except OSError:  # no pager to run: print it all
            sys.stdout.write(content)

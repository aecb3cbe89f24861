"""Dumps written by text browsers and converters, made plain: hard-wrapped paragraphs joined
again, Markdown marks taken off.

``lynx -dump``, ``w3m -dump`` and html2text wrap each paragraph at a fixed width (72–80
characters), so one paragraph comes as several lines with no blank line between them, which
the dump classifier would read as a menu. Converters for language models (html2text, Jina
Reader, Firecrawl, trafilatura's Markdown) write Markdown: ``# Headline``, ``[text](url)``,
``**bold**``. A dump that shows neither is left exactly as it is.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

#: a dump is hard-wrapped at most this wide (text browsers wrap at 72-80 columns)
MAX_WRAP_WIDTH = 100
#: ... and shows it on at least this many lines that end a wrap (one full line, more below)
MIN_WRAPPED_LINES = 5
#: a line ended by the wrap is at least this share of the width long
_FULL_LINE = 0.6
#: where a wrapped paragraph's next line cannot continue it: a list item or a heading mark
_BLOCK_START = re.compile(r"(?:[*+•-]|\d{1,3}[.)]|#{1,6}|>|\|)(?:\s|$)")


def wrap_width(texts: list[str]) -> int | None:
    """The width a dump's lines were wrapped at, or None when they were not.

    The width is the longest line with a space (a long address alone on its line may
    overflow it); a wrapped dump has many lines ended by the wrap.

    >>> paragraph = ["Der Rat hat am Montag nach langer Debatte die Sanierung", "der Brücke beschlossen, die bis 2028 dauern und rund", "180 Millionen Euro kosten soll."]
    >>> wrap_width(paragraph * 3)
    55
    >>> wrap_width(["Politik", "Sport", "Der Rat hat am Montag die Sanierung der Brücke beschlossen."] * 3) is None
    True
    """
    width = max((len(t) for t in texts if " " in t), default=0)
    if not width or width > MAX_WRAP_WIDTH:
        return None
    wrapped = sum(1 for a, b in pairwise(texts) if _wrapped(a, b, width))
    return width if wrapped >= MIN_WRAPPED_LINES else None


def _wrapped(line: str, following: str, width: int) -> bool:
    """Whether ``following`` continues the paragraph that the wrap ended ``line``: the next
    line's first word would not have fitted on it."""
    if len(line) < width * _FULL_LINE or _BLOCK_START.match(following):
        return False
    first = following.split(" ", 1)[0]
    return len(line) + 1 + len(first) > width


def unwrap(texts: list[str], after_blank: list[bool], width: int) -> tuple[list[str], list[bool]]:
    """The lines of a dump wrapped at ``width`` with each paragraph joined into one line; a
    word broken at its hyphen ("Nordrhein-" / "Westfalen") is joined without a space.

    >>> unwrap(["Der Rat hat am Montag in Nordrhein-", "Westfalen beschlossen.", "Politik"], [True, False, True], 36)
    (['Der Rat hat am Montag in Nordrhein-Westfalen beschlossen.', 'Politik'], [True, True])
    """
    out: list[str] = []
    blanks: list[bool] = []
    for i, text in enumerate(texts):
        if out and not after_blank[i] and _wrapped(texts[i - 1], text, width):
            joint = "" if out[-1].endswith("-") and out[-1][-2:-1].isalpha() else " "
            out[-1] = out[-1] + joint + text
        else:
            out.append(text)
            blanks.append(after_blank[i])
    return out, blanks


#: what marks a dump as Markdown: ATX headings and inline links or images
_HEADING = re.compile(r"#{1,6}\s+(.*?)(?:\s+#+)?")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MARKDOWN_LINK = re.compile(r"\]\((?:https?://|/|#|\.)")
#: enough of both that a plain dump quoting one ("# 1 der Charts", "[sic](…)") is not Markdown
MIN_MARKDOWN_MARKS = 3

def is_markdown(texts: list[str], after_blank: list[bool]) -> bool:
    """Whether a dump is written in Markdown: headings and links in its syntax. A heading
    counts on a line of its own between blank lines, as converters write it; lines marked
    "# " one after the other are a page's hashtags or numbered captions.

    >>> is_markdown(["# Brücke wird saniert", "[Politik](/politik)", "Text mit [Link](https://x.de)."], [True] * 3)
    True
    >>> is_markdown(["# Bitcoin", "# Börse", "# Wirtschaft", "Der Kurs stieg."], [True, False, False, True])
    False
    """
    n = len(texts)
    headings = sum(1 for i, t in enumerate(texts) if t[0] == "#" and after_blank[i] and (i + 1 == n or after_blank[i + 1])
                   and _HEADING.fullmatch(t))
    return headings + len(_MARKDOWN_LINK.findall("\n".join(texts))) >= MIN_MARKDOWN_MARKS


def markdown_lines(text: str) -> tuple[list[str], list[bool]]:
    """The lines a plain dump of a Markdown page would have, and which follow a blank line:
    a paragraph, heading, table row or list entry each on one line, without marks; a link as
    its text, an image as nothing; the entries of a list and the rows of a table one under
    the other, everything else after a blank line, as a dump of the page's HTML has them.
    markdown-it (the parser rich uses) reads the syntax: links that span lines, nested marks
    and escapes need a parser.

    >>> markdown_lines("# Die Brücke wird **saniert**\\n\\n* [Politik](/politik)\\n* [Sport](/sport)\\n\\n"
    ...                "Laut [der Stadt](https://stadt.de) kostet sie\\nrund 180 Mio. in Nordrhein-\\nWestfalen.![Foto](/a.jpg)")
    (['Die Brücke wird saniert', 'Politik', 'Sport', 'Laut der Stadt kostet sie rund 180 Mio. in Nordrhein-Westfalen.'], [True, True, False, True])
    """
    texts: list[str] = []
    after_blank: list[bool] = []
    first_entry = entry = False  # the next line starts an entry of a list or table (its first?)
    row: list[str] | None = None  # the cells of the table row being read
    for token in _markdown_parser().parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            first_entry = True
        elif kind == "list_item_open":
            entry = True
        elif kind == "tr_open":
            row = []
        elif kind == "inline" and row is not None:
            row.extend(_inline_lines(token.children or []))
            continue
        elif kind in ("tr_close", "inline", "fence", "code_block"):
            if kind == "tr_close":
                lines, row, entry = [" ".join(row or [])], None, True
            else:
                lines = _inline_lines(token.children or []) if kind == "inline" else token.content.split("\n")
            for n, line in enumerate(filter(None, (" ".join(line.split()) for line in lines))):
                texts.append(line)
                after_blank.append(n == 0 and (first_entry or not entry))
                first_entry = entry = False
    return texts, after_blank


@cache
def _markdown_parser() -> MarkdownIt:
    """CommonMark with tables, reading a page for its text; built once (the parser keeps no
    state between documents) and imported only when a Markdown dump comes (a tenth of a
    second at start). Indented lines are no code: converters indent the text of nested
    elements.

    >>> [t.content for t in _markdown_parser().parse("      [Politik](/p) und **mehr**") if t.type == "inline"]
    ['[Politik](/p) und **mehr**']
    """
    from markdown_it import MarkdownIt

    class TextParser(MarkdownIt):
        """The address a link points to is no text: it is taken as written, not normalised
        and checked for the HTML it would become (the parser's time went there: pages carry
        hundreds of links)."""

        def normalizeLink(self, url: str) -> str:  # noqa: N802 (markdown-it's name)
            return url

        def validateLink(self, url: str) -> bool:  # noqa: N802
            return True

    return TextParser("commonmark").enable("table").disable("code")


def _inline_lines(children: list) -> list[str]:
    """The text of a Markdown paragraph's inline tokens, cut at its hard line breaks; a line
    the source wrapped is joined again ("Nordrhein-" and "Westfalen" without a space)."""
    lines = [""]
    for child in children:  # (an image's alt text is its children's, not the page's text)
        if child.type == "hardbreak":
            lines.append("")
        elif child.type == "softbreak":
            last = lines[-1]
            lines[-1] += "" if last.endswith("-") and last[-2:-1].isalpha() else " "
        elif child.type in ("text", "code_inline"):
            lines[-1] += child.content
    return lines

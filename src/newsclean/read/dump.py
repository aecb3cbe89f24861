"""A plain-text dump -> its lines: paragraph-like units in page order, before any verdict.

>>> [b.text for b in segment_text("Titel\\n\\nErster Absatz.\\nZweiter Absatz.\\n")]
['Titel', 'Erster Absatz.', 'Zweiter Absatz.']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import TooLargeError
from ..model import MAX_LINES, Block
from ..text.normalize import clean_lines
from .plain import is_markdown, markdown_lines, unwrap, wrap_width


@dataclass(frozen=True, slots=True)
class DumpLines:
    """The non-empty lines of a text dump, whitespace collapsed, and which of them follow a
    blank line (or start the dump). Plain lists, not blocks: the dump classifier builds each
    line's block once, with its verdict (a dump has hundreds of lines)."""

    texts: list[str]
    after_blank: list[bool]


def dump_lines(text: str) -> DumpLines:
    """Cut a plain-text dump into its non-empty lines; more than
    :data:`~newsclean.model.MAX_LINES` of them are refused as too large. A dump wrapped by a
    text browser gets its paragraphs joined, a Markdown dump its marks taken off
    (:mod:`newsclean.read.plain`).

    >>> dump_lines("Menü\\nSuche\\n\\nErster  Absatz.\\n")
    DumpLines(texts=['Menü', 'Suche', 'Erster Absatz.'], after_blank=[True, False, True])
    """
    # the repairs of normalize_text, once for the whole dump instead of once per line (odd
    # spaces and tabs become plain spaces with the runs of whitespace)
    text = clean_lines(unicodedata.normalize("NFC", text))
    lines = without_server_messages(written_lines(text))
    texts, after_blank = lines.texts, lines.after_blank
    if len(texts) > MAX_LINES:
        raise TooLargeError(too_many_blocks(MAX_LINES, "lines"))
    # what Markdown converters and text browsers add, taken off (a plain dump has neither)
    if is_markdown(texts, after_blank):
        texts, after_blank = markdown_lines(text)
    elif (width := wrap_width(texts)) is not None:
        texts, after_blank = unwrap(texts, after_blank, width)
    return DumpLines(texts, after_blank)


def written_lines(text: str) -> DumpLines:
    """The non-empty lines of ``text`` as written, stripped of spaces, and which follow a
    blank line (or start the text).

    >>> written_lines("# Titel\\n\\n[Politik](/p)\\n")
    DumpLines(texts=['# Titel', '[Politik](/p)'], after_blank=[True, True])
    """
    texts: list[str] = []
    after_blank: list[bool] = []
    blank = True
    for line in text.split("\n"):
        line = line.strip(" ")
        if line:
            texts.append(line)
            after_blank.append(blank)
        blank = not line
    return DumpLines(texts, after_blank)


def without_server_messages(lines: DumpLines) -> DumpLines:
    """The lines without the error messages a web server printed before the page ("Warning:
    mysql_connect(): … in /www/htdocs/…/db.php on line 12", "Deprecated: …"): no part of the
    page, whose first line is then its ``<title>``.

    >>> without_server_messages(written_lines("Deprecated: Function x() is deprecated in /www/a.php on line 5\\n\\nTitel | Blatt\\n"))
    DumpLines(texts=['Titel | Blatt'], after_blank=[True])
    """
    n = 0
    while n < len(lines.texts) and _SERVER_MESSAGE.match(lines.texts[n]):
        n += 1
    if n == 0 or n == len(lines.texts):
        return lines
    return DumpLines(lines.texts[n:], [True, *lines.after_blank[n + 1:]])


#: a PHP error message as servers print it into a page ("Warning: … in /path/file.php on line 12")
_SERVER_MESSAGE = re.compile(r"(?:PHP )?(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable )?Fatal error|Parse error): "
                             r".{1,500} on line \d+")


def too_many_blocks(limit: int, what: str) -> str:
    """The message for a page of more than ``limit`` blocks (``what``: "lines", "paragraphs")."""
    return f"page has more than {limit:,} {what}, not an article page (news pages have a few hundred)"


def segment_text(text: str) -> list[Block]:
    """Cut a plain-text dump into blocks: one per non-empty line.

    A line that follows a blank line (or starts the dump) is marked ``after_blank``: dumps put
    blank lines around paragraph-like elements (p, headings) and none between the items of a
    list or menu, so the mark tells a paragraph from a menu entry.

    >>> [(b.text, b.after_blank) for b in segment_text("Menü\\nSuche\\n\\nErster  Absatz.\\n")]
    [('Menü', True), ('Suche', False), ('Erster Absatz.', True)]
    """
    lines = dump_lines(text)
    return [
        Block(i, line, after_blank=after)
        for i, (line, after) in enumerate(zip(lines.texts, lines.after_blank, strict=True))
    ]

"""Page -> blocks: paragraph-like units in page order, before any verdict.

HTML is walked through the DOM (block-level elements start a new block, inline elements stay
inside it), text dumps are cut at line breaks. Both give :class:`~newsclean.models.Block`
objects with the hints later stages need.

>>> [b.text for b in segment_text("Titel\\n\\nErster Absatz.\\nZweiter Absatz.\\n")]
['Titel', 'Erster Absatz.', 'Zweiter Absatz.']
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree
from lxml.html import HtmlElement

from .models import Block, Kind
from .normalize import fix_spaces, normalize_text, remove_invisible

# Elements whose text is never shown to a reader.
INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "button", "input", "textarea", "head", "video", "audio", "map",
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table thead tbody tfoot tr td th "
    "section article header footer nav aside main figure figcaption form fieldset address hr br "
    "center details summary caption body html legend menu".split()
)
_KIND_OF: dict[str, Kind] = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list_item", "dd": "list_item", "dt": "list_item",
    "blockquote": "quote",
}
# class/id tokens longer than this are CMS hashes, not words
_MAX_HINT_TOKEN = 40
_HINT_TOKEN = re.compile(rf"[A-Za-z][A-Za-z0-9_-]{{1,{_MAX_HINT_TOKEN}}}")
_MAX_HINT_LEVELS = 12


def _label(el: HtmlElement) -> str:
    """Tag plus class and id tokens of one element, e.g. ``aside.teaser-box#more``."""
    parts = [el.tag]
    for attr in ("class", "id"):
        value = el.get(attr)
        if value:
            parts.extend(_HINT_TOKEN.findall(value)[:6])
    return ".".join(parts)


class _Builder:
    """Accumulates inline text and emits a block at each block-level boundary.

    The stacks hold one entry per open block-level element: its element, its label (computed
    only when a block below it has text) and the kind its blocks get.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.link_depth = 0
        self.elements: list[HtmlElement] = []
        self.labels: list[str | None] = []
        self.kinds: list[Kind] = ["paragraph"]

    def add(self, text: str) -> None:
        self.parts.append(text)
        if self.link_depth:
            self.link_chars += len(text.strip())

    def open(self, el: HtmlElement, tag: str) -> None:
        self.flush()
        self.elements.append(el)
        self.labels.append(None)
        self.kinds.append(_KIND_OF.get(tag) or self.kinds[-1])

    def close(self) -> None:
        self.flush()
        self.elements.pop()
        self.labels.pop()
        self.kinds.pop()

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        link_chars, self.parts, self.link_chars = self.link_chars, [], 0
        if raw.isspace():  # the indentation between tags: most flushes
            return
        text = normalize_text(raw)
        if not text:
            return
        density = min(1.0, link_chars / len(text))
        self.blocks.append(
            Block(index=len(self.blocks), text=text, kind=self.kinds[-1], link_density=density, hint=self.hint())
        )

    def hint(self) -> str:
        labels, start = self.labels, max(0, len(self.labels) - _MAX_HINT_LEVELS)
        for i in range(start, len(labels)):
            if labels[i] is None:
                labels[i] = _label(self.elements[i])
        return " ".join(labels[start:])  # type: ignore[arg-type]


def segment_html(tree: HtmlElement) -> list[Block]:
    """Cut a parsed page into blocks, skipping invisible elements.

    The tree is modified (invisible elements are stripped), so pass a tree nobody else needs.
    Comments must already be gone (:func:`~newsclean.pipeline.parse_html` drops them): the
    walk does not see them, nor the text after them.

    >>> from lxml import html
    >>> page = html.fromstring("<div><h2>Titel</h2><p>Ein <a href='/x'>Link</a> im Text.</p></div>")
    >>> [(b.kind, b.text, round(b.link_density, 2)) for b in segment_html(page)]
    [('heading', 'Titel', 0.0), ('paragraph', 'Ein Link im Text.', 0.24)]
    """
    etree.strip_elements(tree, *INVISIBLE_TAGS, with_tail=False)
    build = _Builder()
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag in _BLOCK_TAGS:
                build.open(el, tag)
            elif tag == "a":
                build.link_depth += 1
            if el.text:
                build.add(el.text)
        else:
            if tag in _BLOCK_TAGS:
                build.close()
            elif tag == "a":
                build.link_depth -= 1
            if el.tail:
                build.add(el.tail)
    build.flush()
    return build.blocks


#: ``Block.hint`` of a dump line that follows a blank line (or starts the dump). Dumps put blank
#: lines around paragraph-like elements (p, headings) and none between the items of a list or
#: menu, so the hint tells a paragraph from a menu entry.
AFTER_BLANK = "after-blank"


def segment_text(text: str) -> list[Block]:
    """Cut a plain-text dump into blocks: one per non-empty line.

    Lines that follow a blank line get the hint :data:`AFTER_BLANK`.

    >>> [(b.text, b.hint) for b in segment_text("Menü\\nSuche\\n\\nErster  Absatz.\\n")]
    [('Menü', 'after-blank'), ('Suche', ''), ('Erster Absatz.', 'after-blank')]
    """
    # the repairs of normalize_text, once for the whole dump instead of once per line
    text = fix_spaces(remove_invisible(unicodedata.normalize("NFC", text)))
    blocks: list[Block] = []
    blank = True
    for line in text.split("\n"):
        clean = " ".join(line.split())
        if clean:
            blocks.append(Block(index=len(blocks), text=clean, hint=AFTER_BLANK if blank else ""))
        blank = not clean
    return blocks

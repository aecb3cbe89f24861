"""Page -> blocks: paragraph-like units in page order, before any verdict.

HTML is walked through the DOM (block-level elements start a new block, inline elements stay
inside it), text dumps are cut at line breaks. Both give :class:`~newsclean.models.Block`
objects with the hints later stages need.

>>> [b.text for b in segment_text("Titel\\n\\nErster Absatz.\\nZweiter Absatz.\\n")]
['Titel', 'Erster Absatz.', 'Zweiter Absatz.']
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from .models import Block, Kind
from .normalize import normalize_text

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
    """Accumulates inline text and emits a block at each block-level boundary."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.kinds: list[Kind | None] = []
        self.labels: list[str] = []
        self.link_depth = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            if self.link_depth:
                self.link_chars += len(text.strip())

    def flush(self) -> None:
        if not self.parts:
            return
        text = normalize_text("".join(self.parts))
        link_chars, self.parts, self.link_chars = self.link_chars, [], 0
        if not text:
            return
        kind = next((k for k in reversed(self.kinds) if k), "paragraph")
        hint = " ".join(self.labels[-_MAX_HINT_LEVELS:])
        density = min(1.0, link_chars / max(1, len(text)))
        self.blocks.append(Block(index=len(self.blocks), text=text, kind=kind, link_density=density, hint=hint))


def segment_html(tree: HtmlElement) -> list[Block]:
    """Cut a parsed page into blocks, skipping invisible elements.

    The tree is modified (invisible elements are stripped), so pass a tree nobody else needs.
    """
    etree.strip_elements(tree, *INVISIBLE_TAGS, with_tail=False)
    build = _Builder()
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):  # comments and processing instructions
            if event == "end":
                build.add(el.tail)
            continue
        tag = tag.lower()
        block = tag in _BLOCK_TAGS
        if event == "start":
            if block:
                build.flush()
                build.kinds.append(_KIND_OF.get(tag))
                build.labels.append(_label(el))
            if tag == "a":
                build.link_depth += 1
            build.add(el.text)
        else:
            if tag == "a":
                build.link_depth -= 1
            if block:
                build.flush()
                build.kinds.pop()
                build.labels.pop()
            build.add(el.tail)
    build.flush()
    return build.blocks


def segment_text(text: str) -> list[Block]:
    """Cut a plain-text dump into blocks: one per non-empty line.

    A line that follows a blank line and is short and unpunctuated is marked as a heading
    candidate by the classifier, not here.
    """
    blocks: list[Block] = []
    for line in text.split("\n"):
        clean = normalize_text(line)
        if clean:
            blocks.append(Block(index=len(blocks), text=clean))
    return blocks

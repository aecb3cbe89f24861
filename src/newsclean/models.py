"""The frozen data passed between pipeline stages.

Data flows one way::

    bytes -> Page -> [Block] -> Document (blocks with verdicts + metadata) -> Article -> JSON

Stages never mutate these objects; they return new ones (``dataclasses.replace``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from itertools import repeat
from typing import Literal

Format = Literal["html", "text"]
#: what a block is on the page
Kind = Literal["paragraph", "heading", "quote", "list_item"]
#: what a kept block is used for in the article
Role = Literal["body", "title", "kicker", "lead", "byline", "dateline", "date"]
Verdict = Literal["keep", "drop"]

#: reason codes for dropped blocks, in the order the docs list them
REASONS: tuple[str, ...] = (
    "newsletter",
    "sponsored",
    "related",
    "credit",
    "login",
    "paywall",
    "social",
    "comments",
    "cookie",
    "navigation",
    "link_density",
    "duplicate",
    "not_main_content",
)


@dataclass(frozen=True, slots=True)
class Page:
    """A decoded page: the raw bytes are gone, only their fingerprint is kept.

    ``text`` is the whole decoded page (HTML source or dump), already Unicode-repaired.
    """

    text: str
    format: Format
    encoding: str
    sha256: str
    path: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-like unit of the page, in page order, with its verdict.

    ``hint`` carries what segmentation saw around the block (for HTML: the class/id words of
    its ancestors and whether the main-content extractor kept it), which rules may use.
    ``rule`` says which rule or phrase decided the verdict, for ``diff``.
    """

    index: int
    text: str
    kind: Kind = "paragraph"
    verdict: Verdict = "keep"
    role: Role = "body"
    reason: str | None = None
    rule: str | None = None
    link_density: float = 0.0
    in_main: bool = True
    hint: str = ""

    @property
    def kept(self) -> bool:
        return self.verdict == "keep"


_new = object.__new__
# each slot's own setter: a frozen dataclass's __init__ goes through object.__setattr__ and a
# lookup by name for every field, twice the time of these (and a page has hundreds of blocks)
(_set_index, _set_text, _set_kind, _set_verdict, _set_role, _set_reason, _set_rule, _set_link_density,
 _set_in_main, _set_hint) = (getattr(Block, f.name).__set__ for f in fields(Block))


def new_block(index: int, text: str, kind: Kind, verdict: Verdict, role: Role, reason: str | None,
              rule: str | None, link_density: float, in_main: bool, hint: str) -> Block:
    """``Block(...)`` with every field given, in field order, built in half the time.

    >>> new_block(3, "Text", "quote", "drop", "body", "social", "r", 0.5, False, "h") == Block(
    ...     3, "Text", "quote", "drop", "body", "social", "r", 0.5, False, "h")
    True
    """
    b = _new(Block)
    _set_index(b, index)
    _set_text(b, text)
    _set_kind(b, kind)
    _set_verdict(b, verdict)
    _set_role(b, role)
    _set_reason(b, reason)
    _set_rule(b, rule)
    _set_link_density(b, link_density)
    _set_in_main(b, in_main)
    _set_hint(b, hint)
    return b


def dump_blocks(texts: list[str], kinds: Iterable[Kind], verdicts: Iterable[Verdict], reasons: Iterable[str | None],
                rules: Iterable[str | None], hints: Iterable[str]) -> list[Block]:
    """The blocks of a page given as columns, one value per block in each (the index is the
    position; role ``body``, no links, in the main content): :func:`new_block` field by field
    with C-level ``map`` calls instead of block by block, for the hundreds of lines of a dump.

    >>> dump_blocks(["A", "B"], ["heading", "paragraph"], ["keep", "drop"], [None, "social"],
    ...             [None, "r"], ["", "h"]) == [Block(0, "A", "heading"),
    ...                                         Block(1, "B", "paragraph", "drop", reason="social", rule="r", hint="h")]
    True
    """
    n = len(texts)
    blocks = list(map(_new, repeat(Block, n)))
    for set_field, column in ((_set_index, range(n)), (_set_text, texts), (_set_kind, kinds), (_set_verdict, verdicts),
                              (_set_role, repeat("body")), (_set_reason, reasons), (_set_rule, rules),
                              (_set_link_density, repeat(0.0)), (_set_in_main, repeat(True)), (_set_hint, hints)):
        deque(map(set_field, blocks, column), maxlen=0)  # (runs the setters, keeps nothing)
    return blocks


@dataclass(frozen=True, slots=True)
class Metadata:
    """Article fields that are not body text. Dates are ISO 8601 strings."""

    title: str | None = None
    kicker: str | None = None
    lead: str | None = None
    authors: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None
    dateline: str | None = None
    url: str | None = None
    site_name: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """The page cut into labelled blocks plus the metadata found: what ``diff`` renders."""

    page: Page
    blocks: tuple[Block, ...]
    metadata: Metadata = field(default_factory=Metadata)
    warnings: tuple[str, ...] = ()

    @property
    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kept and b.role == "body")

    @property
    def removed_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if not b.kept)

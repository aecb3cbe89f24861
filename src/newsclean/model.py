"""The frozen data passed between pipeline stages.

Data flows one way::

    bytes -> Page -> [Block] -> Document (blocks with verdicts + metadata) -> Article -> JSON

Stages never mutate these objects; they return new ones (``dataclasses.replace``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
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
class Origin:
    """Where a page's bytes came from, as the input adapter knows it (none of it read from the
    page itself). Passed to :func:`newsclean.pipeline.clean_bytes`; ends up in ``source``.

    Attributes:
        path: the file as given (``source.path``); None for standard input and WARC records.
        id: stable and unique in a run (``source.id``): the path for a file, ``WARC#record-id``
            for a WARC record; defaults to ``path``.
        url: the URL the bytes were fetched from (WARC-Target-URI); beats the page's own.
        charset: the charset of the HTTP Content-Type header; read after a byte order mark and
            before ``<meta charset>``, as a browser does.
        warc_file, warc_record_id, fetched: the WARC file, its WARC-Record-ID and WARC-Date
            (ISO 8601) for a page from a web archive.
    """

    path: str | None = None
    id: str | None = None
    url: str | None = None
    charset: str | None = None
    warc_file: str | None = None
    warc_record_id: str | None = None
    fetched: str | None = None

    @property
    def source_id(self) -> str | None:
        return self.id if self.id is not None else self.path


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
    origin: Origin = Origin()


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


class _Draft:
    """A block being filled in: Block's slots, in Block's order, without the frozen
    ``__setattr__`` (a plain attribute store is several times faster than a slot's setter
    called as a function). Same layout, so the finished draft can become a Block."""

    __slots__ = tuple(f.name for f in fields(Block))


def new_block(index: int, text: str, kind: Kind, verdict: Verdict, role: Role, reason: str | None,
              rule: str | None, link_density: float, in_main: bool, hint: str) -> Block:
    """``Block(...)`` with every field given, in field order, built in a fifth of the time
    (a frozen dataclass's ``__init__`` goes through ``object.__setattr__`` and a lookup by name
    for every field, and a page has hundreds of blocks).

    >>> block = new_block(3, "Text", "quote", "drop", "body", "social", "r", 0.5, False, "h")
    >>> block == Block(3, "Text", "quote", "drop", "body", "social", "r", 0.5, False, "h"), type(block) is Block
    (True, True)
    >>> block.text = "still frozen"
    Traceback (most recent call last):
    dataclasses.FrozenInstanceError: cannot assign to field 'text'
    """
    b = _Draft()  # (a call of the class: faster than object.__new__(_Draft))
    b.index = index
    b.text = text
    b.kind = kind
    b.verdict = verdict
    b.role = role
    b.reason = reason
    b.rule = rule
    b.link_density = link_density
    b.in_main = in_main
    b.hint = hint
    b.__class__ = Block  # type: ignore[assignment]  # (raises if Block's layout ever differs)
    return b  # type: ignore[return-value]


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

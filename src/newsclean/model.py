"""The frozen data passed between pipeline stages.

Data flows one way::

    bytes -> Page -> [Block] -> Document (blocks with verdicts + metadata) -> Article -> JSON

Stages never mutate these objects; they return new ones (``dataclasses.replace``; for a
block, :meth:`Block.dropped`, :meth:`Block.kept_as` and the like).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, NamedTuple

Format = Literal["html", "text"]
#: what a block is on the page
Kind = Literal["paragraph", "heading", "quote", "list_item"]
#: what a kept block is used for in the article
Role = Literal["body", "title", "kicker", "lead", "byline", "dateline", "date"]
Verdict = Literal["keep", "drop"]


class Reason(StrEnum):
    """Why a block was left out: the code in the JSON's ``removed`` list (a ``str``, so it
    compares and serialises as its code).

    >>> Reason("credit") is Reason.CREDIT, Reason.CREDIT == "credit"
    (True, True)
    """

    NEWSLETTER = "newsletter"
    SPONSORED = "sponsored"
    RELATED = "related"
    CREDIT = "credit"
    LOGIN = "login"
    PAYWALL = "paywall"
    SOCIAL = "social"
    COMMENTS = "comments"
    COOKIE = "cookie"
    NAVIGATION = "navigation"
    LINK_DENSITY = "link_density"
    DUPLICATE = "duplicate"
    NOT_MAIN_CONTENT = "not_main_content"


#: the reason codes, in the order the docs list them
REASONS: tuple[str, ...] = tuple(reason.value for reason in Reason)

#: what a rule looked at: a phrase matched the whole block (``phrase``), its start
#: (``starts``) or a part (``contains``); a regular expression (``pattern``); a class/id word
#: (``html``); the share of link text (``link_density``); where the block stands (``position``);
#: the field it repeats (``repeats``)
RuleKind = Literal["phrase", "starts", "contains", "pattern", "html", "link_density", "position", "repeats"]


#: a dump of more lines than this is refused as too large: a news page has a few hundred (the
#: eval dumps at most 2,000), and cleaning's time and memory grow with the lines (250,000 of
#: the costliest shape take 12 s of CPU and 330 MB) ...
MAX_LINES = 250_000
#: ... and an HTML page of more paragraphs than this (the eval pages have at most 10,000
#: elements): a paragraph costs more than a dump's line (its markup, its element's hints), up
#: to 80 µs, so the worst page at this limit is as slow as the worst dump at its own
MAX_PARAGRAPHS = 150_000


@dataclass(frozen=True, slots=True)
class Rule:
    """Which rule decided a block's verdict, and on what evidence; ``diff`` shows it.

    ``after`` marks a block dropped because it sits in the box a heading opened, the heading's
    rule being the rest.

    >>> str(Rule("phrase", "mehr zum thema", after=True)), str(Rule("link_density", "0.75"))
    ('after: phrase: mehr zum thema', 'link density 0.75')
    """

    kind: RuleKind
    evidence: str
    after: bool = False

    def __str__(self) -> str:
        if self.kind in ("position", "repeats"):
            text = self.evidence
        elif self.kind == "link_density":
            text = f"link density {self.evidence}"
        else:
            text = f"{self.kind}: {self.evidence}"
        return f"after: {text}" if self.after else text


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


class Block(NamedTuple):
    """One paragraph-like unit of the page, in page order, with its verdict.

    ``hint`` is the DOM path segmentation saw around an HTML block (the class/id words of its
    ancestors), which rules may use; ``after_blank`` says a dump line follows a blank line (or
    starts the dump): dumps put blank lines around paragraphs and none between the entries of
    a menu; an HTML block, that a dump of the page would have one there. ``rule`` says which rule decided the verdict, for ``diff``.

    Built with ``Block(...)``; a changed copy with :meth:`dropped`, :meth:`kept_as`,
    :meth:`with_text` or, for any other field, ``_replace`` (the named tuple's copy with
    changes). A named tuple, not a frozen dataclass: it is as immutable, and a dump builds one
    per line, hundreds a page, where a frozen dataclass's ``__init__`` (a
    ``object.__setattr__`` call per field) took five times as long.

    >>> block = Block(0, "Newsletter bestellen")
    >>> dropped = block.dropped(Reason.NEWSLETTER, Rule("phrase", "newsletter bestellen"))
    >>> dropped.kept, dropped.reason.value, str(dropped.rule), block.kept
    (False, 'newsletter', 'phrase: newsletter bestellen', True)
    >>> block.text = "still frozen"
    Traceback (most recent call last):
    AttributeError: can't set attribute
    """

    index: int
    text: str
    kind: Kind = "paragraph"
    verdict: Verdict = "keep"
    role: Role = "body"
    reason: Reason | None = None
    rule: Rule | None = None
    link_density: float = 0.0
    in_main: bool = True
    hint: str = ""
    after_blank: bool = False

    @property
    def kept(self) -> bool:
        return self.verdict == "keep"

    def dropped(self, reason: Reason, rule: Rule | None = None) -> Block:
        """The block left out, for ``reason``, as ``rule`` decided."""
        return self._replace(verdict="drop", reason=reason, rule=rule)

    def kept_as(self, role: Role, kind: Kind | None = None) -> Block:
        """The block kept, in ``role`` (``body``: article text; else a metadata field's block,
        out of the body but not reported as removed), as ``kind`` if given."""
        return self._replace(verdict="keep", role=role, reason=None, rule=None, kind=kind or self.kind)

    def with_text(self, text: str) -> Block:
        """The block with its text cut or repaired (a dateline cut off, a drop cap joined)."""
        return self._replace(text=text)

    def within(self, tag: str) -> bool:
        """Whether an element ``tag`` of the DOM path ``hint`` holds the HTML block.

        >>> Block(0, "Home News", hint="html body nav ul.menu li").within("nav")
        True
        >>> Block(0, "Bahnstreik", hint="html body article div.navigation").within("nav")
        False
        """
        return any(_tag_of(label) == tag for label in self.hint.split(" "))

    @property
    def tag(self) -> str:
        """The tag of the element the HTML block's text is in: the last label of ``hint``.

        >>> Block(0, "Zutaten", hint="html body article table tr td.cell").tag
        'td'
        """
        return _tag_of(self.hint.rpartition(" ")[2])


def _tag_of(label: str) -> str:
    """The tag of a label of a DOM path ("td.cell#x" -> "td")."""
    return label.partition(".")[0].partition("#")[0]


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

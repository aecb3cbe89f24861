"""Where the article stands among a page's blocks: its kept body blocks and its first paragraph.

The metadata fields are looked for around these places: the headline right before the
article's first paragraph, the byline and date lines under the headline, the lead between them.

>>> blocks = [Block(0, "Menü", verdict="drop"), Block(1, "Titel"), Block(2, "Text " * 50)]
>>> body_indices(blocks), article_start(blocks)
([1, 2], ArticleStart(first=1, first_long=2))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Block

#: a kept paragraph this long (characters) is article text, not a kept menu entry or caption
ARTICLE_PARAGRAPH = 200


def body_indices(blocks: Sequence[Block]) -> list[int]:
    """Indices of the kept body blocks.

    >>> body_indices([Block(0, "Titel", role="title"), Block(1, "Text"), Block(2, "Menü", verdict="drop")])
    [1]
    """
    # (the verdict compared here, not through Block.kept: a property call per block was a
    # third of the time of this pass over the page)
    return [i for i, b in enumerate(blocks) if b.verdict == "keep" and b.role == "body"]


def first_long_after(blocks: Sequence[Block], start: int) -> int:
    """The first kept body paragraph of article length after ``start`` (or the end)."""
    return next((i for i in range(start + 1, len(blocks)) if len(blocks[i].text) >= ARTICLE_PARAGRAPH
                 and blocks[i].kept and blocks[i].role == "body"), len(blocks))


@dataclass(frozen=True, slots=True)
class ArticleStart:
    """Where the article starts, before any metadata is taken out of the body."""

    #: the first kept body block (the number of blocks if there is none)
    first: int
    #: the first of them of article length: the article starts at its first real paragraph,
    #: not at a kept menu entry (``first`` if there is none)
    first_long: int


def article_start(blocks: Sequence[Block]) -> ArticleStart:
    body = body_indices(blocks)
    first = body[0] if body else len(blocks)
    return ArticleStart(first, next((i for i in body if len(blocks[i].text) >= ARTICLE_PARAGRAPH), first))

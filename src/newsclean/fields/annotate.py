"""Title, kicker, lead, authors, agencies, dates and dateline, and the roles of their blocks.

Works on the classified blocks (plus, for HTML, what the page declares; a dump declares
nothing). Blocks that carry metadata keep their place but get a role (``title``, ``kicker``,
``lead``, ``byline``, ``date``) so they leave the body without being reported as removed.
:func:`annotate` only composes: each field is found by a function of its own module, which
takes the blocks and returns the field with the blocks it relabelled or cut, never editing
what it was given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..config import CleanConfig
from ..model import Block, Document, Metadata
from ..text.dates import DateReader
from ..text.normalize import join_drop_cap
from ..verdicts.headline import TitleRepeats
from .credits import (
    credit,
    cut_author_box,
    cut_author_mark,
    cut_person_box,
    drop_bylined_teasers,
    read_header,
)
from .dateline import cut_dateline
from .declared import Declared
from .lead import find_lead
from .places import article_start, body_indices
from .pubdate import closing_date_lines, date_beside_title, header_dates, published_elsewhere
from .site import site_keys_of, site_names
from .title import find_headline, find_kicker, moved_repeats, split_run_together


def annotate(doc: Document, declared: Declared, config: CleanConfig, repeats: TitleRepeats | None = None) -> Document:
    """Find the metadata of ``doc`` and set the roles of the blocks that carry it; ``repeats``
    are the lines of a dump that repeat its ``<title>``, as its classifier found them."""
    page, fmt, reference = doc.page, doc.page.format, config.reference_date
    blocks = split_run_together(doc.blocks, reference)
    site_keys = site_keys_of(declared, page.url)
    start = article_start(blocks)
    headline = find_headline(blocks, fmt, declared, site_keys, start, moved_repeats(repeats, doc.blocks, blocks))
    # (the page's date reader: the header lines are asked about their dates many times)
    reader = DateReader(reference)
    page_title = declared.html_title if fmt == "html" else (doc.blocks[0].text if doc.blocks else None)
    kicker = find_kicker(headline.blocks, headline, fmt, reader, site_names(site_keys, page_title))
    header = read_header(kicker.blocks, headline.index, start, fmt, reader)
    credits = credit(header, fmt, declared, site_keys, headline.index if headline.index is not None else start.first, page_title)
    dates = header_dates(header, fmt, declared, reference)
    published = dates.published or date_beside_title(header.blocks, headline.index, reader)

    lead = find_lead(header.blocks, headline.index, fmt, declared)
    authors, agencies, dateline, blocks = list(credits.people), list(credits.agencies), lead.dateline, lead.blocks
    agencies += [lead.agency] if lead.agency else []  # "Hamburg (dpa/lno) – …"
    if lead.byline and not authors:
        authors.append(lead.byline)
    body = body_indices(blocks)
    dated = lead.dated
    if body and dateline is None:
        opening = cut_dateline(blocks, body[0])
        if opening.dateline:
            dateline, blocks, dated = opening.dateline.place, opening.blocks, opening.dateline.date
            agencies += [opening.dateline.agency] if opening.dateline.agency else []
    published = published or (reader.parse(dated) if dated else None)  # "Essen, 20.11.2024 – …"
    mark = cut_author_mark(blocks, body)
    blocks = list(mark.blocks)
    if not (mark.own_line and (authors or agencies or credits.newsroom or credits.site)):
        # (a mark on a line of its own under the article is the weakest credit, read only
        # where the page credits no one else, not even itself: it may name the source of a
        # part, "FMW/Bloomberg" under a writer's article)
        authors, agencies = authors or list(mark.people[:1]), agencies + list(mark.agencies)
    if not authors and credits.newsroom:
        authors = [credits.newsroom]  # nobody else is named: the newsroom's article
    elif not (authors or agencies) and credits.site:
        authors = [credits.site]  # nobody, not even an agency, signs it: the site's article
    blocks = list(drop_bylined_teasers(cut_person_box(cut_author_box(blocks, authors))))
    closing = closing_date_lines(blocks, reader)
    blocks, modified = list(closing.blocks), dates.modified or closing.modified
    published = published or closing.published
    published = published or published_elsewhere(blocks, headline, start.first, dates, fmt, page, declared, reader)
    blocks = join_drop_caps(blocks)

    meta = Metadata(
        title=headline.text,
        kicker=kicker.text,
        lead=blocks[lead.index].text if lead.index is not None else None,
        authors=tuple(dict.fromkeys(authors)),
        agencies=tuple(dict.fromkeys(agencies)),
        published=published,
        modified=modified,
        dateline=dateline,
        url=page.url or declared.url,
        site_name=declared.site_name,
    )
    return replace(doc, blocks=tuple(blocks), metadata=meta)


def join_drop_caps(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, with the drop caps of lead and body joined to their words ("D ie" -> "Die").

    >>> [b.text for b in join_drop_caps([Block(0, "D ie Stadt baut."), Block(1, "D ie", verdict="drop")])]
    ['Die Stadt baut.', 'D ie']
    """
    # (the cheap test first: one block in hundreds has a drop cap)
    return [b.with_text(join_drop_cap(b.text)) if b.text[1:2] == " " and b.verdict == "keep" and b.role in ("body", "lead")
            else b for b in blocks]

"""Title, kicker, lead, authors, agencies, dates and dateline, and the roles of their blocks.

Works on the classified blocks (plus, for HTML, what the page declares). Blocks that carry
metadata keep their place but get a role (``title``, ``kicker``, ``lead``, ``byline``, ``date``)
so they leave the body without being reported as removed. :func:`annotate` puts together what
:mod:`.title` (the headline), :mod:`.byline` (authors, agencies, date lines) and :mod:`.site`
(the site's own name) find; the lead and the dateline are read here.

>>> split_dateline("SANKT PETERSBURG. Einmal mehr hat Russland …")
Dateline(place='SANKT PETERSBURG', agency=None, rest='Einmal mehr hat Russland …')
>>> split_dateline("Berlin (dpa) - Die Regierung hat …")
Dateline(place='Berlin', agency='dpa', rest='Die Regierung hat …')
>>> split_dateline("Essen, 20.11.2024 / „KI als Schlüssel …")
Dateline(place='Essen', agency=None, rest='„KI als Schlüssel …')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from ..config import CleanConfig
from ..lexicon import load_toml
from ..model import Block, Document, Metadata, Reason, Role, Rule
from ..text.dates import date_spans, find_dates, parse_date
from ..text.normalize import join_drop_cap
from .byline import (
    AUTHOR_MARK,
    MetaLine,
    agency_of,
    agency_table,
    author_elsewhere,
    canonical_agency,
    date_line_near,
    dated_line_near,
    declared_authors,
    is_byline,
    is_date_line,
    is_person_name,
    iso_date,
    keep_author,
    labelled_date_elsewhere,
    marked_authors,
    next_to_date,
    read_meta_line,
    same_day_finer,
    split_byline,
)
from .declared import Declared, guess_date
from .site import TITLE_SPLIT, site_keys_of, squash, squashes_to
from .title import (
    after_kicker,
    choose_title,
    drop_title_repeats,
    find_dump_title,
    find_title,
    kicker_shaped,
    page_title_line,
    title_shaped,
)

_UPPER = "A-ZÄÖÜ"
_PLACE = rf"[{_UPPER}][\wÄÖÜäöüß.'’-]*(?:[ /-][{_UPPER}][\wÄÖÜäöüß.'’-]*){{0,3}}"


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    rest: str


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    agencies = "|".join(sorted(map(re.escape, agency_table()), key=len, reverse=True))
    dash = r"\s*[-–—]\s*"
    return (
        # Berlin (dpa) - / Berlin/Paris (AFP) –
        re.compile(rf"^(?P<place>{_PLACE})\s*\((?P<agency>(?:{agencies})(?:/[\w-]{{2,8}})*)\){dash}(?P<rest>.+)", re.I | re.S),
        # Essen, 20.11.2024 / …   or  Essen, 20. November 2024 - …
        re.compile(rf"^(?P<place>{_PLACE}),\s*(?P<date>[0-3]?\d\.\s?(?:[01]?\d\.|\w+\.?\s)\s?\d{{2,4}})\s*[/–—-]\s*(?P<rest>.+)", re.S),
        # Neuss · Was kann …  (a place and a middle dot)
        re.compile(rf"^(?P<place>{_PLACE})\s+·\s+(?P<rest>\S.+)", re.S),
        # SANKT PETERSBURG. …  /  BERLIN – …  (an all-caps place)
        re.compile(rf"^(?P<place>[{_UPPER}][{_UPPER}.'’-]+(?:[ /-][{_UPPER}][{_UPPER}.'’-]+){{0,3}})(?:\.|{dash}|:)\s*(?P<rest>[{_UPPER}„\"0-9].+)", re.S),
    )


def split_dateline(text: str) -> Dateline | None:
    """Split a leading dateline off a paragraph, or None if it has none."""
    for pattern in _dateline_patterns():
        m = pattern.match(text)
        if m and len(m.group("place")) >= 3:
            agency = m.groupdict().get("agency")
            place = m.group("place").rstrip(".")
            if place.isupper() and len(place.split()) > 4:
                continue
            return Dateline(place=place, agency=canonical_agency(agency) if agency else None, rest=m.group("rest").strip())
    return None


_DIGIT = re.compile(r"\d")


# ----------------------------------------------------------------------------- the whole pass


def annotate(doc: Document, declared: Declared | None, config: CleanConfig) -> Document:
    """Find the metadata of ``doc`` and set the roles of the blocks that carry it."""
    blocks = _split_run_together(list(doc.blocks), config.reference_date)
    reference = config.reference_date
    site_keys = site_keys_of(declared, doc.page.url)
    body = _body_of(blocks)
    first = body[0] if body else len(blocks)
    # the article starts at its first real paragraph, not at a kept menu item
    first_long = next((i for i in body if len(blocks[i].text) >= 200), first)

    dump_title = find_dump_title(blocks, first_long) if declared is None else None
    if dump_title:
        title_i, title = dump_title
        blocks[0] = _as(blocks[0], "title")  # the page's <title> line
    else:
        title_i = find_title(blocks, first_long if declared is not None else first, declared, site_keys)
        title = blocks[title_i].text if title_i is not None else None
        if title is None and declared is None:
            title = page_title_line(blocks)
    if title_i is not None:
        blocks[title_i] = _as(blocks[title_i], "title")
    if declared:
        title = choose_title(declared, site_keys, blocks[title_i] if title_i is not None else None)

    if title:
        blocks = drop_title_repeats(blocks, title)

    kicker = None
    if declared and title and title_i is not None and blocks[title_i].kind == "heading":
        kicker = after_kicker(blocks[title_i].text, title) or None  # glued into the headline's element
    if kicker is None and title_i is not None and title_i > 0:
        prev = blocks[title_i - 1]
        if (kicker_shaped(prev.text) and (prev.kept or prev.reason in ("navigation", "not_main_content", "related"))
                and not is_date_line(prev.text, reference) and not is_byline(prev.text)):
            kicker = prev.text  # (a byline over the headline, "von Anna Berg", is no kicker)
            blocks[title_i - 1] = _as(prev, "kicker")

    # header zone: from the title (or the first body block) a few blocks on
    start = title_i + 1 if title_i is not None else max(0, first - 3)
    authors: list[str] = []
    agencies: list[str] = []
    published = modified = None
    zone_end = min(len(blocks), max(start, first) + 6)
    if declared is None and title_i is not None:  # a dump: up to where the article starts
        zone_end = min(len(blocks), max(zone_end, min(first_long_after(blocks, title_i) + 1, title_i + 20)))
    # and, last, a short line right over the headline ("8. Januar 2020 · by Aureliana · in Gefühle")
    above = [title_i - 1] if declared is None and title_i and len(blocks[title_i - 1].text) <= 100 else []
    for i in [*above, *range(start, zone_end)]:
        b = blocks[i]
        if b.reason == "credit" or b.role != "body":
            continue
        line = read_meta_line(b.text, reference)
        if line is None and is_person_name(b.text) and next_to_date(blocks, i, reference):
            line = MetaLine(people=(b.text,))  # "22.11.2022" / "Christian Mihatsch"
        if line is None and (byline := split_byline(blocks, i)) != ((), ()):
            line = MetaLine(*byline)  # "Kommentar von" / "Nicole Opitz"
            if blocks[i - 1].role == "body":
                blocks[i - 1] = _as(blocks[i - 1], "byline")
        if line is None:
            continue
        authors += line.people
        agencies += line.agencies
        if line.modified:
            modified = modified or line.modified
        if line.published:
            published = published or line.published
        blocks[i] = _as(b, "byline" if line.people or line.agencies else "date")

    if declared:
        declared_people, declared_agencies = declared_authors(declared, site_keys)
        authors = declared_people or authors
        agencies += declared_agencies
        published = iso_date(declared.published, reference) or same_day_finer(published, iso_date(declared.time_published, reference))
        modified = iso_date(declared.modified, reference) or modified
    authors = [a for a in authors if keep_author(a, site_keys)]
    if not authors and declared is not None:
        authors = marked_authors(declared.author_marks, site_keys)
    if not authors:
        authors = author_elsewhere(blocks, title_i if title_i is not None else first, site_keys)
    if published is None and title_i is not None:
        # a date printed next to the title ("Titel 26. November 2024")
        for i in range(max(0, title_i - 2), min(len(blocks), title_i + 3)):
            if blocks[i].role in ("date", "title", "kicker") or is_date_line(blocks[i].text, reference):
                published = parse_date(blocks[i].text, reference)
                if published:
                    break

    body = _body_of(blocks)
    if declared is not None:
        after = [i for i in body if title_i is None or i > title_i]
        first_long = next((i for i in after if len(blocks[i].text) >= 200), after[0] if after else len(blocks))
        lead_i = _find_html_lead(blocks, title_i, first_long, declared)
    else:
        lead_i = _find_text_lead(blocks, body, title_i)
    lead = None
    dateline = None
    if lead_i is not None:
        found = split_dateline(blocks[lead_i].text)
        if found and declared is not None:  # "Neuss · Was kann …": the place is no part of the lead
            dateline = found.place
            blocks[lead_i] = blocks[lead_i].with_text(found.rest)
        if declared is None:
            trimmed = _without_trailing_byline(blocks[lead_i].text)
            if trimmed != blocks[lead_i].text and not authors:
                authors.append(_TRAILING_BYLINE.search(blocks[lead_i].text).group("name"))
            blocks[lead_i] = blocks[lead_i].with_text(trimmed)
        lead = blocks[lead_i].text
        blocks[lead_i] = _as(blocks[lead_i], "lead")
        body = [i for i in body if i != lead_i]
        key = squash(lead)
        # the lead is in the text once: a teaser list repeating it is not body (the blocks of
        # about its length picked in one comprehension: most are far shorter or longer)
        near, spread = len(lead), len(lead) // 2
        for i in [i for i in body if abs(len(blocks[i].text) - near) <= spread]:
            if squashes_to(blocks[i].text, key):
                blocks[i] = blocks[i].dropped(Reason.DUPLICATE, Rule("repeats", "lead"))
        body = [i for i in body if blocks[i].verdict == "keep"]

    if body and dateline is None:
        found = split_dateline(blocks[body[0]].text)
        if found:
            dateline = found.place
            if found.agency:
                agencies.append(found.agency)
            blocks[body[0]] = blocks[body[0]].with_text(found.rest)
    if body:
        last = blocks[body[-1]]
        mark = AUTHOR_MARK.search(last.text)
        if mark and len(last.text) > len(mark.group(0)) + 20:
            for part in re.split(r"\s*/\s*", mark.group("mark")):
                agency = agency_of(part)
                if agency:
                    agencies.append(agency)
                elif part.islower() and not authors:
                    authors.append(part)
            blocks[body[-1]] = last.with_text(last.text[: mark.start()].rstrip())

    if published is None and dump_title:  # "Headline – DW – 13.06.2023" as the page's <title>
        # only a date beside the headline: one inside it ("Tagung am 27. 2. 2015") is an event's
        published = next((parse_date(part, reference) for part in re.split(r",\s+|" + TITLE_SPLIT.pattern, blocks[0].text)
                          if is_date_line(part, reference)), None)
    if published is None:
        published = labelled_date_elsewhere(blocks, title_i if title_i is not None else first, reference)
    if published is None and declared is not None:
        guessed = guess_date(doc.page.text, declared.url)
        published = parse_date(guessed, reference) if guessed else None
    if published is None and declared is None:
        published = date_line_near(blocks, title_i if title_i is not None else first, reference)
    if published is None and modified is not None and declared is None:
        published = modified  # a dump that shows only "Aktualisiert am …": the best date there is
    if published is None and declared is None and title_i is not None:
        published = dated_line_near(blocks, title_i, first_long_after(blocks, title_i), reference)
    if published is None:
        for i in body[:3]:
            found_dates = find_dates(blocks[i].text[:200], reference)
            if found_dates and found_dates[0][0] < 40:
                published = found_dates[0][1]
                break

    # (the cheap test first, over the whole body in one comprehension: one block in hundreds has a drop cap)
    for i in [i for i in [*body, *([lead_i] if lead_i is not None else [])] if blocks[i].text[1:2] == " "]:
        blocks[i] = blocks[i].with_text(join_drop_cap(blocks[i].text))
    if lead_i is not None:
        lead = blocks[lead_i].text

    meta = Metadata(
        title=title,
        kicker=kicker,
        lead=lead,
        authors=tuple(dict.fromkeys(authors)),
        agencies=tuple(dict.fromkeys(agencies)),
        published=published,
        modified=modified,
        dateline=dateline,
        url=doc.page.url or (declared.url if declared else None),
        site_name=declared.site_name if declared else None,
    )
    return replace(doc, blocks=tuple([b if b.index == i else _numbered(b, i) for i, b in enumerate(blocks)]), metadata=meta)


def _body_of(blocks: list[Block]) -> list[int]:
    """Indices of the kept body blocks.

    >>> _body_of([Block(0, "Titel", role="title"), Block(1, "Text"), Block(2, "Menü", verdict="drop")])
    [1]
    """
    # (the verdict compared here, not through Block.kept: a property call per block was a
    # third of the time of this pass over the page)
    return [i for i, b in enumerate(blocks) if b.verdict == "keep" and b.role == "body"]


def first_long_after(blocks: list[Block], start: int) -> int:
    """The first kept paragraph of article length after ``start`` (or the end)."""
    return next((i for i in range(start + 1, len(blocks)) if len(blocks[i].text) >= 200 and blocks[i].kept
                 and blocks[i].role == "body"), len(blocks))


def _numbered(block: Block, index: int) -> Block:
    """The block at its place after :func:`_split_run_together` cut a block into three (every
    block after the cut moves)."""
    return block._replace(index=index)


def _as(block: Block, role: Role) -> Block:
    """The block kept out of the body in a metadata role."""
    return block.kept_as(role)


@cache
def _lead_words() -> frozenset[str]:
    return frozenset(load_toml("german.toml")["lead"]["hint_words"])


def _lead_hinted(block: Block) -> bool:
    """The block's own element (or its parent) is classed as lead, teaser, intro …"""
    if _lead_hinted_away(block):
        return False
    for label in block.hint.casefold().split()[-2:]:
        for token in re.split(r"[.#_\s]+|-(?=[a-z])", label)[1:]:
            if token in _lead_words() or any(token.endswith(w) for w in ("lead", "intro", "teaser")):
                return True
    return False


def _similar(a: str, b: str) -> bool:
    """Same paragraph, allowing for an edited or truncated description."""
    ta, tb = re.findall(r"\w+", a.casefold()), re.findall(r"\w+", b.casefold())
    if not ta or not tb:
        return False
    if " ".join(ta[:12]) == " ".join(tb[:12]):
        return True
    common = len(set(ta) & set(tb))
    return 2 * common / (len(set(ta)) + len(set(tb))) >= 0.6


def _find_html_lead(blocks: list[Block], title_i: int | None, first_long: int, declared: Declared) -> int | None:
    """The teaser under the headline, between it and the first paragraphs of the article: the
    paragraph repeating the declared description, else one classed as lead/teaser/intro, else a
    lone sentence-shaped paragraph the extractor left out of the header."""
    start = title_i + 1 if title_i is not None else max(0, first_long - 6)
    region = range(start, min(len(blocks), first_long + 3))
    description = declared.description or ""

    def usable(i: int) -> bool:
        b = blocks[i]
        return (b.role == "body" and len(b.text) >= 40
                and b.reason not in ("credit", "comments", "cookie", "login", "newsletter", "paywall", "social")
                and not is_byline(b.text) and (b.kind != "heading" or len(b.text) > 80))

    more_body = any(blocks[i].kept and blocks[i].role == "body" for i in range(first_long + 1, len(blocks)))
    if description:
        for i in region:
            if usable(i) and _similar(blocks[i].text, description) and (i != first_long or more_body):
                return i
    for i in region:
        near = i - start <= 15 or first_long - i <= 6
        if near and usable(i) and _lead_hinted(blocks[i]) and (i != first_long or more_body):
            return i
    for i in range(start, min(first_long, start + 9)):
        b = blocks[i]
        if (usable(i) and b.kind == "paragraph" and b.reason in (None, "not_main_content", "navigation")
                and len(b.text) >= 50 and b.text.rstrip()[-1] in ".!?…–“\"" and not _lead_hinted_away(b)):
            return i
    return None


def _lead_hinted_away(block: Block) -> bool:
    labels = block.hint.casefold().split()[-2:]
    return any(word in label for label in labels for word in _not_lead_words())


@cache
def _not_lead_words() -> tuple[str, ...]:
    # cached: parsing german.toml for every block was a fifth of the HTML run time
    return tuple(load_toml("german.toml")["lead"]["not_hint_words"])


def _find_text_lead(blocks: list[Block], body: list[int], title_i: int | None) -> int | None:
    """In a dump: the first teaser-sized paragraph under the headline (past date and byline
    lines and a second headline, skipping picture captions, which a bare credit line follows),
    if the article goes on after it; a subtitle right under the headline and over the byline
    needs no closing mark. Else a paragraph separated from the body by date or byline lines."""
    if not body:
        return None
    if title_i is not None:
        # the header zone reaches the article's first paragraph (past menus a dump may print
        # between headline and article), at most _LEAD_REACH lines
        end = min(len(blocks), max(title_i + 16, first_long_after(blocks, title_i) + 1), title_i + _LEAD_REACH)
        for i in range(title_i + 1, end):
            b = blocks[i]
            if b.role != "body" or b.kind != "paragraph" or len(b.text) < 60:
                continue
            if b.reason not in (None, "not_main_content", "navigation") or b.text.startswith("("):
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.reason == "credit" and len(nxt.text) < _BARE_CREDIT and len(b.text) < _LONGEST_CAPTION:
                continue  # a caption; a long credit line is a caption itself, under a teaser
            text = _without_trailing_byline(b.text)
            ends = text[-1] in ".!?…–“\""
            subtitle = i == title_i + 1 and nxt is not None and nxt.role in ("byline", "date")
            if not ends and not subtitle and len(text) < _SECOND_HEADLINE:
                continue  # a second headline ("Kicker Statt Paypal & Co.: So könnte ...")
            more = any(x.kept and x.role == "body" and len(x.text) >= 60 for x in blocks[i + 1 : i + 30])
            if len(text) <= _LONGEST_LEAD and (ends or subtitle) and more and not is_byline(text):
                return i
            break
    first = body[0]
    after = blocks[first + 1 : first + 4]
    if len(body) > 2 and after and any(b.role in ("date", "byline") for b in after[:2]) and len(blocks[first].text) > 60:
        return first
    return None


#: how many lines under the headline a dump's lead may stand
_LEAD_REACH = 40
#: a credit line shorter than this is a bare credit ("© Picture Alliance"): the line over it is
#: a caption; a longer one is a caption with its credit, under the teaser
_BARE_CREDIT = 60
#: a line over a bare credit is a caption when shorter than this; a longer one is the teaser,
#: a picture following it
_LONGEST_CAPTION = 300
#: the longest teaser a dump's lead may be
_LONGEST_LEAD = 600
#: a line this short not ending like a sentence is a second headline, not the lead
_SECOND_HEADLINE = 120
_TRAILING_BYLINE = re.compile(r"(?<=[.!?…“\"])\s+[Vv]on\s+(?P<name>[^.!?]{4,60})$")


def _without_trailing_byline(text: str) -> str:
    """A teaser without the byline a dump glued to its end.

    >>> _without_trailing_byline("Bei der Premiere wurde das Hotel wieder lebendig. Von Eva Kirchner-Rätsch")
    'Bei der Premiere wurde das Hotel wieder lebendig.'
    >>> _without_trailing_byline("Sie kam. Von Berlin")
    'Sie kam. Von Berlin'
    """
    found = _TRAILING_BYLINE.search(text)
    return text[: found.start()] if found and is_person_name(found.group("name")) else text


def _split_run_together(blocks: list[Block], reference: date | None) -> list[Block]:
    """Cut ``Title 26. November 2024 Body …`` (a dump with no line breaks) into three blocks."""
    out: list[Block] = []
    for b in blocks:
        # every date starts with a digit: a paragraph without one in its first 250 characters
        # (past the first) has no date to cut at
        if len(b.text) < 400 or not b.kept or not _DIGIT.search(b.text, 1, 251):
            out.append(b)
            continue
        spans = [s for s in date_spans(b.text[:400], reference) if s[0] > 0]
        if not spans or spans[0][0] > 250:
            out.append(b)
            continue
        head = b.text[: spans[0][0]].strip()
        # the dates may repeat back to back: take the run of dates that follows
        end = spans[0][1]
        for s, e in spans[1:]:
            if s - end <= 2:
                end = e
        if not title_shaped(head):
            out.append(b)
            continue
        out.append(b.with_text(head))
        out.append(b._replace(text=b.text[spans[0][0] : end].strip(), role="date"))
        out.append(b.with_text(b.text[end:].strip()))
    return out

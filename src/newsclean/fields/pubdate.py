"""The publication date: declared (HTML), printed in the header, or found elsewhere on the page.

The byline and date lines of the header are read in :mod:`.byline`; when they and the page's
declarations give no date, the fallbacks here look further: a date beside the headline, a
labelled date line elsewhere ("Veröffentlicht am …" in a side box), htmldate's guess (HTML), a
date line near the headline (dumps), a date opening the article or in the line that closes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..lexicon import TITLE_SPLIT
from ..model import Block, Format, Page, Reason
from ..text.dates import DateReader, parse_date
from .byline import date_label_pattern, is_date_line, read_meta_line
from .credits import HeaderLines
from .declared import Declared
from .places import body_indices, first_long_after
from .title import Headline

_DIGIT = re.compile(r"\d")
#: the parts of a page title, and a comma's: "Headline, 13.06.2023", "Headline – DW – 13.06.2023"
_TITLE_OR_COMMA_SPLIT = re.compile(rf",\s+|{TITLE_SPLIT.pattern}")


@dataclass(frozen=True, slots=True)
class Dates:
    """ISO 8601 dates of publication and last update."""

    published: str | None
    modified: str | None


def header_dates(header: HeaderLines, fmt: Format, declared: Declared, reference: date | None) -> Dates:
    """The dates the page declares (HTML), else those its header lines print."""
    if fmt != "html":
        return Dates(header.published, header.modified)
    published = iso_date(declared.published, reference) or same_day_finer(
        header.published, iso_date(declared.time_published, reference))
    return Dates(published, iso_date(declared.modified, reference) or header.modified)


def date_beside_title(blocks: Sequence[Block], title_i: int | None, dates: DateReader) -> str | None:
    """A date printed next to the headline ("Titel 26. November 2024"), within two blocks. A
    date inside the headline's words ("Tagung (26. und 27. 2. 2015, Eichstätt)") is an
    event's, not the article's.

    >>> blocks = [Block(0, "Tagung (26. und 27. 2. 2015, Eichstätt)", role="title"), Block(1, "28. Januar 2015")]
    >>> date_beside_title(blocks, 0, DateReader(None))
    '2015-01-28'
    """
    if title_i is None:
        return None
    for i in range(max(0, title_i - 2), min(len(blocks), title_i + 3)):
        text = blocks[i].text
        if blocks[i].role in ("title", "kicker"):
            published = next((value for start, end, value in dates.dated_spans(text)
                              if _beside_words(text[:start], text[end:])), None)
        elif blocks[i].role == "date" or is_date_line(text, dates):
            published = dates.parse(text)
        else:
            continue
        if published:
            return published
    return None


def _beside_words(before: str, after: str) -> bool:
    """A date between these two texts of a headline's line stands beside its words, not among
    them: at one end of the line ("Titel 26. November 2024.") or set off by a separator
    ("Nachricht | 30.10.2021 Migration «Titel»", "Titel – 13.06.2023 – DW").

    >>> _beside_words("Nachricht | ", " Flucht"), _beside_words("Tagung (26. und ", ", Eichstätt)")
    (True, False)
    """
    before, after = before.rstrip(), after.strip(" .,;:)]")
    return not before or not after or before[-1] in _SEPARATORS or after[0] in _SEPARATORS


#: what sets a date apart from a headline's words on the same line
_SEPARATORS = "|–—-·•/"


def published_elsewhere(blocks: Sequence[Block], headline: Headline, first: int, dates: Dates, fmt: Format,
                        page: Page, declared: Declared, reader: DateReader) -> str | None:
    """The publication date of a page whose header and declarations give none (``first``:
    the article's first block, where a page without a headline has its header)."""
    anchor = headline.index if headline.index is not None else first
    if headline.from_page_title:  # "Headline – DW – 13.06.2023" as the page's <title>
        # only a date beside the headline: one inside it ("Tagung am 27. 2. 2015") is an event's
        found = next((reader.parse(part) for part in _TITLE_OR_COMMA_SPLIT.split(blocks[0].text)
                      if is_date_line(part, reader)), None)
        if found:
            return found
    found = labelled_date_elsewhere(blocks, anchor, reader)
    if found is None and fmt == "html":
        guessed = guess_date(page.text, declared.url)
        found = reader.parse(guessed) if guessed else None
    elif found is None:
        # a dump that shows only "Aktualisiert am …": the best date there is
        found = date_line_near(blocks, anchor, reader) or dates.modified
        if found is None and headline.index is not None:
            found = dated_line_near(blocks, headline.index, first_long_after(blocks, headline.index), reader)
    return found or date_opening_body(blocks, reader) or date_closing_body(blocks, reader)


def date_opening_body(blocks: Sequence[Block], dates: DateReader) -> str | None:
    """A date among the first words of one of the article's first three paragraphs, the lead
    one of them ("Pressemitteilung vom 25. Januar 2022 | Berlin – …" opens a press release)."""
    opening = [i for i, b in enumerate(blocks) if b.verdict == "keep" and b.role in ("lead", "body")]
    for i in opening[:3]:
        found = dates.find(blocks[i].text[:200])
        if found and found[0][0] < 40:
            return found[0][1]
    return None


#: how many blocks after the article's last paragraph may hold its closing source line (a
#: box of links on the subject may come between), and how long that line is at most
_CLOSING_REACH = 6
_CLOSING_CHARS = 120
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def date_closing_body(blocks: Sequence[Block], dates: DateReader) -> str | None:
    """The date of the short line that closes the article, naming its source and time
    ("Radio Nord, 15.4.2024, 10:05 Uhr; red/ab", "(dpa, 15.04.2024)"): the last paragraph or
    one of the few lines right after it, when it gives a date with its year. Only for a page
    that shows no date where articles put theirs.

    >>> blocks = [Block(0, "Der Rat tagt wieder im Mai."), Block(1, "Radio Nord, 15.4.2024, 10:05 Uhr; red", verdict="drop"),
    ...           Block(2, "Mehr zum Thema", verdict="drop")]
    >>> date_closing_body(blocks, DateReader(None))
    '2024-04-15T10:05:00+02:00'
    """
    body = body_indices(blocks)
    if not body:
        return None
    last = body[-1]
    # (the lines further on are read too, to tell the dates of a list of teasers there)
    near = range(last, min(len(blocks), last + 1 + _CLOSING_REACH + _LIST_REACH))
    for i in _outside_dated_lists(blocks, [i for i in near if _YEAR.search(blocks[i].text)], dates):
        text = blocks[i].text
        if i > last + _CLOSING_REACH:
            break
        if len(text) <= _CLOSING_CHARS and blocks[i].reason not in _OTHER_DATES and (found := dates.find(text)):
            return found[0][1]
    return None


#: the longest date line that may close an article ("Letzte Änderung 14.02.2019"), and how
#: many of the article's last paragraphs may be one
_DATE_LINE_CHARS = 60
_CLOSING_PARAGRAPHS = 3


@dataclass(frozen=True, slots=True)
class ClosingDates:
    """The dates of the labelled date lines an article's text ends with, and the blocks with
    those lines in the ``date`` role."""

    published: str | None
    modified: str | None
    blocks: tuple[Block, ...]


def closing_date_lines(blocks: Sequence[Block], dates: DateReader) -> ClosingDates:
    """The labelled date lines among the last three paragraphs of the article ("Aktualisiert
    am 17.01.2021.", "Publiziert: 03.04.2020, 12:35"): metadata the page prints under the
    article, not its text.

    >>> found = closing_date_lines([Block(0, "Der Rat tagt im Mai wieder."), Block(1, "Letzte Änderung 14.02.2019")], DateReader(None))
    >>> found.modified, [b.role for b in found.blocks]
    ('2019-02-14', ['body', 'date'])
    """
    out = list(blocks)
    published = modified = None
    labelled = (date_label_pattern("published").match, date_label_pattern("modified").match)
    for i in reversed(body_indices(blocks)[-_CLOSING_PARAGRAPHS:]):
        text = blocks[i].text
        line = read_meta_line(text, dates) if len(text) <= _DATE_LINE_CHARS else None
        if line is None or line.people or not any(match(text.casefold()) for match in labelled):
            continue
        published, modified = line.published or published, line.modified or modified
        out[i] = blocks[i].kept_as("date")
    return ClosingDates(published, modified, tuple(out))


def same_day_finer(visible: str | None, timed: str | None) -> str | None:
    """The date printed in the header, or the ``<time>`` element's when there is none or it
    says the same day more exactly.

    >>> same_day_finer("2023-10-31", "2020-12-03T07:32:49+01:00")
    '2023-10-31'
    >>> same_day_finer("2019-10-19", "2019-10-19T14:37:24+02:00")
    '2019-10-19T14:37:24+02:00'
    >>> same_day_finer(None, "2019-10-19")
    '2019-10-19'
    """
    if visible is None or (timed is not None and timed[:10] == visible[:10] and len(timed) >= len(visible)):
        return timed
    return visible


def iso_date(value: str | None, reference: date | None) -> str | None:
    return parse_date(value, reference) if value else None


#: dates in these blocks are other articles', comments' or pictures'
_OTHER_DATES = (Reason.RELATED, Reason.COMMENTS, Reason.CREDIT)


def _nearest_date(blocks: list[Block], indices: Iterable[int], anchor: int,
                  read: Callable[[str], str | None]) -> str | None:
    """The date ``read`` finds in the block nearest ``anchor`` among ``indices``, outside
    teasers, comments and captions (on a tie in distance, the earliest date).

    The blocks are read from ``anchor`` outwards, up to the distance of the first date found.

    >>> blocks = [Block(i, text) for i, text in enumerate(["5.3.2024", "Titel", "Text", "Mehr", "1.3.2024"])]
    >>> _nearest_date(blocks, range(5), 2, lambda text: parse_date(text) if text[0].isdigit() else None)
    '2024-03-01'
    """
    found = []
    for i in sorted(indices, key=lambda i: abs(i - anchor)):
        if found and abs(i - anchor) > found[0][0]:
            break
        if blocks[i].reason not in _OTHER_DATES:
            value = read(blocks[i].text)
            if value:
                found.append((abs(i - anchor), value))
    return min(found)[1] if found else None


def labelled_date_elsewhere(blocks: list[Block], anchor: int, dates: DateReader) -> str | None:
    """A "Datum 28.04.2023" / "Veröffentlicht am …" line away from the header (a side box),
    the one nearest the headline."""
    labelled = date_label_pattern("published").match
    # (the labelled lines picked in one comprehension: this reads every line of the page)
    candidates = [i for i, b in enumerate(blocks) if len(b.text) <= 80 and labelled(b.text.casefold())]

    def read(text: str) -> str | None:
        line = read_meta_line(text, dates)
        return line.published if line is not None else None

    return _nearest_date(blocks, candidates, anchor, read)


def date_line_near(blocks: list[Block], anchor: int, dates: DateReader, reach: int = 60) -> str | None:
    """In a dump, a line that is only a date ("29.06.2025") near the headline, outside teaser
    lists and comments: the nearest one."""
    def read(text: str) -> str | None:
        return dates.parse(text) if is_date_line(text, dates) else None

    near = range(max(0, anchor - reach), min(len(blocks), anchor + reach))
    # (without a reference date only a date in digits reads: most lines have no digit)
    candidates = [i for i in near if dates.reference is not None or _DIGIT.search(blocks[i].text)]
    return _nearest_date(blocks, _outside_dated_lists(blocks, candidates, dates), anchor, read)


#: short lines with dates at most this many lines apart make a list of dated teasers
_LIST_REACH = 12


def _outside_dated_lists(blocks: list[Block], candidates: list[int], dates: DateReader) -> list[int]:
    """The ``candidates`` but the short dated lines of a list of teasers: a line with a date, out
    of the article, that has two more such lines near it, one of another day ("10.06.2026",
    "Jonas Roth 13.12.2023 4 min", each under a teaser), dates another article, however near
    the headline.

    >>> texts = ["Titel", "12.06.2026", "Mehr", "12.06.2026", "Mehr", "Anna Roth 07.06.2026 4 min", "Ende"]
    >>> _outside_dated_lists([Block(i, text, verdict="drop") for i, text in enumerate(texts)], list(range(7)), DateReader(None))
    [0, 2, 4, 6]
    """
    # (the article's own lines are no teasers: a list of sources it cites has dates too)
    dated = {i: found[0][1][:10] for i in candidates if not (blocks[i].kept and blocks[i].role in ("body", "lead"))
             and len(blocks[i].text) <= _DATED_LINE and (found := dates.find(blocks[i].text))}

    def listed(i: int) -> bool:
        near = [day for j, day in dated.items() if j != i and abs(j - i) <= _LIST_REACH]
        return len(near) >= 2 and any(day != dated[i] for day in near)

    labelled = date_label_pattern("modified").match
    # (an "Aktualisiert am …" line under a list of sources is the page's own)
    return [i for i in candidates if i not in dated or not listed(i) or labelled(blocks[i].text.casefold())]


#: a short line that opens with a date: "07.11.2023 Ormalingen, Baselbiet", "Posted 11. April 2018 by …"
_DATED_LINE = 120
_DATE_OPENS = 30


def dated_line_near(blocks: list[Block], title_i: int, first_long: int, dates: DateReader) -> str | None:
    """In a dump, the short line nearest the headline, between the line over it and the
    article's first paragraph, whose first words are a date (with a place, a name or
    categories after it)."""
    def read(text: str) -> str | None:
        found = dates.find(text[:_DATE_OPENS + 20]) if len(text) <= _DATED_LINE else []
        return found[0][1] if found and found[0][0] <= _DATE_OPENS else None

    around = [i for i in range(max(0, title_i - 1), min(len(blocks), first_long + 1)) if i != title_i]
    return _nearest_date(blocks, _outside_dated_lists(blocks, around, dates), title_i, read)


#: htmldate reads this many characters of a page at most: dates stand in its head and the
#: article's header, and htmldate's time grows with the page (10 s for 9 MB)
_GUESS_CHARS = 1_000_000


def guess_date(page_html: str, url: str | None) -> str | None:
    """htmldate's original publication date, for pages that declare none: the adapter to
    htmldate, through its public ``find_date`` and its options.

    Called only when no declared or visible date was found: it parses the page again. It
    reads the markup (date elements and classes, the URL), not the free text: the extensive
    search through the text found as many wrong dates as right ones on the eval pages, cost
    twice the rest of the guess, and hands what it finds to dateparser, whose first call loads
    all its 200 locales (htmldate has no option for their languages).

    >>> guess_date("<html><body><h1>Titel</h1><p class='date'>04.01.2021</p></body></html>", None)
    '2021-01-04'
    >>> guess_date("<html><body><h1>Titel</h1><p>Text</p></body></html>", "https://zeitung.example/2021/01/04/titel.html")
    '2021-01-04'
    """
    from htmldate import find_date

    try:
        return find_date(page_html[:_GUESS_CHARS], url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises assorted errors on odd markup; a guess is optional
        return None


def load_date_guesser() -> None:
    """Load htmldate (see :func:`guess_date`) now rather than on the first page that needs it."""
    guess_date("<html><body><p class='date'>04.02.2022</p></body></html>", None)

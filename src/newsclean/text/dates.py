"""German dates in text and ISO 8601 strings, as pure functions.

>>> parse_date("26. November 2024")
'2024-11-26'
>>> parse_date("Veröffentlicht am 12.06.2019, 14:03 Uhr")
'2019-06-12T14:03:00+02:00'
>>> parse_date("Mo, 3. März 2025")
'2025-03-03'
>>> parse_date("15. Jänner 2025")
'2025-01-15'
>>> parse_date("31.02.2024") is None
True
>>> find_dates("26. November 202426. November 2024")
[(0, '2024-11-26'), (17, '2024-11-26')]
>>> parse_date("2024-11-26T09:30:00Z")
'2024-11-26T10:30:00+01:00'
>>> parse_date("Veröffentlicht am 15/07/2014 von Anna Berg"), parse_date("07/15/2014"), parse_date("06/11/2023")
('2014-07-15', '2014-07-15', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from ..lexicon import german

MIN_YEAR = 1995  # the web news archive starts here; older dates on a page are history, not metadata


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    months = "|".join(sorted(map(re.escape, german().months), key=len, reverse=True))
    # the time after the date: "…, 14:03 Uhr", "… um 14.03", "… - 14:03", "… | 14:03 Uhr" (not a
    # second date's day and month: "12.03.2024 - 18.03.2024")
    time = r"(?:(?:,?\s*|\s+[|–-]\s+)(?:um\s*)?(?P<H>[01]?\d|2[0-3])[:.](?P<M>[0-5]\d)(?!\.?\d)(?::(?P<S>[0-5]\d))?\s*(?:Uhr|h)?)?"
    # 26. November 2024 / 3. März 2025, 14:03 Uhr
    # dumps glue dates together ("26. November 202426. November 2024"): a year may touch the
    # next date's day
    named = re.compile(
        rf"(?:(?<!\d)|(?<=(?:19|20)\d\d))(?P<d>[0-3]?\d)\.?\s*(?P<m>{months})\.?\s+"
        rf"(?P<y>(?:19|20)\d\d)(?!\d(?!\d?\.\s*[A-Za-zÄÖÜäöü])){time}",
        re.IGNORECASE,
    )
    # März 7, 2018 / Dezember 26, 2019 (blog software's month-first order; the comma is required)
    month_first = re.compile(
        rf"(?<![\w.])(?P<m>{months})\.?\s+(?P<d>[0-3]?\d),\s*(?P<y>(?:19|20)\d\d)(?!\d){time}",
        re.IGNORECASE,
    )
    # 20.11.2024 / 20.11.24 14:03 / 06. 01. 2026 (spaced: only with a four-digit year)
    numeric = re.compile(
        rf"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<sp> )?(?P<m>[01]?\d)\.(?(sp) ?)"
        rf"(?P<y>(?(sp)(?:19|20)\d\d|(?:19|20)?\d\d))(?![\d.]\d){time}"
    )
    # 15/07/2014 or 07/15/2014 (blog software's; German sites print both orders, so only a
    # date whose order shows, by a number above 12, is read; only with a four-digit year,
    # which no fraction or path has right after two numbers)
    slashed = re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\d/]){time}")
    # 2024-11-26 / 2024-11-26T09:30:00+01:00
    iso = re.compile(
        r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)"
        r"(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d+)?)?\s*(?P<z>Z|[+-]\d\d:?\d\d)?)?"
    )
    return named, month_first, numeric, slashed, iso


def _berlin() -> ZoneInfo:
    return ZoneInfo(german().timezone)


def _build(match: re.Match[str], named: bool, latest: date) -> str | None:
    g = match.groupdict()
    try:
        year = int(g["y"])
        if year < 100:
            year += 2000
        if "a" in g:  # slashed: day first or month first, whichever the numbers allow
            day_of_month, month = _slashed_order(int(g["a"]), int(g["b"]))
        else:
            day_of_month = int(g["d"])
            month = german().months[g["m"].lower().rstrip(".")] if named else int(g["m"])
        day = date(year, month, day_of_month)
    except (ValueError, KeyError):
        return None
    if not (MIN_YEAR <= year and day <= latest):
        return None
    if g.get("H") is None:
        return day.isoformat()
    moment = datetime(year, month, day.day, int(g["H"]), int(g["M"]), int(g.get("S") or 0))
    zone = g.get("z")
    if zone:
        try:
            tz = UTC if zone == "Z" else datetime.strptime(zone.replace(":", ""), "%z").tzinfo
        except ValueError:  # "+99:99": an offset no clock on Earth has, so no time to trust
            return None
        # the same instant on the clock German readers see: "2018-12-31T23:30:00Z" is New Year's Day
        return moment.replace(tzinfo=tz).astimezone(_berlin()).isoformat()
    return moment.replace(tzinfo=_berlin()).isoformat()


def _slashed_order(a: int, b: int) -> tuple[int, int]:
    """Day and month of a slashed date "a/b/yyyy": the number above 12 is the day; two equal
    numbers are both; a date of two other numbers up to 12 says no order (day 0: no date).

    >>> _slashed_order(15, 7), _slashed_order(7, 15), _slashed_order(3, 3), _slashed_order(6, 11)
    ((15, 7), (15, 7), (3, 3), (0, 0))
    """
    if a > 12 or a == b:
        return a, b
    if b > 12:
        return b, a
    return 0, 0


def _after_excluded_word(text: str, start: int) -> bool:
    """A phone number, law reference or copyright line ends right before ``start``."""
    window = text[max(0, start - 25) : start].casefold()
    for word in german().not_before_date:
        at = window.rfind(word)
        if at >= 0 and re.fullmatch(r"[\s\d:/().+-]*", window[at + len(word) :]):
            return True
    return False


_DIGIT = re.compile(r"\d")


@cache
def _needs() -> tuple[re.Pattern[str], ...]:
    """What each pattern of :func:`_dates_until` cannot match without, in its order: a quick
    search spares the slow one. Year, month and day of an ISO date (not any dash); a day's
    digit, the month and the year of a named date; the comma and year of a month-first one;
    day and month of a numeric one; the slashes and year of a slashed one. (They start with a plain character class, which the regex
    engine skips to at C speed; the full patterns start with a lookbehind it tries at every
    position of a paragraph.)"""
    months = "|".join(sorted(map(re.escape, german().months), key=len, reverse=True))
    return (re.compile(r"\d\d-[01]\d-[0-3]\d"), re.compile(rf"\d\.?\s*(?:{months})\.?\s+(?:19|20)\d\d", re.IGNORECASE),
            re.compile(r",\s*(?:19|20)\d\d"), re.compile(r"\d\. ?\d\d?\."), re.compile(r"\d/[01]?\d/(?:19|20)\d\d"))


def _matches(text: str, reference: date | None) -> tuple[tuple[int, int, str], ...]:
    if not _DIGIT.search(text):  # every date pattern needs a digit; most lines have none
        return ()
    return _dates_until(text, _day_after(reference or date.today()))


def _day_after(day: date) -> date:
    """The next day, or the last day of the calendar itself (a reference date of 9999-12-31).

    >>> _day_after(date(2024, 2, 28)), _day_after(date.max)
    (datetime.date(2024, 2, 29), datetime.date(9999, 12, 31))
    """
    return day + _ONE_DAY if day < date.max else day


_ONE_DAY = timedelta(days=1)


def _dates_until(text: str, latest: date) -> tuple[tuple[int, int, str], ...]:
    """Start, end and ISO value of the dates in ``text`` up to ``latest``."""
    named, month_first, numeric, slashed, iso = _patterns()
    found: list[tuple[int, int, str]] = []
    patterns = (iso, named, month_first, numeric, slashed)
    for pattern, is_named, needs in zip(patterns, (False, True, True, False, False), _needs(), strict=True):
        if not needs.search(text):
            continue
        # a match that starts inside a date an earlier pattern found is part of that date. The
        # pattern's matches come in text order, so the earlier dates are read once, by start,
        # keeping the farthest end of those that start before the match (not all of them
        # compared with every match: a text of many dates took time quadratic in their number)
        earlier = sorted(found)
        k, reach = 0, -1
        for m in pattern.finditer(text):
            start = m.start()
            while k < len(earlier) and earlier[k][0] <= start:
                reach = max(reach, earlier[k][1])
                k += 1
            if start < reach or _after_excluded_word(text, start):
                continue
            value = _build(m, is_named, latest)
            if value:
                found.append((m.start(), m.end(), value))
    return tuple(sorted(found))


def find_dates(text: str, reference: date | None = None) -> list[tuple[int, str]]:
    """Every valid date in ``text`` as ``(position, ISO string)``, in text order.

    >>> find_dates("Essen, 20.11.2024 / Am 21. November 2024")
    [(7, '2024-11-20'), (23, '2024-11-21')]
    >>> find_dates("Tel. 0201 12.03.2024 oder © 12.03.2024")
    []
    """
    return [(s, v) for s, _, v in _matches(text, reference)]


def date_spans(text: str, reference: date | None = None) -> list[tuple[int, int]]:
    """Start and end of every date expression in ``text`` (for cutting it out)."""
    return [(s, e) for s, e, _ in _matches(text, reference)]


@dataclass(frozen=True, slots=True)
class DateReader:
    """:func:`find_dates`, :func:`date_spans` and :func:`parse_date` for the texts of one page,
    against its ``reference`` day, each text read once. The metadata pass asks about the same
    header lines again and again (as a byline, as a date line, in the fallbacks that look
    further away), and reading a line's dates is most of what each question costs. Made for
    one page and passed down with it; nothing keeps it after the page.

    >>> dates = DateReader(None)
    >>> dates.find("Essen, 20.11.2024"), dates.spans("Essen, 20.11.2024"), dates.parse("Heute")
    ([(7, '2024-11-20')], [(7, 17)], None)
    """

    reference: date | None
    #: text -> its dates as ``_matches`` reads them
    read: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict, repr=False, compare=False)

    def _matches(self, text: str) -> tuple[tuple[int, int, str], ...]:
        found = self.read.get(text)
        if found is None:
            found = self.read[text] = _matches(text, self.reference)
        return found

    def find(self, text: str) -> list[tuple[int, str]]:
        """:func:`find_dates` of ``text``."""
        return [(s, v) for s, _, v in self._matches(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """:func:`date_spans` of ``text``."""
        return [(s, e) for s, e, _ in self._matches(text)]

    def dated_spans(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """Start, end and ISO value of each date in ``text``."""
        return self._matches(text)

    def parse(self, text: str) -> str | None:
        """:func:`parse_date` of ``text``."""
        found = self._matches(text)
        return found[0][2] if found else _relative(text, self.reference)


def parse_date(text: str, reference: date | None = None) -> str | None:
    """The first valid date in ``text`` as ISO 8601, or None.

    Relative words ("heute", "gestern") are read only against ``reference``.

    >>> parse_date("gestern, 14:03 Uhr", reference=date(2025, 3, 4))
    '2025-03-03'
    >>> parse_date("gestern") is None
    True
    """
    found = find_dates(text, reference)
    if found:
        return found[0][1]
    return _relative(text, reference)


def _relative(text: str, reference: date | None) -> str | None:
    if reference is None:
        return None
    words = text.casefold()
    lexicon = german()
    for names, delta in ((lexicon.day_before_yesterday, 2), (lexicon.yesterday, 1), (lexicon.today, 0)):
        if any(re.search(rf"\b{re.escape(w)}\b", words) for w in names):
            return _days_before(reference, delta)
    m = re.search(r"vor\s+(\d+)\s+(tag|tagen|woche|wochen)\b", words)
    if m:
        if len(m.group(1)) > _LONGEST_COUNT:
            return None  # "vor 99999999 Tagen": before the calendar's first day
        days = int(m.group(1)) * (7 if m.group(2).startswith("woche") else 1)
        return _days_before(reference, days)
    if re.search(r"vor\s+\d+\s+(minute|minuten|stunde|stunden)\b", words):
        return reference.isoformat()
    return None


#: more digits than a count of days back to the calendar's first day (3,652,058) can have
_LONGEST_COUNT = 7


def _days_before(reference: date, days: int) -> str | None:
    """``reference`` minus ``days`` days as ISO 8601, or None when that is before the calendar
    begins (the year 1).

    >>> _days_before(date(2024, 3, 1), 1), _days_before(date(1, 1, 1), 1)
    ('2024-02-29', None)
    """
    return (reference - timedelta(days=days)).isoformat() if days <= (reference - date.min).days else None


@cache
def relative_date_pattern() -> re.Pattern[str]:
    """Relative date expressions ("gestern", "vor 3 Stunden"), for telling a date line from a
    headline even when no --reference-date lets them be read.

    >>> bool(relative_date_pattern().search("gestern, 14:03 uhr"))
    True
    """
    lexicon = german()
    words = "|".join(re.escape(w) for w in (*lexicon.day_before_yesterday, *lexicon.yesterday, *lexicon.today))
    return re.compile(rf"\b(?:{words})\b|\bvor\s+\d+\s+(?:minuten?|stunden?|tagen?|wochen?)\b", re.IGNORECASE)


@cache
def time_ago_pattern() -> re.Pattern[str]:
    """A time told from now that ends a line, as a comment's writer is stamped ("Anna B. vor 2
    Stunden", "Jan gestern, 19:02 Uhr").

    >>> [bool(time_ago_pattern().search(t)) for t in ("Heinz_L vor 2 Std.", "gestern, um 19:02 Uhr", "vor 2 Stunden kam er")]
    [True, True, False]
    """
    lexicon = german()

    def either(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in words)

    ago = rf"\b(?:{either(lexicon.ago)})\s(?:\d{{1,3}}|{either(lexicon.ago_counts)})\s(?:{either(lexicon.ago_units)})$"
    clock = (rf"\b(?:{either((*lexicon.today, *lexicon.yesterday))}),?\s(?:(?:{either(lexicon.at_clock)})\s)?"
             rf"\d{{1,2}}[:.]\d{{2}}(?:\s(?:{either(lexicon.oclock)}))?$")
    return re.compile(f"{ago}|{clock}", re.IGNORECASE)


def date_labels(kind: str) -> tuple[str, ...]:
    """Label words for ``published`` or ``modified`` dates, longest first."""
    return german().published_labels if kind == "published" else german().modified_labels

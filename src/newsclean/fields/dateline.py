"""The Ortsmarke: the place (and agency) a German news paragraph starts with, cut off it.

>>> split_dateline("SANKT PETERSBURG. Einmal mehr hat Russland …")
Dateline(place='SANKT PETERSBURG', agency=None, rest='Einmal mehr hat Russland …', date=None)
>>> split_dateline("Berlin (dpa) - Die Regierung hat …")
Dateline(place='Berlin', agency='dpa', rest='Die Regierung hat …', date=None)
>>> split_dateline("Essen, 20.11.2024 / „KI als Schlüssel …")
Dateline(place='Essen', agency=None, rest='„KI als Schlüssel …', date='20.11.2024')
>>> split_dateline("Mittwoch, 01. November 2023 - Handel") is None
True
>>> split_dateline("SPD-Chef Lars Klingbeil hat …") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicon import german
from ..model import Block
from .byline import canonical_agency

_UPPER = "A-ZÄÖÜ"
# Up to four words, each starting with a capital. Only a space or a slash separates two words
# (a hyphen is one of a word's characters): with the hyphen in both, a run of capitals and
# hyphens could be split into words in more ways than there are atoms in the world, and the
# pattern tried them all before failing.
_PLACE = rf"[{_UPPER}][\wÄÖÜäöüß.'’-]*(?:[ /][{_UPPER}][\wÄÖÜäöüß.'’-]*){{0,3}}"


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    rest: str
    #: the date written after the place ("Essen, 20.11.2024 / …"), as written
    date: str | None = None


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    agencies = "|".join(sorted(map(re.escape, german().agencies), key=len, reverse=True))
    dash = r"\s*[-–—]\s*"
    return (
        # Berlin (dpa) - / Berlin/Paris (AFP) –
        re.compile(rf"^(?P<place>{_PLACE})\s*\((?P<agency>(?:{agencies})(?:/[\w-]{{2,8}})*)\){dash}(?P<rest>.+)", re.I | re.S),
        # Essen, 20.11.2024 / …   or  Essen, 20. November 2024 - …
        re.compile(rf"^(?P<place>{_PLACE}),\s*(?P<date>[0-3]?\d\.\s?(?:[01]?\d\.|\w+\.?\s)\s?\d{{2,4}})\s*[/–—-]\s*(?P<rest>.+)", re.S),
        # Neuss · Was kann …  (a place and a middle dot)
        re.compile(rf"^(?P<place>{_PLACE})\s+·\s+(?P<rest>\S.+)", re.S),
        # SANKT PETERSBURG. …  /  BERLIN – …  (an all-caps place; a hyphen with no space on
        # either side joins a compound: "SPD-Chef", "NRW-Innenminister")
        re.compile(rf"^(?P<place>[{_UPPER}][{_UPPER}.'’-]*[{_UPPER}.'’](?:[ /][{_UPPER}][{_UPPER}.'’-]+){{0,3}})(?:\.|{_SPACED_DASH}|:)\s*(?P<rest>[{_UPPER}„\"0-9].+)",
                   re.S),
    )


#: a dash after an all-caps place: a hyphen needs a space beside it
_SPACED_DASH = r"\s*[–—]\s*|\s+-\s*|-\s+"


def split_dateline(text: str) -> Dateline | None:
    """Split a leading dateline off a paragraph, or None if it has none."""
    for pattern in _dateline_patterns():
        m = pattern.match(text)
        if m and len(m.group("place")) >= 3:
            agency = m.groupdict().get("agency")
            place = m.group("place").rstrip(".")
            if place.isupper() and len(place.split()) > 4:
                continue
            if place.casefold() in german().weekdays:
                return None  # "Mittwoch, 01. November 2023 - Handel": a date line, no place
            return Dateline(place=place, agency=canonical_agency(agency) if agency else None, rest=m.group("rest").strip(),
                            date=m.groupdict().get("date"))
    return None


@dataclass(frozen=True, slots=True)
class DatelineCut:
    """The dateline a block started with, and the blocks with it cut off that block."""

    dateline: Dateline | None
    blocks: tuple[Block, ...]


def cut_dateline(blocks: Sequence[Block], at: int) -> DatelineCut:
    """Cut the dateline off the block at ``at``, if it starts with one.

    >>> cut = cut_dateline([Block(0, "Titel"), Block(1, "BERLIN. Die Regierung hat …")], 1)
    >>> cut.dateline.place, cut.blocks[1].text
    ('BERLIN', 'Die Regierung hat …')
    """
    found = split_dateline(blocks[at].text)
    if found is None:
        return DatelineCut(None, tuple(blocks))
    return DatelineCut(found, (*blocks[:at], blocks[at].with_text(found.rest), *blocks[at + 1 :]))

"""Title, kicker, lead, authors, agencies, dates and dateline, and the roles of their blocks.

Works on the classified blocks (plus, for HTML, what the page declares). Blocks that carry
metadata keep their place but get a role (``title``, ``kicker``, ``lead``, ``byline``, ``date``)
so they leave the body without being reported as removed.

>>> split_dateline("SANKT PETERSBURG. Einmal mehr hat Russland …")
Dateline(place='SANKT PETERSBURG', agency=None, rest='Einmal mehr hat Russland …')
>>> split_dateline("Berlin (dpa) - Die Regierung hat …")
Dateline(place='Berlin', agency='dpa', rest='Die Regierung hat …')
>>> split_dateline("Essen, 20.11.2024 / „KI als Schlüssel …")
Dateline(place='Essen', agency=None, rest='„KI als Schlüssel …')
>>> split_authors("Von Anna Schmidt und Jan Müller")
(('Anna Schmidt', 'Jan Müller'), ())
>>> split_authors("Anna Schmidt, dpa")
(('Anna Schmidt',), ('dpa',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from .config import CleanConfig
from .dates import date_labels, date_spans, find_dates, parse_date
from .models import Block, Document, Metadata
from .phrases import load_toml
from .structured import Declared

_UPPER = "A-ZÄÖÜ"
_PLACE = rf"[{_UPPER}][\wÄÖÜäöüß.'’-]*(?:[ /-][{_UPPER}][\wÄÖÜäöüß.'’-]*){{0,3}}"


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    rest: str


@cache
def _people() -> dict:
    return load_toml("german.toml")["people"]


@cache
def _agencies() -> dict[str, str]:
    return {k.casefold(): v for k, v in load_toml("german.toml")["agencies"].items()}


@cache
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    agencies = "|".join(sorted(map(re.escape, _agencies()), key=len, reverse=True))
    dash = r"\s*[-–—]\s*"
    return (
        # Berlin (dpa) - / Berlin/Paris (AFP) –
        re.compile(rf"^(?P<place>{_PLACE})\s*\((?P<agency>(?:{agencies})(?:/(?:{agencies}))*)\){dash}(?P<rest>.+)", re.I | re.S),
        # Essen, 20.11.2024 / …   or  Essen, 20. November 2024 - …
        re.compile(rf"^(?P<place>{_PLACE}),\s*(?P<date>[0-3]?\d\.\s?(?:[01]?\d\.|\w+\.?\s)\s?\d{{2,4}})\s*[/–—-]\s*(?P<rest>.+)", re.S),
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
            return Dateline(place=place, agency=_canonical_agency(agency) if agency else None, rest=m.group("rest").strip())
    return None


def _canonical_agency(name: str) -> str:
    first = name.split("/")[0]
    return _agencies().get(first.casefold(), first)


def agency_of(text: str) -> str | None:
    """The canonical agency name if ``text`` names a news agency.

    >>> agency_of("AFP"), agency_of("Anna Schmidt")
    ('AFP', None)
    """
    return _agencies().get(text.strip(" ().").casefold())


_NAME_WORD = re.compile(r"^(?:[A-ZÄÖÜ][\wäöüßéèáàíóúçñ'’.-]*|von|van|de|der|den|zu|di|da|la|le|du|y|al|el|bin|ibn)$")


def is_person_name(text: str) -> bool:
    """A plausible person's name: 2–5 capitalised words, no newsroom words.

    >>> is_person_name("Anna Schmidt"), is_person_name("Redaktion"), is_person_name("die Stadt hat")
    (True, False, False)
    """
    parts = text.split()
    if not 2 <= len(parts) <= 5 or any(p.casefold() in _people()["not_a_name"] for p in parts):
        return False
    return all(_NAME_WORD.match(p) for p in parts) and parts[0][0].isupper() and parts[-1][0].isupper()


def split_authors(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Person names and agencies from a byline."""
    line = text.strip()
    for prefix in sorted(_people()["byline_prefixes"], key=len, reverse=True):
        if line.casefold().startswith(prefix + " ") or (prefix.endswith(":") and line.casefold().startswith(prefix)):
            line = line[len(prefix) :].strip()
            break
    line = re.sub(r"\s*[|·•]\s*.*$", "", line)  # "Anna Schmidt | 12.03.2024"
    pieces = re.split(r"\s*(?:,|;|/|&|\bund\b|\bsowie\b|\bu\.)\s*", line)
    people, agencies = [], []
    for piece in pieces:
        piece = piece.strip(" .()")
        if not piece:
            continue
        agency = agency_of(piece)
        if agency:
            agencies.append(agency)
        elif is_person_name(piece):
            people.append(piece)
    return tuple(dict.fromkeys(people)), tuple(dict.fromkeys(agencies))


_BYLINE = re.compile(r"^(?:von|text:|autor(?:in|en)?:|ein (?:beitrag|kommentar|gastbeitrag) von)\s+\S", re.I)
_AUTHOR_MARK = re.compile(r"\s*\((?P<mark>[A-Za-zÄÖÜäöü]{1,6}(?:\s*/\s*[A-Za-zÄÖÜäöü]{1,6}){0,3})\)\s*$")


def _is_byline(text: str) -> bool:
    return len(text.split()) <= 14 and bool(_BYLINE.match(text)) and bool(split_authors(text)[0] or split_authors(text)[1])


def _is_date_line(text: str, reference: date | None) -> bool:
    """A short line that is only a date, or a date label (possibly without the date)."""
    if len(text) > 90:
        return False
    rest = text
    for start, end in reversed(date_spans(text, reference)):
        rest = rest[:start] + rest[end:]
    rest = rest.casefold()
    for label in date_labels("published") + date_labels("modified"):
        rest = rest.replace(label, " ")
    rest = re.sub(r"[\W\d_]+|\buhr\b|\b(?:mo|di|mi|do|fr|sa|so)\b", " ", rest).strip()
    has_date = bool(date_spans(text, reference))
    return (has_date and len(rest) <= 12) or (not rest and len(text) < 30)


def _title_shaped(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 25 and text[-1] not in ".,;:" and len(text) <= 200


def _kicker_shaped(text: str) -> bool:
    return len(text.split()) <= 5 and len(text) <= 60 and text[-1] not in ".,;"


def strip_site_name(title: str, site: str | None = None) -> str:
    """Remove a site name appended to or put before a page title.

    >>> strip_site_name("Putin will mitspielen | Ärzte Zeitung")
    'Putin will mitspielen'
    >>> strip_site_name("Bahnstreik legt Verkehr lahm - DER SPIEGEL")
    'Bahnstreik legt Verkehr lahm'
    """
    parts = re.split(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+", title)
    if len(parts) == 1:
        return title
    if site:
        kept = [p for p in parts if site.casefold() not in p.casefold()]
        if kept and len(kept) < len(parts):
            return " - ".join(kept) if len(kept) > 1 else kept[0]
    return max(parts, key=len) if len(parts) > 2 else parts[0]


# ----------------------------------------------------------------------------- the whole pass


def annotate(doc: Document, declared: Declared | None, config: CleanConfig) -> Document:
    """Find the metadata of ``doc`` and set the roles of the blocks that carry it."""
    blocks = _split_run_together(list(doc.blocks), config.reference_date)
    reference = config.reference_date
    body = [i for i, b in enumerate(blocks) if b.kept and b.role == "body"]
    first = body[0] if body else len(blocks)

    title_i = _find_title(blocks, first, declared)
    title = blocks[title_i].text if title_i is not None else None
    if title_i is not None:
        blocks[title_i] = replace(blocks[title_i], verdict="keep", role="title", reason=None, rule=None)
    elif declared:
        title = _declared_title(declared)

    kicker = None
    if title_i is not None and title_i > 0:
        prev = blocks[title_i - 1]
        if _kicker_shaped(prev.text) and not _is_date_line(prev.text, reference) and (prev.kept or prev.reason in ("navigation", "not_main_content", "related")):
            kicker = prev.text
            blocks[title_i - 1] = replace(prev, verdict="keep", role="kicker", reason=None, rule=None)

    # header zone: from the title (or the first body block) a few blocks on
    start = title_i + 1 if title_i is not None else first
    authors: list[str] = []
    agencies: list[str] = []
    published = modified = None
    lead_i = None
    zone_end = min(len(blocks), max(start, first) + 6)
    for i in range(start, zone_end):
        b = blocks[i]
        if not (b.kept or b.reason in ("metadata", "navigation", "not_main_content", "too_short")):
            continue
        if _is_byline(b.text):
            people, agents = split_authors(b.text)
            authors += people
            agencies += agents
            blocks[i] = replace(b, verdict="keep", role="byline", reason=None, rule=None)
        elif _is_date_line(b.text, reference):
            value = parse_date(b.text, reference)
            folded = b.text.casefold()
            if value and any(folded.startswith(lbl) for lbl in date_labels("modified")):
                modified = modified or value
            elif value:
                published = published or value
            blocks[i] = replace(b, verdict="keep", role="date", reason=None, rule=None)

    if declared:
        authors = authors or [a for a in declared.authors if is_person_name(a)]
        agencies += [a for a in (agency_of(x) for x in declared.authors) if a]
        published = _iso(declared.published, reference) or published
        modified = _iso(declared.modified, reference) or modified
    if published is None and title_i is not None:
        # a date printed next to the title ("Titel 26. November 2024")
        for i in range(max(0, title_i - 2), min(len(blocks), title_i + 3)):
            if blocks[i].role in ("date", "title", "kicker") or _is_date_line(blocks[i].text, reference):
                published = parse_date(blocks[i].text, reference)
                if published:
                    break

    body = [i for i, b in enumerate(blocks) if b.kept and b.role == "body"]
    lead_i = _find_lead(blocks, body, declared)
    lead = None
    if lead_i is not None:
        lead = blocks[lead_i].text
        blocks[lead_i] = replace(blocks[lead_i], role="lead")
        body = [i for i in body if i != lead_i]

    dateline = None
    if body:
        found = split_dateline(blocks[body[0]].text)
        if found:
            dateline = found.place
            if found.agency:
                agencies.append(found.agency)
            blocks[body[0]] = replace(blocks[body[0]], text=found.rest)
        last = blocks[body[-1]]
        mark = _AUTHOR_MARK.search(last.text)
        if mark and len(last.text) > len(mark.group(0)) + 20:
            for part in re.split(r"\s*/\s*", mark.group("mark")):
                agency = agency_of(part)
                if agency:
                    agencies.append(agency)
                elif part.islower() and not authors:
                    authors.append(part)
            blocks[body[-1]] = replace(last, text=last.text[: mark.start()].rstrip())

    if published is None:
        for i in body[:3]:
            found_dates = find_dates(blocks[i].text[:200], reference)
            if found_dates and found_dates[0][0] < 40:
                published = found_dates[0][1]
                break

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
    return replace(doc, blocks=tuple(replace(b, index=i) for i, b in enumerate(blocks)), metadata=meta)


def _iso(value: str | None, reference: date | None) -> str | None:
    return parse_date(value, reference) if value else None


def _declared_title(declared: Declared) -> str | None:
    if declared.headline:
        return declared.headline
    for candidate in (declared.og_title, declared.html_title):
        if candidate:
            return strip_site_name(candidate, declared.site_name)
    return None


def _find_title(blocks: list[Block], first: int, declared: Declared | None) -> int | None:
    """Index of the block that is the headline."""
    if declared is not None:
        wanted = [c for c in (declared.headline, declared.og_title and strip_site_name(declared.og_title, declared.site_name),
                              declared.html_title and strip_site_name(declared.html_title, declared.site_name)) if c]
        for cand in wanted:
            key = cand.casefold()
            hits = [i for i, b in enumerate(blocks) if b.text.casefold() == key]
            if hits:
                return min(hits, key=lambda i: (blocks[i].kind != "heading", abs(i - first)))
        headings = [i for i, b in enumerate(blocks) if b.kind == "heading" and "h1" in b.hint.split(" ")[-1:][0][:2] and _title_shaped(b.text)]
        if headings:
            return min(headings, key=lambda i: abs(i - first))
        return None
    # text dump: the title-shaped line right before the article (past date and byline lines)
    for i in range(first - 1, max(-1, first - 5), -1):
        b = blocks[i]
        if _is_date_line(b.text, None) or _is_byline(b.text):
            continue
        if _title_shaped(b.text) and b.reason not in ("newsletter", "sponsored", "cookie", "login", "paywall", "social"):
            return i
        # a lead paragraph before the date line: the title is before it
        if i == first - 1 or len(b.text) > 200:
            continue
    # the first body block itself may be the title (dump with no separate lead)
    if first < len(blocks) and _title_shaped(blocks[first].text):
        return first
    return None


def _find_lead(blocks: list[Block], body: list[int], declared: Declared | None) -> int | None:
    """The teaser: declared description found in the first body blocks, or (in dumps) a
    paragraph separated from the rest of the body by date or byline lines."""
    if not body:
        return None
    if declared is not None and declared.description:
        key = declared.description.casefold().rstrip(" .…")
        for i in body[:4]:
            text = blocks[i].text.casefold()
            if text.startswith(key[:80]) or key.startswith(text.rstrip(" .…")[:80]):
                return i if len(body) > 1 else None
        return None
    first = body[0]
    after = [b for b in blocks[first + 1 : first + 4]]
    if len(body) > 2 and after and any(b.role in ("date", "byline") for b in after[:2]) and len(blocks[first].text) > 60:
        return first
    return None


def _split_run_together(blocks: list[Block], reference: date | None) -> list[Block]:
    """Cut ``Title 26. November 2024 Body …`` (a dump with no line breaks) into three blocks."""
    out: list[Block] = []
    for b in blocks:
        if not b.kept or len(b.text) < 400:
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
        if not _title_shaped(head):
            out.append(b)
            continue
        out.append(replace(b, text=head))
        out.append(replace(b, text=b.text[spans[0][0] : end].strip(), role="date"))
        out.append(replace(b, text=b.text[end:].strip()))
    return out

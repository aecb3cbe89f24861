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
from urllib.parse import urlsplit

from .config import CleanConfig
from .dates import date_labels, date_spans, find_dates, parse_date, relative_date_pattern
from .models import Block, Document, Metadata, Role
from .phrases import END_PUNCTUATION, load_toml
from .rules import match_boilerplate, words
from .structured import Declared, guess_date

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
    if not 2 <= len(parts) <= 5 or any(p.casefold() in _not_a_name() or p.casefold() in _function_words() for p in parts):
        return False
    if parts[0].casefold() in ("von", "by", "mit", "und", "der", "die", "das"):  # "Von Henry", "DER SPIEGEL"
        return False
    return all(_NAME_WORD.match(p) for p in parts) and parts[0][0].isupper() and parts[-1][0].isupper()


@cache
def _not_a_name() -> frozenset[str]:
    return frozenset(_people()["not_a_name"])


@cache
def _function_words() -> frozenset[str]:
    return frozenset(_people()["function_words"])


@cache
def _byline_prefixes() -> tuple[str, ...]:
    return tuple(sorted(_people()["byline_prefixes"], key=len, reverse=True))


def _split_byline(blocks: list[Block], i: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names and agencies of a byline whose prefix stands alone on the line before ``i``."""
    if i == 0 or len(blocks[i].text) > 80 or blocks[i].text.endswith(("...", "…")) or not _is_bare_prefix(blocks[i - 1].text):
        return (), ()
    return split_authors(f"{blocks[i - 1].text} {blocks[i].text}")


def _is_bare_prefix(text: str) -> bool:
    """A byline prefix on a line of its own ("Von", "Kommentar von", "Autorin:"): the name
    follows on the next line."""
    stripped = text.strip()
    if len(stripped) > 30:  # (casefolding never shortens a text)
        return False
    folded = stripped.casefold()
    return len(folded) <= 30 and (folded in _byline_prefix_set() or folded.rstrip(":") in _byline_prefix_set())


@cache
def _byline_prefix_set() -> frozenset[str]:
    return frozenset(_byline_prefixes())


@cache
def _byline_pattern() -> re.Pattern[str]:
    """A line that starts with a byline prefix ("Von", "Autorin:", "Ein Artikel von") and goes on."""
    prefixes = "|".join(re.escape(p) + (r"\s*" if p.endswith(":") else r"\s+") for p in _byline_prefixes())
    return re.compile(rf"^(?:{prefixes})\S", re.IGNORECASE)


#: a pen name or user name ("HansG", "eseppelt", "c1ph4"): one word of letters and digits
_HANDLE = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß.-]{1,29}")


def split_authors(text: str, handles: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Person names and agencies from a byline.

    With ``handles``, a single word after a byline prefix counts as the author's (pen) name:
    in an element the page marks as its author, "von Limespacer" names someone.

    >>> split_authors("Veröffentlicht von HansG", handles=True), split_authors("Veröffentlicht von HansG")
    ((('HansG',), ()), ((), ()))
    """
    line = text.strip()
    prefixed = False
    for prefix in _byline_prefixes():
        if line.casefold().startswith(prefix + " ") or (prefix.endswith(":") and line.casefold().startswith(prefix)):
            line = line[len(prefix) :].strip()
            prefixed = True
            break
    line = re.sub(r"\s*[|·•]\s*.*$", "", line)  # "Anna Schmidt | 12.03.2024"
    line = re.sub(r"\s+(?:am|on|um)\s+\d.*$", "", line, flags=re.IGNORECASE).rstrip(" ,")  # "R. R. am 07.08.2013 um 09:07 Uhr"
    if handles and prefixed:
        handle = line
        if (_HANDLE.fullmatch(handle) and handle.casefold() not in _not_a_name()
                and not agency_of(handle) and not handle.isdigit()):
            return (handle,), ()
    pieces = re.split(r"\s*(?:,|;|/|&|\bund\b|\bsowie\b|\bu\.|\bim gespräch mit\b)\s*", line)
    people, agencies = [], []
    for piece in pieces:
        piece = piece.strip(" ()")
        if not re.search(r"\b[A-ZÄÖÜ]\.$", piece):  # an initial keeps its point: "R. R."
            piece = piece.rstrip(" .")
        if not piece:
            continue
        agency = agency_of(piece)
        if agency:
            agencies.append(agency)
        elif _name_beside_role(piece):
            people.append(_name_beside_role(piece) or "")
    return tuple(dict.fromkeys(people)), tuple(dict.fromkeys(agencies))


def _name_beside_role(text: str) -> str | None:
    """The person's name at the start of ``text``, past a role before it and up to a role or
    label after it: "Sina Zehrfeld" from "Sina Zehrfeld Landespolitische Korrespondentin"."""
    if is_person_name(text):
        return text
    words = text.split()
    while len(words) > 2 and words[0].casefold() in _roles_before_name():
        words.pop(0)  # "Rechtsanwalt Sebastian Einbock"
    role = next((k for k, w in enumerate(words) if w.casefold().strip(":,") in _not_a_name()), len(words))
    name = words[:role]
    while len(name) > 2 and name[-1].casefold().endswith(("ische", "ischer", "liche", "licher", "ige", "iger")):
        name.pop()  # "Landespolitische" before "Korrespondentin"
    return " ".join(name) if len(name) >= 2 and is_person_name(" ".join(name)) else None


_META_SEPARATOR = re.compile(r"\s+[|•·/]\s+|\s*[•|]\s*")
_AUTHOR_MARK = re.compile(r"\s*\((?P<mark>[A-Za-zÄÖÜäöü]{1,6}(?:\s*/\s*[A-Za-zÄÖÜäöü]{1,6}){0,3})\)\s*$")


@cache
def _roles_before_name() -> frozenset[str]:
    return frozenset(_people()["roles_before_name"])


@cache
def _may_open_byline(first: str) -> bool:
    """Whether a line starting with this character can match :func:`_byline_pattern` (a
    byline check runs on every short line, most start with no prefix's letter)."""
    firsts = dict.fromkeys(p[0] for p in _byline_prefixes())
    return re.match("|".join(map(re.escape, firsts)), first, re.IGNORECASE) is not None


def _is_byline(text: str, handles: bool = False) -> bool:
    if not text or not _may_open_byline(text[0]):
        return False
    if len(text.split()) > 14 or not _byline_pattern().match(text):
        return False
    people, agencies = split_authors(text, handles)
    return bool(people or agencies)


@cache
def _date_noise() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """Any noise word, and each noise word (removed one after the other)."""
    words = load_toml("german.toml")["dates"]["noise"]
    each = tuple(re.compile(rf"\b{re.escape(word)}\b") for word in words)
    return re.compile("|".join(p.pattern for p in each)), each


def _is_date_line(text: str, reference: date | None) -> bool:
    """A short line that is only a date, or a date label (possibly without the date)."""
    if len(text) > 90:
        return False
    spans = date_spans(text, reference)
    if not spans and len(text) >= 30:
        return False  # (the common case, decided before any text is cut out)
    rest = text
    for start, end in reversed(spans):
        rest = rest[:start] + rest[end:]
    rest = _without_date_words(rest)
    return (bool(spans) and len(rest) <= 12) or (not rest and len(text) < 30)


def _without_date_words(text: str) -> str:
    """What is left of a line's text (dates cut out) once date labels, relative dates, times,
    weekdays and reading-time noise are gone: "" for "Stand: 14:03 Uhr | Lesedauer: 2 Min."."""
    rest = relative_date_pattern().sub(" ", text.casefold())  # "gestern, 14:03 Uhr"
    any_label, labels = _date_line_labels()
    if any_label.search(rest):  # (one search: most lines have no label to cut out)
        for label in labels:
            rest = rest.replace(label, " ")
    rest = _NOT_DATE_WORD.sub(" ", rest)
    any_noise, noise = _date_noise()
    if any_noise.search(rest):  # "Lesedauer: 2 Min."
        for word in noise:
            rest = word.sub(" ", rest)
    return rest.strip()


_NOT_DATE_WORD = re.compile(r"[\W\d_]+|\buhr\b|\b(?:mo|di|mi|do|fr|sa|so)\b")


@cache
def _date_line_labels() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Any date label, and each label (cut out one after the other, longest first per kind)."""
    labels = date_labels("published") + date_labels("modified")
    return re.compile("|".join(map(re.escape, labels))), labels


def _title_shaped(text: str) -> bool:
    # the length first: most lines of a page are prose, too long to split
    return len(text) <= 200 and 2 <= len(text.split()) <= 25 and text[-1] not in ".,;:"


def _kicker_shaped(text: str) -> bool:
    return len(text.split()) <= 5 and len(text) <= 60 and text[-1] not in ".,;"


def _site_keys(declared: Declared | None, url: str | None) -> tuple[str, ...]:
    """Squashed forms of the site's name and host ("golem", "dw", "derspiegel")."""
    keys = []
    if declared and declared.site_name:
        keys.append(_squash(declared.site_name))
    for link in (url, declared.url if declared else None):
        host = urlsplit(link or "").hostname or ""
        parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "mobil", "mobile")]
        if len(parts) >= 2:
            keys.append(parts[-2])
    return tuple(k for k in dict.fromkeys(keys) if len(k) >= 2)


def _squash(text: str) -> str:
    return _NON_WORD.sub("", text.casefold())


_NON_WORD = re.compile(r"\W+")
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")


def _is_site(text: str, site_keys: tuple[str, ...]) -> bool:
    """``text`` names the site: "Golem.de", "DER SPIEGEL", "Deutsche Welle" for dw.com."""
    key = _squash(text)
    if not key:
        return False
    initials = "".join(w[0] for w in text.casefold().split() if w[0].isalnum())
    for site in site_keys:
        if site == key or (len(site) >= 3 and (site in key or key in site)) or (len(initials) >= 2 and initials == site):
            return True
    return False


def _keep_author(name: str, site_keys: tuple[str, ...]) -> bool:
    """Not the site's name, unless the site is the person's own (wolfgangmichal.de)."""
    return not _is_site(name, site_keys) or (_squash(name) in site_keys and is_person_name(name))


_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")


def strip_site_name(title: str, site_keys: tuple[str, ...] | str | None = None) -> str:
    """Remove a site name (and section or date) appended to or put before a page title.

    Without knowing the site, a short capitalised last part counts as the site's name; a part
    that reads like the rest of the sentence ("- und doch wieder nicht") stays.

    >>> strip_site_name("Putin will mitspielen | Ärzte Zeitung")
    'Putin will mitspielen'
    >>> strip_site_name("Bahnstreik legt Verkehr lahm - DER SPIEGEL")
    'Bahnstreik legt Verkehr lahm'
    >>> strip_site_name("Ukrainische Gegenoffensive: Ziele, Chancen | DW | 28.04.2023", ("dw",))
    'Ukrainische Gegenoffensive: Ziele, Chancen'
    >>> strip_site_name("Kawasaki steigt aus! - und doch wieder nicht")
    'Kawasaki steigt aus! - und doch wieder nicht'
    """
    if isinstance(site_keys, str):
        site_keys = (_squash(site_keys),)
    keys = site_keys or ()
    title = _strip_comma_suffix(title)
    parts = _TITLE_SPLIT.split(title)
    if len(parts) == 1:
        return title

    def site_like(part: str) -> bool:
        words = part.split()
        if _is_site(part, keys) or re.fullmatch(r"[\d.\s/-]+", part):
            return True
        return 1 <= len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() or "." in w for w in words)

    if len(parts) > 1 and " | " in title and len(parts[-1].split()) <= 3:  # "… | heise online"
        parts.pop()

    while len(parts) > 1 and site_like(parts[-1]):
        parts.pop()
    while len(parts) > 1 and _is_site(parts[0], keys):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0].rstrip(" -–—|:")
    # the separators left are part of the title itself: cut only what was removed
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end]


_COMMA_DATE_END = re.compile(r",\s*(?P<site>[^,]{2,40}),\s*[0-3]?\d\.[01]?\d\.(?:19|20)\d\d\s*$")


def _strip_comma_suffix(title: str) -> str:
    """``Headline, Site name, 26.04.2024``: a date after the last comma marks the part before it
    as the site's name, which goes with the date.

    >>> _strip_comma_suffix("Orden fürs Morden, Tageszeitung junge Welt, 26.04.2024")
    'Orden fürs Morden'
    >>> _strip_comma_suffix("Ziele, Chancen, Risiken")
    'Ziele, Chancen, Risiken'
    """
    m = _COMMA_DATE_END.search(title)
    if m and len(m.group("site").split()) <= 4 and m.start() > 0:
        return title[: m.start()].rstrip()
    return title


# ----------------------------------------------------------------------------- the whole pass


def annotate(doc: Document, declared: Declared | None, config: CleanConfig) -> Document:
    """Find the metadata of ``doc`` and set the roles of the blocks that carry it."""
    blocks = _split_run_together(list(doc.blocks), config.reference_date)
    reference = config.reference_date
    site_keys = _site_keys(declared, doc.page.url)
    body = [i for i, b in enumerate(blocks) if b.kept and b.role == "body"]
    first = body[0] if body else len(blocks)
    # the article starts at its first real paragraph, not at a kept menu item
    first_long = next((i for i in body if len(blocks[i].text) >= 200), first)

    dump_title = _find_dump_title(blocks, first_long) if declared is None else None
    if dump_title:
        title_i, title = dump_title
        blocks[0] = _as(blocks[0], "title")  # the page's <title> line
    else:
        title_i = _find_title(blocks, first_long if declared is not None else first, declared, site_keys)
        title = blocks[title_i].text if title_i is not None else None
        if title is None and declared is None:
            title = _page_title_line(blocks)
    if title_i is not None:
        blocks[title_i] = _as(blocks[title_i], "title")
    if declared:
        title = _choose_title(declared, site_keys, blocks[title_i] if title_i is not None else None)

    if title:
        _drop_title_repeats(blocks, title)

    kicker = None
    if declared and title and title_i is not None and blocks[title_i].kind == "heading":
        kicker = _after_kicker(blocks[title_i].text, title) or None  # glued into the headline's element
    if kicker is None and title_i is not None and title_i > 0:
        prev = blocks[title_i - 1]
        if _kicker_shaped(prev.text) and not _is_date_line(prev.text, reference) and (prev.kept or prev.reason in ("navigation", "not_main_content", "related")):
            kicker = prev.text
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
        line = _read_meta_line(b.text, reference)
        if line is None and is_person_name(b.text) and _next_to_date(blocks, i, reference):
            line = MetaLine(people=(b.text,))  # "22.11.2022" / "Christian Mihatsch"
        if line is None and _split_byline(blocks, i) != ((), ()):
            line = MetaLine(*_split_byline(blocks, i))  # "Kommentar von" / "Nicole Opitz"
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
        declared_people, declared_agencies = _declared_authors(declared, site_keys)
        authors = declared_people or authors
        agencies += declared_agencies
        published = _iso(declared.published, reference) or _same_day_finer(published, _iso(declared.time_published, reference))
        modified = _iso(declared.modified, reference) or modified
    authors = [a for a in authors if _keep_author(a, site_keys)]
    if not authors and declared is not None:
        authors = _marked_authors(declared.author_marks, site_keys)
    if not authors:
        authors = _author_elsewhere(blocks, title_i if title_i is not None else first, site_keys)
    if published is None and title_i is not None:
        # a date printed next to the title ("Titel 26. November 2024")
        for i in range(max(0, title_i - 2), min(len(blocks), title_i + 3)):
            if blocks[i].role in ("date", "title", "kicker") or _is_date_line(blocks[i].text, reference):
                published = parse_date(blocks[i].text, reference)
                if published:
                    break

    body = [i for i, b in enumerate(blocks) if b.kept and b.role == "body"]
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
            blocks[lead_i] = replace(blocks[lead_i], text=found.rest)
        if declared is None:
            trimmed = _without_trailing_byline(blocks[lead_i].text)
            if trimmed != blocks[lead_i].text and not authors:
                authors.append(_TRAILING_BYLINE.search(blocks[lead_i].text).group("name"))
            blocks[lead_i] = replace(blocks[lead_i], text=trimmed)
        lead = blocks[lead_i].text
        blocks[lead_i] = _as(blocks[lead_i], "lead")
        body = [i for i in body if i != lead_i]
        key = _squash(lead)
        for i in body:  # the lead is in the text once: a teaser list repeating it is not body
            if abs(len(blocks[i].text) - len(lead)) <= len(lead) // 2 and _squash(blocks[i].text) == key:
                blocks[i] = replace(blocks[i], verdict="drop", reason="duplicate", rule="lead")
        body = [i for i in body if blocks[i].kept]

    if body and dateline is None:
        found = split_dateline(blocks[body[0]].text)
        if found:
            dateline = found.place
            if found.agency:
                agencies.append(found.agency)
            blocks[body[0]] = replace(blocks[body[0]], text=found.rest)
    if body:
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

    if published is None and dump_title:  # "Headline – DW – 13.06.2023" as the page's <title>
        # only a date beside the headline: one inside it ("Tagung am 27. 2. 2015") is an event's
        published = next((parse_date(part, reference) for part in re.split(r",\s+|" + _TITLE_SPLIT.pattern, blocks[0].text)
                          if _is_date_line(part, reference)), None)
    if published is None:
        published = _labelled_date_elsewhere(blocks, title_i if title_i is not None else first, reference)
    if published is None and declared is not None:
        guessed = guess_date(doc.page.text, declared.url)
        published = parse_date(guessed, reference) if guessed else None
    if published is None and declared is None:
        published = _date_line_near(blocks, title_i if title_i is not None else first, reference)
    if published is None and modified is not None and declared is None:
        published = modified  # a dump that shows only "Aktualisiert am …": the best date there is
    if published is None and declared is None and title_i is not None:
        published = _dated_line_near(blocks, title_i, first_long_after(blocks, title_i), reference)
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
    return replace(doc, blocks=tuple(b if b.index == i else replace(b, index=i) for i, b in enumerate(blocks)), metadata=meta)


#: a block ending with the headline repeats it when at most this many characters come before
#: it, ending in a separator: a kicker "Nahost:", a breadcrumb "Startseite » Aktuelles »"
_TITLE_PREFIX = 60
_PREFIX_END = ":»›>|/–—-•·"
#: shorter headlines (after squashing) are too plain to call a block a repeat of them
_MIN_TITLE_KEY = 8


def _repeats_title(text: str, title: str) -> bool:
    """Whether ``text`` is the headline again, alone or after a kicker or breadcrumb.

    >>> _repeats_title('Angebliche "Dekolonisierung" :Warum Putin warnt', "Warum Putin warnt")
    True
    >>> _repeats_title("Zutaten für das Rezept Bienenstich-Muffins", "Bienenstich-Muffins")
    False
    """
    if len(text) > len(title) + _TITLE_PREFIX:
        return False
    if _squash(text) == _squash(title):
        return True
    at = text.casefold().rfind(title.casefold())
    if at <= 0 or text[at + len(title) :].strip(END_PUNCTUATION):
        return False
    return text[:at].rstrip()[-1:] in tuple(_PREFIX_END)


def _drop_title_repeats(blocks: list[Block], title: str) -> None:
    """Drop the body blocks that print the headline again (over a teaser, in a breadcrumb, at
    the end of the page): the title is a field of its own and in ``text`` not at all."""
    shortest = len(_squash(title))  # squashing only shortens: a shorter block cannot repeat it
    if shortest < _MIN_TITLE_KEY:
        return
    for i, b in enumerate(blocks):
        if b.kept and b.role == "body" and len(b.text) >= shortest and _repeats_title(b.text, title):
            blocks[i] = replace(b, verdict="drop", reason="duplicate", rule="title")


def first_long_after(blocks: list[Block], start: int) -> int:
    """The first kept paragraph of article length after ``start`` (or the end)."""
    return next((i for i in range(start + 1, len(blocks)) if blocks[i].kept and blocks[i].role == "body"
                 and len(blocks[i].text) >= 200), len(blocks))


def _as(block: Block, role: Role) -> Block:
    """The block kept out of the body in a metadata role."""
    return replace(block, verdict="keep", role=role, reason=None, rule=None)


def _update_label_before_date(text: str, reference: date | None) -> bool:
    """An update label right before the line's first date, after a name: "Evgenia Karp
    Zuletzt geändert am 06.11.2023".

    >>> _update_label_before_date("Evgenia Karp Zuletzt geändert am 06.11.2023", None)
    True
    >>> _update_label_before_date("Mit Verstand 06.11.2023", None)
    False
    """
    spans = date_spans(text, reference)
    before = text[: spans[0][0]].casefold().rstrip(" :,") if spans else ""
    return any(before.endswith(label) and not before[: -len(label)][-1:].isalpha() for label in date_labels("modified"))


def _earliest_date(text: str, reference: date | None) -> str | None:
    """The first date of a line, or its earliest if it has several unlabelled ones (a page's
    update date printed before its publication date).

    >>> _earliest_date("2018-08-29 14:15:57 2018-06-22 10:20:00", None)
    '2018-06-22T10:20:00+02:00'
    """
    found = [value for _, value in find_dates(text, reference)]
    if len({value[:10] for value in found}) <= 1:
        return parse_date(text, reference)
    return min(found, key=lambda value: value[:10])


def _same_day_finer(visible: str | None, timed: str | None) -> str | None:
    """The date printed in the header, or the ``<time>`` element's when there is none or it
    says the same day more exactly.

    >>> _same_day_finer("2023-10-31", "2020-12-03T07:32:49+01:00")
    '2023-10-31'
    >>> _same_day_finer("2019-10-19", "2019-10-19T14:37:24+02:00")
    '2019-10-19T14:37:24+02:00'
    >>> _same_day_finer(None, "2019-10-19")
    '2019-10-19'
    """
    if visible is None or (timed is not None and timed[:10] == visible[:10] and len(timed) >= len(visible)):
        return timed
    return visible


def _iso(value: str | None, reference: date | None) -> str | None:
    return parse_date(value, reference) if value else None


@dataclass(frozen=True, slots=True)
class MetaLine:
    """What a byline or date line under the headline says."""

    people: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None


def read_meta_line(text: str, reference: date | None = None) -> MetaLine | None:
    """Authors, agencies and dates of a byline or date line, or None if it is neither.

    >>> read_meta_line("Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch")
    MetaLine(people=('Eva Kirchner-Rätsch',), agencies=(), published='2024-04-25T14:07:00+02:00', modified=None)
    >>> read_meta_line("27. Januar 2026 • Gregor Meier • 3 Minuten").people
    ('Gregor Meier',)
    >>> read_meta_line("Die Stadt hat am 3. März 2025 beschlossen, die Brücke zu bauen.") is None
    True
    """
    return _read_meta_line(text, reference)


def _read_meta_line(text: str, reference: date | None) -> MetaLine | None:
    if len(text) > 160:
        return None
    pieces = [p for p in _META_SEPARATOR.split(text) if p.strip()]
    people: list[str] = []
    agencies: list[str] = []
    dated = False
    for piece in pieces:
        if _is_byline(piece):
            found, agents = split_authors(piece)
            people += found
            agencies += agents
    folded = text.casefold()
    labelled = _date_labelled(folded, "published") or _date_labelled(folded, "modified")
    labelled = labelled and len(text.split()) <= 12 and bool(find_dates(text[:60], reference))
    if labelled and len(pieces) == 1:
        # "Artikel veröffentlicht am 28. April 2024, 14:26 Uhr, Tobias Költzsch"
        pieces = [p for p in re.split(r",\s+(?=[A-ZÄÖÜ][a-zäöüß])", text) if p.strip()]
    joined = ", ".join(pieces)
    if labelled or len(pieces) > 1 or _is_date_line(text, reference):
        dated = labelled or bool(find_dates(joined, reference)) or _is_date_line(text, reference)
    if len(pieces) > 1 and not people and all(is_person_name(p.strip()) for p in pieces):
        people = [p.strip() for p in pieces]
    if dated and len(pieces) > 1 and not people:
        # "27. Januar 2026 • Gregor Meier • 3 Minuten": a bare name between date pieces
        for piece in pieces:
            if is_person_name(piece.strip()):
                people.append(piece.strip())
            elif agency_of(piece):
                agencies.append(agency_of(piece) or "")
    spans = date_spans(text, reference) if len(pieces) == 1 and not people and len(text) < 80 else []
    if spans:  # "Tobias Mühlbauer 24.04.2024, 19:35 Uhr"
        # the name stands on one side of the dates: words on both sides are a name and a
        # section ("Tine 2. Februar 2020 Radtouren Berlin")
        bounds = [0, *(i for span in spans for i in span), len(text)]
        sides = [text[a:b].strip(" ,;:-–|") for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
        sides = [side for side in sides if _without_date_words(side)]  # not "- 08:13 Uhr", "3 min Lesezeit"
        rest = re.sub(r"\s+", " ", sides[0]) if len(sides) == 1 else ""
        if _name_beside_role(rest):  # "Evgenia Karp Zuletzt geändert am 06.11.2023"
            people.append(_name_beside_role(rest) or "")
            dated = True
        elif _byline_pattern().match(rest):  # "By Julia Esdar 6. November 2023", "6. Dezember 2022 von Fatima in …"
            people += split_authors(rest)[0]
            dated = True
    if not dated and _byline_pattern().match(text) and len(text) < 80 and find_dates(text, reference):
        dated = True  # "von Landesspiegel 30. Juni 2025": no person, but the date
    if not (people or agencies or dated):
        return None
    if not dated and not _is_byline(text) and len(pieces) == 1:
        return None
    published = modified = None
    if dated:
        # "13.08.2024, 18:00 Uhr | Aktualisiert: 14.08.2024": each labelled piece its own date
        updates = [p for p in pieces if _date_labelled(p.strip().casefold(), "modified")] if len(pieces) > 1 else []
        rest = ", ".join(p for p in pieces if p not in updates)
        value = parse_date(rest, reference) if updates else _earliest_date(joined, reference)
        if updates:
            modified = parse_date(", ".join(updates), reference)
        if value and (_date_labelled(folded, "modified") or _update_label_before_date(text, reference)) and not updates:
            modified = value
        else:
            published = value
    return MetaLine(tuple(people), tuple(agencies), published, modified)


def _labelled_date_elsewhere(blocks: list[Block], anchor: int, reference: date | None) -> str | None:
    """A "Datum 28.04.2023" / "Veröffentlicht am …" line away from the header (a side box),
    the one nearest the headline."""
    found = []
    for i, b in enumerate(blocks):
        if len(b.text) > 80 or b.reason in ("credit", "comments", "related") or not _date_labelled(b.text.casefold(), "published"):
            continue
        line = _read_meta_line(b.text, reference)
        if line is not None and line.published:
            found.append((abs(i - anchor), line.published))
    return min(found)[1] if found else None


def _date_line_near(blocks: list[Block], anchor: int, reference: date | None, reach: int = 60) -> str | None:
    """In a dump, a line that is only a date ("29.06.2025") near the headline, outside teaser
    lists and comments: the nearest one."""
    found = []
    for i in range(max(0, anchor - reach), min(len(blocks), anchor + reach)):
        b = blocks[i]
        # (without a reference date only a date in digits reads: most lines have no digit)
        if reference is None and not _DIGIT.search(b.text):
            continue
        if b.reason in ("related", "comments", "credit") or not _is_date_line(b.text, reference):
            continue
        value = parse_date(b.text, reference)
        if value:
            found.append((abs(i - anchor), value))
    return min(found)[1] if found else None


#: a short line that opens with a date: "07.11.2023 Ormalingen, Baselbiet", "Posted 11. April 2018 by …"
_DATED_LINE = 120
_DATE_OPENS = 30


def _dated_line_near(blocks: list[Block], title_i: int, first_long: int, reference: date | None) -> str | None:
    """In a dump, the short line nearest the headline, between the line over it and the
    article's first paragraph, whose first words are a date (with a place, a name or
    categories after it)."""
    found = []
    for i in range(max(0, title_i - 1), min(len(blocks), first_long + 1)):
        b = blocks[i]
        if i == title_i or len(b.text) > _DATED_LINE or b.reason in ("related", "comments", "credit"):
            continue
        dates = find_dates(b.text[:_DATE_OPENS + 20], reference)
        if dates and dates[0][0] <= _DATE_OPENS:
            found.append((abs(i - title_i), dates[0][1]))
    return min(found)[1] if found else None


def _next_to_date(blocks: list[Block], i: int, reference: date | None) -> bool:
    return any(0 <= j < len(blocks) and (blocks[j].role == "date" or _is_date_line(blocks[j].text, reference)) for j in (i - 1, i + 1))


def _date_labelled(folded: str, kind: str) -> bool:
    """The line starts with a date label ("Stand:", "Artikel veröffentlicht am"); short
    labels such as "am" only at the very start."""
    return _date_label_pattern(kind).match(folded) is not None


@cache
def _date_label_pattern(kind: str) -> re.Pattern[str]:
    labels = date_labels(kind)
    long = "|".join(re.escape(lbl) for lbl in labels if len(lbl) >= 5)
    short = "|".join(re.escape(lbl) for lbl in labels if len(lbl) < 5) or "(?!)"
    return re.compile(rf"(?:(?:\w+\s+)?(?:{long})|(?:{short}))\b")


def _declared_authors(declared: Declared, site_keys: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Person names and agencies among the declared authors (organisations left out)."""
    people: list[str] = []
    agencies: list[str] = []
    for raw in declared.authors:
        name = re.sub(r"\s*\([^)]*\)\s*$", "", raw)  # "Elena Oberholzer (obe)"
        agency = agency_of(name)
        if agency:
            agencies.append(agency)
            continue
        found, agents = split_authors(name)
        if not (found or agents) and _is_pen_name(name, declared) and not _is_site(name, site_keys):
            found = (name,)
        people += [p for p in found if _keep_author(p, site_keys)]
        agencies += agents
    return people, agencies


def _is_pen_name(name: str, declared: Declared) -> bool:
    """A one-word declared author ("Tiberius", "Cortyn") that is a person's: JSON-LD types it
    as ``Person``, or an element marked as the author shows it too."""
    if not _HANDLE.fullmatch(name) or name.casefold() in _not_a_name() or agency_of(name):
        return False
    return name in declared.persons or any(
        mark == name or split_authors(mark, handles=True)[0] == (name,) for mark in declared.author_marks)


def _marked_authors(marks: tuple[str, ...], site_keys: tuple[str, ...]) -> list[str]:
    """Names from elements the page marks as author: "Chris Jung", "von Peter Addor"."""
    for text in marks:  # the first marked element that names someone; later ones are often
        # the author boxes of other articles
        people = list(split_authors(text, handles=True)[0]) if _is_byline(text, handles=True) else [text] if is_person_name(text) else []
        people = [p for p in people if _keep_author(p, site_keys)]
        if people:
            return people
    return []


def _author_elsewhere(blocks: list[Block], anchor: int, site_keys: tuple[str, ...]) -> list[str]:
    """A byline away from the header: "Autorin/Autor Roman Goncharenko" in a side box, or a
    name in an element whose class says ``author``; the one nearest the headline wins."""
    found: list[tuple[int, list[str]]] = []
    # (each test once per page, not per block: this reads every line of a dump)
    hinted = {hint: _author_hinted(hint) for hint in {b.hint for b in blocks}}
    after_prefix = {i + 1 for i, b in enumerate(blocks) if _is_bare_prefix(b.text)}
    for i, b in enumerate(blocks):
        if b.role != "body" or b.reason in ("credit", "comments", "related", "sponsored") or len(b.text) > 80:
            continue
        if b.text and _may_open_byline(b.text[0]) and _is_byline(b.text):
            people = list(split_authors(b.text)[0])
        elif i in after_prefix and _split_byline(blocks, i)[0]:
            people = list(_split_byline(blocks, i)[0])  # "Kommentar von" / "Nicole Opitz" in an author box
        elif hinted[b.hint] and is_person_name(b.text):
            people = [b.text]
        else:
            continue
        people = [p for p in people if _keep_author(p, site_keys)]
        if people:
            found.append((abs(i - anchor), people))
    return min(found)[1] if found else []


def _author_hinted(hint: str) -> bool:
    """The block's element (or its parent) is classed as author."""
    folded = hint.casefold()
    if "author" not in folded and "autor" not in folded:
        return False  # (the common case, decided without splitting the hint)
    return any("author" in label or "autor" in label for label in hint.casefold().split()[-2:])


_KICKER_SPLIT = re.compile(r"\s*:\s+|\s+[-–—|/]\s+")


def shared_headline(visible: str, declared: str) -> str | None:
    """The headline two titles share behind different kickers, or None.

    Pages put one kicker over the visible headline and another in front of the declared one;
    what both say after their kicker is the headline.

    >>> shared_headline("Eskalation im Nahen Osten - «Zurückhaltung hat mit den USA zu tun»",
    ...                 "Iranischer Angriff auf Israel: «Zurückhaltung hat mit den USA zu tun»")
    '«Zurückhaltung hat mit den USA zu tun»'
    >>> shared_headline("Immobilienkrise: Signa in Sorge", "Signa in Sorge") is None
    True
    """
    a, b = _squash(visible), _squash(declared)
    if not a or not b or a in b or b in a:
        return None
    parts_a, parts_b = _KICKER_SPLIT.split(visible, maxsplit=1), _KICKER_SPLIT.split(declared, maxsplit=1)
    if len(parts_a) < 2 or len(parts_b) < 2 or len(parts_a[1].split()) < 3:
        return None
    return parts_a[1] if _squash(parts_a[1]) == _squash(parts_b[1]) else None


def _choose_title(declared: Declared, site_keys: tuple[str, ...], block: Block | None) -> str | None:
    """The headline both the page's markup and its declarations agree on.

    In order: the visible ``<h1>`` when the page declares the same headline; a visible heading
    that says what a declared headline says, in the declared spelling (a colon the markup left
    to CSS between kicker and headline spans); the declared headline (JSON-LD, then og:title);
    the ``<h1>``; ``<title>``; each without the site's name. Declared and visible headlines
    often differ (a shorter social-media title, a kicker glued on)."""
    declared_titles = [strip_site_name(c, site_keys) for c in (declared.headline, declared.og_title, declared.html_title) if c]
    declared_titles = [t for t in declared_titles if len(t.split()) >= 2 and not _is_site(t, site_keys)]
    h1 = block.text if block is not None and _is_h1(block) else None
    if h1 and any(_squash(h1) == _squash(t) for t in declared_titles):
        return h1
    if block is not None and block.kind == "heading":
        shown = next((t for t in declared_titles if _after_kicker(block.text, t) is not None), None)
        if shown:
            return shown
    for candidate in (declared.headline, declared.og_title):
        if candidate:
            title = strip_site_name(candidate, site_keys)
            if title in declared_titles:
                return shared_headline(h1, title) or title if h1 else title
    if h1 or block is not None:
        return (block.text if block is not None else h1)
    return declared_titles[-1] if declared_titles else None


#: the longest kicker (squashed) a heading may carry in front of the headline it shows, and
#: the fewest words of a headline found that way (not a name such as the site's)
_GLUED_KICKER = 40
_MIN_GLUED_TITLE_WORDS = 3


def _after_kicker(text: str, title: str) -> str | None:
    """What comes before ``title`` in the heading ``text``: "" when the heading is the title, a
    short kicker glued in front of it, or None when the heading shows another headline.

    >>> _after_kicker("Meinung Warum Kritik an Trump verpufft", "Warum Kritik an Trump verpufft")
    'Meinung'
    >>> _after_kicker("Technologie im Klassenzimmer KI in der Schule", "Technologie im Klassenzimmer: KI in der Schule")
    ''
    >>> _after_kicker("Warum Kritik verpufft", "Trump: Warum Kritik verpufft") is None
    True
    """
    key, whole = _squash(title), _squash(text)
    if len(key) < _MIN_TITLE_KEY or not whole.endswith(key) or len(whole) - len(key) > _GLUED_KICKER:
        return None
    if whole == key:
        return ""
    n = len(title.split())
    words = text.split()
    if len(words) <= n or _squash(" ".join(words[-n:])) != key:
        return None  # the headline does not start at a word of the heading
    return " ".join(words[:-n])


#: a block dropped for these reasons is never the headline of a dump
_NOT_TITLE_REASONS = frozenset({"newsletter", "sponsored", "cookie", "login", "paywall", "social", "credit"})


def _find_title(blocks: list[Block], first: int, declared: Declared | None, site_keys: tuple[str, ...]) -> int | None:
    """Index of the block that is the headline."""
    if declared is not None:
        wanted = [strip_site_name(c, site_keys) for c in (declared.og_title, declared.headline, declared.html_title) if c]
        # a headline is short: longer blocks need not be squashed and compared
        longest = max((len(c) for c in wanted), default=0) * 2 + 20
        squashed = [(i, _squash(b.text)) for i, b in enumerate(blocks) if len(b.text) <= longest]
        squashed = [(i, text) for i, text in squashed if not _in_breadcrumb(blocks[i])]
        for cand in wanted:
            key = _squash(cand)
            hits = [i for i, text in squashed if text == key]
            if hits:
                return min(hits, key=lambda i: (blocks[i].kind != "heading", not _is_h1(blocks[i]), abs(i - first)))
            if len(cand.split()) < _MIN_GLUED_TITLE_WORDS:
                continue
            hits = [i for i, text in squashed if text.endswith(key) and blocks[i].kind == "heading"
                    and _after_kicker(blocks[i].text, cand)]
            if hits:  # a kicker glued in front of the headline
                return min(hits, key=lambda i: abs(i - first))
        headings = [i for i, b in enumerate(blocks) if _is_h1(b) and _title_shaped(b.text)]
        if headings:
            return min(headings, key=lambda i: abs(i - first))
        return None
    # text dump: the title-shaped line before the article, past date and byline lines, share
    # buttons, a picture (caption + credit line) and one teaser paragraph
    teaser_seen = False
    for i in range(first - 1, max(-1, first - 9), -1):
        b = blocks[i]
        if _is_date_line(b.text, None) or _is_byline(b.text) or b.reason in _NOT_TITLE_REASONS:
            continue
        if i + 1 < len(blocks) and blocks[i + 1].reason == "credit":
            continue  # a picture caption
        # a short line before the article counts as navigation, but a menu phrase is no headline
        if _title_shaped(b.text) and match_boilerplate(b.text) is None:
            head = blocks[first] if first < len(blocks) else None
            if (i == first - 1 and head is not None and head.kind == "heading" and _kicker_shaped(b.text)
                    and _title_shaped(head.text) and len(head.text) > len(b.text)):
                return first  # the article starts with its headline; the line above is a kicker
            return i
        if teaser_seen or len(b.text) < 60:
            break
        teaser_seen = True
    # the first body block itself may be the title (dump with no separate lead)
    if first < len(blocks) and _title_shaped(blocks[first].text):
        return first
    return None


#: a class/id part of breadcrumb navigation ("breadcrumb__headline", "kick__article__header__crumb")
_BREADCRUMB = "crumb"


def _in_breadcrumb(block: Block) -> bool:
    """The block sits in a breadcrumb trail: an ``<h1>`` there names the page for search
    engines, the headline readers see is printed elsewhere."""
    return _BREADCRUMB in block.hint and any(_BREADCRUMB in label.casefold() for label in block.hint.split(" ")[-3:])


def _is_h1(block: Block) -> bool:
    return block.kind == "heading" and block.hint.split(" ")[-1][:2] == "h1"


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
                and not _is_byline(b.text) and (b.kind != "heading" or len(b.text) > 80))

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
            if len(text) <= _LONGEST_LEAD and (ends or subtitle) and more and not _is_byline(text):
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


_SENTENCE_BREAK = re.compile(r"[a-zäöüß]{2}[.!?] [A-ZÄÖÜ]")


def _find_dump_title(blocks: list[Block], first_long: int) -> tuple[int, str] | None:
    """A dump that starts with the page's ``<title>``: the headline is the line that repeats it
    (or most of its words: a kicker glued on, a colon for a dash), nearest the article's first
    paragraph. The title is the ``<title>`` without the site's name, or the repeating line
    when that is a shorter part of it."""
    title = _page_title_line(blocks) if len(blocks) >= 2 else None
    if title is None:
        return None
    head = blocks[0].text
    whole, key = _squash(head), _squash(title)
    title_words = set(re.findall(r"\w+", title.casefold()))
    hits = []
    for i in range(1, len(blocks)):
        text = blocks[i].text
        if len(text) > 200 or len(text.split()) < 3 or not _title_shaped(text):
            continue
        tokens = words(text.casefold())
        line = "".join(tokens)  # (what _squash leaves, from the tokens the word test needs too)
        if line == key:
            hits.append((0, i))
        elif (line in whole and len(line) >= 0.6 * len(key)) or (key in line and len(line) <= 1.8 * len(key)):
            hits.append((1, i))
        elif len(title_words) >= 4:
            line_words = set(tokens)
            if (len(line_words & title_words) >= 0.6 * len(title_words) and len(line_words) <= 2 * len(title_words)
                    and not _SENTENCE_BREAK.search(text)):
                hits.append((2, i))  # shared words only: a teaser of two sentences is no headline
    if not hits:
        return None
    # the wording from the closest match; the place from the match nearest the article
    best = min(hits, key=lambda h: (h[0], h[1] > first_long, abs(h[1] - first_long)))[1]
    anchor = min(hits, key=lambda h: (h[1] > first_long, abs(h[1] - first_long)))[1]
    text = blocks[best].text
    line = _squash(text)
    shared = shared_headline(text, title)
    if shared:
        return anchor, shared
    if key in line and line != key:
        return anchor, title  # the visible line only adds to the <title> (a kicker glued on)
    if line == key and len(title) > len(text):
        return anchor, title  # same words; the <title> kept the colon the dump lost
    return anchor, text


def _page_title_line(blocks: list[Block]) -> str | None:
    """The first line of a dump, when it reads as the page's ``<title>``: the headline when no
    line of the page repeats it."""
    if not blocks or not 3 <= len(blocks[0].text.split()) <= 40:
        return None
    title = strip_site_name(blocks[0].text)
    return title if _title_shaped(title) else None


def _split_run_together(blocks: list[Block], reference: date | None) -> list[Block]:
    """Cut ``Title 26. November 2024 Body …`` (a dump with no line breaks) into three blocks."""
    out: list[Block] = []
    for b in blocks:
        # every date starts with a digit: a paragraph without one in its first 250 characters
        # (past the first) has no date to cut at
        if not b.kept or len(b.text) < 400 or not _DIGIT.search(b.text, 1, 251):
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

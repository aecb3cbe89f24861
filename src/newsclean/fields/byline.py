"""One line that credits or dates an article, read: a byline ("Von Anna Schmidt und Jan Roth"),
a date line ("Stand: 14:03 Uhr"), both ("Von Anna Schmidt | 12.03.2024"), an agency, a person's
name. :mod:`newsclean.fields.credits` finds such lines on the page.

German knowledge (byline words, roles, agencies, date labels) comes from ``data/german.toml``.

>>> split_authors("Von Anna Schmidt und Jan Müller")
(('Anna Schmidt', 'Jan Müller'), ())
>>> split_authors("Anna Schmidt, dpa")
(('Anna Schmidt',), ('dpa',))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicon import german
from ..model import Block
from ..text.dates import DateReader, date_labels, date_spans, relative_date_pattern
from ..verdicts.phrases import match_boilerplate, trie_pattern
from .site import is_site, squash


def canonical_agency(name: str) -> str:
    first = name.split("/")[0]
    return german().agencies.get(first.casefold(), first)


def agency_of(text: str) -> str | None:
    """The canonical agency name if ``text`` names a news agency.

    >>> agency_of("AFP"), agency_of("Anna Schmidt")
    ('AFP', None)
    """
    return german().agencies.get(text.strip(" ().").casefold())


_DIGIT = re.compile(r"\d")
_NAME_WORD = re.compile(r"^(?:[A-ZÄÖÜ][\wäöüßéèáàíóúçñ'’.-]*|von|van|de|der|den|zu|di|da|la|le|du|y|al|el|bin|ibn)$")


def is_person_name(text: str) -> bool:
    """A plausible person's name: 2–5 capitalised words, no newsroom words.

    >>> is_person_name("Anna Schmidt"), is_person_name("Redaktion"), is_person_name("die Stadt hat")
    (True, False, False)
    """
    parts = text.split()
    if not 2 <= len(parts) <= 5 or not _no_name_words().isdisjoint(p.casefold() for p in parts):
        return False
    if parts[0].casefold() in ("von", "by", "mit", "und", "der", "die", "das"):  # "Von Henry", "DER SPIEGEL"
        return False
    return all(_NAME_WORD.match(p) for p in parts) and parts[0][0].isupper() and parts[-1][0].isupper()


@cache
def _no_name_words() -> frozenset[str]:
    """Words no person's name contains: newsroom words and function words."""
    return german().not_a_name | german().function_words


def split_byline(blocks: list[Block], i: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names and agencies of a byline whose prefix stands alone on the line before ``i``."""
    if i == 0 or len(blocks[i].text) > 80 or blocks[i].text.endswith(("...", "…")) or not is_bare_prefix(blocks[i - 1].text):
        return (), ()
    if _ends_with_von(blocks[i - 1].text):  # "Disko Von" / "Ernst Lohoff": the section's name is none of it
        return split_authors(f"von {blocks[i].text}")
    return split_authors(f"{blocks[i - 1].text} {blocks[i].text}")


def is_bare_prefix(text: str) -> bool:
    """A byline prefix on a line of its own ("Von", "Kommentar von", "Autorin:"): the name
    follows on the next line."""
    stripped = text.strip()
    if len(stripped) > 30:  # (casefolding never shortens a text)
        return False
    folded = stripped.casefold()
    return (len(folded) <= 30 and (folded in _byline_prefix_set() or folded.rstrip(":") in _byline_prefix_set())
            or _ends_with_von(stripped))


def _ends_with_von(text: str) -> bool:
    """A short line that ends with "von", its name on the next line: a section or a kind of
    text glued to the prefix ("Disko Von", "Tipps von"), not a sponsor's ("präsentiert von").

    >>> _ends_with_von("Disko Von"), _ends_with_von("Tipps von:"), _ends_with_von("Die Stadt hat sich von")
    (True, True, False)
    >>> _ends_with_von("präsentiert von"), _ends_with_von("Präsentiert von")
    (False, False)
    """
    words = text.casefold().rstrip(":").split()
    return (len(words) == 2 and words[-1] == "von" and len(text) <= 30 and text.lstrip()[:1].isupper()
            and match_boilerplate(text) is None)


@cache
def _byline_prefix_set() -> frozenset[str]:
    return frozenset(german().byline_prefixes)


@cache
def byline_pattern() -> re.Pattern[str]:
    """A line that starts with a byline prefix ("Von", "Autorin:", "Ein Artikel von") and goes on.

    The prefixes go into the pattern as a trie: tried one after the other, the fifty of them
    took a microsecond for each line that does not start with one.

    >>> bool(byline_pattern().match("Autorin:Anna Berg")), bool(byline_pattern().match("Vonovia baut"))
    (True, False)
    """
    colon = trie_pattern(p for p in german().byline_prefixes if p.endswith(":")).pattern
    spaced = trie_pattern(p for p in german().byline_prefixes if not p.endswith(":")).pattern
    return re.compile(rf"^(?:{colon}\s*|{spaced}\s+)\S", re.IGNORECASE)


#: a pen name or user name ("HansG", "eseppelt", "c1ph4"): one word of letters and digits
HANDLE = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß.-]{1,29}")


def split_authors(text: str, handles: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Person names and agencies from a byline.

    With ``handles``, a single word after a byline prefix counts as the author's (pen) name:
    in an element the page marks as its author, "von Limespacer" names someone.

    >>> split_authors("Veröffentlicht von HansG", handles=True), split_authors("Veröffentlicht von HansG")
    ((('HansG',), ()), ((), ()))
    >>> split_authors("Von Anna Berg (Text) und Jan Roth (Fotos), AFP"), split_authors("Von unserem Korrespondenten Jan Roth")
    ((('Anna Berg',), ('AFP',)), (('Jan Roth',), ()))
    """
    line = text.strip()
    prefix = leading_prefix().match(line.casefold())
    if prefix:
        line = line[len(prefix.group().removesuffix(" ")) :].strip()
    line = re.sub(r"\s*[|·•]\s*.*$", "", line)  # "Anna Schmidt | 12.03.2024"
    line = re.sub(r"\s+(?:am|on|um)\s+\d.*$", "", line, flags=re.IGNORECASE).rstrip(" ,")  # "R. R. am 07.08.2013 um 09:07 Uhr"
    if handles and prefix:
        handle = line
        if (HANDLE.fullmatch(handle) and handle.casefold() not in german().not_a_name
                and not agency_of(handle) and not handle.isdigit()):
            return (handle,), ()
    line, agencies = _without_agency_help(line)
    pieces = NAME_JOINER.split(line)
    people: list[str] = []
    for piece in pieces:
        # a label in brackets after a name: its agency ("Anna Berg (AFP)") or its part, the
        # text's ("(Text)") or the pictures' ("Jan Roth (Fotos)": no author of the article)
        labels = _BRACKETED.findall(piece)
        agencies += [agency for label in labels if (agency := agency_of(label))]
        if any(label.casefold() in PICTURE_LABELS for label in labels):
            continue
        piece = _BRACKETED.sub("", piece).strip(" ()")
        if not re.search(r"\b[A-ZÄÖÜ]\.$", piece):  # an initial keeps its point: "R. R."
            piece = piece.rstrip(" .")
        if not piece:
            continue
        agency = agency_of(piece) or outlet_of(piece)
        if agency:
            agencies.append(agency)
        elif name := _name_beside_role(piece):
            people.append(name)
    return tuple(dict.fromkeys(people)), tuple(dict.fromkeys(agencies))


def _without_agency_help(line: str) -> tuple[str, list[str]]:
    """A byline's names without the agencies whose copy the writer used, and those agencies
    ("Anna Berg mit dpa", "Anna Berg (mit dpa)", "Anna Berg, mit Material von dpa und AFP").

    >>> _without_agency_help("Anna Berg mit dpa"), _without_agency_help("Anna Berg, mit Material von dpa und AFP")
    (('Anna Berg', ['dpa']), ('Anna Berg', ['dpa', 'AFP']))
    >>> _without_agency_help("Anna Berg mit Agenturen"), _without_agency_help("Anna Berg im Gespräch mit Eva Klein")
    (('Anna Berg', []), ('Anna Berg im Gespräch mit Eva Klein', []))
    """
    found = _AGENCY_HELP.search(line)
    if found is None:
        return line, []
    parts = [p for p in NAME_JOINER.split(found.group("agencies").strip()) if p.casefold() not in _UNNAMED_AGENCIES]
    agencies = [agency_of(part) for part in parts]
    if not all(agencies):
        return line, []
    return line[: found.start()].rstrip(" ,("), [a for a in agencies if a]


#: what a byline says where it names no agency ("Anna Berg mit Agenturen")
_UNNAMED_AGENCIES = frozenset({"agenturen", "agenturmaterial", "nachrichtenagenturen"})


#: "mit dpa", "(mit dpa)", ", mit Material von dpa und AFP" at a byline's end
_AGENCY_HELP = re.compile(
    r"[\s,(]+mit\s+(?:(?:Material|Agenturmaterial|Informationen)\s+(?:von|der|des)\s+)?(?P<agencies>[^()]{2,40}?)\)?$",
    re.IGNORECASE)


#: what stands between the names of a byline ("Anna Berg und Jan Roth", "Richard Roth im Gespräch mit Eva Klein")
NAME_JOINER = re.compile(r"\s*(?:,|;|/|&|\bund\b|\bsowie\b|\bu\.|\bim [Gg]espräch mit\b)\s*")

#: a bracketed label after a name: "(Text)", "(Fotos)", "(AFP)"
_BRACKETED = re.compile(r"\s*\(([^()]{1,20})\)")
PICTURE_LABELS = frozenset({"foto", "fotos", "bild", "bilder", "fotografie", "video", "grafik", "illustration"})


@cache
def leading_prefix() -> re.Pattern[str]:
    """The byline prefix :func:`split_authors` cuts off a case-folded line: the longest one
    followed by a space, or one ending in a colon (then with the space after it, if any).

    One trie match: trying the fifty prefixes one after the other, each on the line case-folded
    again, was four fifths of the time of reading a byline (44 µs of a 50 µs call).

    >>> [leading_prefix().match(text).group() for text in ("von: anna", "autorin:anna", "von anna")]
    ['von: ', 'autorin:', 'von ']
    >>> leading_prefix().match("vonovia baut") is None
    True
    """
    prefixes = german().byline_prefixes
    return trie_pattern([*(p + " " for p in prefixes), *(p for p in prefixes if p.endswith(":"))])


def _name_beside_role(text: str) -> str | None:
    """The person's name at the start of ``text``, past a role before it and up to a role or
    label after it: "Sina Zehrfeld" from "Sina Zehrfeld Landespolitische Korrespondentin",
    "Carola Pönisch" from "Carola Pönisch Kultur" (the section a date line names after it)."""
    words = text.split()
    while len(words) > 2 and words[-1].casefold() in german().kicker_sections:
        words.pop()
    text = " ".join(words)
    if is_person_name(text):
        return text
    while len(words) > 2 and words[0].casefold() in german().roles_before_name:
        words.pop(0)  # "Rechtsanwalt Sebastian Einbock"
    role = next((k for k, w in enumerate(words) if w.casefold().strip(":,") in german().not_a_name), len(words))
    name = words[:role]
    while len(name) > 2 and name[-1].casefold().endswith(("ische", "ischer", "liche", "licher", "ige", "iger")):
        name.pop()  # "Landespolitische" before "Korrespondentin"
    return " ".join(name) if len(name) >= 2 and is_person_name(" ".join(name)) else None


_META_SEPARATOR = re.compile(r"\s+[|•·/]\s+|\s*[•|]\s*")


AUTHOR_MARK = re.compile(r"\s*\((?P<mark>[A-Za-zÄÖÜäöü]{1,6}(?:\s*/\s*[A-Za-zÄÖÜäöü]{1,6}){0,3})\)\s*$")


def is_byline(text: str, handles: bool = False) -> bool:
    if not byline_pattern().match(text) or len(text.split()) > 14:
        return False
    people, agencies = split_authors(text, handles)
    return bool(people or agencies)


def dated_byline(text: str) -> bool:
    """A short line of a date and a byline or a name, in either order: "Veröffentlicht von
    Jan Roth 28. Februar 2016", "30. Oktober 2019 | Markus Lindner" (a headline that
    starts with its date goes on with more than a name).

    >>> dated_byline("11.12.2019 - Amelie Loevenich"), dated_byline("23.01.2022 - Wierer darf noch jubeln")
    (True, False)
    """
    spans = date_spans(text, None) if len(text) <= 90 else []
    if not spans:
        return False
    rest = text
    for start, end in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    rest = " ".join(rest.split()).strip(" -–—|•·,:/")
    return bool(rest) and (is_byline(rest) or bool(split_authors(rest)[0]))


@cache
def _date_noise() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """Any noise word, and each noise word (removed one after the other, the longest first:
    "vor einer Minute" before its "Minute")."""
    words = sorted(german().date_noise, key=len, reverse=True)
    each = tuple(re.compile(rf"\b{re.escape(word)}\b") for word in words)
    return re.compile("|".join(p.pattern for p in each)), each


def is_date_line(text: str, dates: DateReader | None = None) -> bool:
    """A short line that is only a date, or a date label (possibly without the date).
    ``dates``: the page's reader of dates (its reference day reads "gestern"); none, a reader
    of this line alone, against today.

    >>> is_date_line("Stand: 14:03 Uhr"), is_date_line("Lesedauer: 3 Min."), is_date_line("2:1"), is_date_line("90. Minute")
    (True, True, False, False)
    """
    if len(text) > 90:
        return False
    spans = (dates or DateReader(None)).spans(text)
    if not spans and len(text) >= 30:
        return False  # (the common case, decided before any text is cut out)
    rest = text
    for start, end in reversed(spans):
        rest = rest[:start] + rest[end:]
    rest = _without_date_words(rest)
    return (bool(spans) and len(rest) <= 12) or (not rest and len(text) < 30 and not _MATCH_TIME.match(text))


#: a match's score ("2:1", "10:3") or minute ("90. Minute"): date words and digits only, but no
#: time of day (a clock's minutes have two digits) nor a reading time ("3 Min.")
_MATCH_TIME = re.compile(r"\s*(?:\d{1,3}:\d|\d{1,3}\.\s*Minute)\s*$", re.IGNORECASE)


def _without_date_words(text: str) -> str:
    """What is left of a line's text (dates cut out) once date labels, relative dates, times,
    weekdays and reading-time noise are gone: "" for "Stand: 14:03 Uhr | Lesedauer: 2 Min."."""
    rest = relative_date_pattern().sub(" ", text.casefold())  # "gestern, 14:03 Uhr"
    rest = _date_line_labels().sub(" ", rest)
    rest = _NOT_DATE_WORD.sub(" ", rest)
    any_noise, noise = _date_noise()
    if any_noise.search(rest):  # "Lesedauer: 2 Min."
        for word in noise:
            rest = word.sub(" ", rest)
    return rest.strip()


_NOT_DATE_WORD = re.compile(r"[\W\d_]+|\buhr\b|\b(?:mo|di|mi|do|fr|sa|so)\b")


@cache
def _date_line_labels() -> re.Pattern[str]:
    """Any date label as whole words, the longest first: "Amelie" keeps its "am", "Damaris"
    its "am" and "aris".

    >>> _date_line_labels().sub("_", "zuletzt aktualisiert am 3. mai, amelie")
    '_ _ 3. mai, amelie'
    """
    labels = sorted(date_labels("published") + date_labels("modified"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, labels)) + r")\b")


def keep_author(name: str, site_keys: tuple[str, ...]) -> bool:
    """Not the site's name, unless the site is the person's own (wolfgangmichal.de)."""
    return not is_site(name, site_keys) or (squash(name) in site_keys and is_person_name(name))


def _update_label_before_date(text: str, spans: list[tuple[int, int]]) -> bool:
    """An update label right before the line's first date (its dates are at ``spans``), after
    a name: "Vera Ostrowski Zuletzt geändert am 06.11.2023".

    >>> text = "Vera Ostrowski Zuletzt geändert am 06.11.2023"
    >>> _update_label_before_date(text, date_spans(text)), _update_label_before_date("Mit Verstand 06.11.2023", [(13, 23)])
    (True, False)
    """
    before = text[: spans[0][0]].casefold().rstrip(" :,") if spans else ""
    return any(before.endswith(label) and not before[: -len(label)][-1:].isalpha() for label in date_labels("modified"))


def _earliest_date(text: str, dates: DateReader) -> str | None:
    """The first date of a line, or its earliest if it has several unlabelled ones (a page's
    update date printed before its publication date).

    >>> _earliest_date("2018-08-29 14:15:57 2018-06-22 10:20:00", DateReader(None))
    '2018-06-22T10:20:00+02:00'
    """
    found = [value for _, value in dates.find(text)]
    if len({value[:10] for value in found}) <= 1:
        return dates.parse(text)
    return min(found, key=lambda value: value[:10])


@dataclass(frozen=True, slots=True)
class MetaLine:
    """What a byline or date line under the headline says."""

    people: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    published: str | None = None
    modified: str | None = None


def read_meta_line(text: str, dates: DateReader | None = None) -> MetaLine | None:
    """Authors, agencies and dates of a byline or date line, or None if it is neither.

    >>> read_meta_line("Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch")
    MetaLine(people=('Eva Kirchner-Rätsch',), agencies=(), published='2024-04-25T14:07:00+02:00', modified=None)
    >>> read_meta_line("27. Januar 2026 • Gregor Meier • 3 Minuten").people
    ('Gregor Meier',)
    >>> read_meta_line("Die Stadt hat am 3. März 2025 beschlossen, die Brücke zu bauen.") is None
    True
    """
    return _read_meta_line(text, dates or DateReader(None))


def _read_meta_line(text: str, dates: DateReader) -> MetaLine | None:
    if len(text) > 160:
        return None
    pieces = [p for p in _META_SEPARATOR.split(text) if p.strip()]
    line_spans = dates.spans(text)
    date_line = is_date_line(text, dates)
    if len(pieces) == 1 and not _DIGIT.search(text) and not is_byline(pieces[0]) and not date_line:
        return None  # (most lines: one piece, and without a digit no date, name beside a date or label)
    people: list[str] = []
    agencies: list[str] = []
    dated = False
    for piece in pieces:
        if is_byline(piece):
            found, agents = split_authors(piece)
            people += found
            agencies += agents
    folded = text.casefold()
    labelled = _date_labelled(folded, "published") or _date_labelled(folded, "modified")
    labelled = labelled and len(text.split()) <= 12 and bool(dates.find(text[:60]))
    if labelled and len(pieces) == 1:
        # "Artikel veröffentlicht am 28. April 2024, 14:26 Uhr, Tobias Költzsch"; "Erschienen
        # am 12.03.2024, aktualisiert am 14.03.2024": each label's date its own piece
        pieces = [p for p in _labelled_pieces().split(text) if p.strip()]
    joined = ", ".join(pieces)
    if labelled or len(pieces) > 1 or date_line:
        dated = labelled or bool(dates.find(joined)) or date_line
    if len(pieces) > 1 and not people and all(is_person_name(p.strip()) for p in pieces):
        people = [p.strip() for p in pieces]
    if dated and len(pieces) > 1 and not people:
        # "27. Januar 2026 • Gregor Meier • 3 Minuten": a bare name between date pieces
        for piece in pieces:
            if is_person_name(piece.strip()):
                people.append(piece.strip())
            elif agency := agency_of(piece):
                agencies.append(agency)
    spans = line_spans if len(pieces) == 1 and not people and len(text) < 80 else []
    if spans:  # "Tobias Mühlbauer 24.04.2024, 19:35 Uhr"
        # the name stands on one side of the dates: words on both sides are a name and a
        # section ("Tine 2. Februar 2020 Radtouren Berlin")
        bounds = [0, *(i for span in spans for i in span), len(text)]
        sides = [_named_part(text[a:b]) for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
        sides = [side for side in sides if _without_date_words(side)]  # not "- 08:13 Uhr", "3 min Lesezeit"
        rest = re.sub(r"\s+", " ", sides[0]) if len(sides) == 1 else ""
        # ("Lukas Brunner, Zürich 7. Dezember 2026": the writer and the place before the date;
        # after it, "Netzwerk, Windows" are a post's categories)
        at_place = _name_at_place(rest) if text[: spans[0][0]].strip() else None
        if name := _name_beside_role(rest) or at_place:  # "Vera Ostrowski Zuletzt geändert am 06.11.2023"
            people.append(name)
            dated = True
        elif byline_pattern().match(rest):  # "By Julia Esdar 6. November 2023", "6. Dezember 2022 von Fatima in …"
            people += split_authors(rest)[0]
            dated = True
        elif named := names_with_outlet(rest):  # "Anna Berg, dpa, 07.12.2026"
            people += named[0]
            agencies += named[1]
            dated = True
    if not dated and byline_pattern().match(text) and len(text) < 80 and line_spans:
        dated = True  # "von Landesspiegel 30. Juni 2025": no person, but the date
    if dated and not (people or agencies):
        people += _pen_name_after_prefix(text)  # "29. Juni 2017, 23:39 · von Tobi"
    if not (people or agencies or dated):
        return None
    if not dated and not is_byline(text) and len(pieces) == 1:
        return None
    published = modified = None
    if dated:
        # "13.08.2024, 18:00 Uhr | Aktualisiert: 14.08.2024": each labelled piece its own date
        updates = [p for p in pieces if _date_labelled(p.strip().casefold(), "modified")] if len(pieces) > 1 else []
        rest = ", ".join(p for p in pieces if p not in updates)
        value = dates.parse(rest) if updates else _earliest_date(joined, dates)
        if updates:
            modified = dates.parse(", ".join(updates))
        if value and (_date_labelled(folded, "modified") or _update_label_before_date(text, line_spans)) and not updates:
            modified = value
        else:
            published = value
    return MetaLine(tuple(people), tuple(agencies), published, modified)


def _name_at_place(text: str) -> str | None:
    """The name of a writer and the place written from, a comma between ("Lukas Brunner,
    Zürich", "Eva Roth, St. Gallen"): the name; None for anything else.

    >>> _name_at_place("Lukas Brunner, Zürich"), _name_at_place("Anna Berg, Redakteurin"), _name_at_place("Anna Berg")
    ('Lukas Brunner', None, None)
    """
    name, _, place = text.rpartition(", ")
    words = place.split()
    if not (is_person_name(name) and 1 <= len(words) <= 2 and all(_PLACE_WORD.fullmatch(w) for w in words)):
        return None
    folded = {w.casefold().strip(".") for w in words}
    return name if folded.isdisjoint(german().not_a_name | german().kicker_sections) else None


#: a word of a place's name ("Zürich", "St.", "Gallen", "Frankfurt/Main")
_PLACE_WORD = re.compile(r"[A-ZÄÖÜ][a-zäöüß.-]+(?:/[A-ZÄÖÜ][a-zäöüß]+)?")


def _named_part(side: str) -> str:
    """A date line's text on one side of its dates, without the counts and labels around a
    name: "Markus Reuter" from "- Markus Reuter - 91 Ergänzungen", "Helmut Rubik" from
    "Helmut Rubik 0" (the comments' count).

    >>> _named_part(" - Markus Reuter - 91 Ergänzungen"), _named_part("Helmut Rubik 0")
    ('Markus Reuter', 'Helmut Rubik')
    >>> _named_part("Erika Sommer Mo., ")  # the weekday of the date after the name
    'Erika Sommer'
    """
    parts = [p for p in _DASHED.split(side.strip(" ,;:-–|")) if _without_date_words(p)]
    named = re.sub(r"(?:\s+\d+)+$", "", " - ".join(parts)).strip(" ,;:-–|").split(" ")
    while len(named) > 2 and named[-1].casefold().rstrip(".,") in german().weekdays:
        named.pop()
    return " ".join(named)


#: a dash between spaces: what separates the pieces of a date line ("… Uhr - Anna Berg - 3 Kommentare")
_DASHED = re.compile(r"\s+[-–—]\s+")


@cache
def _inner_prefix() -> re.Pattern[str]:
    """A byline prefix inside a line: at its start or after a separator, a date or a label
    ("22. Januar 2020 // Autor: c1ph4", "Erstellt am 6. Mai 2014 von Fabian")."""
    return re.compile(rf"(?:^|(?<=[\s·|/,:@—–-])){leading_prefix().pattern}\s*(?=\S)", re.IGNORECASE)


#: words that follow a "von" without being a name: articles and pronouns ("von der Messe")
_NOT_HANDLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einer", "unserem",
                          "unserer", "uns", "mir", "dir", "ihm", "ihr", "ihnen", "heute", "gestern", "morgen"})


#: words after which the word following a "von" is part of a phrase, not a name
_PHRASE_GOES_ON = frozenset({"nach", "bis", "zu", "zum", "zur", "über", "für", "gegen", "mit"})


def _pen_name_after_prefix(text: str) -> list[str]:
    """The name after a byline prefix inside a date line: a person's name ("by Barbara Russ /
    Kategorien"), else one word, the writer's pen name ("von Tobi", "Autor: c1ph4"); after a
    bare "von" or "by" only a capitalised one (not "von der Messe"). The date beside it is
    what makes the word a byline's.

    >>> _pen_name_after_prefix("29. Juni 2017, 23:39 · von Tobi"), _pen_name_after_prefix("6. Mai 2014 von der Messe")
    (['Tobi'], [])
    >>> _pen_name_after_prefix("Veröffentlicht: 05.01.2020 | Autor: gnaddrig | Abgelegt unter: Fotografie")
    ['gnaddrig']
    """
    for found in _inner_prefix().finditer(text.casefold()):
        rest = re.split(r"\s*[|·•/,;]\s*|\s+(?:am|um|in|im|on|at)\s", text[found.end():], maxsplit=1)[0]
        words = [w for w in rest.split() if not date_spans(w)]
        name = next((" ".join(words[:n]) for n in (4, 3, 2) if len(words) >= n and is_person_name(" ".join(words[:n]))), None)
        if name:
            return [name]
        word = words[0].rstrip(".:") if words else ""
        if len(words) > 1 and words[1] in _PHRASE_GOES_ON:
            continue  # "Von Berlin nach Hamburg": a phrase, no byline
        colon = found.group().rstrip().endswith(":")
        if (HANDLE.fullmatch(word) and (colon or word[0].isupper()) and not _is_word_of_dates(word)
                and word.casefold() not in _NOT_HANDLES | _no_name_words() | german().roles_before_name
                and not agency_of(word)):
            return [word]
    return []


def _is_word_of_dates(word: str) -> bool:
    folded = word.casefold().rstrip(".,")
    return folded in german().months or folded in german().weekdays or folded in ("uhr", "published", "updated")


def newsroom_byline(text: str) -> str | None:
    """The newsroom a byline or date line credits instead of a person, as written: "von
    Redaktion, 24. Januar 2022", "Redaktion - 31. Januar 2022", "Von Greentech.LIVE Redaktion".

    >>> newsroom_byline("Veröffentlicht am 19. Dezember 2022 von Redaktion"), newsroom_byline("Redaktion - 31. Januar 2022")
    ('Redaktion', 'Redaktion')
    >>> newsroom_byline("von Anna Berg, 24. Januar 2022"), newsroom_byline("Die Redaktion hat am 3. März 2025 entschieden")
    (None, None)
    """
    if len(text) > 100:
        return None
    starts = [found.end() for found in _inner_prefix().finditer(text.casefold())] or [0]
    for start in starts:
        rest = _NEWSROOM_END.split(text[start:], maxsplit=1)[0]
        words = [w for w in rest.split() if not date_spans(w)]
        if (1 <= len(words) <= 4 and not _DIGIT.search(rest) and _newsroom_words().intersection(w.casefold() for w in words)
                and all(w[0].isupper() or w.casefold() in _newsroom_words() for w in words)):
            return " ".join(words)
    return None


#: where a newsroom's name in a byline ends: a separator, a dash between spaces, a date's label
_NEWSROOM_END = re.compile(r"\s*[|·•/,;]\s*|\s+[-–—]\s*|\s+(?:am|um|on|at|in|im)\s|\s+\d")


@cache
def _newsroom_words() -> frozenset[str]:
    return frozenset(german().newsroom_words)


def opens_with_bio(text: str, name: str) -> bool:
    """Whether ``text`` opens with ``name`` and then says who that is, with a verb of a
    biography (``german.toml``'s ``bio_verbs``): the author's box, not the article.

    >>> opens_with_bio("Anna Berg ist Redakteurin für Verkehr.", "Anna Berg"), opens_with_bio("Anna Berg stand im Ring.", "Anna Berg")
    (True, False)
    """
    return text.startswith(name + " ") and text[len(name) + 1 :].startswith(bio_verbs())


@cache
def bio_verbs() -> tuple[str, ...]:
    """The verbs a biography goes on with after the name, each with the space after it."""
    return tuple(verb + " " for verb in german().bio_verbs)


def next_to_date(blocks: list[Block], i: int, dates: DateReader, reach: int = 1) -> bool:
    """Whether a date line is at most ``reach`` blocks before or after block ``i``. A number
    in a table's cell ("14" seats beside a party's name) is the table's figure, no date."""
    return any(0 <= j < len(blocks) and j != i and (blocks[j].role == "date" or (
        is_date_line(blocks[j].text, dates) and not table_figure(blocks[j]))) for j in range(i - reach, i + reach + 1))


def table_figure(block: Block) -> bool:
    """Whether the block is a number in a table's cell ("2023" over a column, "41,2 %"): the
    article's figures, no date line, however near the headline the table stands.

    >>> table_figure(Block(0, "2023", hint="html body article table tr th")), table_figure(Block(0, "2023"))
    (True, False)
    """
    return bool(_FIGURE.fullmatch(block.text.strip())) and (block.within("td") or block.within("th"))


#: a number ("2023", "12,1", "3.500"; a date has two dots), perhaps a per cent
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?(?:\s?%)?")


def names_with_outlet(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """People's names and the outlet they write for, after a comma or a slash or in brackets,
    without a "von": "Anna Berg, SWR", "Anna Berg und Jan Roth, NDR", "Anna Berg und Jan Roth
    (dpa)", "Anna Berg / SDA". The outlet is credited with the agencies (:func:`outlet_of`).

    >>> names_with_outlet("Anna Berg und Jan Roth, NDR"), names_with_outlet("Anna Berg, dpa")
    ((('Anna Berg', 'Jan Roth'), ('NDR',)), (('Anna Berg',), ('dpa',)))
    >>> names_with_outlet("Anna Berg und Jan Roth (dpa)"), names_with_outlet("Anna Berg / SDA")
    ((('Anna Berg', 'Jan Roth'), ('dpa',)), (('Anna Berg',), ('sda',)))
    >>> names_with_outlet("Olaf Scholz, SPD"), names_with_outlet("Anna Berg, Jan Roth"), names_with_outlet("Anna Berg (Fotos)")
    (None, None, None)
    """
    found = _OUTLET_AFTER_NAMES.match(text) if len(text) <= 80 else None
    if found is None:
        return None
    head, outlet = found.group("head") or found.group("head2"), found.group("outlet") or found.group("outlet2")
    if not (outlet.casefold() in german().outlets or agency_of(outlet)):
        return None
    names = NAME_JOINER.split(head)
    if not all(is_person_name(name) for name in names):
        return None
    return tuple(names), tuple(filter(None, [agency_of(outlet) or outlet_of(outlet)]))


#: names, then the outlet after a comma or a slash, or in brackets at the end
_OUTLET_AFTER_NAMES = re.compile(r"(?P<head>.*\S)(?:,\s+|\s+/\s+)(?P<outlet>[^,/()]+)$|(?P<head2>.*\S)\s*\((?P<outlet2>[^,/()]+)\)$")


def outlet_of(name: str) -> str | None:
    """The broadcaster or paper ``name`` is, as ``german.toml`` writes it, where a byline
    credits it beside or instead of its writers; not one of two letters, which a writer's
    initials may be.

    >>> outlet_of("ndr"), outlet_of("Deutschlandfunk"), outlet_of("HR"), outlet_of("SPD")
    ('NDR', 'Deutschlandfunk', None, None)
    """
    return german().outlets.get(name.casefold()) if len(name) >= 3 else None


def role_only(text: str) -> bool:
    """A short line of newsroom words and roles only: "Nachrichtenagentur", "Redakteurin".

    >>> role_only("Nachrichtenagentur"), role_only("Anna Berg")
    (True, False)
    """
    words = text.casefold().split()
    return 0 < len(words) <= 3 and all(w.strip(",:") in german().not_a_name for w in words)


def _date_labelled(folded: str, kind: str) -> bool:
    """The line starts with a date label ("Stand:", "Artikel veröffentlicht am"); short
    labels such as "am" only at the very start."""
    return date_label_pattern(kind).match(folded) is not None


@cache
def _labelled_pieces() -> re.Pattern[str]:
    """Where a labelled date line is cut into pieces: at a comma before a capitalised word (a
    name) or before another date label, and before a capitalised date label right after a
    date or time, which two elements print without a separator ("… 09:10 Uhr Veröffentlicht am …").

    >>> _labelled_pieces().split("Erschienen am 12.03.2024, aktualisiert am 14.03.2024, Anna Berg")
    ['Erschienen am 12.03.2024', 'aktualisiert am 14.03.2024', 'Anna Berg']
    >>> _labelled_pieces().split("Aktualisiert: 14.03.2024 Erschienen: 12.03.2024")
    ['Aktualisiert: 14.03.2024', 'Erschienen: 12.03.2024']
    """
    labels = "|".join(re.escape(lbl) for kind in ("published", "modified") for lbl in date_labels(kind) if len(lbl) >= 5)
    return re.compile(rf",\s+(?=[A-ZÄÖÜ][a-zäöüß]|(?i:(?:{labels})\b))|(?:(?<=\d)|(?<=Uhr))\s+(?=[A-ZÄÖÜ])(?=(?i:(?:{labels})\b))")


@cache
def date_label_pattern(kind: str) -> re.Pattern[str]:
    labels = date_labels(kind)
    long = "|".join(re.escape(lbl) for lbl in labels if len(lbl) >= 5)
    short = "|".join(re.escape(lbl) for lbl in labels if len(lbl) < 5) or "(?!)"
    return re.compile(rf"(?:(?:\w+\s+)?(?:{long})|(?:{short}))\b")

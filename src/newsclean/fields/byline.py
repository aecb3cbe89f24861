"""Who wrote an article, when, and for which agency: the byline and date lines of its header.

German knowledge (byline words, roles, agencies, date labels) comes from ``data/german.toml``.

>>> split_authors("Von Anna Schmidt und Jan Müller")
(('Anna Schmidt', 'Jan Müller'), ())
>>> split_authors("Anna Schmidt, dpa")
(('Anna Schmidt',), ('dpa',))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicon import german
from ..model import Block, Format, Reason, Rule
from ..text.dates import DateReader, date_labels, date_spans, relative_date_pattern
from ..text.tokens import headline_shaped
from ..verdicts.phrases import match_boilerplate, trie_pattern
from .declared import Declared
from .places import ArticleStart, body_indices, first_long_after
from .site import is_site, site_name_in_title, squash


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
    if i == 0 or len(blocks[i].text) > 80 or blocks[i].text.endswith(("...", "…")) or not _is_bare_prefix(blocks[i - 1].text):
        return (), ()
    if _ends_with_von(blocks[i - 1].text):  # "Disko Von" / "Ernst Lohoff": the section's name is none of it
        return split_authors(f"von {blocks[i].text}")
    return split_authors(f"{blocks[i - 1].text} {blocks[i].text}")


def _is_bare_prefix(text: str) -> bool:
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
def _byline_pattern() -> re.Pattern[str]:
    """A line that starts with a byline prefix ("Von", "Autorin:", "Ein Artikel von") and goes on.

    The prefixes go into the pattern as a trie: tried one after the other, the fifty of them
    took a microsecond for each line that does not start with one.

    >>> bool(_byline_pattern().match("Autorin:Anna Berg")), bool(_byline_pattern().match("Vonovia baut"))
    (True, False)
    """
    colon = trie_pattern(p for p in german().byline_prefixes if p.endswith(":")).pattern
    spaced = trie_pattern(p for p in german().byline_prefixes if not p.endswith(":")).pattern
    return re.compile(rf"^(?:{colon}\s*|{spaced}\s+)\S", re.IGNORECASE)


#: a pen name or user name ("HansG", "eseppelt", "c1ph4"): one word of letters and digits
_HANDLE = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß.-]{1,29}")


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
    prefix = _leading_prefix().match(line.casefold())
    if prefix:
        line = line[len(prefix.group().removesuffix(" ")) :].strip()
    line = re.sub(r"\s*[|·•]\s*.*$", "", line)  # "Anna Schmidt | 12.03.2024"
    line = re.sub(r"\s+(?:am|on|um)\s+\d.*$", "", line, flags=re.IGNORECASE).rstrip(" ,")  # "R. R. am 07.08.2013 um 09:07 Uhr"
    if handles and prefix:
        handle = line
        if (_HANDLE.fullmatch(handle) and handle.casefold() not in german().not_a_name
                and not agency_of(handle) and not handle.isdigit()):
            return (handle,), ()
    line, agencies = _without_agency_help(line)
    pieces = _NAME_JOINER.split(line)
    people: list[str] = []
    for piece in pieces:
        # a label in brackets after a name: its agency ("Anna Berg (AFP)") or its part, the
        # text's ("(Text)") or the pictures' ("Jan Roth (Fotos)": no author of the article)
        labels = _BRACKETED.findall(piece)
        agencies += [agency for label in labels if (agency := agency_of(label))]
        if any(label.casefold() in _PICTURE_LABELS for label in labels):
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
    parts = [p for p in _NAME_JOINER.split(found.group("agencies").strip()) if p.casefold() not in _UNNAMED_AGENCIES]
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
_NAME_JOINER = re.compile(r"\s*(?:,|;|/|&|\bund\b|\bsowie\b|\bu\.|\bim [Gg]espräch mit\b)\s*")

#: a bracketed label after a name: "(Text)", "(Fotos)", "(AFP)"
_BRACKETED = re.compile(r"\s*\(([^()]{1,20})\)")
_PICTURE_LABELS = frozenset({"foto", "fotos", "bild", "bilder", "fotografie", "video", "grafik", "illustration"})


@cache
def _leading_prefix() -> re.Pattern[str]:
    """The byline prefix :func:`split_authors` cuts off a case-folded line: the longest one
    followed by a space, or one ending in a colon (then with the space after it, if any).

    One trie match: trying the fifty prefixes one after the other, each on the line case-folded
    again, was four fifths of the time of reading a byline (44 µs of a 50 µs call).

    >>> [_leading_prefix().match(text).group() for text in ("von: anna", "autorin:anna", "von anna")]
    ['von: ', 'autorin:', 'von ']
    >>> _leading_prefix().match("vonovia baut") is None
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
    if not _byline_pattern().match(text) or len(text.split()) > 14:
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
        if name := _name_beside_role(rest):  # "Vera Ostrowski Zuletzt geändert am 06.11.2023"
            people.append(name)
            dated = True
        elif _byline_pattern().match(rest):  # "By Julia Esdar 6. November 2023", "6. Dezember 2022 von Fatima in …"
            people += split_authors(rest)[0]
            dated = True
    if not dated and _byline_pattern().match(text) and len(text) < 80 and line_spans:
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


def _named_part(side: str) -> str:
    """A date line's text on one side of its dates, without the counts and labels around a
    name: "Markus Reuter" from "- Markus Reuter - 91 Ergänzungen", "Helmut Rubik" from
    "Helmut Rubik 0" (the comments' count).

    >>> _named_part(" - Markus Reuter - 91 Ergänzungen"), _named_part("Helmut Rubik 0")
    ('Markus Reuter', 'Helmut Rubik')
    """
    parts = [p for p in _DASHED.split(side.strip(" ,;:-–|")) if _without_date_words(p)]
    return re.sub(r"(?:\s+\d+)+$", "", " - ".join(parts)).strip(" ,;:-–|")


#: a dash between spaces: what separates the pieces of a date line ("… Uhr - Anna Berg - 3 Kommentare")
_DASHED = re.compile(r"\s+[-–—]\s+")


@cache
def _inner_prefix() -> re.Pattern[str]:
    """A byline prefix inside a line: at its start or after a separator, a date or a label
    ("22. Januar 2020 // Autor: c1ph4", "Erstellt am 6. Mai 2014 von Fabian")."""
    return re.compile(rf"(?:^|(?<=[\s·|/,:@—–-])){_leading_prefix().pattern}\s*(?=\S)", re.IGNORECASE)


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
        if (_HANDLE.fullmatch(word) and (colon or word[0].isupper()) and not _is_word_of_dates(word)
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


def next_to_date(blocks: list[Block], i: int, dates: DateReader, reach: int = 1) -> bool:
    """Whether a date line is at most ``reach`` blocks before or after block ``i``."""
    return any(0 <= j < len(blocks) and j != i and (blocks[j].role == "date" or is_date_line(blocks[j].text, dates))
               for j in range(i - reach, i + reach + 1))


def _names_with_outlet(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """People's names, a comma and the outlet they write for, without a "von": "Anna Berg,
    SWR", "Anna Berg und Jan Roth, NDR". The outlet is credited with the agencies
    (:func:`outlet_of`).

    >>> _names_with_outlet("Anna Berg und Jan Roth, NDR"), _names_with_outlet("Anna Berg, dpa")
    ((('Anna Berg', 'Jan Roth'), ('NDR',)), (('Anna Berg',), ('dpa',)))
    >>> _names_with_outlet("Olaf Scholz, SPD"), _names_with_outlet("Anna Berg, Jan Roth")
    (None, None)
    """
    head, _, outlet = text.rpartition(", ")
    if not head or len(text) > 80 or not (outlet.casefold() in german().outlets or agency_of(outlet)):
        return None
    names = _NAME_JOINER.split(head)
    if not all(is_person_name(name) for name in names):
        return None
    return tuple(names), tuple(filter(None, [agency_of(outlet) or outlet_of(outlet)]))


def outlet_of(name: str) -> str | None:
    """The broadcaster or paper ``name`` is, as ``german.toml`` writes it, where a byline
    credits it beside or instead of its writers; not one of two letters, which a writer's
    initials may be.

    >>> outlet_of("ndr"), outlet_of("Deutschlandfunk"), outlet_of("HR"), outlet_of("SPD")
    ('NDR', 'Deutschlandfunk', None, None)
    """
    return german().outlets.get(name.casefold()) if len(name) >= 3 else None


def _role_only(text: str) -> bool:
    """A short line of newsroom words and roles only: "Nachrichtenagentur", "Redakteurin".

    >>> _role_only("Nachrichtenagentur"), _role_only("Anna Berg")
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
    name) or before another date label.

    >>> _labelled_pieces().split("Erschienen am 12.03.2024, aktualisiert am 14.03.2024, Anna Berg")
    ['Erschienen am 12.03.2024', 'aktualisiert am 14.03.2024', 'Anna Berg']
    """
    labels = "|".join(re.escape(lbl) for kind in ("published", "modified") for lbl in date_labels(kind) if len(lbl) >= 5)
    return re.compile(rf",\s+(?=[A-ZÄÖÜ][a-zäöüß]|(?i:(?:{labels})\b))")


@cache
def date_label_pattern(kind: str) -> re.Pattern[str]:
    labels = date_labels(kind)
    long = "|".join(re.escape(lbl) for lbl in labels if len(lbl) >= 5)
    short = "|".join(re.escape(lbl) for lbl in labels if len(lbl) < 5) or "(?!)"
    return re.compile(rf"(?:(?:\w+\s+)?(?:{long})|(?:{short}))\b")


def declared_authors(declared: Declared, site_keys: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Person names and agencies among the declared authors (organisations left out: the
    publisher JSON-LD lists beside the people it types as persons)."""
    people: list[str] = []
    agencies: list[str] = []
    for raw in declared.authors:
        name = re.sub(r"\s*\([^)]*\)\s*$", "", raw)  # "Elena Oberholzer (obe)"
        agency = agency_of(name)
        if agency:
            agencies.append(agency)
            continue
        if declared.persons and raw in declared.organizations and raw not in declared.persons:
            continue
        found, agents = split_authors(name)
        if not (found or agents) and _is_pen_name(name, declared) and not is_site(name, site_keys):
            found = (name,)
        people += [p for p in found if keep_author(p, site_keys)]
        agencies += agents
    return people, agencies


def _is_pen_name(name: str, declared: Declared) -> bool:
    """A one-word declared author ("Tiberius", "Cortyn") that is a person's: JSON-LD types it
    as ``Person``, or an element marked as the author shows it too."""
    if not _HANDLE.fullmatch(name) or name.casefold() in german().not_a_name or agency_of(name):
        return False
    return name in declared.persons or any(
        mark == name or split_authors(mark, handles=True)[0] == (name,) for mark in declared.author_marks)


def marked_authors(marks: tuple[str, ...], site_keys: tuple[str, ...]) -> list[str]:
    """Names from elements the page marks as author: "Jan Roth", "von Peter Sauer", "Anna
    Berg und Jan Roth", "Anna Berg (AFP)".

    >>> marked_authors(("Anna Berg, Jan Roth und Eva Klein",), ()), marked_authors(("Anna Berg (AFP)",), ())
    (['Anna Berg', 'Jan Roth', 'Eva Klein'], ['Anna Berg'])
    """
    for text in marks:  # the first marked element that names someone; later ones are often
        # the author boxes of other articles
        if is_byline(text, handles=True):
            people = list(split_authors(text, handles=True)[0])
        elif is_person_name(text):
            people = [text]
        elif len(text.split()) <= _MARK_WORDS and not _picture_credit(text):
            people = list(split_authors(text)[0])  # names without a "von" before them, listed
        else:
            people = []
        people = [p for p in people if keep_author(p, site_keys)]
        if people:
            return people
    return []


def marked_agencies(marks: tuple[str, ...]) -> list[str]:
    """The agencies the first element the page marks as author credits: "Anna Berg, dpa",
    "dpa-AFX", "Von Anna Berg (AFP)".

    >>> marked_agencies(("Anna Berg, dpa",)), marked_agencies(("dpa-AFX",)), marked_agencies(("Anna Berg",))
    (['dpa'], ['dpa-AFX'], [])
    """
    for text in marks:
        if len(text.split()) > _MARK_WORDS or _picture_credit(text):
            continue
        people, agencies = split_authors(text, handles=True)
        if people or agencies:
            return list(agencies)
    return []


#: the most words of a marked author element read as a list of names without a byline's "von"
_MARK_WORDS = 12


def _picture_credit(text: str) -> bool:
    """A picture's credit, which pages mark as its author too (class "bildautor").

    >>> _picture_credit("Foto: SN/APA/Jan Roth"), _picture_credit("Anna Berg und Jan Roth")
    (True, False)
    """
    return text.split(maxsplit=1)[0].rstrip(":").casefold() in _PICTURE_LABELS or match_boilerplate(text) is not None


def author_elsewhere(blocks: list[Block], anchor: int, site_keys: tuple[str, ...]) -> list[str]:
    """A byline away from the header: "Autorin/Autor Roman Goncharenko" in a side box, or a
    name in an element whose class says ``author``; the one nearest the headline wins."""
    found: list[tuple[int, list[str]]] = []
    # (each hint tested once per page, not per block: this reads every line of a dump)
    hinted = {hint: _author_hinted(hint) for hint in {b.hint for b in blocks}}
    for i, b in enumerate(blocks):
        if len(b.text) > 80 or b.role != "body" or b.reason in ("comments", "sponsored"):
            continue
        if b.reason == "related" and not _labelled_footer(blocks, i):
            continue
        if b.reason == "credit" and not is_byline(b.text):
            continue  # (a picture's credit; but "Text und Fotos: Anna Berg" is the article's byline)
        if is_byline(b.text):
            people = list(split_authors(b.text)[0])
        elif _byline_pattern().match(b.text) and (line := read_meta_line(b.text)) and line.published:
            people = list(line.people)  # "Author: Bo2man am 29.12.2010, 13:36 Uhr" under the article
        elif i and _is_bare_prefix(blocks[i - 1].text) and (named := split_byline(blocks, i)[0]):
            people = list(named)  # "Kommentar von" / "Nicole Opitz" in an author box
        elif hinted[b.hint] and is_person_name(b.text):
            people = [b.text]
        else:
            continue
        people = [p for p in people if keep_author(p, site_keys)]
        if people:
            found.append((abs(i - anchor), people))
    return min(found)[1] if found else []


def _labelled_footer(blocks: list[Block], i: int) -> bool:
    """An "Autor:" line beside a date line ("Datum: 19.11.2021" / "Autor: Fritz Imhof"): the
    article's own footer, even where the links to other articles already began.

    >>> _labelled_footer([Block(0, "Datum: 19.11.2021"), Block(1, "Autor: Fritz Imhof")], 1)
    True
    >>> _labelled_footer([Block(0, "Weitere Artikel"), Block(1, "Von Fritz Imhof")], 1)
    False
    """
    prefix = _leading_prefix().match(blocks[i].text.casefold())
    return bool(prefix and prefix.group().rstrip().endswith(":") and next_to_date(blocks, i, DateReader(None)))


def _author_hinted(hint: str) -> bool:
    """The block's element (or its parent) is classed as author."""
    folded = hint.casefold()
    if "author" not in folded and "autor" not in folded:
        return False  # (the common case, decided without splitting the hint)
    return any("author" in label or "autor" in label for label in hint.casefold().split()[-2:])


@dataclass(frozen=True, slots=True)
class HeaderLines:
    """What the byline and date lines under the headline say, and the blocks with those lines
    in the ``byline`` or ``date`` role."""

    people: tuple[str, ...]
    agencies: tuple[str, ...]
    published: str | None
    modified: str | None
    blocks: tuple[Block, ...]
    #: the newsroom a date line credits instead of a person ("von Redaktion, 24. Januar 2022")
    newsroom: str | None = None


def read_header(blocks: Sequence[Block], title_i: int | None, start: ArticleStart, fmt: Format,
                dates: DateReader) -> HeaderLines:
    """Read the byline and date lines of the header zone: from the headline (or a few blocks
    before the article) a few blocks on; in a dump up to where the article starts, and a
    short line right over the headline ("8. Januar 2020 · by Aureliana · in Gefühle")."""
    out = list(blocks)
    begin = title_i + 1 if title_i is not None else max(0, start.first - 3)
    end = min(len(out), max(begin, start.first) + 6)
    if fmt == "text" and title_i is not None:
        end = min(len(out), max(end, min(first_long_after(out, title_i) + 1, title_i + 20)))
    # (in HTML only a name, which a date line beside it makes the byline: "22.11.2022" /
    # "Christian Mihatsch" / headline)
    above = [title_i - 1] if title_i and len(out[title_i - 1].text) <= 100 and (
        fmt == "text" or is_person_name(out[title_i - 1].text)) else []
    people: list[str] = []
    agencies: list[str] = []
    published = modified = newsroom = None
    for i in [*above, *range(begin, end)]:
        b = out[i]
        if b.reason == Reason.CREDIT or b.role != "body" or _table_figure(b):
            continue
        line = read_meta_line(b.text, dates)
        if line is None and is_person_name(name := b.text.rstrip(" ,;")) and next_to_date(out, i, dates):
            line = MetaLine(people=(name,))  # "22.11.2022" / "Christian Mihatsch"; "Amelie Siekmann," / "am 11.12.2022"
        if (line is None and fmt == "text" and not people and len(names := _bare_names(b.text)) > 1
                and next_to_date(out, i, dates, reach=2)):
            # a dump's list of names a line away from the date ("Clara Löw, Siddharth Prakash &
            # Klaus Jacob" / "Energie & Umwelt" / "26. Oktober 2023"), where no byline came before
            line = MetaLine(people=names)
        # (right under the headline, or a teaser away, a line that only credits is the byline
        # without a date beside it too: headline / "Anna Berg, dpa", headline / "(dpa)")
        under_headline = title_i is not None and i - title_i <= 2
        if line is None and (named := _names_with_outlet(b.text)) and (under_headline or next_to_date(out, i, dates, reach=2)):
            line = MetaLine(*named)  # "Anna Berg, SWR" / "Stand: 12.03.2024"
        if line is None and i > begin and out[i - 1].role == "byline" and _role_only(b.text):
            out[i] = b.kept_as("byline")  # "Nachrichtenagentur", "Redakteurin" under the name
            continue
        if line is None and (byline := split_byline(out, i)) != ((), ()):
            line = MetaLine(*byline)  # "Kommentar von" / "Nicole Opitz"
            if out[i - 1].role == "body":
                out[i - 1] = out[i - 1].kept_as("byline")
        if line is None and (agency := agency_of(b.text.strip("()"))) and (under_headline or next_to_date(out, i, dates, reach=2)):
            line = MetaLine(agencies=(agency,))  # "SID" / "Nachrichtenagentur" / "16:30"
        if line is None:
            continue
        if not (line.people or line.agencies or newsroom):
            newsroom = newsroom_byline(b.text)
        people += line.people
        agencies += line.agencies
        modified = modified or line.modified
        published = published or line.published
        out[i] = b.kept_as("byline" if line.people or line.agencies else "date")
    return HeaderLines(tuple(people), tuple(agencies), published, modified, tuple(out), newsroom)


def _table_figure(block: Block) -> bool:
    """Whether the block is a number in a table's cell ("2023" over a column): the article's
    figures, no date line, however near the headline the table stands.

    >>> _table_figure(Block(0, "2023", hint="html body article table tr th")), _table_figure(Block(0, "2023"))
    (True, False)
    """
    return bool(_NUMBER.fullmatch(block.text.strip())) and (block.within("td") or block.within("th"))


#: a number ("2023", "12,1", "3.500"; a date has two dots)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def _bare_names(text: str) -> tuple[str, ...]:
    """The people a line names and says nothing else: "Anna Berg", "Anna Berg, Jan Roth & Eva
    Klein"; () for any other line.

    >>> _bare_names("Clara Löw, Siddharth Prakash & Klaus Jacob"), _bare_names("Energie & Umwelt")
    (('Clara Löw', 'Siddharth Prakash', 'Klaus Jacob'), ())
    """
    if len(text) > 120:
        return ()
    names = list(dict.fromkeys(n for n in _NAME_JOINER.split(text.strip(" ,;")) if n))
    return tuple(names) if names and all(is_person_name(n) for n in names) else ()


@dataclass(frozen=True, slots=True)
class Credits:
    """Who wrote the article: people and news agencies."""

    people: tuple[str, ...]
    agencies: tuple[str, ...]
    #: the publication, where the page declares it as the author (an article of the newsroom,
    #: "DER SPIEGEL"), or the newsroom a byline names ("von Redaktion"): the article's credit
    #: when nobody else is named
    newsroom: str | None = None
    #: the site's name the page's title ends with ("… - DER SPIEGEL"): the credit of an article
    #: that names no one, not even an agency
    site: str | None = None


def credit(header: HeaderLines, fmt: Format, declared: Declared, site_keys: tuple[str, ...], anchor: int,
           page_title: str | None = None) -> Credits:
    """The authors the page declares (HTML) or its header prints, not the site's name; else
    those an element marked as author names (HTML), else a byline elsewhere, the one nearest
    ``anchor`` (the headline). The publication declared as the author comes apart, and the
    site's name ``page_title`` (the ``<title>``) ends with."""
    people, agencies = list(header.people), list(header.agencies)
    if fmt == "html":
        declared_people, declared_agencies = declared_authors(declared, site_keys)
        people = declared_people or people
        agencies += declared_agencies
    people = [a for a in people if keep_author(a, site_keys)]
    marked_people = marked_authors(declared.author_marks, site_keys) if not people and fmt == "html" else []
    people = people or marked_people
    if not people:
        people = author_elsewhere(header.blocks, anchor, site_keys)
    newsroom = next((a for a in declared.authors if _names_site(a, site_keys)), None) if fmt == "html" else None
    marked = next(filter(None, map(newsroom_byline, declared.author_marks)), None) if fmt == "html" else None
    newsroom = newsroom or header.newsroom or marked  # (the site's name declared, else a printed "von Redaktion")
    if fmt == "html" and not agencies and not newsroom and (not people or people == marked_people):
        # the agency beside the names in the element marked as author ("Anna Berg, dpa"), or
        # alone there ("dpa-AFX"); where the page declares itself the author, that stands
        agencies = marked_agencies(declared.author_marks)
    return Credits(tuple(people), tuple(agencies), newsroom, _site_credit(page_title, header.blocks, site_keys, fmt))


def _site_credit(page_title: str | None, blocks: Sequence[Block], site_keys: tuple[str, ...], fmt: Format) -> str | None:
    """The site's name the page's title ends with, where the page confirms it is the site's:
    in HTML the name the page declares or its address shows; in a dump a copyright line that
    names it ("© Stadtbote"), or a name no section or headline has ("DER SPIEGEL", "kicker",
    "blatt.de"), that a line of the page besides the title and headline names again.

    >>> _site_credit("Neue Brücke | Stadtbote", [Block(0, "Neue Brücke | Stadtbote"), Block(1, "© 2024 Stadtbote")], (), "text")
    'Stadtbote'
    >>> _site_credit("Neue Brücke | Lokales", [Block(0, "Neue Brücke | Lokales"), Block(1, "Lokales")], (), "text")
    """
    name = site_name_in_title(page_title) if page_title else None
    if name is None:
        return None
    if fmt == "html":
        return name if is_site(name, site_keys) else None
    folded = name.casefold()
    if folded in german().kicker_sections:
        return None
    lines = [b.text.casefold() for b in blocks[1:] if b.role != "title" and len(b.text) <= 200 and folded in b.text.casefold()]
    if any("©" in line or "copyright" in line for line in lines):
        return name
    return name if lines and _BRAND_SHAPE.search(name) else None


#: a name no German words or headline are written as: a word in capitals ("DER SPIEGEL"), a
#: lower-case start ("kicker"), a digit or a dot ("blatt.de")
_BRAND_SHAPE = re.compile(r"\b[A-ZÄÖÜ]{2,}\b|^[a-zäöü]|\d|\w\.\w")


def _names_site(name: str, site_keys: tuple[str, ...]) -> bool:
    """``name`` is the site's name, as a declared author: the whole name or its initials (not a
    person's first name inside the host, "Lynn" on heavenlynn.de, nor a link or an address).

    >>> _names_site("DER SPIEGEL", ("spiegel",)), _names_site("Salzburger Nachrichten", ("sn",))
    (True, True)
    >>> _names_site("Lynn", ("heavenlynn",)), _names_site("https://www.facebook.com/spiegel", ("spiegel",))
    (False, False)
    """
    if any(c in name for c in "/,@"):
        return False
    key = squash(name)
    initials = "".join(w[0] for w in name.casefold().split() if w[0].isalnum())
    return any(site == key or (len(site) >= 3 and site in key) or (len(initials) >= 2 and initials == site)
               for site in site_keys)


@dataclass(frozen=True, slots=True)
class AuthorMark:
    """The author mark an article ends with ("(mu)", "(dpa/mu)"), and the blocks with it cut
    off the last paragraph."""

    #: the marks that name no agency: an editor's initials, lower case
    people: tuple[str, ...]
    agencies: tuple[str, ...]
    blocks: tuple[Block, ...]
    #: the mark is a line of its own under the article ("jan/dpa"), not cut off its last paragraph
    own_line: bool = False


def cut_author_mark(blocks: Sequence[Block], body: Sequence[int]) -> AuthorMark:
    """Cut the author mark off the last of the ``body`` blocks, if it ends with one.

    >>> text = "Die Stadt will die Brücke im kommenden Jahr bauen. (dpa/mu)"
    >>> mark = cut_author_mark([Block(0, text)], [0])
    >>> mark.people, mark.agencies, mark.blocks[0].text
    (('mu',), ('dpa',), 'Die Stadt will die Brücke im kommenden Jahr bauen.')
    """
    last = blocks[body[-1]] if body else None
    mark = AUTHOR_MARK.search(last.text) if last is not None else None
    if last is None or mark is None or len(last.text) <= len(mark.group(0)) + 20:
        return _closing_mark_line(blocks, body)
    people: list[str] = []
    agencies: list[str] = []
    for part in re.split(r"\s*/\s*", mark.group("mark")):
        agency = agency_of(part)
        if agency:
            agencies.append(agency)
        elif part.islower():
            people.append(part)
    cut = last.with_text(last.text[: mark.start()].rstrip())
    return AuthorMark(tuple(people), tuple(agencies), (*blocks[: body[-1]], cut, *blocks[body[-1] + 1 :]))


def _closing_mark_line(blocks: Sequence[Block], body: Sequence[int]) -> AuthorMark:
    """The author mark set as a line of its own under the article ("(dpa)", "jan/dpa",
    "dpa/AFP/jan", "Quelle: dpa", "Mit Material von dpa und AFP"): the article's last body
    block, which leaves the body as its byline, or a line right under it that was dropped as a
    credit or, in a dump, as a line outside the article's run.

    >>> mark = _closing_mark_line([Block(0, "Die Stadt baut die Brücke."), Block(1, "(jan/dpa)")], [0, 1])
    >>> mark.people, mark.agencies, mark.blocks[1].role
    (('jan',), ('dpa',), 'byline')
    >>> _closing_mark_line([Block(0, "Die Stadt baut die Brücke."), Block(1, "(Jan Roth)")], [0, 1]).agencies
    ()
    """
    if len(body) < 2:
        return AuthorMark((), (), tuple(blocks))
    last = body[-1]
    after = [i for i in range(last + 1, min(len(blocks), last + 3)) if blocks[i].reason in _MARK_DROPPED_AS]
    for i in (last, *after):
        read = _mark_line(blocks[i].text)
        if read is not None:
            people, agencies = read
            shown = blocks[i].kept_as("byline") if i == last else blocks[i]
            return AuthorMark(people, agencies, (*blocks[:i], shown, *blocks[i + 1 :]), own_line=True)
    return AuthorMark((), (), tuple(blocks))


def _mark_line(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The editors' initials and the agencies of a line that is only an author mark, or None.

    >>> _mark_line("dpa/AFP/jan"), _mark_line("Quelle: dpa"), _mark_line("Mit Material von dpa und AFP")
    ((('jan',), ('dpa', 'AFP')), ((), ('dpa',)), ((), ('dpa', 'AFP')))
    >>> _mark_line("Berlin/Hamburg"), _mark_line("(Jan Roth)")
    (None, None)
    """
    if len(text) > _LONGEST_MARK_LINE:
        return None
    line = _MARK_LABEL.sub("", text.strip().strip("()[] ").strip())
    people: list[str] = []
    agencies: list[str] = []
    for part in re.split(r"\s*(?:/|,|\bund\b)\s*", line):
        agency = agency_of(part)
        if agency:
            agencies.append(agency)
        elif _INITIALS.fullmatch(part):
            people.append(part)
        else:
            return None
    return (tuple(people), tuple(agencies)) if agencies else None


#: the reasons a line right under the article that is an author mark may have been dropped for
_MARK_DROPPED_AS = frozenset({Reason.CREDIT, Reason.NOT_MAIN_CONTENT})
#: the longest line read as an author mark of its own
_LONGEST_MARK_LINE = 60
#: an editor's initials in an author mark ("jan", "mu", "AB")
_INITIALS = re.compile(r"[a-zäöü]{1,5}|[A-ZÄÖÜ]{2,3}")
#: the label a mark line may start with ("Quelle: dpa", "Mit Material von dpa")
_MARK_LABEL = re.compile(r"^(?:Quelle|Quellen|Agenturen|Mitarbeit)\s*:\s*|^(?:mit\s+)?(?:Material|Agenturmaterial|Informationen)\s+(?:von|der|des)\s+",
                         re.IGNORECASE)


#: how many of the article's last paragraphs are searched for the author's box, and how many
#: paragraphs (of at most how many characters) the box's text may have
_BOX_REACH = 4
_BOX_PARAGRAPHS = 2
_BOX_CHARS = 600


def cut_author_box(blocks: Sequence[Block], authors: Sequence[str]) -> tuple[Block, ...]:
    """Drop the author's box the article ends with: a line that is only an author's name, and
    the short biography after it ("Anna Berg" / "Anna Berg ist Redakteurin für Verkehr. …").
    It is about the writer, not the article.

    >>> blocks = [Block(0, "Die Stadt baut."), Block(1, "Anna Berg"), Block(2, "Anna Berg ist Redakteurin für Verkehr.")]
    >>> [b.verdict for b in cut_author_box(blocks, ["Anna Berg"])]
    ['keep', 'drop', 'drop']
    >>> [b.verdict for b in cut_author_box(blocks[:2], ["Anna Berg"])]
    ['keep', 'keep']
    """
    body = body_indices(blocks)
    names = {squash(name) for name in authors}
    tail = body[-_BOX_REACH:]
    at = next((k for k, i in enumerate(tail) if squash(blocks[i].text) in names), None)
    if at is None or at == 0 and len(body) <= 1:
        return tuple(blocks)
    box = tail[at:]
    bio = box[1:]
    if not 1 <= len(bio) <= _BOX_PARAGRAPHS or any(len(blocks[i].text) > _BOX_CHARS for i in bio):
        return tuple(blocks)
    rule = Rule("position", "the author's box after the article")
    return tuple(b.dropped(Reason.NOT_MAIN_CONTENT, rule) if i in box else b for i, b in enumerate(blocks))


#: a person's box: the shortest and longest biography, the longest name, and how many lines
#: before the biography the name may stand (a picture's credit or the person's role between)
_BIO_CHARS = (30, 600)
_NAME_CHARS = 40
_BIO_REACH = 3


def cut_person_box(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Drop a box about a person whom no byline named (the author's, an expert's beside an
    interview): a line that is only the name, and after it, with at most a picture's credit
    or the role between, a short biography that begins with the name or goes on from it and
    says who that is ("Anna Berg" / "Anna Berg ist Redakteurin für Verkehr."; "Jan Roth …" /
    "… ist Anwalt in Köln."). A page with more than one such pair is a row of portraits, the
    article itself: none is dropped.

    >>> texts = ["Die Stadt baut eine Brücke.", "Jan Roth", "Jan Roth ist Redakteur für Verkehr in Köln."]
    >>> [b.verdict for b in cut_person_box([Block(i, t) for i, t in enumerate(texts)])]
    ['keep', 'drop', 'drop']
    >>> [b.verdict for b in cut_person_box([Block(i, t) for i, t in enumerate(texts + texts[1:])])]
    ['keep', 'keep', 'keep', 'keep', 'keep']
    """
    body = body_indices(blocks)
    in_body = set(body)
    boxes: list[tuple[int, int]] = []
    for i in body:
        bio = blocks[i].text
        if not _BIO_CHARS[0] <= len(bio) <= _BIO_CHARS[1]:
            continue
        for j in range(i - 1, max(-1, i - 1 - _BIO_REACH), -1):
            name = blocks[j].text.rstrip(" .…")
            if len(name) <= _NAME_CHARS and is_person_name(name):
                if _introduces(bio, name):
                    boxes.append((j, i))
                break
            if j in in_body:
                break  # (the article's text between: the name heads it, no box)
    if len(boxes) != 1:
        return tuple(blocks)
    box = set(boxes[0])
    rule = Rule("position", "a box about a person: the name, then who that is")
    return tuple(b.dropped(Reason.NOT_MAIN_CONTENT, rule) if i in box and b.kept else b for i, b in enumerate(blocks))


def _introduces(bio: str, name: str) -> bool:
    """Whether ``bio`` says who ``name`` is: the name (maybe after its role, "Der Politologe
    Jan Roth ist …") or an ellipsis that goes on from the name line, then a verb of a
    biography.

    >>> _introduces("Der Politologe Jan Roth ist Professor in Köln.", "Jan Roth"), _introduces("... ist Anwalt.", "Jan Roth")
    (True, True)
    >>> _introduces("Jan Roth stand im April im Ring und verlor.", "Jan Roth")
    False
    """
    text = bio.lstrip(" .…")
    at = text.find(name + " ", 0, _NAME_CHARS + len(name))
    if at == 0 or at > 0 and text[at - 1] == " ":
        text = text[at + len(name) + 1 :]
    return text.startswith(_bio_verbs())


@cache
def _bio_verbs() -> tuple[str, ...]:
    return tuple(verb + " " for verb in german().bio_verbs)


#: the longest teaser text between a teaser's headline and its byline
_TEASER_TEXT = 400


def drop_bylined_teasers(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Drop the teasers of other articles that sit in the article with their own byline: a
    headline, maybe a sentence of teaser text, and "von Anna Berg" on a line of its own, which
    an article's text never has after its header. One such teaser at the very end might be
    the article's own closing byline and stays, unless there are others.

    >>> texts = ["Die Stadt baut eine Brücke über den Fluss.", "Der Rat hat es beschlossen.",
    ...          "Neuer Park am Rhein eröffnet", "von Jan Roth", "Die Arbeiten beginnen im Mai."]
    >>> [b.verdict for b in drop_bylined_teasers([Block(i, t) for i, t in enumerate(texts)])]
    ['keep', 'keep', 'drop', 'drop', 'keep']
    """
    body = body_indices(blocks)
    teasers: list[list[int]] = []
    for k in range(2, len(body)):  # (the first two: the header's and the lead's place)
        i = body[k]
        text = blocks[i].text
        # ("Veröffentlicht von", "Autorin:": a post's own byline, which blogs print under it)
        if len(text) > 60 or not text[:4].casefold() == "von " or not is_byline(text):
            continue
        before = body[k - 1]
        if headline_shaped(blocks[before].text):
            teasers.append([before, i])
        elif len(blocks[before].text) <= _TEASER_TEXT and k >= 3 and headline_shaped(blocks[body[k - 2]].text):
            teasers.append([body[k - 2], before, i])
    if len(teasers) == 1 and teasers[0][-1] == body[-1]:
        return tuple(blocks)
    drop = {i for teaser in teasers for i in teaser}
    rule = Rule("position", "a teaser of another article with its byline")
    return tuple(b.dropped(Reason.RELATED, rule) if i in drop else b for i, b in enumerate(blocks))

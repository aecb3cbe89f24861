"""Where a page credits its article's writers and agencies: the byline and date lines of its
header, the authors it declares (JSON-LD, ``<meta>``) or marks (an element classed "author"),
a name elsewhere on the page, the author mark closing the article ("(jan/dpa)"), the author's
box under it, and, where nobody is named, the newsroom or the publication.
:mod:`newsclean.fields.byline` reads one line; this module finds the lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicon import german
from ..model import Block, Format, Reason, Rule
from ..text.dates import DateReader
from ..text.tokens import headline_shaped
from ..verdicts.phrases import match_boilerplate
from .byline import (
    AUTHOR_MARK,
    HANDLE,
    NAME_JOINER,
    PICTURE_LABELS,
    MetaLine,
    agency_of,
    bio_verbs,
    byline_pattern,
    is_bare_prefix,
    is_byline,
    is_person_name,
    keep_author,
    leading_prefix,
    names_with_outlet,
    newsroom_byline,
    next_to_date,
    opens_with_bio,
    read_meta_line,
    role_only,
    split_authors,
    split_byline,
    table_figure,
)
from .declared import Declared
from .places import ArticleStart, body_indices, first_long_after
from .site import is_site, site_name_in_title, squash


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
    if not HANDLE.fullmatch(name) or name.casefold() in german().not_a_name or agency_of(name):
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
    return text.split(maxsplit=1)[0].rstrip(":").casefold() in PICTURE_LABELS or match_boilerplate(text) is not None


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
        if b.reason == "credit" and not is_byline(b.text) and not (i and is_bare_prefix(blocks[i - 1].text)):
            # (a picture's credit; but "Text und Fotos: Anna Berg" is the article's byline, and
            # so is the name under the heading of the author's box, "Über den Autor")
            continue
        if is_byline(b.text):
            people = list(split_authors(b.text)[0])
        elif byline_pattern().match(b.text) and (line := read_meta_line(b.text)) and line.published:
            people = list(line.people)  # "Author: Bo2man am 29.12.2010, 13:36 Uhr" under the article
        elif i and is_bare_prefix(blocks[i - 1].text) and (named := split_byline(blocks, i)[0]):
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
    prefix = leading_prefix().match(blocks[i].text.casefold())
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
    published = modified = newsroom = bare = None
    for i in [*above, *range(begin, end)]:
        b = out[i]
        if b.reason == Reason.CREDIT or b.role != "body" or table_figure(b):
            continue
        line = read_meta_line(b.text, dates)
        if line is None and is_person_name(name := b.text.rstrip(" ,;")) and next_to_date(out, i, dates):
            line = MetaLine(people=(name,))  # "22.11.2022" / "Christian Mihatsch"; "Amelie Siekmann," / "am 11.12.2022"
        # (right under the headline, or a teaser away, a line that only credits is the byline
        # without a date beside it too: headline / "Anna Berg, dpa", headline / "(dpa)")
        under_headline = title_i is not None and i - title_i <= 2
        below = under_headline and i > title_i  # type: ignore[operator]
        if line is None and not people and (names := _bare_names(b.text)) and (
                len(names) > 1 and (fmt == "text" and next_to_date(out, i, dates, reach=2) or below)
                or below and i + 1 < len(out) and _role_line(out[i + 1].text)):
            # a list of names a line away from the date ("Clara Löw, Siddharth Prakash &
            # Klaus Jacob" / "Energie & Umwelt" / "26. Oktober 2023") or under the headline, or
            # a name over the writer's role (headline / "Anna Berg" / "Redakteurin Lokales"),
            # where no byline came before
            line = MetaLine(people=names)
        if line is None and not people and below and (name := _name_before_buttons(b.text)):
            line = MetaLine(people=(name,))  # headline / "Anna Schulz Folgen"
        if (line is None and fmt == "text" and under_headline and i > title_i and bare is None
                and _lone_name(b.text, out[title_i].text) and any(_sentence(out[j].text) for j in (i - 1, i + 1) if j < len(out))
                and not _used_elsewhere(b.text, out)):
            # a dump's teaser / "Marie Roth" / first paragraph: the byline if the header has no
            # other (not a name among names, a team or a stadium in a ticker's list, nor a
            # heading, a place or a person the article speaks of)
            bare = i
            continue
        if line is None and (named := names_with_outlet(b.text)) and (under_headline or next_to_date(out, i, dates, reach=2)):
            line = MetaLine(*named)  # "Anna Berg, SWR" / "Stand: 12.03.2024"
        if line is None and i > begin and out[i - 1].role == "byline" and (role_only(b.text) or _role_line(b.text)):
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
    if bare is not None and not (people or agencies or newsroom):
        people.append(out[bare].text)
        out[bare] = out[bare].kept_as("byline")
    return HeaderLines(tuple(people), tuple(agencies), published, modified, tuple(out), newsroom)


def _lone_name(text: str, headline: str) -> bool:
    """A line that is only a person's name written as names are ("Marie Roth", not "PDF
    Vorschau", "Truckwash A31" or "Disko Von"), and no words of the headline ("Ultium Cells"
    over "Ultium Cells erhöht Kapazität").

    >>> _lone_name("Marie Roth", "Neue Brücke"), _lone_name("PDF Vorschau", "Neue Brücke")
    (True, False)
    >>> _lone_name("Ultium Cells", "Ultium Cells erhöht Kapazität"), _lone_name("Disko Von", "Neue Brücke")
    (False, False)
    """
    words = text.split()
    return (is_person_name(text) and all(_CASED_NAME.fullmatch(w) for w in words)
            and not is_bare_prefix(words[-1]) and text.casefold() not in headline.casefold())


def _used_elsewhere(name: str, blocks: Sequence[Block]) -> bool:
    """The page uses the words of ``name`` as no writer's name is: the first word in small
    letters ("unsere", of a heading "Unsere Geschichte"), the last in the article's paragraphs
    (a person it quotes, a team, a place: "Borussia Dortmund", "Hamburger Hafen").

    >>> _used_elsewhere("Unsere Geschichte", [Block(0, "Das sind unsere Ziele.")])
    True
    >>> _used_elsewhere("Olaf Scholz", [Block(0, "Der Kanzler wehrt sich. " * 5 + "Scholz sagte, er bleibe.")])
    True
    >>> _used_elsewhere("Marie Roth", [Block(0, "Marie Roth")])
    False
    """
    words = name.split()
    small = re.compile(rf"\b{re.escape(words[0].casefold())}\b")
    last = re.compile(rf"(?<!\w){re.escape(words[-1])}(?!\w)")
    return any(small.search(b.text) or (len(b.text) >= 100 and last.search(b.text)) for b in blocks)


def _sentence(text: str) -> bool:
    """A teaser's or paragraph's sentence, not a heading, a button or a name."""
    return len(text) >= 60 or text.rstrip().endswith((".", "!", "?", "…"))


#: a word of a name as printed: a capital, then small letters ("Rövekamp", "Müller-Lüdenscheidt")
_CASED_NAME = re.compile(r"[A-ZÄÖÜ][a-zäöüßéèáàíóúçñ'’]+(?:-[A-ZÄÖÜ][a-zäöüßéèáàíóúçñ'’]+)*|[A-Z]\.")


def _name_before_buttons(text: str) -> str | None:
    """The writer's name, with the labels of the buttons beside it or newsroom words after it
    ("Anna Schulz Folgen", "Jan Roth Profil Kontakt"; words no name has, ``german.toml``'s
    ``not_a_name``); None for any other line.

    >>> _name_before_buttons("Anna Schulz Folgen"), _name_before_buttons("Anna Schulz"), _name_before_buttons("Die Stadt Folgen")
    ('Anna Schulz', None, None)
    """
    words = text.split()
    if len(words) > 6:
        return None
    for n in (3, 2):
        rest = words[n:]
        if (rest and all(w.casefold() in german().not_a_name for w in rest)
                and is_person_name(name := " ".join(words[:n]))):
            return name
    return None


def _role_line(text: str) -> bool:
    """A short line that names a writer's role ("Redakteurin Lokales", "Lokalredakteur",
    "Freie Autorin", "Korrespondent in Brüssel"): one of its first two words ends in a role.

    >>> _role_line("Redakteurin Lokales"), _role_line("Freie Autorin"), _role_line("Die Stadt baut")
    (True, True, False)
    """
    words = text.casefold().split()
    if not 0 < len(words) <= 5 or len(text) > 60 or _DIGITS.search(text):
        return False
    return any(word.endswith(_role_words()) for word in words[:2])


@cache
def _role_words() -> tuple[str, ...]:
    return (*german().roles_before_name, "autor", "autorin")


_DIGITS = re.compile(r"\d")


def _bare_names(text: str) -> tuple[str, ...]:
    """The people a line names and says nothing else: "Anna Berg", "Anna Berg, Jan Roth & Eva
    Klein"; () for any other line.

    >>> _bare_names("Clara Löw, Siddharth Prakash & Klaus Jacob"), _bare_names("Energie & Umwelt")
    (('Clara Löw', 'Siddharth Prakash', 'Klaus Jacob'), ())
    """
    if len(text) > 120:
        return ()
    names = list(dict.fromkeys(n for n in NAME_JOINER.split(text.strip(" ,;")) if n))
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
    agencies, rest = _mark_parts(re.split(r"\s*/\s*", mark.group("mark")))
    people = [part for part in rest if part.islower()]
    cut = last.with_text(last.text[: mark.start()].rstrip())
    return AuthorMark(tuple(people), tuple(agencies), (*blocks[: body[-1]], cut, *blocks[body[-1] + 1 :]))


def _mark_parts(parts: list[str]) -> tuple[list[str], list[str]]:
    """The agencies an author mark's parts name, and its other parts (an editor's initials).
    A newsroom word ("red" for Redaktion) names nobody and is left out.

    >>> _mark_parts(["dpa", "mu", "AFP"]), _mark_parts(["APA", "red"])
    ((['dpa', 'AFP'], ['mu']), (['APA'], []))
    """
    agencies: list[str] = []
    rest: list[str] = []
    for part in parts:
        agency = agency_of(part)
        if agency:
            agencies.append(agency)
        elif part.casefold() not in german().not_a_name:
            rest.append(part)
    return agencies, rest


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
    agencies, people = _mark_parts(re.split(r"\s*(?:/|,|\bund\b)\s*", line))
    if not agencies or not all(_INITIALS.fullmatch(part) for part in people):
        return None
    return tuple(people), tuple(agencies)


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
    It is about the writer, not the article. Without the name's line the box is the article's
    last paragraph alone, when it opens with an author's name and says who that is.

    >>> blocks = [Block(0, "Die Stadt baut."), Block(1, "Anna Berg"), Block(2, "Anna Berg ist Redakteurin für Verkehr.")]
    >>> [b.verdict for b in cut_author_box(blocks, ["Anna Berg"])]
    ['keep', 'drop', 'drop']
    >>> [b.verdict for b in cut_author_box(blocks[:2], ["Anna Berg"])]
    ['keep', 'keep']
    >>> [b.verdict for b in cut_author_box([blocks[0], blocks[0], blocks[2]], ["Anna Berg"])]
    ['keep', 'keep', 'drop']
    """
    body = body_indices(blocks)
    names = {squash(name) for name in authors}
    tail = body[-_BOX_REACH:]
    at = next((k for k, i in enumerate(tail) if squash(blocks[i].text) in names), None)
    if at is not None and (at > 0 or len(body) > 1):
        box = tail[at:]
        bio = box[1:]
        if not 1 <= len(bio) <= _BOX_PARAGRAPHS or any(len(blocks[i].text) > _BOX_CHARS for i in bio):
            return tuple(blocks)
    elif len(body) > _BOX_PARAGRAPHS and _opens_bio(blocks[body[-1]].text, authors):
        box = body[-1:]
    else:
        return tuple(blocks)
    rule = Rule("position", "the author's box after the article")
    return tuple(b.dropped(Reason.NOT_MAIN_CONTENT, rule) if i in box else b for i, b in enumerate(blocks))


def _opens_bio(text: str, authors: Sequence[str]) -> bool:
    """Whether ``text`` is a short biography of one of the ``authors``: it opens with the name,
    then a verb of a biography ("Anna Berg ist Redakteurin für Verkehr.").

    >>> _opens_bio("Anna Berg ist Redakteurin für Verkehr.", ["Anna Berg"]), _opens_bio("Die Stadt baut.", ["Anna Berg"])
    (True, False)
    """
    return len(text) <= _BOX_CHARS and any(opens_with_bio(text, name) for name in authors)


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
    return text.startswith(bio_verbs())


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

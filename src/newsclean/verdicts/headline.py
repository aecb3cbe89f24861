"""A dump's headline: the lines that repeat the page's ``<title>``, which dumps print first.

Looked for once per dump, by the dump classifier (:func:`find_title_repeats`), which anchors
the article at the first prose line after the repeat followed by the most prose
(:func:`prose_after`) and passes the repeats on with its verdicts; the title field takes the
repeat nearest before the article's first paragraph for the headline (:func:`dump_headline`)
instead of looking again.

Each line is read once and measured twice (:class:`Repeat`). The title field asks how closely
a line repeats the ``<title>``'s headline, its site's name stripped: a kicker glued on, most of
its words. The article is anchored only at a line that prints the ``<title>`` (or a part of
it) word for word, or rewords it: a line that names the headline among other words ("Ein
Gedanke zu „Headline“" over the readers' comments, "Startseite » Lokales » Headline") or
shares most of its words names the headline but says nothing of where the article starts, and
anchoring there pulls the span into the comments or a teaser.

>>> lines = ["Neue Brücke für Köln | Kölner Blatt", "Menü", "Neue Brücke für Köln",
...          "Die Stadt hat am Montag beschlossen, dass die neue Brücke gebaut wird."]
>>> repeats = find_title_repeats(lines, [True] * 4, 0.6)
>>> repeats.hits
(Repeat(line=2, kind=0, echo=0),)
>>> prose_after(repeats, [False, False, False, True], [0.0, -12.0, -100.0, 300.0], 12, 24)
3
>>> dump_headline(repeats, 3)
DumpHeadline(title='Neue Brücke für Köln', line=2, closest=2, shown_kicker=None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from itertools import repeat
from typing import NamedTuple

from ..fields.site import squash, strip_site_name
from ..lexicon import KICKER_SPLIT, TITLE_SPLIT, german_stopwords
from ..text.tokens import title_shaped, words

#: how closely a line repeats the headline of the ``<title>``: the same, a part of it (or it
#: with a kicker), most of its words, the same words in another form or order (which counts
#: only before the article: a subheading "Fazit – …" in it may word its topic so too)
SAME, PART, WORDS, OTHER_WORDS = 0, 1, 2, 3


#: how a line prints the ``<title>`` line as it stands: the whole or a part of it, word for
#: word; or three of its word stems and most of the shorter one's (a headline worded a little
#: differently, an SEO title)
VERBATIM, REWORDED = 0, 1


class Repeat(NamedTuple):
    """A line that repeats the page's ``<title>``, by either of two measures: one for the
    title field, one for where the article starts."""

    line: int
    #: how closely it repeats the headline of the ``<title>`` (:data:`SAME`, :data:`PART`,
    #: :data:`WORDS`, :data:`OTHER_WORDS`): the headline the title field takes; None: no headline
    kind: int | None
    #: how it prints the ``<title>`` line (:data:`VERBATIM`, :data:`REWORDED`): a line the
    #: article is anchored at; None: it only names the headline among other words ("Ein
    #: Gedanke zu „Headline“" over the comments, a breadcrumb) or shares many of its words,
    #: which is no evidence of where the article starts
    echo: int | None


@dataclass(frozen=True, slots=True)
class TitleRepeats:
    """The lines of a dump that repeat its first line, the page's ``<title>``."""

    #: the ``<title>`` without the site's name, when it reads as a headline (None: it does
    #: not, and no repeat has a ``kind``)
    title: str | None
    hits: tuple[Repeat, ...]
    #: for a ``<title>`` "Kicker: Headline" whose page shows the kicker right over the
    #: headline, the headline squashed (see :func:`shown_after_kicker`)
    shown_kicker: str | None


@dataclass(frozen=True, slots=True)
class DumpHeadline:
    """The headline of a dump: the repeat of its ``<title>`` the title field takes."""

    #: the ``<title>`` (the dump's first line) without the site's name
    title: str
    #: the line that shows the headline: the repeat nearest before the article's first
    #: paragraph (teaser lists and breadcrumbs may repeat it too)
    line: int
    #: the repeat worded closest to the ``<title>`` (nearest ``line`` among equals): its
    #: wording is the title's
    closest: int
    shown_kicker: str | None


#: a dump's first line longer than this is a paragraph, no page title (titles of real dumps
#: are under 300 characters)
_LONGEST_TITLE = 1000
#: a line of fewer words repeats the <title>'s headline only as it stands, and only on a line
#: of its own
_FEW_WORDS = 3


def find_title_repeats(texts: Sequence[str], after_blank: Sequence[bool], overlap: float) -> TitleRepeats | None:
    """The lines after the first that repeat the page's ``<title>`` (``texts[0]``), by both
    measures of :class:`Repeat` (``overlap``: see :func:`_rewords`); None for a first line too
    long to be a ``<title>``.

    >>> find_title_repeats(["Neue Brücke für Köln | Blatt", "Neue Brücke für Köln", "Menü", "Brücke für Köln"],
    ...                    [True, True, True, False], 0.6).hits
    (Repeat(line=1, kind=0, echo=0), Repeat(line=3, kind=1, echo=None))
    """
    if len(texts) < 2 or len(texts[0]) > _LONGEST_TITLE:
        return None
    forms = title_forms(texts)
    # (a page repeats its menu lines: each distinct text is read once)
    found = {text: (headline_kind(text, forms), echo_kind(text, forms, overlap)) for text in dict.fromkeys(texts[1:])}
    hits = []
    for i, text in enumerate(texts[1:], 1):
        kind, echo = found[text]
        if kind is not None and len(text.split()) < _FEW_WORDS and not stands_alone(after_blank, i):
            kind = None  # (a short line in a run of lines: a menu entry)
        if kind is not None or echo is not None:
            hits.append(Repeat(i, kind, echo))
    if all(hit.kind is None for hit in hits):
        hits = _worded_otherwise(texts, forms, hits)
    return TitleRepeats(forms.headline, tuple(hits), forms.shown_kicker)


def _worded_otherwise(texts: Sequence[str], forms: TitleForms, hits: list[Repeat]) -> list[Repeat]:
    """``hits`` and the lines that word the ``<title>``'s headline otherwise
    (:func:`_same_words`), as :data:`OTHER_WORDS` and :data:`REWORDED`: read only on a page
    where no line repeats the ``<title>``'s headline (``hits`` have no ``kind``), as a
    subheading or teaser in the article may word it otherwise too.

    >>> lines = ["3 Profi-Tipps rund um die Topinambur-Ernte - Gartenblatt", "Menü", "Topinambur ernten: 3 Profi-Tipps"]
    >>> _worded_otherwise(lines, title_forms(lines), [])
    [Repeat(line=2, kind=3, echo=1)]
    """
    if not forms.headline_stems:
        return hits
    found = {text: 12 <= len(text) <= 200 and text.count(" ") >= 2 and _same_words(forms, text)
             for text in dict.fromkeys(texts[1:])}
    more = [Repeat(i, OTHER_WORDS, REWORDED) for i, text in enumerate(texts[1:], 1) if found[text]]
    return sorted({hit.line: hit for hit in [*hits, *more]}.values())


@dataclass(frozen=True, slots=True)
class TitleForms:
    """The forms of a dump's first line, the page's ``<title>``, that its lines are compared
    with, read once per dump."""

    #: the ``<title>`` line as printed, and it and its parts of 12 characters or more
    printed: str
    printed_parts: frozenset[str]
    #: the stems of its content words (:func:`_stems`)
    stems: frozenset[str]
    #: the ``<title>`` without the site's name, when it reads as a headline (else None, and
    #: the squashed forms below are empty)
    headline: str | None
    #: the ``<title>`` line and its headline squashed, the headline's words, the squashed
    #: parts of three words or more between its separators
    whole: str = ""
    key: str = ""
    headline_words: frozenset[str] = frozenset()
    headline_parts: frozenset[str] = frozenset()
    #: the stems of the content words of the headline and of each of its parts, compounds
    #: split (see :func:`_same_words`)
    headline_stems: tuple[frozenset[str], ...] = ()
    #: see :func:`shown_after_kicker`
    shown_kicker: str | None = None


def title_forms(texts: Sequence[str]) -> TitleForms:
    """The forms of ``texts[0]``, a dump's ``<title>`` line (``texts``: all its lines).

    >>> forms = title_forms(["Neue Brücke für Köln | Blatt", "Text"])
    >>> forms.headline, forms.key, sorted(forms.printed_parts)
    ('Neue Brücke für Köln', 'neuebrückefürköln', ['Neue Brücke für Köln', 'Neue Brücke für Köln | Blatt'])
    """
    first = texts[0]
    printed_parts = frozenset({part for part in KICKER_SPLIT.split(first) if len(part) >= 12} | {first})
    headline = page_title_line(first)
    if headline is None:
        return TitleForms(first, printed_parts, frozenset(_stems(first)), None)
    parts = frozenset(squash(part) for part in title_parts(headline) if len(part.split()) >= _FEW_WORDS)
    return TitleForms(first, printed_parts, frozenset(_stems(first)), headline, squash(first), squash(headline),
                      frozenset(words(headline.casefold())), parts, _part_stems(headline),
                      shown_after_kicker(texts, headline))


def headline_kind(text: str, forms: TitleForms) -> int | None:
    """How closely the line ``text`` repeats the headline of the ``<title>`` (``forms``):
    :func:`repeat_kind`, and :data:`PART` for the headline under the kicker the ``<title>``
    puts before it; None when the ``<title>`` reads as no headline.

    >>> headline_kind("Brücke für Köln", title_forms(["Neue Brücke für Köln | Blatt"]))
    1
    """
    if forms.headline is None:
        return None
    if forms.shown_kicker is not None and squash(text) == forms.shown_kicker:
        return PART
    return repeat_kind(text, forms.whole, forms.key, forms.headline_words, forms.headline_parts)


def echo_kind(text: str, forms: TitleForms, overlap: float) -> int | None:
    """How the line ``text`` prints the ``<title>`` line (``forms``): :data:`VERBATIM`,
    :data:`REWORDED` (``overlap``: see :func:`_rewords`), None neither.

    >>> forms = title_forms(["Größtes Kraftwerk der Welt entsteht in Dubai | Blatt"])
    >>> echo_kind("Größtes Kraftwerk der Welt entsteht in Dubai", forms, 0.6)
    0
    >>> echo_kind("In Dubai entsteht das größte Kraftwerk", forms, 0.6), echo_kind("Wetter in Dubai", forms, 0.6)
    (1, None)
    """
    if not 12 <= len(text) <= 200:
        return None
    if text in forms.printed_parts or (len(text) >= 20 and text in forms.printed):
        return VERBATIM
    if text.count(" ") < 2 or _shared_stems(forms.stems, text) < 3:
        return None
    return REWORDED if _rewords(forms.stems, _stems(text), overlap) else None


def _shared_stems(stems: Set[str], text: str) -> int:
    """How many of ``stems`` are in ``text`` case-folded: at least as many as its words' stems
    share with them (each of those begins a word), so a line with fewer than three is no
    :func:`_rewords` and needs no stems of its own.

    >>> _shared_stems({"brück", "köln", "neu"}, "Kölner Brücken")
    2
    """
    folded = text.casefold()
    return sum(map(folded.__contains__, stems))


def _stems(text: str, *, parts: bool = False) -> set[str]:
    """Word beginnings of the content words: "Größtes Kraftwerk" ~ "größte Kraftwerke". With
    ``parts``, the parts of a compound joined by a hyphen are words of their own and
    punctuation is no part of a word: "Topinambur-Ernte" ~ "Topinambur ernten:".

    >>> sorted(_stems("Größtes Kraftwerk der Stadt entsteht in Dubai"))
    ['dubai', 'entst', 'gröss', 'kraft']
    >>> sorted(_stems("„Topinambur-Ernte“: Profi-Tipps", parts=True))
    ['ernte', 'profi', 'tipps', 'topin']
    """
    stop = german_stopwords()
    folded = text.casefold()
    return {w[:5] for w in (words(folded) if parts else folded.split()) if w not in stop and len(w) > 2}


def _rewords(title: Set[str], line: Set[str], overlap: float) -> bool:
    """A headline worded a little differently from the page title (an SEO title): three
    shared word stems, and the share ``overlap`` of the shorter one's. (Not fields/lead.py's
    test of a repeated description, which compares whole words of two paragraphs.)

    >>> _rewords(frozenset({"gröss", "kraft", "dubai", "entst"}), {"gröss", "kraft", "dubai", "geht"}, 0.6)
    True
    """
    shared = len(title & line)
    return shared >= 3 and shared >= overlap * min(len(title), len(line))


def prose_after(repeats: TitleRepeats, good: Sequence[bool], scores: Sequence[float], reach: int,
                verbatim_reach: int) -> int | None:
    """Where the article starts: the first prose line after the repeat (one that prints the
    ``<title>``: :attr:`Repeat.echo`) followed by the most prose (the positive ``scores`` of the
    ``reach`` lines after it, up to that line at least), which comes within ``reach`` lines of
    the repeat (``verbatim_reach`` of a :data:`VERBATIM` one: a recipe's list of ingredients
    may come between headline and text). None when no repeat has prose near it.
    """
    best, best_mass = None, 0.0
    for i, _, echo in repeats.hits:
        if echo is None:
            continue
        end = min(len(good), i + 1 + (verbatim_reach if echo == VERBATIM else reach))
        if True not in good[i + 1:end]:
            continue
        first = good.index(True, i + 1, end)
        # (the prose after it weighs, up to the first prose line at least)
        mass = sum(map(max, repeat(0.0), scores[i + 1:max(i + 1 + reach, first + 1)]))
        if mass > best_mass:
            best, best_mass = first, mass
    return best


def dump_headline(repeats: TitleRepeats | None, first_long: int) -> DumpHeadline | None:
    """The headline of a dump whose article's first paragraph is line ``first_long``: the
    repeat of the ``<title>``'s headline nearest before it (else nearest after it, but not
    one in :data:`OTHER_WORDS`); None when no line repeats it.

    >>> repeats = TitleRepeats("Neue Brücke", (Repeat(2, 1, None), Repeat(5, 0, 0), Repeat(9, 0, 0)), None)
    >>> dump_headline(repeats, 7)
    DumpHeadline(title='Neue Brücke', line=5, closest=5, shown_kicker=None)
    """
    if repeats is None or repeats.title is None:
        return None
    hits = [(kind, i) for i, kind, _ in repeats.hits if kind is not None and (kind != OTHER_WORDS or i < first_long)]
    if not hits:
        return None
    line = min(hits, key=lambda h: (h[1] > first_long, abs(h[1] - first_long)))[1]
    closest = min(hits, key=lambda h: (h[0], h[1] > first_long, abs(h[1] - first_long)))[1]
    return DumpHeadline(repeats.title, line, closest, repeats.shown_kicker)


def stands_alone(after_blank: Sequence[bool], i: int) -> bool:
    """Whether a dump's line ``i`` has a blank line before and after it, as a heading has; the
    entries of a menu follow each other without one.

    >>> stands_alone([True, True, False], 0), stands_alone([True, True, False], 1)
    (True, False)
    """
    return after_blank[i] and (i + 1 == len(after_blank) or after_blank[i + 1])


def page_title_line(text: str, *, site_named: bool = False) -> str | None:
    """A dump's first line ``text`` without the site's name, when it reads as the page's
    ``<title>``: the headline when no line of the page repeats it. With ``site_named``, the
    looser reading for a dump where nothing else gives a title: whatever headline (one word
    or more) the line shows before a separator and its site's name, unless what is left is
    the site's address.

    >>> page_title_line("Neue Brücke für Köln | Kölner Blatt"), page_title_line("Menü")
    ('Neue Brücke für Köln', None)
    >>> [page_title_line(t, site_named=True) for t in ("Wurmkiste | Gartenblatt", "Zum Inhalt springen", "www.blatt.de | Detail")]
    ['Wurmkiste', None, None]
    """
    if site_named:
        if len(text) > 200:
            return None
        title = strip_site_name(text)
        if title == text or _HOST.fullmatch(title):
            return None  # (no separator; or the site's address is what is left: "www.x.de | Detail")
        return title if 1 <= len(title.split()) <= 25 else None
    if not 3 <= len(text.split()) <= 40:
        return None
    title = strip_site_name(text)
    return title if title_shaped(title) else None


_HOST = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+")


def shown_after_kicker(texts: Sequence[str], title: str) -> str | None:
    """The squashed headline of a ``<title>`` "Kicker: Headline" whose page shows the kicker
    right over the headline: the title is then both, joined as the ``<title>`` joins them (a
    site's name before a colon is no kicker the page shows over its headline).

    >>> shown_after_kicker(["Menü", "Kenia", "Nairobi von unten", "Text"], "Kenia: Nairobi von unten")
    'nairobivonunten'
    >>> shown_after_kicker(["Menü", "Nairobi von unten", "Text"], "Weltblog: Nairobi von unten") is None
    True
    """
    parts = title.split(": ", 1)
    if len(parts) != 2 or len(parts[1].split()) < 2:
        return None
    kicker, after = squash(parts[0]), squash(parts[1])
    longest = len(parts[1]) + 10
    # (squashing drops characters, case-folding rarely adds some: a line whose folded text is
    # shorter than the squashed headline, most menu entries, is not squashed to tell)
    shown = any(len(text) <= longest and len(text.casefold()) >= len(after) and squash(text) == after
                and squash(texts[i - 1]) == kicker for i, text in enumerate(texts[1:], 1))
    return after if shown else None


def title_parts(title: str) -> list[str]:
    """What a ``<title>`` may show as its headline: each part between its separators, and all
    before or after each separator ("Headline – Subtitle | Site - Motto").

    >>> title_parts("Brand in Köln – Feuerwehr warnt | Stadtblatt")
    ['Brand in Köln', 'Feuerwehr warnt', 'Stadtblatt', 'Brand in Köln – Feuerwehr warnt', 'Feuerwehr warnt | Stadtblatt']
    """
    separators = list(TITLE_SPLIT.finditer(title))
    ends = [title[:m.start()] for m in separators[1:]] + [title[m.end():] for m in separators[:-1]]
    return [*TITLE_SPLIT.split(title), *ends]


#: two sentences in a line ("… gefunden. Die Polizei …"): a teaser, no headline
_SENTENCE_BREAK = re.compile(r"[a-zäöüß]{2}[.!?] [A-ZÄÖÜ]")


def _same_words(forms: TitleForms, text: str) -> bool:
    """Whether the headline-shaped line ``text`` says what the ``<title>``'s headline says in
    other words or order: three of its word stems, the parts of compounds counted
    (:func:`_stems`), and nearly all of both's. A subheading or teaser that shares some words
    with it (the article's topic) says something else.

    >>> forms = title_forms(["3 Profi-Tipps rund um die Topinambur-Ernte - Gartenblatt"])
    >>> _same_words(forms, "Topinambur ernten: 3 Profi-Tipps"), _same_words(forms, "Topinambur im Winter ernten")
    (True, False)
    """
    if (not forms.headline_stems or not title_shaped(text) or not text[:1].isupper() and not text[:1].isdigit()
            or _SENTENCE_BREAK.search(text) or forms.key in squash(text)):
        return False  # (a line that prints the headline among other words only names it: "Ein Gedanke zu „…“")
    line = _stems(text, parts=True)
    return any(len(title & line) >= _SAME_WORDS * max(len(title), len(line)) for title in forms.headline_stems)


def _part_stems(headline: str) -> tuple[frozenset[str], ...]:
    """The stems (:func:`_stems`, compounds split) of ``headline`` and of each part of it
    between separators (a site's name the ``<title>`` kept: "Headline - Gartenblatt"), of
    those with three stems or more.

    >>> [sorted(s) for s in _part_stems("Brücke über den Rhein gesperrt - Kölner Blatt")]
    [['blatt', 'brück', 'gespe', 'kölne', 'rhein'], ['brück', 'gespe', 'rhein']]
    """
    found = (frozenset(_stems(part, parts=True)) for part in dict.fromkeys([headline, *title_parts(headline)]))
    return tuple(dict.fromkeys(stems for stems in found if len(stems) >= 3))


#: the share of the word stems of a headline and of the line that words it otherwise both have
_SAME_WORDS = 0.75


def repeat_kind(text: str, whole: str, key: str, title_words: Set[str], parts: Set[str] = frozenset()) -> int | None:
    """How closely a headline-shaped line repeats the page's ``<title>`` line (squashed
    ``whole``; without the site's name ``key``, its words ``title_words``; the squashed parts
    between its separators ``parts``): :data:`SAME`, :data:`PART` (a part of it, or it with a
    kicker), :data:`WORDS` (most of its words); None not at all. A line of fewer than three
    words counts only as the same.

    >>> repeat_kind("Warum Putin warnt", "warumputinwarntärztezeitung", "warumputinwarnt", {"warum", "putin", "warnt"})
    0
    >>> repeat_kind("Nahost: Warum Putin warnt", "warumputinwarnt", "warumputinwarnt", {"warum", "putin", "warnt"})
    1
    >>> repeat_kind("Wetter heute und morgen", "warumputinwarnt", "warumputinwarnt", {"warum", "putin", "warnt"}) is None
    True
    >>> repeat_kind("Neue Radwege beschlossen", "neueradwegebeschlossenbaustartimmai", "neueradwegebeschlossenbaustartimmai",
    ...             {"neue", "radwege", "beschlossen", "baustart", "im", "mai"}, frozenset({"neueradwegebeschlossen"}))
    1
    """
    if not title_shaped(text) or text.startswith("©"):  # (a copyright line names the site)
        return None
    if len(text.split()) < _FEW_WORDS:
        # (a short line is a menu entry as often as a headline: only the <title>'s very words;
        # one folded shorter than the squashed <title> is not squashed to tell)
        return SAME if len(text.casefold()) >= len(key) and squash(text) == key else None
    tokens = words(text.casefold())
    line = "".join(tokens)  # (what squash leaves, from the tokens the word test needs too)
    if line == key:
        return SAME
    if (line in whole and len(line) >= 0.6 * len(key)) or (key in line and len(line) <= 1.8 * len(key)) or line in parts:
        return PART
    if len(title_words) >= 4 and not title_words.isdisjoint(tokens):
        line_words = set(tokens)
        if (len(line_words & title_words) >= 0.6 * len(title_words) and len(line_words) <= 2 * len(title_words)
                and not _SENTENCE_BREAK.search(text)):
            return WORDS  # shared words only: a teaser of two sentences is no headline
    return None

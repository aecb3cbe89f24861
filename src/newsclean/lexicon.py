"""The German knowledge in ``data/``, loaded once, as immutable tables: the one module that
reads the TOML files.

Each table is built on first use and kept (``functools.cache`` over immutable values), so
forked batch workers share what the parent loaded (see :func:`newsclean.pipeline.warm_up`).

>>> german().months["jänner"], german().agencies["afp"]
(1, 'AFP')
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from .model import Reason

#: characters ignored at both ends of a block before phrases are compared
END_PUNCTUATION = " \t»«›‹>|:·•*-–—…!?.()[]/"
#: what separates the parts of a page title: "Headline | Site", "Headline - Site", "A :: B",
#: "Rubrik » Headline", "Headline « Blog", "Headline › Site" (spaces on both sides: no quotation
#: mark), "Headline _ Site", "Headline · Site", "Headline │ Site" (a box-drawing bar), "Headline :
#: 31.10.2023" (a colon with a space on both sides separates; a kicker's colon has none before it)
TITLE_SPLIT = re.compile(r"\s*│\s*|\s+[|–—_·•-]\s+|\s+::?\s+|\s+[»«›]\s+")
#: the same, or the colon after a kicker ("Nahost: Warum Putin warnt")
KICKER_SPLIT = re.compile(rf"{TITLE_SPLIT.pattern}|:\s+")


def phrase_key(text: str) -> str:
    """The form a phrase and a block are compared in: case-folded, ends stripped.

    >>> phrase_key("Newsletter bestellen »")
    'newsletter bestellen'
    """
    return " ".join(text.casefold().split()).strip(END_PUNCTUATION)


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """The phrases of one reason code, compiled for matching."""

    reason: Reason
    max_words: int
    equals: frozenset[str]
    starts: tuple[str, ...]
    contains: tuple[str, ...]
    patterns: tuple[str, ...] = ()
    #: ``equals`` phrases whose box sits inside articles as often as after them
    inline: frozenset[str] = frozenset()
    #: whole-block phrases that are a button or menu entry ("Anmelden"), not a box heading:
    #: the blocks after them are not dropped with them (also in ``equals``)
    buttons: frozenset[str] = frozenset()


def _load_toml(name: str) -> dict:
    with resources.files("newsclean.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def boilerplate() -> tuple[PhraseSet, ...]:
    """The boilerplate phrase sets, in the order they are tried."""
    sets = []
    for reason, spec in _load_toml("boilerplate.toml").items():
        sets.append(
            PhraseSet(
                reason=Reason(reason),  # (a section that is no reason code fails here, at load)
                max_words=int(spec.get("max_words", 20)),
                equals=frozenset(phrase_key(p) for p in spec.get("equals", []) + spec.get("buttons", [])),
                # starts keep their trailing punctuation ("Anzeige |"), only case is folded
                starts=tuple(" ".join(p.casefold().split()) for p in spec.get("starts", [])),
                contains=tuple(" ".join(p.casefold().split()) for p in spec.get("contains", [])),
                patterns=tuple(spec.get("patterns", [])),
                inline=frozenset(phrase_key(p) for p in spec.get("inline", [])),
                buttons=frozenset(phrase_key(p) for p in spec.get("buttons", [])),
            )
        )
    return tuple(sets)


@cache
def html_hints() -> dict[str, Reason]:
    """class/id word -> reason code."""
    hints = _load_toml("html_hints.toml")
    table: dict[str, Reason] = {}
    # (the words of each language's table after the general ones)
    for words_of in (hints, *hints.get("by_language", {}).values()):
        for reason, words in words_of.items():
            if reason in ("weak", "site_name", "by_language"):
                continue
            for word in words:
                table.setdefault(word, Reason(reason))
    return table


@cache
def comment_thread_headings() -> frozenset[str]:
    """The headings a thread of reader comments starts with (``thread`` of the ``comments``
    phrases), compared as :func:`phrase_key` compares phrases.

    >>> "leserkommentare" in comment_thread_headings()
    True
    """
    return frozenset(phrase_key(p) for p in _load_toml("boilerplate.toml")["comments"].get("thread", []))


@cache
def reading_tips() -> frozenset[str]:
    """The headings of a reading tip in the article (``tips`` of the ``related`` phrases):
    in a dump the line after one, and the lines run together with it, are the tip. Compared
    as :func:`phrase_key` compares phrases.

    >>> "lesen sie auch" in reading_tips(), "weitere informationen" in reading_tips()
    (True, False)
    """
    return frozenset(phrase_key(p) for p in _load_toml("boilerplate.toml")["related"].get("tips", []))


@cache
def own_link_openers() -> tuple[str, ...]:
    """The words that open the article's own call to follow a link behind an arrow ("» Zum
    Programm"), unlike another article's linked headline (``own_links`` of the ``related``
    phrases).

    >>> "Jetzt" in own_link_openers()
    True
    """
    return tuple(_load_toml("boilerplate.toml")["related"].get("own_links", []))


@cache
def bare_credits() -> re.Pattern[str]:
    """A line that is only a picture's credit (``bare`` of the ``credit`` phrases), no
    caption before it: in a dump the picture's caption is the line over it.

    >>> bool(bare_credits().search("Foto: Anna Berg")), bool(bare_credits().search("Stau © Anna Berg"))
    (True, False)
    """
    return re.compile("|".join(f"(?:{p})" for p in _load_toml("boilerplate.toml")["credit"]["bare"]))


@cache
def summary_headings() -> frozenset[str]:
    """The headings of a summary a language model wrote for the page (``summaries`` of the
    ``social`` phrases): in a dump the paragraph or list under one is the summary. Compared as
    :func:`phrase_key` compares phrases.

    >>> "der artikel für sie zusammengefasst" in summary_headings()
    True
    """
    return frozenset(phrase_key(p) for p in _load_toml("boilerplate.toml")["social"].get("summaries", []))


@cache
def weak_html_hints() -> frozenset[str]:
    """The class/id words of :func:`html_hints` that also name parts of articles, trusted only
    for blocks the main-content extractor left out.

    >>> "header" in weak_html_hints(), "footer" in weak_html_hints()
    (True, False)
    """
    return frozenset(word.casefold() for word in _load_toml("html_hints.toml")["weak"]["words"])


@cache
def site_name_hints() -> frozenset[str]:
    """The class/id tokens of the element that shows the site's name or logo.

    >>> "site-title" in site_name_hints(), "title" in site_name_hints()
    (True, False)
    """
    return frozenset(word.casefold() for word in _load_toml("html_hints.toml")["site_name"]["words"])


@cache
def german_stopwords() -> frozenset[str]:
    """Frequent German function words (jusText's list), for the stopword density of a block.

    >>> {"und", "nicht", "über"} <= german_stopwords()
    True
    """
    return frozenset(w.casefold() for w in _justext_stoplist("German"))


#: the languages of news pages whose function words tell prose from a menu or a teaser's
#: title on any page (German first): jusText's names of its lists
PROSE_LANGUAGES = ("German", "English", "French", "Spanish", "Italian", "Dutch", "Portuguese")


@cache
def function_words() -> tuple[frozenset[str], ...]:
    """The frequent function words (jusText's lists) of each of :data:`PROSE_LANGUAGES`.

    >>> [("und" in words, "which" in words, "avec" in words) for words in function_words()[:3]]
    [(True, False, False), (False, True, False), (False, False, True)]
    """
    return tuple(frozenset(w.casefold() for w in _justext_stoplist(language)) for language in PROSE_LANGUAGES)


def _justext_stoplist(language: str) -> frozenset[str]:
    """``justext.get_stoplist(language)``, read from jusText's folder without importing it:
    the import (lxml.html, urllib.request, ...) took 60 ms of every ``newsclean clean`` on a
    text dump, which needs nothing else of jusText."""
    spec = importlib.util.find_spec("justext")
    folders = spec.submodule_search_locations if spec else None
    path = Path(folders[0], "stoplists", f"{language}.txt") if folders else None
    if path is None or not path.is_file():  # a jusText that keeps its lists elsewhere
        import justext

        return justext.get_stoplist(language)
    # (what get_stoplist does with the file's lines)
    return frozenset(w.decode("utf8").lower() for w in path.read_bytes().splitlines())


@dataclass(frozen=True, slots=True)
class German:
    """The tables of ``data/german.toml``; see the file for what each list means."""

    #: every spelling of a month (case-folded) -> its number
    months: MappingProxyType[str, int]
    #: weekday names and their short forms (case-folded)
    weekdays: frozenset[str]
    #: date labels ("veröffentlicht am", "stand"), longest first
    published_labels: tuple[str, ...]
    modified_labels: tuple[str, ...]
    #: relative dates, read only against a reference date
    today: tuple[str, ...]
    yesterday: tuple[str, ...]
    day_before_yesterday: tuple[str, ...]
    #: a time told from now ("vor 2 Stunden"): the word before, counts in words, units; the
    #: words around a clock time ("um 19:02 Uhr")
    ago: tuple[str, ...]
    ago_counts: tuple[str, ...]
    ago_units: tuple[str, ...]
    at_clock: tuple[str, ...]
    oclock: tuple[str, ...]
    #: words that may stand on a date line besides the date, in the order they are cut out
    date_noise: tuple[str, ...]
    timezone: str
    #: words a date right after is not the article's ("tel", "©", "urteil vom")
    not_before_date: tuple[str, ...]
    #: byline prefixes ("von", "kommentar von"), longest first
    byline_prefixes: tuple[str, ...]
    not_a_name: frozenset[str]
    #: words that name a newsroom in a byline ("Redaktion", "Newsdesk"), case-folded
    newsroom_words: tuple[str, ...]
    #: broadcasters and papers a byline names after the people ("Anna Berg, SWR"), case-folded
    outlets: MappingProxyType[str, str]
    function_words: frozenset[str]
    roles_before_name: frozenset[str]
    #: the verbs a person's short biography goes on with after the name ("ist", "beschäftigt sich")
    bio_verbs: tuple[str, ...]
    #: class/id words of a lead, and of a picture's text that is none
    lead_hint_words: frozenset[str]
    not_lead_hint_words: tuple[str, ...]
    #: agency as written (case-folded) -> its canonical name, in file order
    agencies: MappingProxyType[str, str]
    #: German-only function words
    markers: frozenset[str]
    #: section names, menu entries that may stand over a headline as its kicker (case-folded)
    kicker_sections: frozenset[str]
    #: the badges of articles for paying readers ("plus", "premium"; case-folded)
    kicker_badges: frozenset[str]
    #: the labels of a page's controls ("seite auswählen", "vollbild"; case-folded)
    kicker_controls: frozenset[str]
    #: how a blog post's sign-off starts ("euer", "liebe grüße", "xx"), longest first
    sign_offs: tuple[str, ...]
    #: how a letter's salutation starts ("liebe", "sehr geehrte"), longest first
    salutations: tuple[str, ...]


@cache
def german() -> German:
    data = _load_toml("german.toml")
    dates, people, lead = data["dates"], data["people"], data["lead"]

    def longest_first(words: list[str]) -> tuple[str, ...]:
        return tuple(sorted(words, key=len, reverse=True))

    return German(
        months=MappingProxyType({name: int(num) for num, names in data["months"].items() for name in names}),
        weekdays=frozenset(data["weekdays"]["names"]),
        published_labels=longest_first(dates["published"]),
        modified_labels=longest_first(dates["modified"]),
        today=tuple(dates["today"]),
        yesterday=tuple(dates["yesterday"]),
        day_before_yesterday=tuple(dates["day_before_yesterday"]),
        ago=tuple(dates["ago"]),
        ago_counts=tuple(dates["ago_counts"]),
        ago_units=tuple(dates["ago_units"]),
        at_clock=tuple(dates["at_clock"]),
        oclock=tuple(dates["oclock"]),
        date_noise=tuple(dates["noise"]),
        timezone=dates["timezone"],
        not_before_date=tuple(data["dates_context"]["not_after"]),
        byline_prefixes=longest_first(people["byline_prefixes"]),
        not_a_name=frozenset(people["not_a_name"]),
        newsroom_words=tuple(people["newsroom_words"]),
        outlets=MappingProxyType({w.casefold(): w for w in people["outlets"]}),
        function_words=frozenset(people["function_words"]),
        roles_before_name=frozenset(people["roles_before_name"]),
        bio_verbs=tuple(people["bio_verbs"]),
        lead_hint_words=frozenset(lead["hint_words"]),
        not_lead_hint_words=tuple(lead["not_hint_words"]),
        agencies=MappingProxyType({k.casefold(): v for k, v in data["agencies"].items()}),
        markers=frozenset(data["language"]["markers"]),
        kicker_sections=frozenset(w.casefold() for w in data["kicker"]["sections"]),
        kicker_badges=frozenset(w.casefold() for w in data["kicker"]["badges"]),
        kicker_controls=frozenset(w.casefold() for w in data["kicker"]["controls"]),
        sign_offs=longest_first([w.casefold() for w in people["sign_offs"]]),
        salutations=longest_first([w.casefold() for w in people["salutations"]]),
    )

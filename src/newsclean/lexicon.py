"""Load the German knowledge in ``data/`` once, as immutable lookup tables.

Every table is built at import time from the TOML files, so worker processes get them for free
and nothing is mutable global state.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .model import Reason

#: characters ignored at both ends of a block before phrases are compared
END_PUNCTUATION = " \t»«›‹>|:·•*-–—…!?.()[]/"
#: what separates the parts of a page title: "Headline | Site", "Headline - Site", "A :: B",
#: "Rubrik » Headline"
TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")
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


def load_toml(name: str) -> dict:
    with resources.files("newsclean.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def boilerplate() -> tuple[PhraseSet, ...]:
    """The boilerplate phrase sets, in the order they are tried."""
    sets = []
    for reason, spec in load_toml("boilerplate.toml").items():
        sets.append(
            PhraseSet(
                reason=Reason(reason),  # (a section that is no reason code fails here, at load)
                max_words=int(spec.get("max_words", 20)),
                equals=frozenset(phrase_key(p) for p in spec.get("equals", [])),
                # starts keep their trailing punctuation ("Anzeige |"), only case is folded
                starts=tuple(" ".join(p.casefold().split()) for p in spec.get("starts", [])),
                contains=tuple(" ".join(p.casefold().split()) for p in spec.get("contains", [])),
                patterns=tuple(spec.get("patterns", [])),
                inline=frozenset(phrase_key(p) for p in spec.get("inline", [])),
            )
        )
    return tuple(sets)


@cache
def html_hints() -> dict[str, Reason]:
    """class/id word -> reason code."""
    table: dict[str, Reason] = {}
    for reason, words in load_toml("html_hints.toml").items():
        if reason == "weak":
            continue
        for word in words:
            table.setdefault(word, Reason(reason))
    return table


@cache
def weak_html_hints() -> frozenset[str]:
    """The class/id words of :func:`html_hints` that also name parts of articles, trusted only
    for blocks the main-content extractor left out.

    >>> "header" in weak_html_hints(), "footer" in weak_html_hints()
    (True, False)
    """
    return frozenset(word.casefold() for word in load_toml("html_hints.toml")["weak"]["words"])


@cache
def german_stopwords() -> frozenset[str]:
    """Frequent German function words (jusText's list), for the stopword density of a block.

    >>> {"und", "nicht", "über"} <= german_stopwords()
    True
    """
    return frozenset(w.casefold() for w in _justext_stoplist("German"))


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


@cache
def german_markers() -> frozenset[str]:
    """Function words only German uses, to tell German text without the language detector.

    >>> "nicht" in german_markers(), "die" in german_markers()
    (True, False)
    """
    return frozenset(load_toml("german.toml")["language"]["markers"])

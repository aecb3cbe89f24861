"""Context-free rules: one block in, a verdict with a reason code out.

>>> match_boilerplate("Newsletter bestellen »").reason
'newsletter'
>>> match_boilerplate("Sonderbericht | Mit freundlicher Unterstützung von: Pfizer").reason
'sponsored'
>>> match_boilerplate("Der Bundestag hat am Donnerstag das Gesetz beschlossen.") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .phrases import boilerplate, german_stopwords, html_hints, phrase_key

_WORD = re.compile(r"\w+")
_HINT_SPLIT = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """Which reason applies and which phrase or rule said so."""

    reason: str
    rule: str
    #: True when a heading-like phrase matched the whole block ("Mehr zum Thema"): the short
    #: blocks after it belong to the same box.
    opens_region: bool = False


def match_boilerplate(text: str) -> RuleMatch | None:
    """The first boilerplate phrase set that matches a short block, or None."""
    key = phrase_key(text)
    if not key:
        return None
    folded = " ".join(text.casefold().split())
    words = len(key.split())
    for ps in boilerplate():
        if words > ps.max_words:
            continue
        if key in ps.equals:
            return RuleMatch(ps.reason, f"phrase: {key}", opens_region=True)
        for start in ps.starts:
            if folded.startswith(start) and _ends_word(folded, len(start)):
                return RuleMatch(ps.reason, f"starts: {start}")
        for part in ps.contains:
            if part in folded:
                return RuleMatch(ps.reason, f"contains: {part}")
    return None


def _ends_word(text: str, end: int) -> bool:
    """True when a phrase that matched ``text[:end]`` ends at a word boundary ("Folge" is not
    a prefix of "Folgen der Reform")."""
    return end >= len(text) or not (text[end - 1].isalnum() and text[end].isalnum())


def hint_reason(hint: str) -> RuleMatch | None:
    """A reason from the class/id words around an HTML block, innermost first.

    >>> hint_reason("div.article-teaser").reason
    'related'
    """
    table = html_hints()
    for token in reversed(_HINT_SPLIT.split(hint.replace(".", " ").replace("#", " "))):
        reason = table.get(token.casefold())
        if reason:
            return RuleMatch(reason, f"html: {token}")
    return None


def words(text: str) -> list[str]:
    """Word tokens of a block.

    >>> words("„Das ist gut“, sagte sie.")
    ['Das', 'ist', 'gut', 'sagte', 'sie']
    """
    return _WORD.findall(text)


def stopword_density(tokens: list[str]) -> float:
    """Share of German function words among the tokens: high in prose, low in menus.

    >>> round(stopword_density(words("Die Stadt hat sich für den Bau entschieden")), 2)
    0.88
    >>> stopword_density(words("Politik Wirtschaft Sport Kultur"))
    0.0
    """
    if not tokens:
        return 0.0
    stop = german_stopwords()
    return sum(1 for t in tokens if t.casefold() in stop) / len(tokens)

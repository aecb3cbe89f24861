"""Words: the one tokeniser, and the counts built on it (function-word share, prose counts).

>>> words("„Das ist gut“, sagte sie.")
['Das', 'ist', 'gut', 'sagte', 'sie']
"""

from __future__ import annotations

import re

from ..lexicon import function_words, german_stopwords

#: what separates the words besides whitespace: every character that is no word character
_NOT_WORD = re.compile(r"[^\w\s]")


def words(text: str) -> list[str]:
    """Word tokens of a block.

    >>> words("„Das ist gut“, sagte sie.")
    ['Das', 'ist', 'gut', 'sagte', 'sie']
    >>> words("Bund-Länder-Gipfel: 2,5 % (dpa_x)")
    ['Bund', 'Länder', 'Gipfel', '2', '5', 'dpa_x']
    """
    # the words are the runs of ``\w``: with every other character a space, one C-level split
    # finds them
    return _NOT_WORD.sub(" ", text).split()


def stopword_density(tokens: list[str]) -> float:
    """Share of German function words among the tokens: high in prose, low in menus.

    >>> round(stopword_density(words("Die Stadt hat sich für den Bau entschieden")), 2)
    0.88
    >>> stopword_density(words("Politik Wirtschaft Sport Kultur"))
    0.0
    """
    return word_share(tokens, german_stopwords())


def prose_word_share(tokens: list[str]) -> float:
    """Share of function words among the tokens, in the language of :func:`~newsclean.lexicon.function_words`
    they have most of: high in prose in any of those languages, low in menus.

    >>> round(prose_word_share(words("La ville a décidé de construire un nouveau pont sur le fleuve")), 2)
    0.67
    >>> stopword_density(words("La ville a décidé de construire un nouveau pont sur le fleuve")) < 0.3
    True
    >>> prose_word_share(words("Politik Wirtschaft Sport Kultur"))
    0.0
    """
    if not tokens:
        return 0.0
    folded = " ".join(tokens).casefold().split()
    return max(sum(map(vocabulary.__contains__, folded)) for vocabulary in function_words()) / len(folded)


def word_share(tokens: list[str], vocabulary: frozenset[str]) -> float:
    """Share of the tokens that are in ``vocabulary`` (case-folded words); 0.0 for none.

    >>> word_share(["Das", "ist", "gut"], frozenset({"das", "ist"}))
    0.6666666666666666
    """
    if not tokens:
        return 0.0
    # one casefold for all tokens and a C-level count: this runs for every line of a dump
    folded = " ".join(tokens).casefold().split()
    return sum(map(vocabulary.__contains__, folded)) / len(folded)


def prose_counts(text: str) -> tuple[int, int]:
    """How many words ``text`` has and how many of them are German function words: the
    length of :func:`words` and the count behind :func:`stopword_density`.

    >>> prose_counts("„Das ist gut“, sagte sie.")
    (5, 4)
    >>> prose_counts("Bund-Länder-Gipfel: 2,5 % (dpa_x)")
    (6, 0)
    """
    # (the words of :func:`words` case-folded, read without splitting twice: case-folding
    # neither makes nor removes whitespace, so it may come before the split)
    folded = _NOT_WORD.sub(" ", text).casefold().split()
    return len(folded), sum(map(german_stopwords().__contains__, folded))


def headline_shaped(text: str) -> bool:
    """Short, of three words or more, and not ending as a sentence or a list's introduction
    does: a teaser's headline.

    >>> headline_shaped("Neuer Park am Rhein eröffnet"), headline_shaped("Der Park ist eröffnet.")
    (True, False)
    """
    return len(text) <= 150 and text[-1:] not in ".,;:" and text.count(" ") >= 2


def title_shaped(text: str) -> bool:
    """Short, of two to 25 words, and not ending as a sentence, a clause or a list's
    introduction does: a headline, or a page's ``<title>``.

    >>> title_shaped("Neue Brücke für Köln"), title_shaped("Die Brücke ist fertig."), title_shaped("Köln")
    (True, False, False)
    """
    # the length and the last character first: most lines of a page are prose, too long to
    # split, or end as a sentence ends
    return len(text) <= 200 and text[-1:] not in ".,;:" and 2 <= len(text.split()) <= 25

"""Words: the one tokeniser, and the counts built on it (function-word share, prose counts).

>>> words("„Das ist gut“, sagte sie.")
['Das', 'ist', 'gut', 'sagte', 'sie']
"""

from __future__ import annotations

import re

from ..lexicon import german_stopwords

# what separates the words besides whitespace: everything that is not ``\w`` (the same set as
# ``[^\w\s]``, but the common letters listed first are looked up in a bitmap before the slow
# Unicode category tests: a quarter faster on German text)
_NOT_WORD = re.compile(r"[^0-9A-Za-z äöüßÄÖÜ\w\s]")
# the ASCII characters _NOT_WORD matches as a byte table to spaces, and the other characters
_ASCII_NOT_WORD_TO_SPACE = bytes(32 if b < 128 and _NOT_WORD.match(chr(b)) else b for b in range(256))
_NON_ASCII_NOT_WORD = re.compile(r"[^\x00-\x7fäöüßÄÖÜ\w\s]")


def blank_non_words(text: str) -> str:
    """Every character but word characters and whitespace becomes a space: ``_NOT_WORD.sub(" ", text)``.

    >>> blank_non_words("„Das ist gut“, sagte sie (dpa_x).")
    ' Das ist gut   sagte sie  dpa_x  '
    """
    # the ASCII marks (commas, full stops, hyphens: most of them) go through a byte table on
    # the UTF-8 form, one C pass; a substitution call per mark cost more than the scan. Lone
    # surrogates pass through as bytes >= 128 and are blanked with the other non-ASCII marks.
    ascii_blanked = text.encode("utf-8", "surrogatepass").translate(_ASCII_NOT_WORD_TO_SPACE)
    return _NON_ASCII_NOT_WORD.sub(" ", ascii_blanked.decode("utf-8", "surrogatepass"))


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
    length of :func:`words` and the count behind :func:`stopword_density`, without the word
    list.

    >>> prose_counts("„Das ist gut“, sagte sie.")
    (5, 4)
    >>> prose_counts("Bund-Länder-Gipfel: 2,5 % (dpa_x)")
    (6, 0)
    """
    return _counts(blank_non_words(text).casefold().split())


def page_prose_counts(texts: list[str]) -> list[tuple[int, int]]:
    """:func:`prose_counts` of each of ``texts`` (the long lines of a dump).

    >>> page_prose_counts(["„Das ist gut“, sagte sie.", "Bund-Länder-Gipfel: 2,5 %", ""])
    [(5, 4), (5, 0), (0, 0)]
    """
    # whole-page form: the texts joined by line breaks get one substitution and one casefold,
    # not one of each per line (the dump classifier asks this of a hundred lines a page).
    # (the split of :func:`words` on the case-folded text: casefolding a word character never
    # gives whitespace, nor a line break)
    folded = blank_non_words("\n".join(texts)).casefold().split("\n")
    if len(folded) != len(texts):  # a text with line breaks of its own (or no text)
        return list(map(prose_counts, texts))
    return list(map(_counts, map(str.split, folded)))


def _counts(tokens: list[str]) -> tuple[int, int]:
    """How many of the (case-folded) ``tokens`` there are and how many are function words."""
    return len(tokens), sum(map(german_stopwords().__contains__, tokens))

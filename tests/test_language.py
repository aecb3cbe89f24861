"""language.ngrams reads a text word by word: that gives the windows of the whole text only
while langdetect's profiles know no n-gram with a space inside (one across two words)."""

from itertools import chain
from operator import add

import pytest

from newsclean.language import _profiles, ngrams


def test_profiles_know_no_ngram_across_words():
    known = _profiles()[0]
    assert " " not in known
    assert not [g for g in known if " " in g.strip()]


def _windows(text: str) -> list[str]:
    """The definition: every 1-, 2- and 3-character window of the padded text the profiles know."""
    known, _, table = _profiles()
    padded = f" {' '.join(text.translate(table).split())} "
    pairs = list(map(add, padded, padded[1:]))
    return [g for g in chain(padded, pairs, map(add, pairs, padded[2:])) if g in known]


@pytest.mark.parametrize("text", ["Die Stadt hat am Montag, 3. März, beschlossen.", "a b c", "", "Öl-Preis „steigt“ x"])
def test_ngrams_are_the_windows_of_the_text(text):
    assert ngrams(text) == _windows(text)

"""language._random_walk takes five updates in one pass between its tests; it must give the
numbers of langdetect's walk, one update at a time."""

import random

import pytest

from newsclean.text.language import LanguageParams, _profiles, _random_walk, ngrams


def _reference_walk(grams, known, n_langs, rng, params):
    """One update per step, languages in a dict, the test after steps 0, 5, 10, ..."""
    prob = dict.fromkeys(range(n_langs), 1.0 / n_langs)
    weight = (params.alpha + rng.gauss(0.0, 1.0) * 0.05) / 10000
    for step in range(params.max_steps):
        row = known[rng.choice(grams)]
        prob = {lang: p * (weight + row[lang]) for lang, p in prob.items()}
        if step % 5 == 0:
            floor = sum(prob.values()) * params.negligible
            prob = {lang: p for lang, p in prob.items() if p > floor}
            total = sum(prob.values())
            prob = {lang: p / total for lang, p in prob.items()}
            if max(prob.values()) > params.converged:
                break
    total = sum(prob.values())
    return [(lang, p / total) for lang, p in prob.items()]


TEXTS = [
    "Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen.",
    "The city council decided on Monday to build a new bridge across the river.",
    "Der Trainer sagte: We will come back stronger, und die Fans jubelten trotzdem.",
    "EU NATO USA",
]


@pytest.mark.parametrize("max_steps", [0, 1, 5, 6, 7, 12, 1000])
@pytest.mark.parametrize("text", TEXTS)
def test_walk_gives_the_numbers_of_one_update_at_a_time(text, max_steps):
    known, langs = _profiles().known, _profiles().languages
    grams = ngrams(text)
    params = LanguageParams(max_steps=max_steps, converged=0.9999999999)
    ours, theirs = random.Random(1), random.Random(1)
    assert _random_walk(grams, known, len(langs), ours, params) == _reference_walk(grams, known, len(langs), theirs, params)
    assert ours.getstate() == theirs.getstate()  # the same number of draws


def test_german_function_words_answer_without_the_walk(monkeypatch):
    import newsclean.text.language as language

    def no_walk(*args):
        raise AssertionError("the walk ran")

    monkeypatch.setattr(language, "_random_walk", no_walk)
    assert language.detect_language("Die Stadt hat sich nicht für den Bau der Brücke über den Rhein entschieden.") == "de"


@pytest.mark.parametrize("text", [
    # Dutch and English share "die", "in", "was" with German, which are no markers
    "De gemeenteraad heeft maandag besloten dat er een nieuwe brug over de rivier komt, die in 2026 klaar was.",
    "The council said that the bridge, which was planned in 2020, will be built next year.",
])
def test_other_languages_still_go_to_the_detector(text, monkeypatch):
    import newsclean.text.language as language

    walks = []
    walk = language._random_walk
    monkeypatch.setattr(language, "_random_walk", lambda *args: walks.append(1) or walk(*args))
    assert language.detect_language(text) not in ("de", None)
    assert walks

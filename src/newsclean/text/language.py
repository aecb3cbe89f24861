"""Language of the body text: langdetect's n-gram profiles, read deterministically and fast.

langdetect itself spends most of its time turning text into n-grams one character at a time
(about 25 ms for a page). Here the same n-grams come from whole words, from a sample of the
text, and the same random walk over them runs with a fixed seed, so a text always gets the
same answer. Most bodies need no walk: a text with enough German-only function words ("und",
"nicht", "sich", listed in ``data/german.toml``) is German.

>>> detect_language("Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen.")
'de'
>>> detect_language("The city council decided on Monday to build a new bridge across the river.")
'en'
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import add, itemgetter
from types import MappingProxyType

from ..lexicon import german
from .tokens import word_share, words


@dataclass(frozen=True, slots=True)
class LanguageParams:
    """How much text the detector reads; more is steadier but slower."""

    #: words of the text sampled (spread over all of it)
    sample_words: int = 60
    #: random walks averaged (langdetect uses 7). Fewer differ only on mixed-language texts, and
    #: there two walks that disagree are a tie, no better than one walk: on 300 German/English
    #: mixes one walk agreed with seven on 286, two walks on 287 (and the 896 dev and news-dev
    #: bodies get the same language either way)
    trials: int = 1
    #: updates per walk at most
    max_steps: int = 1000
    #: a walk stops once one language has this probability
    converged: float = 0.99999
    #: a text whose sampled words are at least this share German-only function words
    #: (``[language] markers`` in german.toml) is German without a walk. On the 446 dev and
    #: news-dev dump bodies the share has a median of 0.22 and 436 reach 0.1; 159 English
    #: texts (licences, docs) all score 0.0
    german_share: float = 0.1
    #: smoothing of unseen n-grams (langdetect's alpha)
    alpha: float = 0.5
    #: a language with less than this share of the probability leaves the walk
    negligible: float = 1e-9


@dataclass(frozen=True, slots=True)
class _Profiles:
    """langdetect's language profiles, read through its public API."""

    #: n-gram -> its probability in each language (in the order of ``languages``)
    known: MappingProxyType[str, list[float]]
    languages: tuple[str, ...]
    #: langdetect's character normalisation (``NGram.normalize``) as a ``str.translate`` table
    normalise: MappingProxyType[int, str]


def load_profiles() -> None:
    """Load langdetect's language profiles now (most of a second of CPU), not on the first
    text that is not plainly German: a parent process about to fork workers loads them once,
    so that the workers share them (see :func:`newsclean.pipeline.warm_up`)."""
    _profiles()


@cache
def _profiles() -> _Profiles:
    """The profiles, loaded once (cached: they are read-only data, and loading them took most
    of a second). ``DetectorFactory.load_profile`` is langdetect's public loader; its
    ``detect()`` would use one module-wide factory instead."""
    # (langdetect imported here: a German body is told without it, and loading it took a tenth
    # of the start of ``newsclean clean``)
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.utils.ngram import NGram

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    # NGram.normalize changes characters of the Basic Multilingual Plane only: a table of
    # those it changes is the whole normalisation (translate leaves the others as they are)
    changed = {code: form for code in range(0x10000) if (form := NGram.normalize(chr(code))) != chr(code)}
    return _Profiles(MappingProxyType(factory.word_lang_prob_map), tuple(factory.langlist), MappingProxyType(changed))


def ngrams(text: str) -> list[str]:
    """The 1- to 3-grams of ``text`` that langdetect's profiles know.

    Each word is read with a space before and after it, as langdetect reads it; acronyms
    ("EU", "NATO") give no n-grams that end on their second or later capital.

    >>> ngrams("Das Ei")
    ['D', 'a', 's', 'E', 'i', ' D', 'Da', 'as', 's ', ' E', 'Ei', 'i ', ' Da', 'Das', 'as ', ' Ei', 'Ei ']
    """
    profiles = _profiles()
    known = profiles.known
    words = text.translate(profiles.normalise).split()
    acronyms = [w for w in words if len(w) > 1 and not w[1:].islower() and _has_caps_run(w)]
    if acronyms:
        caps = set(acronyms)
        words = [w for w in words if w not in caps]
    padded = f" {' '.join(words)} "
    # every window of the padded text is an n-gram; the windows the profiles do not know
    # (" ", "x y" across two words) fall out with the lookup
    pairs = list(map(add, padded, padded[1:]))
    windows = chain(padded, pairs, map(add, pairs, padded[2:]))
    grams = list(filter(known.__contains__, windows))
    for word in acronyms:
        grams.extend(g for g in _acronym_grams(f" {word} ") if g in known)
    return grams


def _has_caps_run(word: str) -> bool:
    return any(a.isupper() and b.isupper() for a, b in zip(word, word[1:], strict=False))


def _acronym_grams(padded: str) -> list[str]:
    """langdetect's rule: no n-gram ends on a capital that follows a capital."""
    grams = []
    for end in range(1, len(padded)):
        if padded[end].isupper() and padded[end - 1].isupper():
            continue
        for n in (1, 2, 3):
            if end - n + 1 >= 0 and not (n == 1 and padded[end] == " "):
                grams.append(padded[end - n + 1 : end + 1])
    return grams


def detect_language(text: str, min_chars: int = 40, params: LanguageParams = LanguageParams()) -> str | None:
    """ISO 639-1 code of ``text``, or None when it is too short to tell.

    >>> detect_language("Kurz.") is None
    True
    """
    if len(text.strip()) < min_chars:
        return None
    rng = random.Random(0)
    tokens = text.split()
    if len(tokens) > params.sample_words:
        # a sample from the whole text, in text order, so a quote does not decide alone
        tokens = [tokens[i] for i in sorted(rng.sample(range(len(tokens)), params.sample_words))]
    if _german_share(tokens) >= params.german_share:
        return "de"
    grams = ngrams(" ".join(tokens))
    if not grams:
        return None
    known, langs = _profiles().known, _profiles().languages
    total = [0.0] * len(langs)
    for _ in range(params.trials):
        for lang, p in _random_walk(grams, known, len(langs), rng, params):
            total[lang] += p
    best = max(range(len(langs)), key=total.__getitem__)
    return langs[best] if total[best] / params.trials > 0.1 else None


def _german_share(tokens: list[str]) -> float:
    """Share of the words in ``tokens`` that are German-only function words.

    >>> _german_share("Das ist nicht die Frage, sagte sie.".split())
    0.5714285714285714
    >>> _german_share("This is not the question, she said.".split())
    0.0
    """
    return word_share(words(" ".join(tokens)), german().markers)


def _random_walk(grams: list[str], known: Mapping[str, list[float]], n_langs: int, rng: random.Random, params: LanguageParams) -> list[tuple[int, float]]:
    """langdetect's update: multiply in the profile of one random n-gram after another,
    normalising (and testing for convergence) after every fifth.

    Languages that fall below ``params.negligible`` of the total are dropped from the walk
    (they cannot come back within the few steps left before it converges), which makes the
    later steps cheap. Between two tests the five updates are one pass over the languages
    (each language's product is multiplied out in the same order, so the same numbers).
    """
    active = list(range(n_langs))
    pick = None  # the row's values for the active languages, once some have left the walk
    prob = [1.0 / n_langs] * n_langs
    weight = (params.alpha + rng.gauss(0.0, 1.0) * 0.05) / 10000
    choice = rng.choice

    def row() -> list[float] | tuple[float, ...]:
        full = known[choice(grams)]
        return full if pick is None else pick(full)

    step = 0  # the step just taken; the tests come after steps 0, 5, 10, ...
    if params.max_steps > 0:
        prob = [p * (weight + r) for p, r in zip(prob, row(), strict=True)]
    while params.max_steps > 0:
        floor = sum(prob) * params.negligible
        if min(prob) <= floor:
            active = [lang for lang, p in zip(active, prob, strict=True) if p > floor]
            prob = [p for p in prob if p > floor]
            pick = itemgetter(*active) if len(active) > 1 else _one_of(active[0])
        norm = sum(prob)
        prob = [p / norm for p in prob]
        if max(prob) > params.converged:
            break
        if step + 5 >= params.max_steps:  # the last few steps, with no test after them
            for _ in range(params.max_steps - 1 - step):
                prob = [p * (weight + r) for p, r in zip(prob, row(), strict=True)]
            break
        a, b, c, d, e = row(), row(), row(), row(), row()
        # (not strict: the rows are picked for the active languages, and the checks cost a
        # third of the walk's most frequent line)
        prob = [p * (weight + ra) * (weight + rb) * (weight + rc) * (weight + rd) * (weight + re)
                for p, ra, rb, rc, rd, re in zip(prob, a, b, c, d, e, strict=False)]
        step += 5
    norm = sum(prob)
    return [(lang, p / norm) for lang, p in zip(active, prob, strict=True)]


def _one_of(lang: int) -> Callable[[list[float]], tuple[float]]:
    return lambda row: (row[lang],)

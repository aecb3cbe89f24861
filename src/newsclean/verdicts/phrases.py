"""Context-free rules: one block in, a verdict with a reason code out.

>>> match_boilerplate("Newsletter bestellen »").reason
<Reason.NEWSLETTER: 'newsletter'>
>>> str(match_boilerplate("Sonderbericht | Mit freundlicher Unterstützung von: Pfizer").rule)
'starts: sonderbericht |'
>>> match_boilerplate("Der Bundestag hat am Donnerstag das Gesetz beschlossen.") is None
True
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress, repeat
from operator import le

from ..lexicon import END_PUNCTUATION, boilerplate, html_hints
from ..model import Reason, Rule
from . import pattern_needs

_HINT_SPLIT = re.compile(r"[\s_\-]+")


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """Which reason applies and which phrase or rule said so."""

    reason: Reason
    rule: Rule
    #: True when a heading-like phrase matched the whole block ("Mehr zum Thema"): the short
    #: blocks after it belong to the same box.
    opens_region: bool = False
    #: True for a box heading that sits inside articles as often as after them ("Lesen Sie
    #: auch"): the article may go on after its box
    inline: bool = False
    #: True for a whole-block phrase that is a button or menu entry ("Anmelden"): it opens no
    #: box (the lines after it are not dropped for its reason), but it is boilerplate where
    #: an article would end, as a box heading is
    button: bool = False


def match_boilerplate(text: str) -> RuleMatch | None:
    """The specification of the phrase matcher: the rules of ``data/boilerplate.toml`` for one
    block, in their plainest form. :func:`match_blocks` must give the same for every block.

    The block is compared case-folded, its whitespace collapsed, and for ``equals`` without the
    punctuation at its ends. Only the sets whose ``max_words`` the block does not exceed apply.
    Among their phrases one is found of each kind: the block itself (``equals``), the longest
    one it starts with (``starts``; one that ends in a letter or digit must end a word there),
    the leftmost, then longest, one in it (``contains``); a block that starts with no phrase
    but opens with marks ("» Lesen Sie auch: …", "(Alle Angaben ohne Gewähr)") is tried
    without them. Of those found, the phrase of the earliest set in the file wins, and within
    one set ``equals`` before ``starts`` before ``contains``. So "Impressum | Datenschutz | Cookie-Einstellungen" is ``navigation``
    ("impressum |" starts it) although the earlier ``cookie`` set has "Cookie-Einstellungen":
    what a block says first names it, as a footer menu lists the cookie settings last.
    A whole-block phrase opens a region, unless its set lists it as a button.

    When no phrase matches, a block of at most :data:`BAR_WORDS` words made of two or more
    whole-block phrases in a row is a bar (see :func:`button_bar`).

    When no phrase matches and the block is no bar, the sets' ``patterns`` are searched, on
    blocks of any length: the leftmost match wins, and at one place the pattern listed first.

    >>> str(match_boilerplate("Impressum | Datenschutz | Kontakt | AGB | Cookie-Einstellungen").rule)
    'starts: impressum |'
    >>> match_boilerplate("Mehr zum Thema").opens_region, match_boilerplate("Anmelden").opens_region
    (True, False)
    >>> match_boilerplate("Folgen der Reform für die Kliniken") is None
    True
    """
    line = " ".join(text.casefold().split())
    key = line.strip(END_PUNCTUATION)
    n_words = len(key.split())
    found: list[tuple[int, int, str]] = []  # (set, 0 equals / 1 starts / 2 contains, phrase)
    if key:
        sets = [(i, ps) for i, ps in enumerate(boilerplate()) if n_words <= ps.max_words]
        equal = next((i for i, ps in sets if key in ps.equals), None)
        if equal is not None:
            found.append((equal, 0, key))
        starts = [p for _, ps in sets for p in ps.starts if line.startswith(p) and _ends_word(line, p)]
        if not starts and (bare := without_marks(line)) != line:
            starts = [p for _, ps in sets for p in ps.starts if bare.startswith(p) and _ends_word(bare, p)]
        if starts:
            phrase = max(starts, key=len)
            found.append((next(i for i, ps in sets if phrase in ps.starts), 1, phrase))
        contained = [(line.find(p), -len(p), p) for _, ps in sets for p in ps.contains if p in line]
        if contained:
            phrase = min(contained)[2]
            found.append((next(i for i, ps in sets if phrase in ps.contains), 2, phrase))
    if found:
        return _rule_match(*min(found))
    if 2 <= n_words <= BAR_WORDS:
        equals: dict[str, int] = {}
        for i, ps in sets:
            for phrase in ps.equals:
                equals.setdefault(phrase, i)
        if bar := button_bar(key, equals):
            return bar
    hits = [(m.start(), order, ps.reason, m.group()) for order, (ps, pattern) in enumerate(
        (ps, pattern) for ps in boilerplate() for pattern in ps.patterns) if (m := re.search(pattern, text, re.IGNORECASE))]
    if hits:
        _, _, reason, matched = min(hits, key=lambda hit: hit[:2])
        return RuleMatch(reason, Rule("pattern", matched.strip()))
    return None


def match_blocks(texts: list[str], collapsed: bool = False, folded: list[str] | None = None) -> list[RuleMatch | None]:
    """:func:`match_boilerplate` for all blocks of a page at once, the fast form of that
    specification (a hypothesis test holds them equal): the ``contains`` phrases are looked for
    in the whole page in one pass each, the ``starts`` phrases with one trie pattern, the
    ``equals`` phrases in one table per block length.

    ``collapsed`` says the texts come with their whitespace collapsed already (single spaces,
    none at the ends, as segmentation leaves them), which saves splitting each again.
    ``folded`` are their :func:`phrase_forms`, for a caller that has them already.
    """
    by_words = _matcher_by_words()
    longest = len(by_words) - 1
    if folded is None:
        folded = phrase_forms(texts, collapsed)
    keys = [line.strip(END_PUNCTUATION) for line in folded]
    n_words = [key.count(" ") + 1 if key else 0 for key in keys]  # 0: nothing to match
    contained = _contained(folded, n_words)
    starts = _starts_pattern()
    out: list[RuleMatch | None] = [None] * len(texts)
    for i in _may_match(folded, keys, contained):
        n = n_words[i]
        if not n or n > longest:
            continue
        line = folded[i]
        matcher = by_words[n]
        best: tuple[int, int, str] | None = None  # (set index, 0 equals / 1 starts / 2 contains, phrase)
        hit = matcher.equals.get(keys[i])
        if hit is not None:
            best = (hit, 0, keys[i])
        found = starts.match(line)
        start = found and _applicable_start(line, found.group(), matcher.starts_index)
        if not start and not line[0].isalnum():
            bare = without_marks(line)
            found = starts.match(bare)
            start = found and _applicable_start(bare, found.group(), matcher.starts_index)
        if start and (best is None or matcher.starts_index[start] < best[0]):
            best = (matcher.starts_index[start], 1, start)
        phrase = contained.get(i)
        if phrase is not None and (best is None or matcher.contains_index[phrase] < best[0]):
            best = (matcher.contains_index[phrase], 2, phrase)
        if best is not None:
            out[i] = _rule_match(*best)
    firsts, lasts = _phrase_ends()
    for i, match in enumerate(out):
        # (a bar starts with the first word of a phrase and ends with the last word of one:
        # most short lines fail that at once)
        if (match is None and 2 <= n_words[i] <= BAR_WORDS and keys[i].split(" ", 1)[0].strip(END_PUNCTUATION) in firsts
                and keys[i].rsplit(" ", 1)[-1].strip(END_PUNCTUATION) in lasts):
            out[i] = button_bar(keys[i], by_words[n_words[i]].equals)
    if _patterns():
        for i, match in _match_patterns(texts, [i for i, m in enumerate(out) if m is None]).items():
            out[i] = match
    return out


#: the most words a bar of buttons or menu entries run together on one line has (a block of
#: more words made only of phrases is rather a sentence that uses their words)
BAR_WORDS = 12


def button_bar(key: str, equals: dict[str, int]) -> RuleMatch | None:
    """The match of a block that is a bar: two or more whole-block phrases in a row, the
    buttons or menu entries a page shows side by side and a dump or a ``<div>`` runs together
    on one line. ``key`` is the block case-folded, whitespace collapsed, without punctuation at
    its ends; ``equals`` the whole-block phrases that apply to it (phrase -> index of the first
    set listing it). Punctuation at the ends of each word is ignored ("Hilfe/ Kontakt"), and
    words of punctuation only ("|", "·") separate. The bar takes the reason of its first
    phrase, the longest the rest of the block can follow; it opens no region.

    >>> equals = {"teilen": 5, "drucken": 5, "facebook": 5, "e-mail": 5, "menü schließen": 6, "menü": 6}
    >>> str(button_bar("facebook | e-mail drucken", equals).rule)
    'phrase: facebook · e-mail · drucken'
    >>> button_bar("menü schließen teilen", equals).rule.evidence
    'menü schließen · teilen'
    >>> button_bar("teilen sie den artikel", equals) is None
    True
    """
    words = [w for w in (word.strip(END_PUNCTUATION) for word in key.split(" ")) if w]
    n = len(words)
    # splits[i]: words[i:] is a run of phrases
    splits = [False] * n + [True]
    for i in range(n - 1, -1, -1):
        splits[i] = any(splits[j] and " ".join(words[i:j]) in equals for j in range(i + 1, n + 1))
    if not splits[0]:
        return None
    pieces, i = [], 0
    while i < n:
        j = max(j for j in range(i + 1, n + 1) if splits[j] and " ".join(words[i:j]) in equals)
        pieces.append(" ".join(words[i:j]))
        i = j
    if len(pieces) < 2:
        return None
    reason = boilerplate()[equals[pieces[0]]].reason
    return RuleMatch(reason, Rule("phrase", " · ".join(pieces)))


@cache
def _phrase_ends() -> tuple[frozenset[str], frozenset[str]]:
    """The first words and the last words of all sets' whole-block phrases."""
    every = [p.split(" ") for ps in boilerplate() for p in ps.equals]
    return frozenset(w[0] for w in every), frozenset(w[-1] for w in every)


def phrase_forms(texts: list[str], collapsed: bool = False) -> list[str]:
    """The form :func:`match_blocks` compares the blocks in: case-folded, whitespace collapsed;
    ``""`` for a block too long for any phrase set.

    >>> phrase_forms(["Mehr  zum THEMA", "a" + " a" * 90])
    ['mehr zum thema', '']
    """
    if not collapsed:
        texts = [" ".join(t.split()) for t in texts]
    # (with single spaces a block has a word more than spaces: one too long for every set
    # needs no more than a count)
    longest = len(_matcher_by_words()) - 1
    return [t.casefold() if t.count(" ") < longest else "" for t in texts]


def _may_match(folded: list[str], keys: list[str], contained: dict[int, str]) -> list[int]:
    """The blocks that may match a phrase set, in page order: those whose key is a whole-block
    phrase of some set, that start like a prefix of some set or that contain a phrase. Most
    blocks are none of these, and the tests run as C-level calls over the page.

    >>> lines = ["mehr zum thema", "die stadt baut.", "anzeige | x"]
    >>> _may_match(lines, lines, {1: "stadt"})
    [0, 1, 2]
    >>> _may_match(lines[1:], lines[1:], {})
    [1]
    """
    every_set = _matcher_by_words()[1]  # the matcher for one-word blocks has every set's phrases
    lines = range(len(keys))
    equal = compress(lines, map(every_set.equals.__contains__, keys))
    starting = compress(lines, map(_starts_pattern().match, folded))
    after_marks = compress(lines, map(_marked_starts_pattern().match, folded))
    return sorted({*equal, *starting, *after_marks, *contained})


def _match_patterns(texts: list[str], pending: list[int]) -> dict[int, RuleMatch]:
    """Block index -> the leftmost match of the sets' ``patterns`` in it (at one place, the
    first pattern listed), for the blocks at ``pending``.

    A regular expression is tried at every position of every block, prose included: a
    pattern runs only on the blocks that have the punctuation and one of the words it
    cannot match without (:func:`pattern_needs.marks_of`, :func:`pattern_needs.words_of`),
    which spares most of the work. (Pattern by pattern, the blocks are sorted out with list comprehensions: a call
    per block and pattern cost more than the searches.)
    """
    best: dict[int, tuple[int, re.Match[str]]] = {}
    with_mark: dict[str, list[int]] = {}  # a pattern's first mark -> the pending blocks with it
    with_words: dict[tuple[str, ...], _BlocksWithWords] = {}  # a pattern's marks -> its blocks
    for index, pattern, marks, words in _patterns():
        candidates: Iterable[int] = pending
        if marks:
            # (marks come most shared first: the blocks with ":" are sorted out once for
            # the four patterns that need one)
            if marks[0] not in with_mark:
                with_mark[marks[0]] = [i for i in pending if marks[0] in texts[i]]
            candidates = with_mark[marks[0]]
        for mark in marks[1:]:
            candidates = [i for i in candidates if mark in texts[i]]
        if candidates and words:
            # (the words are looked for in the blocks with the marks only, often a few)
            if marks not in with_words:
                with_words[marks] = _BlocksWithWords(texts, list(candidates))
            candidates = with_words[marks].any_of(words)
        search = pattern.search
        for i in candidates:
            found = search(texts[i])
            if found and (i not in best or found.start() < best[i][1].start()):
                best[i] = (index, found)
    reasons = boilerplate()
    return {i: RuleMatch(reasons[index].reason, Rule("pattern", found.group().strip())) for i, (index, found) in best.items()}


class _BlocksWithWords:
    """Which of some blocks of a page (at ``indices``) have a word in them, lower-cased
    (:func:`pattern_needs.lowered`): a word is looked for once, in the blocks joined, where most are not."""

    def __init__(self, texts: list[str], indices: list[int]) -> None:
        self.texts = texts
        self.indices = indices
        self.page = ""
        self.starts: list[int] = []  # where each block starts in ``page``
        self.found: dict[str, set[int]] = {}

    def any_of(self, words: frozenset[str]) -> set[int]:
        """The blocks with one of ``words`` in them."""
        if not self.starts:
            chosen = [self.texts[i] for i in self.indices]
            self.page = pattern_needs.lowered("\n".join(chosen))
            # (lowering keeps a text's length)
            self.starts = [n + before for n, before in enumerate(accumulate(map(len, chosen), initial=0))]
        for word in words - self.found.keys():
            blocks = self.found[word] = set()
            at = self.page.find(word)
            while at >= 0:
                n = bisect_right(self.starts, at) - 1
                blocks.add(self.indices[n])
                at = self.page.find(word, self.starts[n + 1])  # (on to the next block)
        return set().union(*(self.found[word] for word in words))


@cache
def _patterns() -> tuple[tuple[int, re.Pattern[str], tuple[str, ...], frozenset[str]], ...]:
    """Every set's ``patterns``, in file order: (set index, compiled, punctuation it needs,
    the marks more patterns need first, words of which it needs one).

    >>> [marks for _, _, marks, _ in _patterns()][:6]  # (a newsletter box's button and promise need none)
    [(), (), ('-',), (), (':', '.', '|'), (':',)]
    """
    patterns = [(i, p, pattern_needs.marks_of(p)) for i, ps in enumerate(boilerplate()) for p in ps.patterns]
    shared = Counter(mark for _, _, marks in patterns for mark in marks)
    # (a pattern with marks that is anchored at a block's start is tried at one place of each
    # of the few blocks with its marks: that costs less than looking for its words in them)
    return tuple(
        (i, re.compile(p, re.IGNORECASE), tuple(sorted(marks, key=lambda mark: (-shared[mark], mark))),
         frozenset() if marks and pattern_needs.anchored(p) else pattern_needs.words_of(p))
        for i, p, marks in patterns
    )


def _rule_match(index: int, kind: int, phrase: str) -> RuleMatch:
    """The match of ``phrase`` of set ``index`` (kind 0 equals, 1 starts, 2 contains), for
    the specification and its fast form alike."""
    phrases = boilerplate()[index]
    reason = phrases.reason
    if kind == 0:
        button = phrase in phrases.buttons
        return RuleMatch(reason, Rule("phrase", phrase), opens_region=not button, inline=phrase in phrases.inline, button=button)
    return RuleMatch(reason, Rule("starts" if kind == 1 else "contains", phrase))


def _contained(folded: list[str], n_words: list[int]) -> dict[int, str]:
    """Block index -> the ``contains`` phrase in it that applies to a block of its length, the
    leftmost (then the longest) one.

    Phrases only of sets for shorter blocks are looked for in a page of only those blocks
    (prose is most of a page), the others in a page of the blocks any set applies to.
    """
    by_words = _matcher_by_words()
    longest = len(by_words) - 1
    short_limit, short_phrases, other_phrases = _contains_by_limit()
    best: dict[int, tuple[int, int, str]] = {}
    for limit, phrases in ((short_limit, short_phrases), (longest, other_phrases)):
        # (blocks of no word stay in: cheaper than a second test, and their hits are skipped)
        applies = list(map(le, n_words, repeat(limit)))
        lines = list(compress(range(len(n_words)), applies))
        text = "\n".join(compress(folded, applies))
        for phrase in (p for anchor, group in _by_anchor(phrases) if anchor in text for p in group):
            at = text.find(phrase)
            line = start = 0  # the line of the last hit, and where it starts in ``text``
            while at >= 0:
                # the line of a hit: the line breaks since the last hit's line (the hits come
                # in text order, so each part of the text is read once, however many hits)
                breaks = text.count("\n", start, at)
                if breaks:
                    line += breaks
                    start = text.rfind("\n", start, at) + 1
                i = lines[line]
                if n_words[i] and phrase in by_words[n_words[i]].contains_index:
                    hit = (at - start, -len(phrase), phrase)
                    if i not in best or hit < best[i]:
                        best[i] = hit
                # (the leftmost hit is a line's best for this phrase: on to the next line)
                end = text.find("\n", at)
                at = text.find(phrase, end + 1) if end >= 0 else -1
    return {i: hit[2] for i, hit in best.items()}


@cache
def _by_anchor(phrases: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The phrases grouped by a word they all contain, the anchor: a page without
    "cookie" has none of the many cookie phrases, and one search tells. A phrase that shares
    no word of four letters or more with another stands alone (anchor "", in every text).

    >>> _by_anchor(("cookies zu", "nutzt cookies", "cookie-hinweis", "©", "digitalabo"))
    (('cookie', ('cookies zu', 'nutzt cookies', 'cookie-hinweis')), ('', ('©', 'digitalabo')))
    """
    candidates = {w for phrase in phrases for w in re.findall(r"[^\W\d_]{4,}", phrase)}
    share = {w: sum(w in phrase for phrase in phrases) for w in candidates}
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        # the anchor in most phrases (then the longest): few searches, each rarely found
        best = max((w for w in candidates if w in phrase), key=lambda w: (share[w], len(w), w), default="")
        groups.setdefault(best if best and share[best] >= 2 else "", []).append(phrase)
    alone = [p for anchor, group in groups.items() if len(group) == 1 or not anchor for p in group]
    grouped = [(anchor, tuple(group)) for anchor, group in groups.items() if len(group) > 1 and anchor]
    return (*grouped, ("", tuple(alone))) if alone else tuple(grouped)


@cache
def _contains_by_limit() -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """The ``contains`` phrases that apply only to blocks of at most N words (N the largest
    such limit below the longest), and the others."""
    limit_of: dict[str, int] = {}
    for ps in boilerplate():
        for phrase in ps.contains:
            limit_of[phrase] = max(limit_of.get(phrase, 0), ps.max_words)
    longest = max((ps.max_words for ps in boilerplate()), default=0)
    short_limit = max((n for n in limit_of.values() if n < longest), default=0)
    short = tuple(p for p, n in limit_of.items() if n <= short_limit)
    return short_limit, short, tuple(p for p, n in limit_of.items() if n > short_limit)


@dataclass(frozen=True, slots=True)
class _Matcher:
    """The phrase sets that apply to blocks up to one length, for lookup: the tables say
    which set a phrase came from (the ``starts`` phrases are found by :func:`_starts_pattern`).
    """

    equals: dict[str, int]  # phrase -> index of the first set that lists it
    starts_index: dict[str, int]
    contains_index: dict[str, int]


@cache
def _matchers() -> tuple[tuple[int, _Matcher], ...]:
    """One matcher per distinct ``max_words``: (limit, matcher of the sets allowing it)."""
    sets = boilerplate()
    out = []
    for limit in sorted({ps.max_words for ps in sets}):
        equals: dict[str, int] = {}
        starts: dict[str, int] = {}
        contains: dict[str, int] = {}
        for i, ps in enumerate(sets):
            if ps.max_words >= limit:
                for table, phrases in ((equals, ps.equals), (starts, ps.starts), (contains, ps.contains)):
                    for phrase in phrases:
                        table.setdefault(phrase, i)
        out.append((limit, _Matcher(equals, starts, contains)))
    return tuple(out)


@cache
def _starts_pattern() -> re.Pattern[str]:
    """Every set's ``starts`` phrases as one regular expression (a trie, so a block is read
    once), the longest that a block starts with found first.

    One pattern, not one for each length limit as the sets have: compiling the nine took a
    fifth of a second, at every start of ``newsclean clean``.
    """
    return trie_pattern({p for ps in boilerplate() for p in ps.starts}, word_end=True)


@cache
def _marked_starts_pattern() -> re.Pattern[str]:
    """The ``starts`` phrases after marks a block opens with ("» Lesen Sie auch")."""
    return re.compile(_LEADING_MARKS.pattern + "(?:" + _starts_pattern().pattern + ")")


#: what a block may open with before its words: arrows, quotes, brackets, bullets
_LEADING_MARKS = re.compile(r"[^\w]+")


def without_marks(line: str) -> str:
    """``line`` without the marks it opens with.

    >>> without_marks("» lesen sie auch"), without_marks("(alle angaben ohne gewähr)"), without_marks("mehr")
    ('lesen sie auch', 'alle angaben ohne gewähr)', 'mehr')
    """
    found = _LEADING_MARKS.match(line)
    return line[found.end():] if found else line


def _applicable_start(line: str, longest: str, index: dict[str, int]) -> str | None:
    """The longest phrase of ``index`` (the ``starts`` of the sets that apply to the line's
    length) that ``line`` starts with, given ``longest``, the longest of all sets' phrases it
    starts with. That phrase may be of sets for shorter blocks only; then a phrase it begins
    with may apply.

    >>> _applicable_start("copyright © 2024 verlag", "copyright ©", {"copyright": 3})
    'copyright'
    >>> _applicable_start("copyrighted", "copyrighted", {"copyright": 3}) is None
    True
    """
    if longest in index:
        return longest
    # (a phrase the line starts with is a start of the longest such phrase)
    return next((p for p in _shorter_starts(longest) if p in index and _ends_word(line, p)), None)


@cache
def _shorter_starts(phrase: str) -> tuple[str, ...]:
    """The ``starts`` phrases of all sets that ``phrase`` begins with, longest first."""
    every = {p for ps in boilerplate() for p in ps.starts}
    return tuple(sorted((p for p in every if len(p) < len(phrase) and phrase.startswith(p)), key=len, reverse=True))


def _ends_word(line: str, phrase: str) -> bool:
    """What :func:`trie_pattern` asks with ``word_end`` of a phrase ``line`` starts with: one
    that ends in a letter or digit is not followed by one."""
    return not phrase[-1:].isalnum() or not line[len(phrase):len(phrase) + 1].isalnum()


@cache
def _matcher_by_words() -> tuple[_Matcher, ...]:
    """The matcher for a block of n words at index n (index 0 unused)."""
    matchers = _matchers()
    return tuple(next(m for limit, m in matchers if n <= limit) for n in range(matchers[-1][0] + 1))


def trie_pattern(phrases: Iterable[str], word_end: bool = False) -> re.Pattern[str]:
    """One regex for many phrases, longest match first.

    With ``word_end`` a phrase that ends in a letter or digit must end a word ("Folge" does
    not start "Folgen der Reform").

    >>> pattern = trie_pattern(["folge", "folgen sie uns"], word_end=True)
    >>> pattern.match("folgen sie uns auf x").group(), pattern.match("folgen der reform")
    ('folgen sie uns', None)
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here
    if not trie:
        return re.compile(r"(?!)")

    def emit(node: dict, last: str) -> str:
        alts = [re.escape(ch) + emit(sub, ch) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            alts.append(r"(?![^\W_])" if word_end and last.isalnum() else "")
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return re.compile(emit(trie, ""))


def hint_reason(hint: str) -> RuleMatch | None:
    """A reason from the class/id words around an HTML block, innermost first.

    >>> hint_reason("div.article-teaser")
    RuleMatch(reason=<Reason.RELATED: 'related'>, rule=Rule(kind='html', evidence='teaser', after=False), opens_region=False, inline=False, button=False)
    """
    table = html_hints()
    for token in reversed(_HINT_SPLIT.split(hint.replace(".", " ").replace("#", " "))):
        reason = table.get(token.casefold())
        if reason:
            return RuleMatch(reason, Rule("html", token))
    return None


def hint_reasons(hints: Iterable[str]) -> list[RuleMatch | None]:
    """:func:`hint_reason` of each hint, for the blocks of one page at once: their DOM paths
    share most of their element labels ("html body div.page main ..."), so each distinct label
    is read once, innermost first as ``hint_reason`` reads the path. The same answers as
    ``[hint_reason(hint) for hint in hints]`` (a hypothesis test holds it to that).

    >>> [m and m.rule.evidence for m in hint_reasons(["body div.teaser p", "body div.text p"])]
    ['teaser', None]
    """
    # (the fast form of [hint_reason(h) for h in hints]: a page's paths repeat their labels,
    # and sibling blocks have the same path: a page's 200 blocks have some 80 paths)
    by_label: dict[str, RuleMatch | None] = {}
    by_hint: dict[str, RuleMatch | None] = {}
    found = []
    for hint in hints:
        if hint not in by_hint:
            match = None
            for label in reversed(hint.split(" ")):
                if label not in by_label:
                    by_label[label] = hint_reason(label)
                match = by_label[label]
                if match is not None:
                    break
            by_hint[hint] = match
        found.append(by_hint[hint])
    return found

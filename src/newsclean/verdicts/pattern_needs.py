"""What a regular expression of ``boilerplate.toml`` needs to match, read from the pattern as
written: the punctuation every match contains (:func:`marks_of`) and the words of which every
match contains one (:func:`words_of`). The page-at-once matcher of
:mod:`newsclean.verdicts.phrases` runs a pattern only on the blocks that have them, which spares
most searches; what this cannot tell it leaves out, which costs a search, never a match
(``tests/test_rules.py`` holds it to that with hypothesis).

>>> sorted(marks_of(r"Foto: [^.]+ / dpa")), sorted(words_of(r"(?:Foto|Bild): "))
(['/', ':'], ['bild', 'foto'])
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator


def anchored(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts where the text does.

    >>> anchored("^Legende:"), anchored("^a|b"), anchored("(?:^|: )Foto")
    (True, False, False)
    """
    return pattern.startswith("^") and len(_alternatives(pattern)) == 1


def marks_of(pattern: str) -> frozenset[str]:
    """Punctuation and symbols ("©") every match of ``pattern`` contains, read from the
    pattern as written: its literal marks outside classes that no quantifier makes optional,
    and in a group that must match those every alternative of it has. What this cannot tell
    (a mark in a class, a lookaround) it leaves out, which costs a search, never a match.

    >>> sorted(marks_of(r"\\d+:\\d\\d (?:Uhr|h) - [|/]x\\|?y\\(z\\)"))
    ['(', ')', '-', ':']
    >>> sorted(marks_of(r"^[^.]{2,50}(?:\\s/\\s?|/)(?:via )?(?:AP|dpa)")), sorted(marks_of(r"(?:a: b|c/)(?:d/)?"))
    (['/'], [])
    >>> marks_of(r"a: b|c"), marks_of(r"x:{0,2}"), marks_of(r"(?x) : ")
    (frozenset(), frozenset(), frozenset())
    """
    if re.compile(pattern).flags & re.VERBOSE:
        return frozenset()  # where whitespace and "#" are not what they seem
    return _needed_marks(pattern)


def _needed_marks(part: str) -> frozenset[str]:
    """:func:`marks_of` for a part of a pattern (the pattern, or a group's body)."""
    alternatives = _alternatives(part)
    if len(alternatives) > 1:
        return frozenset.intersection(*map(_needed_marks, alternatives))
    marks: set[str] = set()
    for start, literal, body_end, _, optional in _atoms(part):
        if optional:
            continue
        if literal and _is_mark(literal):
            marks.add(literal)
        elif part[start] == "(":
            marks |= _needed_marks(_group_body(part[start + 1:body_end - 1]))
    return frozenset(marks)


def _atoms(part: str) -> Iterator[tuple[int, str, int, bool, bool]]:
    """The atoms of a pattern part in order: where each starts, its literal character ("" for
    a class, a group, an escape, an anchor), where its body ends, whether a quantifier follows
    it, and whether that quantifier lets it match nothing.

    >>> [(part, quantified, optional) for _, part, _, quantified, optional in _atoms("ab?c+")]
    [('a', False, False), ('b', True, True), ('c', True, False)]
    """
    at = 0
    while at < len(part):
        start = at
        literal, at = _atom(part, at)
        body_end = at
        quantifier = _QUANTIFIER.match(part, at)
        if quantifier:
            at = quantifier.end()
        yield start, literal, body_end, quantifier is not None, quantifier is not None and _may_repeat_none(quantifier)


def words_of(pattern: str) -> frozenset[str]:
    """Words in lower case of which every match of ``pattern`` contains one (the match
    :func:`lowered`), read from the pattern as :func:`marks_of` reads marks. A run of
    literal letters, digits, spaces and marks that must match is such a set of one word; a
    group that must match, whose every alternative has such a word, is the set of their
    words. Of the sets a pattern has, the most telling: the one whose shortest word is
    longest (the fewer blocks have one), then the smallest.

    >>> sorted(words_of(r"[.!?]\\s+Jetzt (?:spenden|Mitglied werden|Fotos?)\\s*!?$"))
    ['jetzt ']
    >>> sorted(words_of(r"[.!?]\\s(?:Bild|Fotos?|Grafik):"))
    ['bild', 'foto', 'grafik']
    >>> words_of(r"^(?:\\d+|Ein) Kommentare?$"), sorted(words_of(r"a(?=bcd)|x")), words_of(r"(?i)abc")
    (frozenset({' kommentar'}), ['a', 'x'], frozenset())
    """
    if re.compile(pattern).flags & ~re.UNICODE:
        return frozenset()  # inline flags: where whitespace and "#" are not what they seem
    return max(_needed_words(pattern), key=_telling, default=frozenset())


def _needed_words(part: str) -> list[frozenset[str]]:
    """:func:`words_of` for a part of a pattern (the pattern, or a group's body)."""
    alternatives = _alternatives(part)
    if len(alternatives) > 1:
        # one word of each alternative, its most telling: a match holds one of them
        chosen = [max(_needed_words(alternative), key=_telling, default=None) for alternative in alternatives]
        if None in chosen:
            return []
        words = frozenset().union(*chosen)
        # (a word with another of the set in it is found whenever it would be)
        return [frozenset(w for w in words if not any(o != w and o in w for o in words))]
    needed: list[frozenset[str]] = []
    run = ""
    for start, literal, body_end, quantified, optional in _atoms(part):
        if literal and _word_char(literal) and not optional:
            run += literal.lower()
            if not quantified:
                continue  # the run goes on
        elif part[start] == "(" and not optional:
            needed += _needed_words(_group_body(part[start + 1:body_end - 1]))
        elif part[start] == "[" and not optional:
            needed += _class_words(part[start + 1:body_end - 1])
        if run:  # anything else (a class, an escape, an anchor, a repeated atom) ends a run
            needed.append(frozenset({run}))
            run = ""
    return needed + [frozenset({run})] if run else needed


def _class_words(inner: str) -> list[frozenset[str]]:
    """A class of plain characters ("[→»›]") as a set of words of one character; none for
    a class negated, with a range or an escape."""
    if inner.startswith("^") or "-" in inner or "\\" in inner or not all(map(_word_char, inner)):
        return []
    return [frozenset(inner.lower())]


def _group_body(inner: str) -> str:
    """The body of a group given what is between its brackets: "" for a lookaround, a
    conditional or flags, which need nothing this can read."""
    if inner.startswith("?:"):
        return inner[2:]
    if inner.startswith("?P<"):
        return inner[inner.index(">") + 1:]
    return "" if inner.startswith("?") else inner


def _alternatives(part: str) -> list[str]:
    """``part`` cut at its top-level "|" (not those in groups, classes or escaped)."""
    cuts = []
    at = 0
    while at < len(part):
        if part[at] == "|":
            cuts.append(at)
            at += 1
        else:
            at = _atom(part, at)[1]
    return [part[i + 1:j] for i, j in zip([-1, *cuts], [*cuts, len(part)], strict=True)]


def _telling(words: frozenset[str]) -> tuple[int, int]:
    """How well a set of words picks out blocks: the longer its shortest word, the fewer
    blocks have one, and the fewer words, the fewer searches."""
    return min(map(len, words)), -len(words)


# letters whose matches ignoring case lower() tells (with lowered's three), and what has no case
_CASE_KNOWN = frozenset(string.ascii_letters + string.digits + " äöüßÄÖÜ")


def _word_char(char: str) -> bool:
    return char in _CASE_KNOWN or _is_mark(char)


def lowered(text: str) -> str:
    """``text`` lower-cased so that a word of :func:`words_of` is in it wherever its pattern,
    ignoring case, matches, and as long as ``text``. re.IGNORECASE takes "İ" and "ı" for "i"
    and "ſ" for "s" (its documentation lists them, beside "K", the Kelvin sign, which lower()
    makes "k"), where lower() leaves "ı" and "ſ" and makes "İ" two characters, an "i" and a
    combining dot (the one character whose lower case is longer).

    >>> lowered("İSTANBUL Straſſe Kırık")
    'istanbul strasse kirik'
    """
    return text.replace("\u0130", "i").lower().replace("\u0131", "i").replace("\u017f", "s")


# what may follow an atom: a repetition, then "?" (lazy) or "+" (possessive)
_QUANTIFIER = re.compile(r"(?:[?*+]|\{(\d*)(?:,\d*)?\})[?+]?")


def _may_repeat_none(quantifier: re.Match[str]) -> bool:
    """Whether a quantifier lets its atom match no time: "?", "*", "{0,2}", "{,3}"."""
    if quantifier.group()[0] in "?*":
        return True
    low = quantifier.group(1)
    return low is not None and int(low or 0) == 0


def _atom(pattern: str, at: int) -> tuple[str, int]:
    """The atom of ``pattern`` at ``at``: the character it matches literally ("" for a class,
    a group, an escape class such as ``\\d``, or an anchor) and where the atom ends."""
    char = pattern[at]
    if char == "\\":
        escaped = pattern[at + 1:at + 2]
        if escaped == "N":  # \\N{NAME}: a character, named in letters and "-"
            return "", pattern.index("}", at) + 1
        return (escaped if not escaped.isalnum() else ""), at + 2
    if char == "[":
        return "", _class_end(pattern, at)
    if char == "(":
        depth = 0
        while True:
            if pattern[at] == "\\":
                at += 2
                continue
            if pattern[at] == "[":
                at = _class_end(pattern, at)
                continue
            depth += {"(": 1, ")": -1}.get(pattern[at], 0)
            at += 1
            if depth == 0:
                return "", at
    if char in ".^${}":  # ("{" and "}" not in a quantifier are themselves, but rare)
        return "", at + 1
    return char, at + 1


def _class_end(pattern: str, at: int) -> int:
    """Where the character class opening at ``at`` ends (a "]" first in it is itself)."""
    at += 1
    if pattern[at:at + 1] == "^":
        at += 1
    if pattern[at:at + 1] == "]":
        at += 1
    while pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at + 1


def _is_mark(char: str) -> bool:
    """Punctuation or a symbol without case, which a pattern matches only as itself.

    >>> _is_mark("©"), _is_mark("|"), _is_mark("a"), _is_mark("Ⓐ")
    (True, True, False, False)
    """
    return char in string.punctuation or (
        unicodedata.category(char)[0] in "PS" and char.lower() == char == char.upper())

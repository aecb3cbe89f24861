"""Boilerplate phrases as data: German web lines -> reason code (tests/cases/boilerplate_lines.toml)."""

import re
import string
import tomllib
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean.lexicon import boilerplate, html_hints
from newsclean.model import REASONS
from newsclean.text.tokens import prose_counts, stopword_density, words
from newsclean.verdicts.pattern_needs import _word_char, lowered, marks_of, words_of
from newsclean.verdicts.phrases import (
    hint_reason,
    hint_reasons,
    match_blocks,
    match_boilerplate,
    phrase_forms,
)

CASES = tomllib.loads((Path(__file__).parent / "cases" / "boilerplate_lines.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["input"][:50])
def test_line_reason(case):
    match = match_boilerplate(case["input"])
    if case.get("none"):
        assert match is None, match
    else:
        assert match is not None and match.reason == case["reason"], match


# Blocks made of the phrases of every set (each kind, in any case, glued or spaced, with the
# punctuation the rules strip or keep), filler words that push them across each set's
# max_words, and lines the patterns match: where the fast matcher's shortcuts could go wrong.
_PHRASES = sorted({p for ps in boilerplate() for p in (*ps.equals, *ps.starts, *ps.contains)})
_FILLER = ["die", "Stadt", "baut", "2024", "©", "|", "»", ":", "-", "Köln.", "a_b", "Impressum", "Cookies"]
_PATTERN_LINES = ["18.04.2024 | 0:21 min", "Foto: dpa", "Sie kam. © Verlag", "12 Kommentare zu diesem", "X-Inhalte laden",
                  "Anna Berg/Keystone", "Anna Berg / Pool via Reuters", "Video 1:30", "Abb. 2: Karte",
                  "Die Stadt am Rhein feiert ihr großes Fest, 4. Mai 2024"]


@st.composite
def _blocks(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(_PHRASES), st.sampled_from(_FILLER),
                                    st.sampled_from(_PATTERN_LINES)), min_size=1, max_size=6))
    parts += ["wort"] * draw(st.sampled_from([0, 0, 1, 5, 9, 10, 11, 13, 14, 15, 18, 19, 23, 24, 28, 29, 38, 39, 43, 44, 78, 79, 85]))
    draw(st.randoms()).shuffle(parts) if draw(st.booleans()) else None
    text = draw(st.sampled_from([" ", "", "  ", " | "])).join(parts)
    return draw(st.sampled_from([str, str.upper, str.title, str.lower]))(text)


@given(st.lists(_blocks(), max_size=8))
@example(["Impressum | Datenschutz | Kontakt | AGB | Cookie-Einstellungen", "COPYRIGHT © 2023 Verlag GmbH"])
# 44 words, but more than 80 spaces: the fast form once counted the spaces of the block as it
# came, found it too long for every set and missed the cookie phrase (fixed in 1d280d6)
@example(["(c)", "  ".join(["(c)"] * 5 + ["cookie-einstellungen"] + ["wort"] * 38)])
# a button: a whole-block phrase that opens no region (the spec once forgot buttons)
@example(["(c)", "anmelden"])
@example([c["input"] for c in CASES])  # the lines of tests/cases as one page
# the patterns' words ignore case as re.IGNORECASE does: "ı" and "İ" are an "i" to it, "ſ" an "s"
@example(["Die Stadt baut weiter. Mehr dazu im Lıve-Tıcker", "0:21 MİN", "Die Brücke am Abend. Jetzt kostenloſ abonnieren",
          "Er kam spät zum Treffen der Fraktion Bıld: Tom Weber/AP", "3 KOMMENTARE zu diesem Beitrag"])
# lowering keeps the length of the blocks, combining marks and all: a word is told to the block it is in
@example(["\u0307" * 10 + "Die Brücke", "0:21 min"])
def test_the_fast_matcher_follows_the_specification(texts):
    assert match_blocks(texts) == [match_boilerplate(t) for t in texts]
    collapsed = [" ".join(t.split()) for t in texts]
    assert match_blocks(collapsed, collapsed=True) == [match_boilerplate(t) for t in collapsed]



@st.composite
def _hints(draw):
    """A block's DOM path: labels of a tag, classes and an id, some of them hint words."""
    names = st.sampled_from(sorted(html_hints())[:40] + ["main", "content", "text", "row", "x-1", "a_b"])
    def label():
        tag = draw(st.sampled_from(["div", "p", "section", "aside", "li", "h2"]))
        classes = "".join("." + draw(names) for _ in range(draw(st.integers(0, 3))))
        ident = "#" + draw(names) if draw(st.booleans()) else ""
        return tag + ident + classes
    return " ".join(label() for _ in range(draw(st.integers(0, 8))))


@given(st.lists(_hints(), max_size=12))
@example(["html body div.teaser-box p", "html body div.teaser-box div.article p", "", "html body div.teaser-box p"])
def test_hint_reasons_of_a_page_are_those_of_each_hint(hints):
    assert hint_reasons(hints) == [hint_reason(h) for h in hints]

# The patterns of the data and ones written to trip the reading of marks (quantifiers that
# allow none, alternatives, groups, classes, escapes) and of words (optional letters, groups
# that need not match, alternatives without a word, lookarounds, classes)
_TRICKY = [p for ps in boilerplate() for p in ps.patterns] + [
    r"a:?b", r"a:*b", r"a:{0,2}b", r"a:{,2}b", r"a:{1,2}?b", r"a:+b", r"x|a:b", r"(?:a|b):c",
    r"[:|]x-y", r"\(\d+\)/\.", r"\N{HYPHEN-MINUS}x", r"a{}:", r"\d\s©\w", r"(?i)x!y",
    r"ab?c", r"ab*c", r"a(?:bc)?d", r"(?:ab|c)x", r"(?:ab|\d)x", r"(?=abc)x|y", r"(?!ab)cd", r"a(?P<n>bc|de)f",
    r"[xyz]\.[^a]b", r"[a-c]d", r"x(?:a(?:bc|de)|fg)y", r"Stra(?:ße|sse)", r"\bAPI\b", r"x{2}y+z",
    r"a(?:\s/\s?|/)b", r"(?:a/|b/c)?d", r"(?:a:|b)c", r"(?=x/)x", r"(?:(?:a/|/b)|c/)d", r"x(?:/|:)y",
]


@pytest.mark.parametrize("pattern", _TRICKY)
@given(st.data())
def test_a_pattern_s_marks_and_words_are_in_every_match(pattern, data):
    # the patterns run only on blocks with every mark marks_of reads and one of the words
    # words_of reads: none may be missing from a line the pattern matches
    line = data.draw(st.from_regex(re.compile(pattern, re.IGNORECASE)))
    words = words_of(pattern)
    assert all(mark in line for mark in marks_of(pattern))
    assert not words or any(word in lowered(line) for word in words)


def test_lowering_finds_what_ignoring_case_matches():
    # every character re.IGNORECASE takes for one a word may have is that one in lowered's
    # text, so a block the pattern matches always has the word (the characters of the
    # patterns' words, and of every ASCII letter, digit and mark)
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert len(lowered(every)) == len(every)
    chars = {c for p in _TRICKY for c in p if _word_char(c)} | set(string.ascii_letters + string.digits + string.punctuation + " äöüßÄÖÜ")
    assert all(map(_word_char, chars))
    for char in sorted(chars):
        taken = set(re.findall(re.escape(char), every, re.IGNORECASE))
        assert {lowered(c) for c in taken} == {char.lower()}, char


def test_heading_phrases_open_a_region_prefixes_do_not():
    assert match_boilerplate("Mehr zum Thema").opens_region
    assert not match_boilerplate("Lesen Sie auch: Neue Brücke für Köln").opens_region


@pytest.mark.parametrize("text", ["Newsletter", "Anzeige", "Kommentare"])
def test_phrases_apply_only_to_short_blocks(text):
    sentence = "Die Stadt hat am Montag beschlossen, die Brücke zu bauen. " * 12
    assert match_boilerplate(text) is not None
    assert match_boilerplate(f"{text} {sentence}") is None


def test_case_and_end_punctuation_are_ignored():
    assert match_boilerplate("MEHR ZUM THEMA:").reason == "related"
    assert match_boilerplate("» Newsletter abonnieren «").reason == "newsletter"


def test_every_phrase_set_is_a_known_reason():
    assert {ps.reason for ps in boilerplate()} <= set(REASONS)


def test_inline_box_headings_are_box_headings():
    assert all(ps.inline <= ps.equals for ps in boilerplate())
    assert match_boilerplate("Lesen Sie auch:").inline
    assert not match_boilerplate("Mehr zum Thema").inline


@given(st.text())
@example("Der Bund-Länder-Gipfel: „Wir sind da“ – 2,5 %")  # punctuation
@example("dpa_x und DIE")
@example("x\u0345 der")  # letters whose case folding changes their length or count
@example("ǰa die")
@example("a\x1cder\u2003DIE\u00a0x\u2028und")  # whitespace other than spaces
def test_prose_counts_are_the_word_and_stopword_counts(text):
    tokens = words(text)
    assert prose_counts(text) == (len(tokens), round(stopword_density(tokens) * len(tokens)))


@given(st.lists(st.lists(st.sampled_from(["a", "Bü", "ẞ", "»", "zum"]), max_size=120).map(" ".join)))
@example(["a" + " a" * 85, "a" + " a" * 86])  # at the limit of the longest phrase set and past it
def test_phrase_forms_of_collapsed_blocks_need_no_split(texts):
    assert phrase_forms(texts, collapsed=True) == phrase_forms(texts)


@given(st.text())
def test_words_are_the_runs_of_word_characters(text):
    assert words(text) == re.findall(r"\w+", text)


def test_a_prefix_of_a_set_for_shorter_blocks_yields_to_a_shorter_prefix_that_applies():
    # "copyright ©" (navigation) applies up to 15 words, "copyright" (credit) up to 16: one
    # pattern for all prefixes finds the longer first, for a block of 16 words the shorter counts
    line = "Copyright © 2024 Verlag Neue Presse GmbH und die Autoren der Beiträge auf dieser Seite hier"
    assert len(line.split()) == 16
    assert str(match_boilerplate(line).rule) == "starts: copyright"
    assert match_boilerplate(line + " mehr") is None  # 17 words: no set applies

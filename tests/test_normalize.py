"""Block-level text repairs (text/normalize.py), as input/expected pairs."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean import clean
from newsclean.pipeline import build_document
from newsclean.read.dump import dump_lines
from newsclean.text.normalize import (
    clean_lines,
    collapse_spaces_in_lines,
    join_drop_cap,
    normalize_text,
    remove_invisible,
    repair_mojibake,
)

# (case, raw block text, normalised text)
CASES = [
    ("soft_hyphen", "Gesund\u00adheits\u00adsystem", "Gesundheitssystem"),
    ("zero_width_space", "Kranken\u200bhaus", "Krankenhaus"),
    ("zero_width_joiners", "Not\u200c\u200daufnahme", "Notaufnahme"),
    ("word_joiner_and_bom", "\ufeffBundes\u2060tag", "Bundestag"),
    ("bidi_marks", "\u200eBerlin\u200f", "Berlin"),
    ("nbsp", "5\u00a0Millionen\u00a0Euro", "5 Millionen Euro"),
    ("narrow_nbsp_and_thin_space", "5\u202f%\u2009mehr", "5 % mehr"),
    ("ideographic_and_em_space", "a\u3000b\u2003c", "a b c"),
    ("tabs_newlines_runs", "  Ein \t Satz\n  über   zwei Zeilen.  ", "Ein Satz über zwei Zeilen."),
    ("nfc_composes_umlauts", "Mu\u0308ller und Ko\u0308ln", "Müller und Köln"),
    ("german_quotes_kept", "„Das ist gut“, sagte er.", "„Das ist gut“, sagte er."),
    ("single_german_quotes_kept", "‚Zitat‘ im Zitat", "‚Zitat‘ im Zitat"),
    ("guillemets_kept", "»Spiegel« und «Zeit»", "»Spiegel« und «Zeit»"),
    ("dashes_and_ellipsis_kept", "Berlin – Hamburg … 1990—2000", "Berlin – Hamburg … 1990—2000"),
    ("sharp_s_and_capital", "Straße ẞ", "Straße ẞ"),
    ("control_characters", "Alarm\x07 im \x1b[31mRat\x7f haus\x9b", "Alarm im [31mRat haus"),
    ("next_line_is_a_space", "Zeile\x85Zeile", "Zeile Zeile"),
    ("only_invisible", "\u00ad\u200b\u00a0", ""),
]


@pytest.mark.parametrize(("case", "raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_normalize_text(case, raw, expected):
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(("case", "raw", "expected"), CASES, ids=[c[0] for c in CASES])
def test_normalize_text_is_idempotent(case, raw, expected):
    assert normalize_text(normalize_text(raw)) == normalize_text(raw)


def test_repair_mojibake_keeps_curly_german_quotes():
    broken = "„Das Freibad bleibt offen“".encode().decode("cp1252")
    assert repair_mojibake(broken) == ("„Das Freibad bleibt offen“", True)


@pytest.mark.parametrize("text, expected", [
    ("D ie Angst ist ein Bestandteil.", "Die Angst ist ein Bestandteil."),
    ("K örpernahe Dienstleistungen", "Körpernahe Dienstleistungen"),
    ("Ü ber allen Gipfeln ist Ruh.", "Über allen Gipfeln ist Ruh."),
    ("M wie Mähnenlöwe", "M wie Mähnenlöwe"),  # a letter, then a word: "wie" is a word of its own
    ("A liked es.", "A liked es."),  # a vowel may be a word or a name
    ("B", "B"),
    ("DIE Angst", "DIE Angst"),
    ("", ""),
])
def test_join_drop_cap(text, expected):
    assert join_drop_cap(text) == expected


def test_drop_cap_is_joined_in_the_article():
    prose = ("Die Stadt hat am Montag beschlossen, dass die neue Brücke über den Rhein im kommenden "
             "Jahr gebaut wird und den Verkehr in der Innenstadt entlasten soll.")
    more = ("Kritiker halten die Pläne für überzogen und fordern, dass zuerst die alten Brücken saniert "
            "werden, bevor eine neue gebaut wird.")
    page = f"<html><body><article><h1>Neue Brücke</h1><p><span class='initial'>D</span> {prose[1:]}</p><p>{more}</p></article></body></html>"
    article = clean(page.encode())
    assert [b.text for b in article.body] == [prose, more]
    # the Document that `diff` renders says the same
    assert [b.text for b in build_document(page.encode()).body_blocks] == [prose, more]


def test_article_text_is_normalised_end_to_end():
    body = (
        "Die Gesund\u00adheits\u00adreform soll ab\u00a02026 gelten. „Wir sind bereit“, sagte die "
        "Mu\u0308nchner Ministerin\u200b am Mittwoch vor Journalisten in der Landeshauptstadt."
    )
    page = f"<html><body><article><h1>Reform\u00a0beschlossen</h1><p>{body}</p><p>{body}</p></article></body></html>"
    article = clean(page.encode())
    assert article.title == "Reform beschlossen"
    text = article.body[0].text
    assert "Gesundheitsreform soll ab 2026 gelten" in text
    assert "„Wir sind bereit“" in text and "Münchner Ministerin am Mittwoch" in text
    assert unicodedata.is_normalized("NFC", article.text)
    assert not any(ch in article.to_json() for ch in "\u00ad\u200b\u00a0\u0308")


def test_line_spaces_are_the_characters_str_split_splits_at():
    import sys

    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c) != "\n"]
    assert collapse_spaces_in_lines("a" + "".join(spaces) + "b\nc") == "a b\nc"


@given(st.text(alphabet=st.sampled_from("ab \n\t\r\u00a0\u00ad\u200b\u2028\x01\x85ä")))
def test_clean_lines_is_both_repairs(text):
    assert clean_lines(text) == collapse_spaces_in_lines(remove_invisible(text))


def test_clean_lines_knows_every_character_of_both_repairs():
    everything = "".join(map(chr, range(0x10000)))  # (both repairs only know BMP characters)
    odd = (set(everything) - set(remove_invisible(everything))) | (set(everything) - set(collapse_spaces_in_lines(everything)))
    assert "\u00ad" in odd and "\u00a0" in odd and "\n" not in odd
    assert all(clean_lines(f"a{ch}b") == collapse_spaces_in_lines(remove_invisible(f"a{ch}b")) != f"a{ch}b" for ch in odd)


@given(st.text(alphabet=st.sampled_from("ab \n\t\r\u00a0\u00ad\u200b\u2028\x01\x85\x0bäe\u0301")))
def test_a_dump_s_lines_are_repaired_as_its_whole_text_would_be(text):
    lines = [line.strip(" ") for line in clean_lines(unicodedata.normalize("NFC", text)).split("\n")]
    assert dump_lines(text).texts == [line for line in lines if line]

"""Pure ``str -> str`` text repairs, each small and documented with examples.

>>> normalize_text("Stra\\u00dfe\\u00a0in\\u200b K\\u00f6ln")
'Straße in Köln'
>>> normalize_text("Ge\\u00adsund\\u00adheit")
'Gesundheit'
"""

from __future__ import annotations

import re
import unicodedata

from ..lexicon import german_stopwords

# Characters that are invisible in text and only break words apart: soft hyphen, zero-width
# space/joiners, word joiner, BOM, and the bidi controls that CMSs sprinkle in (marks,
# embeddings, overrides, isolates and the Arabic letter mark: every one of Unicode's).
# Also control characters (terminal escapes, DEL, C1 codes from mis-decoded pages), except the
# tab and line breaks that other steps turn into spaces.
# (a regex, not str.translate: translate is slow on non-ASCII text)
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066-\u2069\u061c"
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
)
# (spelled out, not " {2,}": a pattern that starts with a literal string is searched for as
# one, five times faster on a page of single spaces)
_SPACE_RUN = re.compile("  +")
# half of a UTF-16 pair without its other half: JSON-LD can write one ("\\ud800"), json.loads
# keeps it, and no UTF-8 output can carry it
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Every character str.split() splits at (str.isspace) but the line break: a class of its own is
# several times faster than ``[^\S\n]``.
_BLANKS_BUT_NEWLINE = re.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def remove_invisible(text: str) -> str:
    """Drop soft hyphens and zero-width characters.

    >>> remove_invisible("Bundes\\u00adtag\\u200b")
    'Bundestag'
    """
    return _INVISIBLE.sub("", text)


def collapse_spaces_in_lines(text: str) -> str:
    """Every run of whitespace within a line becomes one space; line breaks stay.

    >>> collapse_spaces_in_lines("Ein\\t Satz\\u00a0\\nZwei  ")
    'Ein Satz \\nZwei '
    """
    return _SPACE_RUN.sub(" ", _BLANKS_BUT_NEWLINE.sub(" ", text))


def clean_lines(text: str) -> str:
    """:func:`remove_invisible`, then :func:`collapse_spaces_in_lines`.

    >>> clean_lines("Ge\\u00adsund \\u200b  heit\\t\\nZwei")
    'Gesund heit \\nZwei'
    """
    return collapse_spaces_in_lines(remove_invisible(text))


def collapse_whitespace(text: str) -> str:
    """One line of text: every run of whitespace becomes one space.

    >>> collapse_whitespace("  Ein\\n  Satz\\t. ")
    'Ein Satz .'
    """
    return " ".join(text.split())


def normalize_text(text: str) -> str:
    """All block-level repairs: NFC, invisible characters, odd spaces, trimmed.

    German quotation marks and dashes are kept as they are.

    >>> normalize_text("„Zitat“ \\u2013 ok")
    '„Zitat“ – ok'
    >>> normalize_text("5\\u202f%  mehr\\u00a0als\\u3000")
    '5 % mehr als'
    >>> normalize_text("Br\\ud800cke")  # a lone UTF-16 surrogate, as JSON-LD may declare one
    'Br\\ufffdcke'
    """
    text = unicodedata.normalize("NFC", _LONE_SURROGATE.sub("\ufffd", text))
    # no pass for odd spaces (no-break, thin, ...): str.split splits at every Unicode space
    return collapse_whitespace(remove_invisible(text))


# A capital set apart at the start of a paragraph, then the rest of its word: a drop cap
# ("<span class="initial">D</span> ie Angst"). Vowels are left out: "A", "I", "O" are words
# or names of their own ("A liked it", "Punkt A"), and so is a consonant before a word
# ("P ist die Leistung").
_DROP_CAP = re.compile(r"([B-DF-HJ-NP-TV-XZÄÖÜ]) ([a-zäöüß]+)")


def join_drop_cap(text: str) -> str:
    """Join a paragraph's drop cap to the rest of its first word.

    >>> join_drop_cap("D ie Angst ist ein Bestandteil der Erfahrung.")
    'Die Angst ist ein Bestandteil der Erfahrung.'
    >>> join_drop_cap("P ist die Leistung, v die Windgeschwindigkeit.")
    'P ist die Leistung, v die Windgeschwindigkeit.'
    >>> join_drop_cap("A liked das, die Freunde von A sehen es.")
    'A liked das, die Freunde von A sehen es.'
    """
    found = _DROP_CAP.match(text) if text[1:2] == " " else None
    if found is None or found.group(2) in german_stopwords():
        return text
    return found.group(1) + text[2:]


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 text that was decoded with a Western code page; report if anything changed.

    Only encoding repairs are applied (ftfy's ``fix_encoding``): quotes, dashes and
    ligatures stay as the publisher wrote them.

    >>> repair_mojibake("FÃ¼r die Ã¶ffentliche Hand")
    ('Für die öffentliche Hand', True)
    >>> repair_mojibake("Für die öffentliche Hand")
    ('Für die öffentliche Hand', False)
    """
    import ftfy  # (here: only a page that looks like mojibake needs it, and it takes 70 ms to load)

    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


def load_repairs() -> None:
    """Import ftfy now rather than on the first page with mojibake (see :func:`repair_mojibake`)."""
    import ftfy  # noqa: F401

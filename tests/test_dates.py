"""German date expressions, as data: tests/cases/dates.toml (input -> ISO 8601 or null)."""

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsclean.text import dates
from newsclean.text.dates import find_dates, parse_date

CASES = tomllib.loads((Path(__file__).parent / "cases" / "dates.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["input"] for c in CASES])
def test_parse_date(case):
    reference = date.fromisoformat(case["reference"]) if "reference" in case else None
    assert parse_date(case["input"], reference) == case.get("expected")


def test_glued_dump_dates_are_both_found():
    assert [v for _, v in find_dates("26. November 202426. November 2024")] == ["2024-11-26", "2024-11-26"]


def test_without_reference_the_future_is_bounded_by_today():
    assert parse_date("05.05.2099") is None


def _dates_plainly(text, latest):
    """What text/dates.py's _dates_until finds, without its quick searches (_needs) first:
    every pattern run over the whole text."""
    named, month_first, numeric, slashed, iso = dates._patterns()
    found = []
    for pattern, is_named in ((iso, False), (named, True), (month_first, True), (numeric, False), (slashed, False)):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e, _ in found) or dates._after_excluded_word(text, m.start()):
                continue
            value = dates._build(m, is_named, latest)
            if value:
                found.append((m.start(), m.end(), value))
    return tuple(sorted(found))


_DATE_PIECES = ["26.", "11.", "2024", "24", " ", ", ", "-", "2024-11-26", "T09:30", "März", "Jänner", "Dez.",
                "Mo,", "um 14:03 Uhr", "Tel.", "©", "Essen", "/", "06. 01. 2026", "March 7, 2018", "0", "3", "3.", "1.", ".",
                "15/07/2014", "07/15/2014"]


@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join))
@example("Essen, 20.11.2024 / Am 21. November 2024, 14:03 Uhr")
@example("Am 1.3.24 und 26.3.2024, 3.März 2025, März 7, 2018 und 2024-11-26T09:30")
def test_the_quick_searches_miss_no_date(text):
    latest = date(2030, 1, 1)
    assert dates._dates_until(text, latest) == _dates_plainly(text, latest)


@given(st.lists(st.lists(st.sampled_from([*_DATE_PIECES, "gestern", "vor 3 Tagen"]), max_size=8).map("".join), max_size=6),
       st.sampled_from([None, date(2025, 3, 4)]))
def test_a_page_date_reader_reads_as_the_functions_do(texts, reference):
    """DateReader reads each text once for the page; what it answers, asked in any order and
    again, is what find_dates, date_spans and parse_date answer."""
    reader = dates.DateReader(reference)
    for text in [*texts, *reversed(texts)]:
        assert reader.find(text) == find_dates(text, reference)
        assert reader.spans(text) == dates.date_spans(text, reference)
        assert reader.parse(text) == parse_date(text, reference)


def test_date_labels_are_cut_out_as_whole_words_only():
    """ "datum" and "am" are labels, but not inside "Erscheinungsdatum" (a book's release date in
    a review's facts, which is no date line of the article) or "Amelie"."""
    from newsclean.fields.byline import is_date_line

    assert is_date_line("Datum: 14.08.2017", None)
    assert is_date_line("Zuletzt aktualisiert am 14.08.2017, 12:03 Uhr", None)
    assert not is_date_line("Erscheinungsdatum: 14.08.2017", None)
    assert not is_date_line("Amelie Damaris, 14.08.2017", None)

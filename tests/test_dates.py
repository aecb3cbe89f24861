"""German date expressions, as data: tests/cases/dates.toml (input -> ISO 8601 or null)."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

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

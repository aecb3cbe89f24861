"""The two real pages the project started from must come out right (issue 2)."""

from pathlib import Path

import pytest

from newsclean import clean

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def putin():
    return clean((SAMPLES / "aerztezeitung-putin.txt").read_bytes())


@pytest.fixture(scope="module")
def biennale():
    return clean((SAMPLES / "ki-biennale-essen.txt").read_bytes())


def test_putin_metadata(putin):
    assert putin.kicker == "Russland"
    assert putin.title == "Putin will bei KI in der Medizin mitspielen"
    assert putin.lead.startswith("Das internationale Weltwirtschaftsforum")
    assert putin.dateline == "SANKT PETERSBURG"
    assert putin.authors == ("mu",)
    assert putin.language == "de"


def test_putin_body_is_exactly_the_article(putin):
    assert putin.body[0].text.startswith("Einmal mehr hat Russland")
    assert putin.body[-1].text.endswith("Forschungsprojekte zu schaffen.")
    assert len(putin.body) == 7


def test_putin_every_line_after_the_article_is_removed_with_a_reason(putin):
    source = (SAMPLES / "aerztezeitung-putin.txt").read_text(encoding="utf-8")
    tail = source.split("Forschungsprojekte zu schaffen. (mu)", 1)[1]
    removed = {r.text for r in putin.removed}
    for line in filter(None, (line.strip() for line in tail.splitlines())):
        assert line in removed, line
    assert {r.reason for r in putin.removed} >= {"newsletter", "related", "sponsored", "credit", "login"}


def test_biennale(biennale):
    assert biennale.title == "KI im Gesundheitswesen – Besuch der KI-Biennale Essen"
    assert biennale.published == "2024-11-26"
    assert biennale.dateline == "Essen"
    assert biennale.body[0].text.startswith("„KI als Schlüssel")
    assert biennale.body[-1].text.endswith("nachhaltig verändern wird.")

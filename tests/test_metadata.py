"""Authors, meta lines, datelines and titles as data (tests/cases/*.toml), plus whole pages."""

import tomllib
from datetime import date
from pathlib import Path

import pytest

from newsclean import CleanConfig, clean
from newsclean.fields.byline import read_meta_line, split_authors
from newsclean.fields.dateline import split_dateline
from newsclean.fields.site import strip_site_name
from newsclean.fields.title import shared_headline

CASES = Path(__file__).parent / "cases"


def load(name: str) -> list[dict]:
    return tomllib.loads((CASES / name).read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", load("authors.toml"), ids=lambda c: c["input"][:50])
def test_split_authors(case):
    people, agencies = split_authors(case["input"], handles=case.get("handles", False))
    assert (list(people), list(agencies)) == (case.get("people", []), case.get("agencies", []))


@pytest.mark.parametrize("case", load("meta_lines.toml"), ids=lambda c: c["input"][:50])
def test_read_meta_line(case):
    line = read_meta_line(case["input"])
    if case.get("none"):
        assert line is None
        return
    assert line is not None
    assert list(line.people) == case.get("people", [])
    assert list(line.agencies) == case.get("agencies", [])
    assert (line.published, line.modified) == (case.get("published"), case.get("modified"))


@pytest.mark.parametrize("case", load("datelines.toml"), ids=lambda c: c["input"][:50])
def test_split_dateline(case):
    found = split_dateline(case["input"])
    if case.get("none"):
        assert found is None
        return
    assert found is not None
    assert (found.place, found.agency, found.rest) == (case["place"], case.get("agency"), case["rest"])


@pytest.mark.parametrize("case", load("titles.toml"), ids=lambda c: c["input"][:50])
def test_strip_site_name(case):
    site = (case["site"],) if "site" in case else None
    assert strip_site_name(case["input"], site) == case["expected"]


def test_html_page_metadata():
    page = (CASES / "article_meta.html").read_bytes()
    article = clean(page, CleanConfig(format="html"))
    expected = tomllib.loads((CASES / "article_meta.toml").read_text(encoding="utf-8"))
    for field, value in expected.items():
        got = getattr(article, field)
        assert (list(got) if isinstance(got, tuple) else got) == value, field
    # the lead is in the text once, before the body
    assert article.text.count(article.lead) == 1
    assert article.text.startswith(article.lead)
    assert all(article.lead not in b.text for b in article.body)


def test_dump_metadata():
    dump = (CASES / "article_meta.txt").read_bytes()
    article = clean(dump, CleanConfig(format="text"))
    expected = tomllib.loads((CASES / "article_meta_txt.toml").read_text(encoding="utf-8"))
    for field, value in expected.items():
        got = getattr(article, field)
        assert (list(got) if isinstance(got, tuple) else got) == value, field


@pytest.mark.parametrize("case", load("headlines.toml"), ids=lambda c: c["visible"][:50])
def test_shared_headline(case):
    assert shared_headline(case["visible"], case["declared"]) == case.get("expected")


@pytest.mark.parametrize("case", load("dumps.toml"), ids=lambda c: c["name"])
def test_dump_cases(case):
    reference = date.fromisoformat(case["reference"]) if "reference" in case else None
    article = clean(case["dump"].encode("utf-8"), CleanConfig(format="text", reference_date=reference))
    for field, value in case.items():
        if field in ("name", "dump", "reference"):
            continue
        got = getattr(article, field)
        assert (list(got) if isinstance(got, tuple) else got) == value, field


def test_a_dump_headline_is_the_line_printing_the_title_not_a_piece_of_a_cut_paragraph():
    # the repeats of the <title> are found on the dump's own lines, before the run-together
    # opening is cut at its date: its first piece ("Bei Sonne wurde das Sommerfest im
    # Stadtpark am") shares the headline's words but is article text, not the headline
    head = "Sommerfest im Stadtpark feierlich eröffnet"
    opening = ("Bei Sonne wurde das Sommerfest im Stadtpark am 12.06.2024 von der Bürgermeisterin eröffnet, die vor "
               "mehreren hundert Gästen an die lange Geschichte des Festes erinnerte und den vielen Helferinnen und "
               "Helfern dankte, ohne die das Fest in diesem Jahr nicht möglich gewesen wäre, wie sie in ihrer kurzen "
               "Rede sagte. Danach spielte die Kapelle der Feuerwehr bis in den späten Abend, und viele Familien "
               "blieben bis zum Feuerwerk.")
    closing = ("Am Sonntag geht das Fest mit einem Flohmarkt für Kinder weiter, der Eintritt ist wie in jedem Jahr "
               "für alle Besucher frei.")
    dump = "\n\n".join([f"{head} – Stadtblatt", "Startseite\nLokales", head, opening, closing]) + "\n"
    article = clean(dump.encode(), CleanConfig(format="text"))
    assert article.title == head
    assert head not in [r.text for r in article.removed]
    assert "Bei Sonne wurde das Sommerfest im Stadtpark am" in [b.text for b in article.body]


def test_headline_printed_again_is_no_body_text():
    sentence = "Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen, die ab {} steht. "
    page = (
        "<html><head><title>Neue Brücke für Köln | Stadtanzeiger</title></head><body><article>"
        "<h1>Neue Brücke für Köln</h1>"
        + "".join(f"<p>{sentence.format(year) * 3}</p>" for year in (2026, 2027, 2028))
        + "<p>Verkehr: Neue Brücke für Köln</p><p>Zutaten für das Fest: Neue Brücke für Köln und mehr</p>"
        "</article></body></html>"
    )
    article = clean(page.encode(), CleanConfig(format="html"))
    assert article.title == "Neue Brücke für Köln"
    assert [(r.reason, r.text) for r in article.removed if r.reason == "duplicate"] == [("duplicate", "Verkehr: Neue Brücke für Köln")]
    assert article.body[-1].text == "Zutaten für das Fest: Neue Brücke für Köln und mehr"


ARTICLE_BODY = "".join(
    f"<p>{text} Die Stadtverwaltung will die Ergebnisse im Frühjahr vorstellen und danach mit den "
    "Anwohnern über die nächsten Schritte sprechen, bevor der Rat endgültig entscheidet.</p>"
    for text in ("Der Stadtrat hat am Dienstag über den Ausbau der Radwege beraten.",
                 "Kritik kam vor allem von den Händlern in der Innenstadt.",
                 "Die ersten Bauarbeiten könnten im Sommer beginnen.")
)


@pytest.mark.parametrize("case", load("html_pages.toml"), ids=lambda c: c["name"])
def test_html_pages(case):
    page = case["html"].replace("{body}", ARTICLE_BODY).encode("utf-8")
    article = clean(page, CleanConfig(format="html"))
    for field, value in case.items():
        if field not in ("name", "html"):
            got = getattr(article, field)
            assert (list(got) if isinstance(got, tuple) else got) == value, field


def test_menu_over_headline_is_no_kicker():
    """A ``<nav>`` line right over the headline is the site's menu, not the headline's kicker."""
    page = ("<html><head><title>Neue Brücke für die Altstadt | Stadtblatt</title></head><body><nav>"
            "<a href='/'>Startseite</a> <a href='/kontakt'>Kontakt</a></nav><article>"
            f"<h1>Neue Brücke für die Altstadt</h1>{ARTICLE_BODY}</article></body></html>")
    article = clean(page.encode("utf-8"), CleanConfig(format="html"))
    assert (article.title, article.kicker) == ("Neue Brücke für die Altstadt", None)


def test_menu_phrase_over_headline_is_no_kicker():
    """A menu entry a boilerplate phrase names ("Impressum") over a dump's headline is no kicker;
    a section name ("Politik") is."""
    def kicker(line: str) -> str | None:
        dump = (f"Neue Brücke für die Altstadt | Stadtblatt\n\nMenü\n{line}\nNeue Brücke für die Altstadt\n\n"
                + "\n\n".join(ARTICLE_BODY.replace("<p>", "").split("</p>")))
        return clean(dump.encode("utf-8"), CleanConfig(format="text")).kicker

    assert (kicker("Impressum"), kicker("Politik")) == (None, "Politik")


def test_breadcrumb_over_headline_is_no_kicker():
    """A breadcrumb trail that ends with the headline, right over it, is no kicker."""
    dump = ("Fernweh | Notizen vom Wegesrand\n\nMenü\nStartseite » Fernweh\nFernweh\n\n"
            + "\n\n".join(ARTICLE_BODY.replace("<p>", "").split("</p>")))
    article = clean(dump.encode("utf-8"), CleanConfig(format="text"))
    assert (article.title, article.kicker) == ("Fernweh", None)

"""The failure classes of pages from sites nobody tuned for (issue 15), as invented pages in
tests/cases/unseen_sites.toml: what the article must hold, and what it must not."""

import tomllib
from pathlib import Path

import pytest

from newsclean import clean

CASES = tomllib.loads((Path(__file__).parent / "cases" / "unseen_sites.toml").read_text(encoding="utf-8"))["case"]

BODY = "".join(
    f"<p>{text}</p>"
    for text in (
        "Die Stadtwerke haben am Montag angekündigt, die Preise für Fernwärme zum ersten Januar um "
        "durchschnittlich zwölf Prozent zu erhöhen, weil die Kosten für den Einkauf von Gas weiter gestiegen sind.",
        "Für einen Haushalt in einer Wohnung mittlerer Größe bedeutet das nach Angaben des Unternehmens "
        "Mehrkosten von rund hundert Euro im Jahr, die mit der nächsten Abrechnung fällig werden.",
        "Der Mieterverein kritisierte die Erhöhung und forderte die Stadt auf, als Eigentümerin der "
        "Stadtwerke auf eine Entlastung der Kunden mit geringem Einkommen zu dringen.",
    )
)
# an inline script as trackers and consent managers put first on a page: some 6,000 characters
SCRIPT = "".join(f"window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}};gtag('set','slot{n}',{n});\n"
                 for n in range(60))
_CHECKED = ("name", "page", "with", "without", "removed", "absent")


def page_of(case: dict) -> bytes:
    return case["page"].replace("{body}", BODY).replace("{script}", SCRIPT).encode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_unseen_site_case(case):
    article = clean(page_of(case))
    fields = {key: value for key, value in case.items() if key not in _CHECKED}
    for key, value in fields.items():
        got = article.source.format if key == "format" else getattr(article, key)
        assert (list(got) if isinstance(got, tuple) else got) == value, key
    for text in case.get("with", []):
        assert text in article.text
    shown = [article.text, article.title or "", article.kicker or "", article.lead or ""]
    for text in case.get("without", []):
        assert not any(text in field for field in shown), text
    for key in case.get("absent", []):
        assert getattr(article, key) is None, key
    removed = {f"{r.reason}: {r.text}" for r in article.removed}
    for line in case.get("removed", []):
        assert line in removed

"""News pages in languages other than German (issue 15): English, French, Spanish, Italian and
Dutch pages in the markup of common news themes, as invented pages in
tests/cases/other_languages.toml, checked as tests/test_unseen_sites.py checks its pages."""

import tomllib
from pathlib import Path

import pytest

from newsclean import clean

CASES = tomllib.loads((Path(__file__).parent / "cases" / "other_languages.toml").read_text(encoding="utf-8"))["case"]

#: three invented paragraphs of an article in each language (``{body_fr}`` ... in a page)
BODIES = {
    "en": (
        "Officials in the county said on Monday that the reservoir had fallen to its lowest level since "
        "records began in 1921, prompting new limits on watering gardens.",
        "The water authority will ban the use of hosepipes from next week and has asked farmers to cut "
        "their use by a fifth until the autumn rains arrive.",
        "Environmental groups blamed years of underinvestment in pipes, which lose about a quarter of the "
        "treated water before it reaches homes, according to a report published last year.",
    ),
    "fr": (
        "Cette décision met fin à un conflit qui divisait la ville depuis près de dix ans, les commerçants "
        "de la vieille rue craignant une baisse de leur chiffre d'affaires pendant les travaux.",
        "Les travaux doivent commencer au printemps prochain et les premières rames devraient circuler fin 2029, "
        "selon le service des transports, qui chiffre le coût à 410 millions d'euros.",
        "Les élus de l'opposition ont estimé que des bus électriques auraient été moins chers, mais la majorité "
        "a rappelé que le tramway transporte davantage de voyageurs aux heures de pointe.",
    ),
    "es": (
        "La decisión pone fin a una disputa que ha dividido a la ciudad durante casi una década, con los "
        "comerciantes de la calle mayor advirtiendo de pérdidas durante las obras.",
        "Las obras comenzarán la próxima primavera y los primeros tranvías circularán a finales de 2029, según "
        "la concejalía, que cifra el coste en 410 millones de euros.",
        "Los concejales de la oposición defendieron que los autobuses eléctricos habrían sido más baratos, pero "
        "el equipo de gobierno recordó que el tranvía transporta más viajeros en hora punta.",
    ),
    "it": (
        "La decisione chiude una disputa che da quasi dieci anni divideva la città, con i negozianti del corso "
        "principale preoccupati per le perdite durante i lavori.",
        "I cantieri dovrebbero aprire la prossima primavera e i primi tram circolare entro la fine del 2029, "
        "secondo l'assessorato, che stima il costo in 410 milioni di euro.",
        "I consiglieri dell'opposizione hanno sostenuto che gli autobus elettrici sarebbero stati più economici, "
        "ma la maggioranza ha ricordato che il tram trasporta più passeggeri nelle ore di punta.",
    ),
    "nl": (
        "Het besluit maakt een einde aan een conflict dat de stad bijna tien jaar verdeelde, waarbij winkeliers "
        "in de oude winkelstraat waarschuwden voor omzetverlies tijdens de bouw.",
        "De werkzaamheden beginnen volgend voorjaar en de eerste trams moeten eind 2029 rijden, aldus de "
        "afdeling verkeer, die de kosten op 410 miljoen euro schat.",
        "Raadsleden van de oppositie vonden dat elektrische bussen goedkoper waren geweest, maar de meerderheid "
        "wees erop dat trams in de spits meer reizigers vervoeren.",
    ),
}


def page_of(case: dict) -> bytes:
    page = case["page"]
    for lang, paragraphs in BODIES.items():
        for n, text in enumerate(paragraphs, 1):
            page = page.replace(f"{{p{n}_{lang}}}", f"<p>{text}</p>")
        page = page.replace(f"{{body_{lang}}}", "".join(f"<p>{text}</p>" for text in paragraphs))
    return page.encode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_other_language_case(case):
    article = clean(page_of(case))
    for text in case.get("with", []):
        assert text in article.text, text
    shown = [article.text, article.title or "", article.kicker or "", article.lead or ""]
    for text in case.get("without", []):
        assert not any(text in field for field in shown), text
    removed = {f"{r.reason}: {r.text}" for r in article.removed}
    for line in case.get("removed", []):
        assert line in removed, line

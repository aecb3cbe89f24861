"""What each sample page should give (samples/README.md; issue 2 for the two real seeds).

The golden files pin the output as it is; this table says what it should be.
"""

import json
from functools import cache
from pathlib import Path

import pytest

from newsclean import clean

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FILES = sorted(p.name for p in (ROOT / "samples").iterdir() if p.is_file() and not p.name.endswith(".md"))


@cache
def current_output(name: str) -> str:
    return clean((ROOT / "samples" / name).read_bytes(), path=f"samples/{name}").to_json()


# What a careful reader takes from each sample (samples/README.md, issue 2 for the two seeds).
# Golden files pin the output as it is; this table says what it should be. Known misses are
# xfail(strict=True): a fix makes them pass, and the marker must then go.
EXPECTED = {
    "aerztezeitung-putin.txt": dict(kicker="Russland", title="Putin will bei KI in der Medizin mitspielen", authors=["mu"], published=None, dateline="SANKT PETERSBURG"),
    "ki-biennale-essen.txt": dict(title="KI im Gesundheitswesen – Besuch der KI-Biennale Essen", published="2024-11-26", dateline="Essen"),
    "rheinische-rundschau-krankenhausreform.html": dict(kicker="Gesundheitspolitik", title="Kliniken im Rheinland bangen um ihre Notaufnahmen", authors=["Miriam Kessler", "Jonas Albrecht"], published="2024-11-26T06:30:00+01:00", modified="2024-11-26T18:45:00+01:00", dateline="DÜSSELDORF"),
    "hanseblatt-hafen-inline-boilerplate.html": dict(kicker="Hafenwirtschaft", title="Hamburger Hafen schlägt weniger Container um", authors=["Kerstin Lohmann"], agencies=["dpa"], published="2024-08-14T11:27:00+02:00", modified="2024-08-14T16:05:00+02:00", dateline="Hamburg"),
    "alpenpost-lawinen-cp1252.html": dict(kicker="Lawinengefahr", title="Nach tödlichen Lawinen: Bund und Länder wollen Schutzbauten rascher erneuern", authors=["Florian Steinwender"], published="2025-01-15T17:40:00+01:00", dateline="Wien"),
    "tagesfunk-bahnstreik.htm.gz": dict(kicker="Tarifkonflikt bei der Bahn", title="Warnstreik legt Fernverkehr in weiten Teilen lahm", authors=["Lena Hartwig"], published="2025-03-03T08:12:00+01:00", modified="2025-03-03T14:03:00+01:00", dateline=None),
    "mojibake-stadtrat.html": dict(kicker="Lindenfeld", title="Freibad bleibt offen: Stadtrat beschließt Sanierung für 4,2 Millionen Euro", authors=["Sabine Rother"], published="2019-06-12T14:03:00+02:00", dateline="LINDENFELD"),
    "kuestenkurier-windpark-paywall.html": dict(kicker="Energiewende", title="Windpark vor Fehmarn: Fischer fürchten um ihre Fanggründe", authors=["Hauke Petersen"], published="2023-10-21T07:45:00+02:00", dateline="KIEL"),
    "frankenkurier-strassenbahn.txt": dict(kicker="Nahverkehr", title="Straßenbahn nach Stein: Baubeginn verschiebt sich erneut", authors=["Martina Seidl"], published="2025-03-03T18:30:00+01:00", dateline="NÜRNBERG"),
    "spreebote-schulbau.txt": dict(kicker="Schulbauoffensive", title="Berlin fehlen bis 2030 mehr als 20.000 Schulplätze", authors=["Nele Brandt", "Murat Yılmaz"], published="2024-08-13T18:00:00+02:00", modified="2024-08-14T09:12:00+02:00", dateline="BERLIN"),
    "neckarblick-weinlese.txt": dict(kicker="Landwirtschaft", title="Winzer im Südwesten rechnen mit kleinster Ernte seit Jahren", authors=[], agencies=["dpa"], published="2024-09-26T16:20:00+02:00", dateline="Stuttgart"),
}
KNOWN_MISSES: set[tuple[str, str]] = set()


def expected_cases():
    for name, fields in EXPECTED.items():
        for field, value in fields.items():
            marks = [pytest.mark.xfail(strict=True, reason="known miss, see the report")] if (name, field) in KNOWN_MISSES else []
            yield pytest.param(name, field, value, marks=marks, id=f"{name}-{field}")


def test_expected_table_covers_every_sample():
    assert sorted(EXPECTED) == SAMPLE_FILES


@pytest.mark.parametrize(("name", "field", "value"), list(expected_cases()))
def test_sample_metadata(name, field, value):
    assert json.loads(current_output(name))[field] == value

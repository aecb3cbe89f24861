"""Invariants of ``clean`` on any input (hypothesis) and its determinism.

- Any bytes give an Article whose JSON is valid against the schema, or a NewscleanError;
  never another exception.
- The output never invents text: title, kicker, lead and every body block occur in the input.
- The same input gives byte-identical JSON, twice in one process and in a fresh process.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import CleanConfig, NewscleanError, clean
from newsclean.read.decode import read_page
from newsclean.read.dump import written_lines
from newsclean.read.plain import is_markdown
from newsclean.text.normalize import clean_lines, remove_invisible

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.is_file() and not p.name.endswith(".md"))

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces a scraped German page is made of: article sentences, boilerplate phrases, metadata
# lines, invisible characters, mojibake and markup. Hypothesis shuffles and repeats them.
SENTENCES = [
    "Der Stadtrat hat am Donnerstag mit großer Mehrheit beschlossen, das Freibad zu sanieren.",
    "„Wir haben lange darauf gewartet“, sagte Bürgermeisterin Anna Schmidt nach der Sitzung.",
    "Die Kosten von rund 4,2 Millionen Euro trägt zu einem Drittel das Land Nordrhein-Westfalen.",
    "Kritik kam von der Opposition, die vor allem die gestiegenen Baukosten bemängelte.",
    "Die Arbeiten sollen im Frühjahr beginnen und bis zum Sommer 2026 abgeschlossen sein.",
    "BERLIN. Die Bundesregierung will die Krankenhausreform noch in diesem Jahr beschließen.",
    "Nach Angaben der Polizei wurde bei dem Unfall auf der A3 niemand schwer verletzt. (dpa)",
]
SHORT_LINES = [
    "Politik", "Startseite", "Mehr zum Thema", "Lesen Sie auch", "Anzeige", "Newsletter bestellen »",
    "© dpa", "Foto: picture alliance/dpa", "Artikel teilen", "Kommentare (12)", "Jetzt einloggen",
    "Weiterlesen mit Plus", "Wir verwenden Cookies.", "Alle akzeptieren", "Impressum | Datenschutz",
    "Von Sabine Rother", "Veröffentlicht am 12.06.2019, 14:03 Uhr", "26. November 2024",
    "Stadtrat beschließt Sanierung des Freibads", "(mu)", "gestern, 14:03 Uhr",
]
ODD = ["\u00ad", "\u200b", "\u00a0", "\ufeff", "FÃ¼r", "â€ž", "&amp;", "&nbsp;", "&#8222;", "<", ">", "&", "\t", "\r\n"]
OPEN_TAGS = ["<p>", "<div>", '<div class="newsletter">', '<aside class="related">', "<h1>", "<h2>",
             "<li>", "<blockquote>", "<article>", "<nav>", "<footer>", "<b>", '<a href="/x">', "<br>"]
CLOSE_TAGS = ["</p>", "</div>", "</aside>", "</h1>", "</h2>", "</li>", "</blockquote>", "</article>",
              "</nav>", "</footer>", "</b>", "</a>"]

pieces = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(SHORT_LINES),
    st.sampled_from(ODD),
    st.sampled_from(OPEN_TAGS),
    st.sampled_from(CLOSE_TAGS),
    st.just("\n"),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
)
page_text = st.lists(pieces, max_size=60).map("".join)


@st.composite
def page_bytes(draw) -> bytes:
    """Plausible page bytes (text or HTML) in some encoding, sometimes gzipped, or raw bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    text = draw(page_text)
    if draw(st.booleans()):
        text = f"<html><head><title>{draw(st.sampled_from(SHORT_LINES))}</title></head><body>{text}</body></html>"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "iso8859_15", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 5)) == 0:
        data = gzip.compress(data, mtime=0)
    return data


def clean_or_error(data: bytes, config: CleanConfig = CleanConfig()):
    try:
        return clean(data, config)
    except NewscleanError as exc:
        assert str(exc), "an error must say what went wrong"
        return None


@SETTINGS
@given(data=page_bytes())
def test_any_bytes_give_valid_json_or_a_clean_error(validate_article, data):
    article = clean_or_error(data)
    if article is not None:
        as_json = article.to_json()
        validate_article(json.loads(as_json))
        assert json.loads(article.to_json(pretty=True)) == json.loads(as_json)


@SETTINGS
@given(data=page_bytes(), fmt=st.sampled_from(["html", "text"]))
def test_forced_format_gives_valid_json_or_a_clean_error(validate_article, data, fmt):
    article = clean_or_error(data, CleanConfig(format=fmt))
    if article is not None:
        assert article.source.format == fmt
        validate_article(article.to_dict())


_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")  # as HTML tokenizes: "<" before a space or "<" is text


def squeeze(text: str) -> str:
    """Text compared without whitespace or invisible characters (blocks are re-spaced)."""
    text = remove_invisible(unicodedata.normalize("NFC", text))
    return "".join(text.split())


def source_texts(data: bytes) -> tuple[str, ...]:
    """What the output may be cut from: the decoded page, and for HTML also its text without
    tags, both with entities resolved and squeezed."""
    page = read_page(data)
    if page.format == "text":
        # (a Markdown dump's text is cut from between its marks, as HTML's from between tags)
        lines = written_lines(clean_lines(page.text))
        return (squeeze(page.text),) * (1 + is_markdown(lines.texts, lines.after_blank))
    return (squeeze(html.unescape(page.text)), squeeze(html.unescape(_TAG.sub("", page.text))))


def occurs_in(text: str, sources: tuple[str, ...]) -> bool:
    """``text`` is cut from one of ``sources``: as one piece, or (HTML, where the text of
    invisible elements such as buttons is skipped) as its words in the same order."""
    if any(squeeze(text) in source for source in sources):
        return True
    if len(sources) == 1:
        return False
    position, stripped = 0, sources[-1]
    for word in map(squeeze, text.split()):
        found = stripped.find(word, position)
        if found < 0:
            return False
        position = found + len(word)
    return True


def invented(article, data: bytes) -> list[str]:
    """Title, kicker, lead and body texts of ``article`` that do not occur in ``data``."""
    sources = source_texts(data)
    texts = [article.title, article.kicker, article.lead, *(b.text for b in article.body)]
    return [t for t in texts if t and not occurs_in(t, sources)]


@SETTINGS
@given(data=page_bytes())
def test_output_never_invents_text(data):
    article = clean_or_error(data)
    if article is not None:
        assert invented(article, data) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_samples_never_invent_text(sample):
    data = sample.read_bytes()
    assert invented(clean(data), data) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_same_input_gives_byte_identical_json(sample):
    data = sample.read_bytes()
    assert clean(data).to_json() == clean(data).to_json()


def test_same_json_in_a_fresh_process():
    """Hash seeds, import order and caches must not leak into the output."""
    script = (
        "import sys; from pathlib import Path; from newsclean import clean\n"
        "for name in sys.argv[1:]:\n"
        "    sys.stdout.write(clean(Path(name).read_bytes()).to_json() + '\\n')\n"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", script, *map(str, SAMPLES)],
        capture_output=True, check=True,
        # the same newsclean as this process (a checkout's src/ may shadow the installed one)
        env={"PYTHONHASHSEED": "12345", "PATH": "", "PYTHONPATH": str(Path(newsclean.__file__).parents[1])},
    )
    here = "".join(clean(p.read_bytes()).to_json() + "\n" for p in SAMPLES)
    assert fresh.stdout.decode("utf-8") == here


def test_json_keeps_german_characters_unescaped():
    article = clean(next(p for p in SAMPLES if p.name == "aerztezeitung-putin.txt").read_bytes())
    as_json = article.to_json()
    assert "„" in as_json and "\\u" not in as_json


def test_the_invention_check_catches_invented_text():
    data = next(p for p in SAMPLES if p.name == "aerztezeitung-putin.txt").read_bytes()
    article = clean(data)
    assert invented(article, data) == []
    assert invented(replace(article, title="Putin will bei KI nicht mitspielen"), data) == ["Putin will bei KI nicht mitspielen"]

"""Dumps written by text browsers (hard-wrapped lines) and by Markdown converters give the
article a plain dump of the same page gives (read/plain.py)."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import invented

from newsclean import clean
from newsclean.read.dump import dump_lines
from newsclean.read.plain import markdown_lines, unwrap, wrap_width

TITLE = "Köln saniert die Mülheimer Brücke"
PARAGRAPHS = [
    "Der Stadtrat von Köln hat am Montagabend nach langer Debatte beschlossen, die marode Mülheimer "
    "Brücke bis zum Jahr 2028 vollständig zu sanieren und für Radfahrer zu verbreitern.",
    "Die Kosten für das Vorhaben werden nach Angaben der Verwaltung auf rund 180 Millionen Euro "
    "geschätzt, von denen das Land Nordrhein-Westfalen etwa die Hälfte übernehmen soll.",
    "Während der Bauarbeiten bleibt die Brücke für Fußgänger geöffnet, Autos und Straßenbahnen werden "
    "dagegen für mehrere Monate über die Zoobrücke und die Severinsbrücke umgeleitet.",
    "Anwohner hatten sich seit Jahren über den Lärm und die Schlaglöcher auf der Brücke beschwert und "
    "begrüßen die Entscheidung, auch wenn sie mit neuen Staus in ihrem Viertel rechnen.",
]
MENU = ["Politik", "Wirtschaft", "Sport", "Kultur"]
RELATED = ["Neue Radwege am Rheinufer", "Zoobrücke nachts gesperrt"]
BYLINE = "Von Anna Berg | 12.03.2024, 10:15 Uhr"

PLAIN = "\n".join([f"{TITLE} | Stadtblatt", "", *MENU, "", TITLE, "", BYLINE, "",
                   "\n\n".join(PARAGRAPHS), "", "Mehr zum Thema", "", *RELATED, "", "Impressum | Datenschutz"])

MARKDOWN = "\n\n".join([
    f"{TITLE} | Stadtblatt", "\n".join(f"  * [{m}](/{m.lower()})" for m in MENU), f"# {TITLE}", f"**{BYLINE}**",
    "![Die Brücke im Nebel](/bilder/bruecke.jpg)",
    PARAGRAPHS[0].replace("Mülheimer Brücke", "[Mülheimer Brücke](https://stadtblatt.de/bruecke)"),
    PARAGRAPHS[1].replace("180 Millionen Euro", "_180 Millionen Euro_"), *PARAGRAPHS[2:],
    "## Mehr zum Thema", "\n".join(f"  * [{r}](/artikel/{n})" for n, r in enumerate(RELATED)),
    "[Impressum](/impressum) | [Datenschutz](/datenschutz)"])


def wrapped(text: str, width: int) -> str:
    """``text`` as a text browser shows it: every line longer than ``width`` wrapped."""
    return "\n".join(part for line in text.split("\n")
                     for part in (textwrap.wrap(line, width, break_long_words=False) if len(line) > width else [line]))


def test_a_wrapped_dump_gives_the_article_of_the_plain_dump():
    plain = clean(PLAIN.encode())
    for width in (64, 72, 80):
        article = clean(wrapped(PLAIN, width).encode())
        assert article.to_dict() | {"source": None} == plain.to_dict() | {"source": None}
    assert "Nordrhein-Westfalen" in plain.text


def test_a_markdown_dump_gives_the_article_of_the_plain_dump():
    plain, markdown = clean(PLAIN.encode()), clean(MARKDOWN.encode())
    assert markdown.text == plain.text
    assert (markdown.title, markdown.authors, markdown.published) == (TITLE, ("Anna Berg",), "2024-03-12T10:15:00+01:00")
    assert "](" not in markdown.text and "**" not in markdown.text and "_180" not in markdown.text


def test_a_wrapped_markdown_dump_is_joined_by_its_paragraphs():
    article = clean(wrapped(MARKDOWN, 78).encode())
    assert article.text == clean(PLAIN.encode()).text


def test_a_plain_dump_is_left_as_it_is():
    lines = dump_lines(PLAIN)
    assert lines.texts == [line for line in PLAIN.split("\n") if line]
    assert wrap_width(lines.texts) is None


def test_markdown_lists_and_tables_are_lines_one_under_the_other():
    texts, after_blank = markdown_lines("Zutaten:\n\n- 300 g Mehl\n- 2 Eier\n\n| Preis | Euro |\n|---|---|\n| Grundpreis | 20,2 |\n\nText.")
    assert texts == ["Zutaten:", "300 g Mehl", "2 Eier", "Preis Euro", "Grundpreis 20,2", "Text."]
    assert after_blank == [True, True, False, True, False, True]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab -\n#*_[]()!>|`\\"), max_size=200))
def test_markdown_lines_reads_any_text(text):
    texts, after_blank = markdown_lines(text)
    assert len(texts) == len(after_blank) and all(t and t == t.strip() for t in texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab -"), min_size=1, max_size=30).map(str.strip).filter(bool), max_size=30),
       st.integers(10, 40))
def test_unwrap_keeps_every_character_in_order(texts, width):
    joined, blanks = unwrap(texts, [False] * len(texts), width)
    assert "".join(joined).replace(" ", "") == "".join(texts).replace(" ", "") and len(joined) == len(blanks)


def test_a_markdown_dump_invents_no_text():
    data = MARKDOWN.encode()
    assert invented(clean(data), data) == []

"""The dump classifier on small invented dumps: which lines are the article, and why the rest go."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsclean.model import REASONS
from newsclean.read.dump import dump_lines, segment_text
from newsclean.verdicts.dump import TextParams, classify_dump, classify_text
from newsclean.verdicts.headline import (
    PART,
    SAME,
    VERBATIM,
    WORDS,
    _shared_stems,
    _stems,
    dump_headline,
    prose_after,
)

PARAGRAPHS = [
    "Die Stadt Köln hat am Montag beschlossen, eine neue Brücke über den Rhein zu bauen, die ab dem "
    "kommenden Jahr errichtet werden soll.",
    "Nach Angaben der Verwaltung wird der Bau rund 300 Millionen Euro kosten, von denen das Land einen "
    "großen Teil übernehmen will.",
    "Kritiker halten die Pläne für überzogen und fordern, dass zuerst die alten Brücken saniert werden, "
    "bevor eine neue gebaut wird.",
    "Der Stadtrat will im Frühjahr über die Ausschreibung entscheiden, sagte ein Sprecher der Stadt am "
    "Dienstag auf Anfrage.",
]
MENU = "Startseite\nPolitik\nWirtschaft\nSport\nKultur"
TITLE = "Neue Brücke für Köln"


def dump(*parts: str) -> str:
    return "\n\n".join(parts) + "\n"


def verdicts(text: str, params: TextParams = TextParams()) -> dict[str, tuple[str, str | None]]:
    return {b.text: (b.verdict, b.reason) for b in classify_text(segment_text(text), params)}


def reader_thread(n: int) -> list[str]:
    """``n`` readers' comments, prose as long as the article's paragraphs."""
    return [
        f"Ich finde, dass die Stadt das Geld lieber für Schulen ausgeben sollte, schreibt Leser {k}, "
        "und ich bin nicht der Einzige, der das so sieht."
        for k in range(n)
    ]


def page_with_thread(paragraphs: list[str], buttons: int, readers: int) -> tuple[str, list[str]]:
    """A dump: title line, menu, headline, ``paragraphs``, ``buttons`` reply buttons (each alone
    on its line) and a thread of ``readers`` comments; and the thread's lines."""
    thread = reader_thread(readers)
    replies = [f"Antwort {n}" for n in range(buttons)]
    return dump(f"{TITLE} | Kölner Blatt", MENU, TITLE, *paragraphs, *replies, *thread), thread


def kept(text: str, params: TextParams = TextParams()) -> list[str]:
    return [b.text for b in classify_text(segment_text(text), params) if b.kept]


def test_segment_marks_lines_after_a_blank_line():
    blocks = segment_text("Menü\nSuche\n\nErster Absatz.\n\n\nZweiter Absatz.")
    assert [b.after_blank for b in blocks] == [True, False, True, True]


def test_segment_repairs_each_line():
    assert [b.text for b in segment_text("Stra\u00dfe\u00a0in  K\u00f6ln\u200b\n\u00a0\n")] == ["Straße in Köln"]


def test_empty_dump():
    assert classify_text([]) == []


def test_article_between_menu_and_related_box():
    text = dump(
        f"{TITLE} | Kölner Blatt", MENU, TITLE, *PARAGRAPHS, "Mehr zum Thema",
        "Stau auf der A3 nach Unfall", "Neuer Trainer für den FC", "Impressum",
    )
    result = verdicts(text)
    assert kept(text) == PARAGRAPHS  # the headline is for metadata to take
    assert result["Politik"] == ("drop", "navigation")
    assert result["Mehr zum Thema"] == ("drop", "related")
    assert result["Stau auf der A3 nach Unfall"] == ("drop", "related")
    assert result["Impressum"] == ("drop", "navigation")


def test_every_dropped_line_has_a_known_reason():
    text = dump(f"{TITLE} | Kölner Blatt", MENU, TITLE, *PARAGRAPHS, "Kommentare", "Super Artikel!", "© Kölner Blatt")
    for block in classify_text(segment_text(text)):
        assert block.kept or block.reason in REASONS, block


def test_article_goes_on_after_an_inline_ad():
    text = dump(TITLE, *PARAGRAPHS[:2], "Anzeige", "Jetzt Strompreise vergleichen", *PARAGRAPHS[2:])
    result = verdicts(text)
    assert all(result[p] == ("keep", None) for p in PARAGRAPHS)
    assert result["Anzeige"] == ("drop", "sponsored")


def test_a_teaser_inside_the_article_is_dropped():
    teaser = "Lesen Sie auch: Stau auf der A3 nach Unfall"
    result = verdicts(dump(TITLE, *PARAGRAPHS[:2], teaser, *PARAGRAPHS[2:]))
    assert result[teaser] == ("drop", "related")
    assert all(result[p] == ("keep", None) for p in PARAGRAPHS)


def test_crosshead_before_a_paragraph_is_a_heading():
    text = dump(TITLE, PARAGRAPHS[0], "Kritik an den Kosten", *PARAGRAPHS[1:])
    kinds = {b.text: b.kind for b in classify_text(segment_text(text)) if b.kept}
    assert kinds["Kritik an den Kosten"] == "heading"
    assert kinds[PARAGRAPHS[1]] == "paragraph"


def test_the_headline_anchors_the_article_against_a_longer_thread_below():
    text, thread = page_with_thread(PARAGRAPHS, buttons=12, readers=8)
    assert PARAGRAPHS[0] in kept(text)
    assert thread[0] not in kept(text)
    # without the anchor the longer run of prose wins
    assert PARAGRAPHS[0] not in kept(text, replace(TextParams(), headline_bonus=0.0, headline_share=0.0))


def test_the_headline_anchors_the_article_against_a_thread_somewhat_longer():
    # a thread longer than the article and its headline bonus, far below it (a gap of buttons
    # wider than the thread): the run through the headline still wins
    text, thread = page_with_thread(PARAGRAPHS, buttons=20, readers=12)
    assert PARAGRAPHS[0] in kept(text)
    assert thread[0] not in kept(text)
    assert PARAGRAPHS[0] not in kept(text, replace(TextParams(), headline_share=1.0))


def test_the_article_goes_on_after_an_inline_reading_tip():
    # "Lesen Sie auch" boxes sit inside articles: the paragraphs after the box are the article's
    tip = "Bahn kündigt neue Verbindungen nach Bonn an"
    text = dump(f"{TITLE} | Kölner Blatt", MENU, TITLE, PARAGRAPHS[0], PARAGRAPHS[1], "Lesen Sie auch",
                tip, PARAGRAPHS[2], PARAGRAPHS[3])
    assert kept(text) == PARAGRAPHS
    assert verdicts(text)[tip] == ("drop", "related")


def test_a_thread_many_times_the_article_still_wins():
    # the headline's run must not hold a page whose prose is elsewhere (the headline repeated
    # over a short teaser, in a cookie notice)
    text, thread = page_with_thread(PARAGRAPHS[:1], buttons=20, readers=60)
    assert thread[0] in kept(text)


@pytest.mark.parametrize(
    ("noise", "reason"),
    [("Startseite", "navigation"), ("Login", "login"), ("Weitere Artikel", "related"), ("Köln", "navigation")],
)
def test_short_lines_before_the_article_are_dropped(noise, reason):
    result = verdicts(dump(noise, TITLE, *PARAGRAPHS))
    assert result[noise] == ("drop", reason)


def test_no_prose_no_article():
    assert kept(dump(MENU, "Impressum", "Datenschutz")) == []


def test_a_closing_sentence_after_the_article_stays():
    text = dump(TITLE, *PARAGRAPHS, "Einsendeschluss ist der 3. November.", "Impressum", "Alle Angaben ohne Gewähr")
    assert kept(text)[-1] == "Einsendeschluss ist der 3. November."


def test_a_headline_worded_unlike_the_title_still_anchors_the_article():
    thread = reader_thread(8)
    buttons = [f"Antwort {n}" for n in range(12)]
    title = "Köln: Stadtrat beschließt neue Rheinbrücke für 300 Millionen | Kölner Blatt"
    text = dump(title, MENU, "Stadtrat beschließt eine neue Rheinbrücke", *PARAGRAPHS, *buttons, *thread)
    assert PARAGRAPHS[0] in kept(text)


def test_a_lone_caption_inside_the_article_goes_a_list_stays():
    items = "300 Millionen Euro\n1,2 Kilometer lang\nFertig 2030"
    caption = ["Die alte Brücke im Winter", "Foto: Anna Schmidt"]
    text = dump(TITLE, PARAGRAPHS[0], *caption, PARAGRAPHS[1], items, *PARAGRAPHS[2:])
    result = verdicts(text)
    assert result["Die alte Brücke im Winter"][0] == "drop"
    assert result["1,2 Kilometer lang"] == ("keep", None)


def test_button_before_the_article_does_not_swallow_headline_and_teaser():
    """'Jetzt einloggen' at the top is a login button, not the heading of what follows."""
    from newsclean import clean

    prose = (
        "Die Stadt hat am Montag beschlossen, die Brücke über den Fluss bis zum Herbst für den "
        "Verkehr zu sperren, weil die Prüfer Risse im Beton gefunden haben."
    )
    dump = "\n\n".join(
        ["Startseite", "Jetzt einloggen", "Verkehr", "Brücke über den Fluss bleibt bis Herbst gesperrt",
         "Die Sperrung trifft täglich mehrere Tausend Pendler. Die Stadt verspricht Umleitungen.",
         "Von Anna Schmidt", *[prose] * 4, "Mehr zum Thema", "Neue Ampeln für die Innenstadt"]
    )
    article = clean(dump.encode())
    assert article.title == "Brücke über den Fluss bleibt bis Herbst gesperrt"
    assert article.kicker == "Verkehr"
    assert article.lead.startswith("Die Sperrung trifft")
    assert article.authors == ("Anna Schmidt",)


def test_a_bar_of_share_buttons_costs_the_span_like_one_button():
    """Seven share buttons between teaser and a short article cost little more than one: the
    article after them stays with the teaser the headline anchors."""
    buttons = "Teilen\nAuf Facebook teilen\nAuf X teilen\nPer WhatsApp teilen\nPer E-Mail teilen\nLink kopieren\nDrucken"
    teaser = "Die Stadt baut eine neue Brücke über den Rhein. Der Bau soll im Frühjahr beginnen."
    result = kept(dump(f"{TITLE} | Stadtanzeiger", MENU, TITLE, teaser, buttons, *PARAGRAPHS[:3]))
    assert result == [teaser, *PARAGRAPHS[:3]]


@given(st.text(st.sampled_from("ab cBüß\tK\u0130-"), min_size=1), st.text(st.sampled_from("ab cBüß\tK\u0130-"), min_size=1))
def test_lines_without_three_title_stems_in_them_share_none_of_their_own(title, line):
    # (the plain rule reads every line's stems; the headline finder reads only those of lines
    # with three of the title's stems in them: it must drop no line the plain rule would take)
    stems = frozenset(_stems(title))
    assert _shared_stems(stems, line) >= len(stems & _stems(line))


def test_the_title_repeats_are_found_once_and_passed_on():
    """The classifier anchors the article at the line that prints the <title>, not at a line
    that only names the headline among other words (a breadcrumb, the heading over the readers'
    comments) even when more prose follows that one; the title field takes the headline from
    the repeats the classifier passes on."""
    comments_heading = f"Ein Gedanke zu „{TITLE}“"
    lines = [f"{TITLE} | Kölner Blatt", "Startseite", f"Startseite » Lokales » {TITLE}", TITLE, *PARAGRAPHS[:2],
             comments_heading, *reader_thread(6)]
    result = classify_dump(dump_lines("\n\n".join(lines)))
    hits = {lines[h.line]: (h.kind, h.echo) for h in result.repeats.hits}
    assert hits == {f"Startseite » Lokales » {TITLE}": (WORDS, None), TITLE: (SAME, VERBATIM), comments_heading: (PART, None)}
    good = [False] * 4 + [True] * 2 + [False] + [True] * 6
    scores = [-10.0] * 4 + [120.0] * 2 + [-100.0] + [150.0] * 6
    assert prose_after(result.repeats, good, scores, 12, 24) == 4
    assert dump_headline(result.repeats, 4).line == 3

"""HTML classification on small synthetic pages: boxes inside the article are dropped with the
right reason, menus and footers as navigation, and every article paragraph is kept."""

from __future__ import annotations

import pytest

from newsclean import CleanConfig, clean
from newsclean.model import Block
from newsclean.pipeline import html_blocks
from newsclean.read.decode import read_page
from newsclean.verdicts.html import classify_html, main_flags

PARAGRAPHS = [
    "Der Stadtrat von Köln hat am Montagabend nach langer Debatte beschlossen, die marode "
    "Mülheimer Brücke bis zum Jahr 2028 vollständig zu sanieren und für Radfahrer zu verbreitern.",
    "Die Kosten für das Vorhaben werden nach Angaben der Verwaltung auf rund 180 Millionen Euro "
    "geschätzt, von denen das Land Nordrhein-Westfalen etwa die Hälfte übernehmen soll.",
    "Während der Bauarbeiten bleibt die Brücke für Fußgänger geöffnet, Autos und Straßenbahnen "
    "werden dagegen für mehrere Monate über die Zoobrücke und die Severinsbrücke umgeleitet.",
    "Anwohner hatten sich seit Jahren über den Lärm und die Schlaglöcher auf der Brücke beschwert "
    "und begrüßen die Entscheidung, auch wenn sie mit neuen Staus in ihrem Viertel rechnen.",
    "Die Stadtverwaltung will die Bürger im Frühjahr auf einer Versammlung im Bezirksrathaus "
    "über den genauen Zeitplan informieren und dort auch Fragen zu den Umleitungen beantworten.",
]

NAV = """<header><nav class="main-nav"><ul>
<li><a href="/politik">Politik</a></li><li><a href="/wirtschaft">Wirtschaft</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/kultur">Kultur</a></li>
</ul></nav></header>"""

FOOTER = """<footer class="site-footer"><ul>
<li><a href="/impressum">Impressum</a></li><li><a href="/datenschutz">Datenschutz</a></li>
<li><a href="/kontakt">Kontakt</a></li>
</ul></footer>"""

# (name, markup placed between the 2nd and 3rd paragraph, reason, texts that must go with it)
BOXES = [
    (
        "related",
        """<div class="related-box"><h3>Mehr zum Thema</h3><ul>
        <li><a href="/a">Leverkusener Brücke: Neubau dauert länger</a></li>
        <li><a href="/b">Radwege in Köln: Was sich 2025 ändert</a></li></ul></div>""",
        "related",
        ["Mehr zum Thema", "Leverkusener Brücke: Neubau dauert länger", "Radwege in Köln: Was sich 2025 ändert"],
    ),
    (
        "sponsored",
        """<div class="ad-slot"><p>Anzeige</p></div>""",
        "sponsored",
        ["Anzeige"],
    ),
    (
        "newsletter",
        """<div class="newsletter-box"><p>Newsletter bestellen</p>
        <p>Jeden Morgen die wichtigsten Nachrichten aus Köln.</p></div>""",
        "newsletter",
        ["Newsletter bestellen", "Jeden Morgen die wichtigsten Nachrichten aus Köln."],
    ),
]


def page(box: str = "") -> bytes:
    paragraphs = [f"<p>{text}</p>" for text in PARAGRAPHS]
    body = "".join(paragraphs[:2]) + box + "".join(paragraphs[2:])
    return (
        "<html><head><title>Mülheimer Brücke wird saniert</title></head><body>"
        f"{NAV}<main><article><h1>Mülheimer Brücke wird bis 2028 saniert</h1>{body}</article></main>"
        f"{FOOTER}</body></html>"
    ).encode()


@pytest.mark.parametrize(("name", "box", "reason", "texts"), BOXES, ids=[b[0] for b in BOXES])
def test_box_in_article_dropped_with_its_reason(name: str, box: str, reason: str, texts: list[str]) -> None:
    article = clean(page(box), CleanConfig(format="html"))
    removed = {r.text: r.reason for r in article.removed}
    for text in texts:
        assert removed.get(text) == reason, (text, removed.get(text))
        assert text not in article.text


@pytest.mark.parametrize("box", ["", *(b[1] for b in BOXES)], ids=["plain", *(b[0] for b in BOXES)])
def test_article_paragraphs_all_kept(box: str) -> None:
    article = clean(page(box), CleanConfig(format="html"))
    kept = [b.text for b in article.body] + ([article.lead] if article.lead else [])
    for text in PARAGRAPHS:
        assert text in kept
    assert article.title == "Mülheimer Brücke wird bis 2028 saniert"


def classified(data: bytes) -> list[Block]:
    """The page's blocks with their verdicts, before metadata gives kept blocks their roles."""
    blocks, _ = html_blocks(read_page(data, CleanConfig(format="html")))
    return blocks


def test_menu_and_footer_are_navigation() -> None:
    reasons = {b.text: b.reason for b in classified(page()) if not b.kept}
    for text in ("Politik", "Wirtschaft", "Sport", "Kultur", "Impressum", "Datenschutz", "Kontakt"):
        assert reasons.get(text) == "navigation", (text, reasons.get(text))


def test_blocks_outside_the_extracted_text_are_marked() -> None:
    blocks = classified(page())
    menu = next(b for b in blocks if b.text == "Wirtschaft")
    first = next(b for b in blocks if b.text == PARAGRAPHS[0])
    assert not menu.in_main and first.in_main


def test_short_blocks_count_where_the_extracted_text_goes_on() -> None:
    # the extractor merged three <p> into one line; the menu entry "Politik" stays out although
    # the article's last line is "Politik" too
    main = ["Standorte der Fotografen: Japan und Deutschland. Filmmaterial Fuji X-TRA 400. Kamera PENTAX Z-1", "Politik"]
    menu = ["Politik", "Wirtschaft", "Sport", "Kultur"]
    article = ["Standorte der Fotografen: Japan und Deutschland.", "Filmmaterial Fuji X-TRA 400.", "Kamera PENTAX Z-1"]
    blocks = [Block(i, text) for i, text in enumerate(menu + article)]
    assert main_flags(blocks, main) == [False] * 4 + [True] * 3


def test_a_one_letter_cell_opens_no_box() -> None:
    # "X" is the share button of X (Twitter) as a whole block, but also a table cell
    rows = ["X", "1952", "Staufen", "53,84 sec."]
    blocks = [Block(0, PARAGRAPHS[0])] + [Block(i + 1, text) for i, text in enumerate(rows)]
    verdicts = [b.verdict for b in classify_html(blocks, [PARAGRAPHS[0], *rows])]
    assert verdicts == ["keep", "drop", "keep", "keep", "keep"]


def test_deeply_nested_article_is_read():
    """Page builders nest hundreds of <div>s; libxml2 drops such content unless told not to."""
    from newsclean import clean

    sentence = "Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen. "
    page = "<html><body>" + "<div>" * 400 + f"<p>{sentence * 5}</p>" + "</div>" * 400 + "</body></html>"
    assert clean(page.encode()).body[0].text.startswith("Die Stadt hat am Montag")


def test_subheadings_the_extractor_left_out_are_kept() -> None:
    # a live ticker: the extractor kept each entry's text but not its time heading
    title, intro, first, second = ("Krieg in Nahost", PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2])
    texts = [title, intro, "Donnerstag, 18. 7.", "11.04 Uhr: Drohne tötet Extremisten", first, "Live-Ticker abonnieren", "06.20 Uhr: Hafen geschlossen", second, "Impressum"]
    kinds = ["heading", "paragraph", "heading", "heading", "paragraph", "paragraph", "heading", "paragraph", "heading"]
    blocks = [Block(i, text, kind=kind) for i, (text, kind) in enumerate(zip(texts, kinds, strict=True))]
    kept = [b.text for b in classify_html(blocks, [intro, first, second]) if b.kept]
    # the headline before the article starts, the paragraph that is no heading, and the heading
    # after the last kept paragraph stay out
    assert kept == [intro, "Donnerstag, 18. 7.", "11.04 Uhr: Drohne tötet Extremisten", first, "06.20 Uhr: Hafen geschlossen", second]


def test_a_heading_with_a_boilerplate_phrase_is_not_rescued() -> None:
    texts = [PARAGRAPHS[0], "Mehr zum Thema", PARAGRAPHS[1]]
    blocks = [Block(i, text, kind="heading" if i == 1 else "paragraph") for i, text in enumerate(texts)]
    out = classify_html(blocks, [PARAGRAPHS[0], PARAGRAPHS[1]])
    assert [(b.verdict, b.reason) for b in out][1] == ("drop", "related")


INTERVIEW = [
    "Was war Ihr erster Gedanke, als Sie nach der Operation aus der Narkose erwachten?",
    "Dass es nicht nur um mich geht. Mein Sohn war erst 18 Monate alt, und ich war allein mit ihm.",
    "In welchem seelischen Zustand waren Sie, als Sie das Krankenhaus nach Wochen verließen?",
    "In manchen Momenten hatte ich das Gefühl, die Operation habe mich verändert. Das hat mir Angst gemacht, "
    "und ich habe lange gebraucht, um mich wieder in meinem eigenen Leben zurechtzufinden.",
    "Geholfen haben mir vor allem die Gespräche mit meiner Schwester, die damals jeden Tag zu mir "
    "ins Krankenhaus kam und mir aus den Büchern vorlas, die ich selbst nicht mehr lesen konnte.",
]


def test_prose_beside_the_article_that_the_extractor_left_out_is_kept() -> None:
    # an interview split over two containers around a photo: the extractor took the second part
    caption = "Kleid und Fascinator: Del Core. Pumps: Christian Dior"
    texts = ["Mode Reisen Uhren Schmuck", *INTERVIEW, caption, PARAGRAPHS[0], PARAGRAPHS[1]]
    blocks = [Block(i, text) for i, text in enumerate(texts)]
    kept = [b.text for b in classify_html(blocks, [PARAGRAPHS[0], PARAGRAPHS[1]]) if b.kept]
    assert kept == [*INTERVIEW, PARAGRAPHS[0], PARAGRAPHS[1]]


def test_a_little_prose_or_prose_away_from_the_article_stays_out() -> None:
    far = [Block(0, INTERVIEW[0]), Block(1, INTERVIEW[1]), Block(2, INTERVIEW[3]), Block(3, INTERVIEW[4])]
    boxed = [Block(4, "Mehr zum Thema"), Block(5, PARAGRAPHS[0])]  # a box heading in between
    few = [Block(6, INTERVIEW[1]), Block(7, INTERVIEW[2]), Block(8, PARAGRAPHS[1])]
    out = classify_html([*far, *boxed, *few], [PARAGRAPHS[0], PARAGRAPHS[1]])
    assert [b.text for b in out if b.kept] == [PARAGRAPHS[0], PARAGRAPHS[1]]


def test_box_links_are_dropped_when_the_extractor_left_out_only_the_heading() -> None:
    links = ["Elbvertiefung: Warum große Schiffe auf die Flut warten", "Reederei-Allianzen: Was die Bündnisse bedeuten"]
    blocks = [Block(0, PARAGRAPHS[0]), Block(1, "Mehr zum Thema", kind="heading")]
    blocks += [Block(2 + i, text, link_density=1.0) for i, text in enumerate(links)] + [Block(4, PARAGRAPHS[1])]
    out = classify_html(blocks, [PARAGRAPHS[0], *links, PARAGRAPHS[1]])
    assert [(b.verdict, b.reason) for b in out] == [("keep", None)] + [("drop", "related")] * 3 + [("keep", None)]


def test_links_in_an_aside_inside_the_article_are_dropped() -> None:
    links = ["Elbvertiefung: Warum große Schiffe auf die Flut warten", "Reederei-Allianzen: Was die Bündnisse bedeuten"]
    aside = "html body article aside ul li"
    blocks = [Block(0, PARAGRAPHS[0], hint="html body article p")]
    blocks += [Block(1 + i, text, kind="list_item", link_density=1.0, hint=aside) for i, text in enumerate(links)]
    blocks += [Block(3, "Ein Satz mit einem Verweis", link_density=0.3, hint=aside),
               Block(4, "Zum Hafenfest", kind="list_item", link_density=1.0, hint="html body article ul li"),
               Block(5, PARAGRAPHS[1], hint="html body article p")]
    out = classify_html(blocks, [PARAGRAPHS[0], *links, "Ein Satz mit einem Verweis", "Zum Hafenfest", PARAGRAPHS[1]])
    assert [(b.verdict, b.reason) for b in out] == [("keep", None), ("drop", "link_density"), ("drop", "link_density"),
                                                    ("keep", None), ("keep", None), ("keep", None)]


def test_html_blocks_know_the_blank_lines_a_dump_would_have() -> None:
    from lxml import html

    from newsclean.read.html import segment_html

    tree = html.fromstring("<div><div>Menü</div><div>Suche</div><h2>Titel</h2><p>Ein <a href='/x'>Link</a>.</p>"
                           "<ul><li>Eins</li><li>Zwei</li></ul><div>Fuß</div></div>")
    assert [(b.text, b.after_blank) for b in segment_html(tree)] == [
        ("Menü", True), ("Suche", False), ("Titel", True), ("Ein Link.", True), ("Eins", True), ("Zwei", False),
        ("Fuß", True)]


def test_a_page_the_extractor_finds_nothing_in_is_judged_as_a_dump_and_by_its_markup() -> None:
    from newsclean.read.html import parse_html, segment_html
    from newsclean.verdicts.html import classify_unextracted

    tags = "<div class='post-tags'>" + "".join(f"<a href='/t{n}'>Schlagwort {n}</a> " for n in range(4)) + "</div>"
    related = ("<p><a href='/r'>Lesen Sie hier, warum die Leverkusener Brücke erst zwei Jahre später als geplant "
               "fertig wird und was das für die Pendler aus dem Umland bedeutet.</a></p>"
               "<figure><figcaption>Die Mülheimer Brücke am Abend: Seit Jahren warten die Anwohner auf die "
               "Sanierung, die nun beschlossen ist.</figcaption></figure>")
    markup = (f"<html><body>{NAV}<div class='post'><h1>Mülheimer Brücke wird bis 2028 saniert</h1>"
              + "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + f"{tags}{related}</div>"
              "<div class='site-footer'><p>Alle Rechte bei der Rheinischen Verlagsgesellschaft und ihren Partnern</p></div>"
              "</body></html>")
    blocks = classify_unextracted(segment_html(parse_html(markup)), "Mülheimer Brücke wird saniert | Kölner Blatt")
    kept = [b.text for b in blocks if b.kept]
    assert kept == PARAGRAPHS

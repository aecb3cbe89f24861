"""Hostile and unlucky input: every page gets an article or a NewscleanError, never a traceback,
and a good page is read whole however it is wrapped (issue 17).

Each test builds its page here. Inputs that once took time quadratic in their size are made big
enough that such an algorithm would run for minutes; the tests assert on what comes out (and
pytest-timeout stops one that hangs).
"""

from __future__ import annotations

import codecs
import gzip
import json
from datetime import date

import pytest

from newsclean import CleanConfig, NewscleanError, clean
from newsclean.errors import TooLargeError
from newsclean.fields.dateline import Dateline, split_dateline
from newsclean.fields.declared import MAX_NAMES, read_declared
from newsclean.model import MAX_LINES, MAX_PARAGRAPHS, Block
from newsclean.read.decode import declared_charset, gunzip, read_page
from newsclean.read.dump import dump_lines
from newsclean.read.html import (
    MAX_ATTRIBUTES,
    MAX_NESTING,
    MAX_TAGS,
    cap_attributes,
    cap_nesting,
    parse_html,
)
from newsclean.read.labels import _ENCODINGS, codec_of_label
from newsclean.text.dates import find_dates, parse_date
from newsclean.verdicts.dump import classify_dump
from newsclean.verdicts.html import (
    EXTRACTION_ELEMENTS,
    FULL_EXTRACTION_ELEMENTS,
    main_content_lines,
    main_flags,
)
from newsclean.verdicts.phrases import match_blocks

pytestmark = pytest.mark.timeout(600)

SENTENCE = ("Der Stadtrat hat am Donnerstag mit großer Mehrheit beschlossen, das Freibad an der Ruhr zu "
            "sanieren, und die Kosten trägt zu einem Drittel das Land Nordrhein-Westfalen.")
PARAGRAPHS = [
    SENTENCE,
    "Die Arbeiten an den Becken, den Umkleiden und der Technik sollen im Frühjahr beginnen, sobald "
    "die Ausschreibung abgeschlossen ist und die Firmen ihre Angebote vorgelegt haben.",
    "Kritik kam von der Opposition, die vor allem die gestiegenen Baukosten und die lange Schließung "
    "während der Sommermonate bemängelte, in denen das Bad sonst am meisten besucht wird.",
    "Der Förderverein hatte in den vergangenen zwei Jahren mehr als viertausend Unterschriften für den "
    "Erhalt gesammelt und zeigte sich nach der Abstimmung im Rathaus sehr erleichtert.",
]
TITLE = "Stadtrat beschließt Sanierung des Freibads"
ARTICLE = f"<article><h1>{TITLE}</h1>" + "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + "</article>"
DUMP = f"{TITLE}\n\n" + "".join(f"{text}\n\n" for text in PARAGRAPHS)


def whole(article) -> bool:
    """The article is the page's: its headline and all four paragraphs, nothing else."""
    return article.title == TITLE and article.text == "\n\n".join(PARAGRAPHS)


def page(body: str = ARTICLE, head: str = "", charset: str = "utf-8") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{TITLE}</title>{head}</head><body>{body}</body></html>"


def jsonld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


# ------------------------------------------------------------------ tracebacks instead of a message


@pytest.mark.parametrize("depth", [600, 5000, 100_000])
@pytest.mark.parametrize("shape", ["author_lists", "author_names", "graphs", "main_entities", "lists", "dates"])
def test_deeply_nested_json_ld_is_read_to_a_depth(shape, depth):
    nested = {
        "author_lists": '{"@type": "NewsArticle", "headline": "x y z", "author": ' + "[" * depth + '"Anna Berg"' + "]" * depth + "}",
        "author_names": '{"@type": "NewsArticle", "headline": "x y z", "author": ' + '{"name": ' * depth + '"Anna Berg"' + "}" * depth + "}",
        "graphs": '{"@graph": ' * depth + '{"@type": "NewsArticle"}' + "}" * depth,
        "main_entities": '{"mainEntity": ' * depth + '{"@type": "NewsArticle"}' + "}" * depth,
        "lists": "[" * depth + "]" * depth,
        "dates": '{"@type": "NewsArticle", "headline": "x y z", "datePublished": ' + "[" * depth + '"2024-01-01"' + "]" * depth + "}",
    }[shape]
    article = clean(page(head=jsonld(nested)).encode())
    assert whole(article)
    assert "Anna Berg" not in article.authors  # too deep to be anybody's byline


def test_json_ld_a_few_levels_deep_is_still_read():
    declared = {"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": TITLE,
                                                   "author": [{"@type": "Person", "name": {"name": "Anna Berg"}}]}]}
    assert clean(page(head=jsonld(json.dumps(declared))).encode()).authors == ("Anna Berg",)


# Python codecs that are no text encodings, or that no browser reads a page with
NOT_ENCODINGS = ["rot13", "rot_13", "base64", "base_64", "undefined", "punycode", "unicode_escape",
                 "raw_unicode_escape", "hex", "zlib", "bz2", "uu", "quopri", "idna", "utf-7", "mbcs", "oem",
                 "palmos", "charmap", "x-user-defined", "replacement", "hz-gb-2312", "iso-2022-kr", "utf-32",
                 "latin-1", "string_escape", "unicode-internal"]


@pytest.mark.parametrize("label", NOT_ENCODINGS)
def test_a_charset_label_outside_the_encoding_standard_is_ignored(label):
    assert codec_of_label(label) is None
    assert declared_charset(f'<meta charset="{label}">'.encode()) is None
    article = clean(page(charset=label).encode())
    assert article.source.encoding == "utf-8" and whole(article)


def test_an_xml_declaration_names_no_codec_either():
    data = ('<?xml version="1.0" encoding="rot13"?>' + page()).encode()
    assert clean(data).source.encoding == "utf-8"


@pytest.mark.parametrize(("codec", "label"), [(codec, label) for codec, labels in _ENCODINGS.items() for label in labels])
def test_every_label_of_the_standard_names_a_text_codec(codec, label):
    assert codec_of_label(label.upper()) == codec_of_label(f" {label}\t") == codec
    expected = "utf-8" if codec.startswith("utf-16") else codec  # a tag readable as ASCII is not UTF-16
    assert declared_charset(f'<meta charset="{label}">'.encode()) == expected
    assert isinstance(b"<p>Text</p>\n".decode(codec), str)


def test_a_declared_codec_reads_the_page():
    data = page(charset="windows-1250").encode("cp1250")
    assert read_page(data).encoding == "cp1250"


@pytest.mark.parametrize("reference", [date.max, date.min, date(1, 1, 2)])
@pytest.mark.parametrize("text", ["gestern, 14:03 Uhr", "vorgestern", "heute", "vor 3 Tagen", "vor 2 Wochen",
                                  "vor 99999999 Tagen", "vor 9999999 Wochen", "vor " + "9" * 5000 + " Tagen",
                                  "26. November 2024", "2024-11-26T09:30:00+01:00"])
def test_dates_at_the_ends_of_the_calendar_give_a_date_or_none(reference, text):
    value = parse_date(text, reference)
    assert value is None or date.fromisoformat(value[:10]) <= reference
    clean(f"{TITLE}\n\n{text}\n\n{DUMP}".encode(), CleanConfig(reference_date=reference))


def test_a_count_of_days_beyond_the_calendar_is_no_date():
    assert parse_date("vor 99999999 Tagen", date(2024, 5, 1)) is None
    assert parse_date("vor 3 Tagen", date(2024, 5, 1)) == "2024-04-28"
    assert parse_date("gestern", date(1, 1, 1)) is None


def test_an_offset_no_clock_has_is_no_time():
    assert parse_date("2024-11-26T09:30:00+99:99") is None
    assert parse_date("2024-11-26T09:30:00-23:59") == "2024-11-27T10:29:00+01:00"


# -------------------------------------------------------------------- good pages refused or changed


@pytest.mark.parametrize(("bom", "codec", "name"), [
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"), (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
])
@pytest.mark.parametrize("text", [page(), DUMP])
def test_a_page_with_a_byte_order_mark_is_read_in_its_encoding(bom, codec, name, text):
    article = clean(bom + text.encode(codec))
    assert article.source.encoding == name
    assert whole(article)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [page(), DUMP])
def test_utf16_without_a_byte_order_mark_is_read_not_refused_as_binary(codec, text):
    # its NUL in every other byte made it "binary file, not a web page or text dump"
    article = clean(text.encode(codec))
    assert article.source.encoding == codec
    assert whole(article)


@pytest.mark.parametrize("data", [
    f"Seitentitel\n\x00\n{DUMP}".encode(),
    page().replace("<article>", "<article>\x00").encode(),
    page().replace("<head>", "<head>\x00").encode(),
], ids=["dump", "html_body", "html_head"])
def test_a_stray_nul_byte_is_dropped_not_a_reason_to_refuse(data):
    article = clean(data)
    assert whole(article) and "\x00" not in article.to_json()


@pytest.mark.parametrize("data", [b"\x00\x01\x02\x03" * 100, b"Text\x00mit\x00Nullbytes" * 10, bytes(range(256)) * 16],
                         ids=["controls", "nul_heavy", "all_bytes"])
def test_control_heavy_bytes_are_still_binary(data):
    with pytest.raises(NewscleanError, match="binary"):
        clean(data)


@pytest.mark.parametrize(("tag", "depth"), [("div", 3000), ("span", 3000), ("section", 3000), ("li", 3000), ("div", 100_000)])
def test_an_article_nested_deeper_than_the_parser_reads_is_found(tag, depth):
    data = page(f"<{tag}>" * depth + ARTICLE + f"</{tag}>" * depth).encode()
    assert whole(clean(data))


def test_unclosed_nesting_keeps_the_article():
    assert whole(clean(page("<div>" * 20_000 + ARTICLE).encode()))


def test_nesting_is_capped_as_chromium_caps_it():
    deep = "<div>" * 5000 + "<p>Text</p>" + "</div>" * 5000
    tree = parse_html(deep)
    p = next(tree.iter("p"))
    assert p.text == "Text" and sum(1 for _ in p.iterancestors()) <= MAX_NESTING + 2  # (html, body)
    # text stays in order, and the elements beyond the limit become siblings
    assert cap_nesting("<a><b><c>1</c><d>2</d></b>3</a>", 2) == "<a><b></b><c>1</c><d>2</d>3</a>"
    assert cap_nesting("<ul><li>a<li>b</ul><p>c<p>d", 2) == "<ul><li>a<li>b</ul><p>c<p>d"
    assert cap_nesting("<!-- <div><div><div> --><div>x</div>", 1) == "<!-- <div><div><div> --><div>x</div>"


def test_every_member_of_a_gzip_file_is_read():
    first, second = page()[:300].encode(), page()[300:].encode()
    assert whole(clean(gzip.compress(first) + gzip.compress(second)))
    assert gunzip(gzip.compress(b"a") + gzip.compress(b"") + gzip.compress(b"b") + b"\x00" * 8, 10) == b"ab"


def test_many_gzip_members_are_read_in_one_pass():
    # (each member's rest of the file copied once, as zlib hands it back, would be 15 GB here)
    members = [gzip.compress(f"<p>{i}: {SENTENCE}</p>\n".encode(), mtime=0) for i in range(20_000)]
    text = gunzip(b"".join(members), 20 * 1024 * 1024).decode()
    assert text.count("\n") == 20_000 and text.startswith("<p>0: ") and text.endswith(f"19999: {SENTENCE}</p>\n")


def test_the_size_limit_counts_every_gzip_member():
    with pytest.raises(TooLargeError):
        gunzip(gzip.compress(b"a" * 600) * 2, 1000)
    assert len(gunzip(gzip.compress(b"a" * 500) * 2, 1000)) == 1000


@pytest.mark.parametrize("control", ["\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\u200e", "\u202e"])
def test_every_bidi_control_is_removed(control):
    html = page(f"<article><h1>{control}{TITLE}{control}</h1>" + "".join(f"<p>{control}{text}{control}</p>" for text in PARAGRAPHS)
                + "</article>")
    for article in (clean(html.encode()), clean(DUMP.replace("Stadtrat", f"{control}Stadtrat{control}").encode())):
        assert whole(article)


# ----------------------------------------------------------------------------- algorithmic blow-ups
# (each input is big enough that the quadratic or worse algorithm it once met would run for
# minutes or longer; the assertions are on what comes out)


@pytest.mark.parametrize("text", [
    "A-" * 50_000 + "a Die Regierung hat beschlossen.",
    "Berlin-" * 20_000 + "(dp Die Regierung hat beschlossen.",
    "Ab-" * 30_000 + "Ab · x",
    "a-" * 50_000 + "(x",
    "A.-" * 30_000,
])
def test_a_dateline_like_run_is_read_once(text):
    found = split_dateline(text)
    assert found is None or text.startswith(found.place)


def test_datelines_are_still_read():
    assert split_dateline("SANKT PETERSBURG. Einmal mehr") == Dateline("SANKT PETERSBURG", None, "Einmal mehr")
    assert split_dateline("Berlin/Paris (AFP) – Die Regierung") == Dateline("Berlin/Paris", "AFP", "Die Regierung")
    assert split_dateline("Baden-Baden · Was kann") == Dateline("Baden-Baden", None, "Was kann")


@pytest.mark.parametrize("date_text", ["2024-01-01 ", "1. Januar 2024 ", "26. November 2024", "01.02.2024 | 2024-02-01 "])
def test_a_text_of_many_dates_is_read_once(date_text):
    found = find_dates(date_text * 50_000)
    assert len(found) >= 50_000
    assert all(a[0] < b[0] for a, b in zip(found, found[1:], strict=False))


def test_many_lines_with_a_phrase_are_matched_in_one_pass():
    lines = ["Foto: dpa"] * 200_000 + ["©" * 300_000]
    matches = match_blocks(lines)
    assert {(m.reason.value, m.rule.evidence) for m in matches} == {("credit", "foto:"), ("credit", "©")}


def test_blocks_outside_a_long_main_text_are_looked_for_within_a_budget():
    main = [f"Absatz {i}: {SENTENCE}" for i in range(2_000)]  # 330,000 characters
    blocks = [Block(i, f"Ein Menüpunkt ohne jede Entsprechung Nummer {i}") for i in range(20_000)]
    blocks += [Block(20_000 + i, text) for i, text in enumerate(main)]
    flags = main_flags(blocks, main)
    assert not any(flags[:20_000]) and all(flags[20_000:])


def test_lines_sharing_stems_with_the_title_are_read_once_each():
    title = " ".join(f"Wort{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(120))
    words = title.split()
    lines = [title] + [" ".join(words[i % 100 : i % 100 + 12]) for i in range(50_000)] + [SENTENCE] * 3
    blocks = classify_dump(dump_lines("\n".join(lines))).blocks
    assert len(blocks) == len(lines) and [b.text for b in blocks if b.kept][-3:] == [SENTENCE] * 3


def test_a_huge_first_line_is_no_title():
    lines = ["Stadtrat " * 100_000, *["Stadtrat Freibad Ruhr Sanierung Kosten"] * 100_000, SENTENCE, SENTENCE]
    assert len(classify_dump(dump_lines("\n".join(lines))).blocks) == len(lines)


@pytest.mark.parametrize(("paragraph", "count"), [("Ein kurzer Absatz ohne Punkt", 100_000), (SENTENCE, 40_000), ("Mehr zum Thema", 40_000)])
def test_sibling_paragraphs_by_the_hundred_thousand(paragraph, count):
    article = clean(page(ARTICLE + "<div>" + f"<p>{paragraph}</p>" * count + "</div>").encode())
    assert article.title == TITLE and article.text.startswith(PARAGRAPHS[0])


def test_trafilatura_reads_no_page_too_large_for_it():
    # (its fallback compares runs of short paragraphs pair by pair; its own walk is quadratic
    # in sibling paragraphs): past the limits newsclean's own classifier decides alone
    assert main_content_lines(parse_html(page(ARTICLE + "<p>x</p>" * (EXTRACTION_ELEMENTS + 10)))) == []
    assert main_content_lines(parse_html(page(ARTICLE + "<p>x</p>" * (FULL_EXTRACTION_ELEMENTS + 10))))


@pytest.mark.parametrize("author", ["(" * 300_000, "Anna (" + "x (" * 100_000 + ")", "Anna und " * 200_000])
def test_a_huge_declared_author_is_no_author(author):
    declared = {"@type": "NewsArticle", "headline": TITLE, "author": author, "datePublished": "2024-01-01 " * 100_000}
    article = clean(page(head=jsonld(json.dumps(declared))).encode())
    assert whole(article) and article.authors == ()


def test_declared_values_are_capped():
    many = {"@type": "NewsArticle", "headline": TITLE, "author": [{"@type": "Person", "name": f"Anna Berg{i}"} for i in range(10_000)]}
    declared = read_declared(parse_html(page(head=jsonld(json.dumps(many)))))
    assert len(declared.authors) == MAX_NAMES and len(declared.persons) == MAX_NAMES
    graph = {"@graph": [{"@type": "Thing"}] * 100_000 + [{"@type": "NewsArticle", "headline": "Zu spät"}]}
    assert read_declared(parse_html(page(head=jsonld(json.dumps(graph))))).headline is None


@pytest.mark.parametrize("markup", [
    "<link rel=x " * 200_000, "<meta charset=" * 200_000, "<link " + "rel=canonical " * 200_000,
    "<title " * 200_000, '<meta a="' * 200_000,
])
def test_unclosed_tags_are_read_once(markup):
    assert read_page(markup.encode()).url is None
    with pytest.raises(NewscleanError):
        clean(markup.encode())  # no article in it


def test_a_tag_of_many_attributes_keeps_its_first_hundred():
    attributes = " ".join(f"a{i}=x" for i in range(50_000))
    tree = parse_html(page(f"<p class=lead {attributes}>{SENTENCE}</p>"))
    p = next(tree.iter("p"))
    assert p.text == SENTENCE and len(p.attrib) == MAX_ATTRIBUTES and p.get("class") == "lead"
    # "<" in a script starts no tag: its code is left alone
    script = "<script>" + "for(i=0;i<n.length;i++){" + " a=1" * 200 + "}</script>"
    assert cap_attributes(script) == script


def test_a_page_of_more_blocks_than_a_page_has_is_refused():
    with pytest.raises(TooLargeError, match="lines"):
        clean(("x\n" * (MAX_LINES + 1)).encode())
    with pytest.raises(TooLargeError, match="paragraphs"):
        clean(page("<p>x</p>" * (MAX_PARAGRAPHS + 1)).encode())
    with pytest.raises(TooLargeError, match="tags"):
        clean(page("<br>" * (MAX_TAGS + 1)).encode())
    assert len(dump_lines("x\n" * MAX_LINES).texts) == MAX_LINES

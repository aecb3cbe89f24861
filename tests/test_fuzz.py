"""The fuzz target: ``newsclean.clean(bytes)`` on hostile pages gives an Article or raises a
NewscleanError, never anything else.

The pages are built by hypothesis from what newsclean's own rules look for (datelines, bylines,
dates, boilerplate phrases, credit lines, JSON-LD) and from what a reader of untrusted bytes
must survive (deep and wide markup, many attributes, odd charsets, byte order marks, NUL and
control bytes, bidi controls, gzip members), repeated and nested at random. In the test suite
it runs a bounded number of examples; ``fuzz/fuzz_clean.py`` runs the same target for as long
as it is given, driven by atheris (coverage-guided) or by hypothesis alone.
"""

from __future__ import annotations

import codecs
import gzip
import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean import CleanConfig, NewscleanError, clean

# ------------------------------------------------------------------------------ the vocabulary

WORDS = ["Berlin", "BERLIN", "SANKT", "PETERSBURG", "Anna", "Schmidt", "Stadtrat", "Freibad", "Sanierung", "dpa",
         "AFP", "Reuters", "von", "Von", "und", "die", "der", "Foto:", "Bild:", "©", "Mehr", "zum", "Thema", "Anzeige",
         "Newsletter", "Kommentare", "gestern", "vor", "Tagen", "Uhr", "Januar", "November", "am", "Veröffentlicht",
         "Aktualisiert", "Stand:", "|", "·", "•", "-", "–", "(", ")", "/", ":", ".", ",", "»", "„", "“", "A-", "ZÜRICH"]
LINES = [
    "Der Stadtrat hat am Donnerstag mit großer Mehrheit beschlossen, das Freibad zu sanieren.",
    "„Wir haben lange darauf gewartet“, sagte Bürgermeisterin Anna Schmidt nach der Sitzung.",
    "BERLIN. Die Bundesregierung will die Reform noch in diesem Jahr beschließen.",
    "Berlin (dpa) - Die Regierung hat sich geeinigt.", "Essen, 20.11.2024 / Der Rat tagt.",
    "Mehr zum Thema", "Lesen Sie auch", "Anzeige", "Newsletter bestellen »", "© dpa", "Foto: picture alliance/dpa",
    "Kommentare (12)", "Jetzt einloggen", "Wir verwenden Cookies.", "Impressum | Datenschutz", "Von Sabine Rother",
    "Veröffentlicht am 12.06.2019, 14:03 Uhr", "26. November 2024", "gestern, 14:03 Uhr", "vor 99999999 Tagen",
    "vor 3 Tagen", "2024-11-26T09:30:00+99:99", "(mu)", "Andrew Harnik / AP", "18.04.2024 | 0:21 min",
    "Stadtrat beschließt Sanierung des Freibads | Blatt", "Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch",
]
ODD = ["\x00", "\x01", "\x1b[31m", "\u00ad", "\u200b", "\u00a0", "\ufeff", "\u2066", "\u2069", "\u061c", "\u202e",
       "\ud800", "\U0001f600", "a\u0301", "FÃ¼r", "â€ž", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "\r\n", "\t", "<", ">",
       "&", '"', "'", "]]>", "<!--", "-->", "<![CDATA[", "<?xml", "\\", "\x85", "\u2028"]
TAGS = ["p", "div", "span", "b", "a", "h1", "h2", "li", "ul", "table", "tr", "td", "article", "section", "nav", "aside",
        "footer", "header", "time", "br", "img", "script", "style", "title", "meta", "link", "blockquote", "figure",
        "figcaption", "select", "option", "textarea", "svg", "pre", "html", "head", "body", "noscript", "iframe"]
ATTRIBUTES = ["class", "id", "rel", "itemprop", "property", "name", "content", "href", "datetime", "lang", "charset",
              "type", "http-equiv", "style", "data-x"]
ATTRIBUTE_VALUES = ["author", "byline", "comment", "teaser", "newsletter", "breadcrumb", "lead", "canonical", "og:url",
                    "og:title", "article:published_time", "application/ld+json", "2024-01-01", "https://x.de/a", "utf-8",
                    "rot13", "base64", "utf-16", "x-user-defined", "text/html; charset=latin1"]
CHARSETS = ["utf-8", "latin1", "windows-1252", "iso-8859-15", "rot13", "base64", "undefined", "punycode",
            "unicode_escape", "hex", "zlib", "utf-7", "utf-16", "utf-32", "shift_jis", "gbk", "replacement", ""]
JSON_KEYS = ["@type", "@graph", "@id", "mainEntity", "itemListElement", "headline", "name", "author", "publisher",
             "datePublished", "dateModified", "description", "articleSection", "url"]
JSON_TYPES = ["NewsArticle", "Article", "Person", "Organization", "WebPage", "Thing"]


#: the characters a repeated piece, and an element's content, grow to at most: nested and
#: repeated without a bound, the pages drawn took gigabytes to build (one took 23 GB and was
#: killed), the generator's memory and not newsclean's
BUDGET = 1_000_000


def repeated(piece: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A piece once, or many times over (as often as :data:`BUDGET` allows): the shape of the
    pages that once took quadratic time."""
    return st.tuples(piece, st.sampled_from([1, 1, 1, 2, 3, 10, 100, 1000])).map(
        lambda pair: pair[0] * min(pair[1], max(1, BUDGET // max(1, len(pair[0])))))


text_piece = st.one_of(
    st.sampled_from(WORDS).map(lambda word: word + " "),
    st.sampled_from(LINES),
    st.sampled_from(ODD),
    st.text(max_size=12),
)
text = st.lists(repeated(text_piece), max_size=12).map("".join)
#: text for JSON-LD values and attributes (a few pieces, not repeated)
short_text = st.lists(text_piece, max_size=6).map("".join)

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | short_text | st.sampled_from(JSON_TYPES + LINES),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(JSON_KEYS), inner, max_size=5),
    max_leaves=20,
)


@st.composite
def json_ld(draw) -> str:
    body = json.dumps(draw(json_value), allow_nan=True)
    if draw(st.booleans()):  # nested far deeper than any publisher writes (built as text)
        depth = draw(st.sampled_from([10, 600, 3000]))
        key = json.dumps(draw(st.sampled_from(["@graph", "mainEntity", "author", "name", "datePublished"])))
        body = f'{{"@type": "NewsArticle", {key}: {body}}}'
        if draw(st.booleans()):
            body = "[" * depth + body + "]" * depth
        else:
            body = f"{{{key}: " * depth + body + "}" * depth
    if draw(st.integers(0, 4)) == 0:
        body = body[: draw(st.integers(0, len(body)))]  # cut off
    return f'<script type="application/ld+json">{body}</script>'


@st.composite
def element(draw, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = "".join(
        f' {draw(st.sampled_from(ATTRIBUTES))}="{draw(st.sampled_from(ATTRIBUTE_VALUES) | short_text)}"'
        for _ in range(draw(st.sampled_from([0, 0, 1, 2, 150])))
    )
    inner = draw(st.lists(text | json_ld() | (element(depth + 1) if depth < 3 else text), max_size=4))
    closing = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</p>"]))
    markup = f"<{tag}{attributes}>{''.join(inner)[:BUDGET]}{closing}"
    nesting = draw(st.sampled_from([1, 1, 1, 2, 50, 3000]))
    if nesting > 1:  # the same element around itself, closed or not
        close = draw(st.booleans())
        markup = f"<{tag}>" * nesting + markup + (f"</{tag}>" * nesting if close else "")
    return markup


@st.composite
def html_page(draw) -> str:
    charset = draw(st.sampled_from(CHARSETS))
    head = "".join(draw(st.lists(json_ld() | element(), max_size=3)))
    body = "".join(draw(st.lists(repeated(element()), max_size=6)))
    return f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{draw(text)}</title>{head}</head><body>{body}</body></html>"


dump_page = st.lists(repeated(text.map(lambda line: line + "\n")), max_size=20).map("".join)


@st.composite
def page_bytes(draw) -> bytes:
    """A hostile page: raw bytes, or markup or a dump in some encoding, perhaps with a byte
    order mark, gzipped in one member or several."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.binary(max_size=4000))
    page = draw(html_page()) if kind <= 5 else draw(dump_page)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "cp1252", "utf-16", "utf-32-be", "utf-16-le", "latin-1"]))
    data = page.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")
    bom = draw(st.sampled_from([b"", b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE]))
    data = bom + data
    wrapping = draw(st.integers(0, 9))
    if wrapping == 0:
        data = gzip.compress(data, mtime=0)
    elif wrapping == 1:  # several members, and sometimes a cut-off last one
        cut = draw(st.integers(0, len(data)))
        data = gzip.compress(data[:cut], mtime=0) + gzip.compress(data[cut:], mtime=0)[: draw(st.sampled_from([None, 15]))]
    return data


configs = st.builds(
    CleanConfig,
    format=st.sampled_from(["auto", "auto", "html", "text"]),
    reference_date=st.none() | st.sampled_from([date.min, date.max]) | st.dates(),
    url=st.none() | st.text(max_size=30),
)


# --------------------------------------------------------------------------------- the target


def clean_target(data: bytes, config: CleanConfig) -> None:
    """What the fuzzer checks: an Article whose JSON can be written, or a NewscleanError with
    a message. Any other exception escapes and is a finding."""
    try:
        article = clean(data, config)
    except NewscleanError as exc:
        assert str(exc), "a NewscleanError says what went wrong"
        return
    json.loads(article.to_json())


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=page_bytes(), config=configs)
def test_clean_gives_an_article_or_a_newsclean_error(data, config):
    clean_target(data, config)

"""The one pipeline every command runs: bytes -> Page -> blocks -> Document -> Article.

``clean`` prints the Article, ``diff`` renders the Document, ``batch`` calls :func:`clean_bytes`
in worker processes. All functions here are pure: same bytes and config, same result.
"""

from __future__ import annotations

import html
import logging
import re
from functools import cache

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from .assemble import Article, assemble
from .classify import classify_html
from .config import CleanConfig
from .errors import NoArticleError
from .ingest import read_page
from .metadata import annotate
from .models import Block, Document, Page
from .normalize import normalize_text
from .segment import dump_lines, segment_html
from .structured import Declared, read_declared
from .textdump import classify_dump, classify_text

# trafilatura logs every page it discards at WARNING; that is our business to report, not its.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# huge_tree: libxml2 otherwise drops content nested deeper than 256 elements (builders nest deep)
_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True)
# Every element an HtmlElement, chosen in C: lxml.html's default lookup calls Python for each
# element object created, in our walk and in all of trafilatura's (a fifth of its time). We
# lose only the form-element classes (InputElement, ...), which nothing here uses.
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement,
        comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity,
    )
)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_LIST_MARK = re.compile(r"^[-*•]\s+")


def parse_html(text: str) -> HtmlElement:
    """Parse page text into an lxml tree (never raises for odd markup).

    Comments and processing instructions are left out, as trafilatura's own parser does: text
    after an HTML comment then stays in its paragraph.

    >>> [p.text for p in parse_html("<p>Erster<!-- RSPEAK_START --> Absatz</p>").iter("p")]
    ['Erster Absatz']
    """
    text = _XML_DECL.sub("", text, count=1)
    try:
        return lxml_html.document_fromstring(text, parser=_PARSER)
    except (ValueError, etree.ParserError):  # empty document or an encoding declaration
        return lxml_html.document_fromstring(f"<html><body><pre>{html.escape(text)}</pre></body></html>", parser=_PARSER)


@cache
def _extractor():
    """trafilatura's settings, built once: building them reads its config file each time."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", comments=False, tables=True, with_metadata=False, dedup=False)


def main_content_lines(tree: HtmlElement) -> list[str]:
    """The paragraphs trafilatura takes for the main content (comments excluded)."""
    import trafilatura

    result = trafilatura.bare_extraction(tree, options=_extractor())
    if result is None or not result.text:
        return []
    lines = []
    for line in result.text.split("\n"):
        # NFC and the same space repairs as the blocks, or an NFD page never matches
        line = normalize_text(_LIST_MARK.sub("", line))
        if line:
            lines.append(line)
    return lines


def html_blocks(page: Page) -> tuple[list[Block], Declared]:
    tree = parse_html(page.text)
    declared = read_declared(tree)  # first: segmenting strips the scripts that hold JSON-LD
    blocks = segment_html(tree)
    main = main_content_lines(tree)  # on the tree without invisible elements: less to copy
    if main:
        return classify_html(blocks, main), declared
    # the extractor found nothing: judge the page's blocks as a text dump would be
    return classify_text(blocks), declared


def build_document(data: bytes, config: CleanConfig = CleanConfig(), path: str | None = None) -> Document:
    """Read, segment, classify and annotate one page.

    Raises :class:`~newsclean.errors.NewscleanError` subclasses for input problems and for a
    page without article text.
    """
    page = read_page(data, config, path)
    if page.format == "html":
        blocks, declared = html_blocks(page)
    else:
        blocks, declared = classify_dump(dump_lines(page.text)), None
    doc = annotate(Document(page=page, blocks=tuple(blocks)), declared, config)
    # (not ``doc.body_blocks``: that builds the tuple of them all, to see if there is one)
    if not doc.metadata.lead and not any(b.kept and b.role == "body" for b in doc.blocks):
        raise NoArticleError()
    return doc


def clean_bytes(data: bytes, config: CleanConfig = CleanConfig(), path: str | None = None) -> Article:
    """Clean one page given as raw bytes and return the Article.

    >>> page = "<html><body><article><h1>Neue Brücke für Köln</h1>" + (
    ...     "<p>Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen, "
    ...     "die ab dem kommenden Jahr errichtet werden soll und den Verkehr entlasten wird.</p>" * 3
    ... ) + "<p>Newsletter bestellen »</p></article></body></html>"
    >>> article = clean_bytes(page.encode())
    >>> article.title, len(article.body), article.removed[0].reason
    ('Neue Brücke für Köln', 3, 'newsletter')
    """
    doc = build_document(data, config, path)
    return assemble(doc, config.min_language_chars)

"""The one pipeline every command runs: bytes -> Page -> blocks -> Document -> Article.

``clean`` prints the Article, ``diff`` renders the Document, ``batch`` calls :func:`clean_bytes`
in worker processes. All functions here are pure: same bytes and config, same result.
"""

from __future__ import annotations

import gc
import logging

from .article import Article, assemble
from .config import CleanConfig
from .errors import NewscleanError, NoArticleError
from .fields.annotate import annotate
from .fields.declared import Declared, read_declared
from .model import Block, Document, Origin, Page
from .read.decode import read_page
from .read.dump import dump_lines
from .read.html import parse_html, segment_html, without_control_characters
from .verdicts.dump import classify_dump
from .verdicts.html import classify_html, classify_unextracted, main_content_lines
from .verdicts.repeats import drop_repeated_text
from .verdicts.threads import drop_comment_threads

# trafilatura logs every page it discards at WARNING; that is our business to report, not its.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

def html_blocks(page: Page) -> tuple[list[Block], Declared]:
    tree = parse_html(page.text)
    declared = read_declared(tree)  # first: segmenting strips the scripts that hold JSON-LD
    blocks = segment_html(tree)
    main = main_content_lines(tree)  # on the tree without invisible elements: less to copy
    if not main and (readable := without_control_characters(page.text)) != page.text:
        # (a control character fails the extractor; the page is searched for them only then)
        main = main_content_lines(parse_html(readable))
    if main:
        return classify_html(blocks, main), declared
    # the extractor found nothing: judge the page's blocks as a text dump would be
    return classify_unextracted(blocks, declared.html_title), declared


def build_document(data: bytes | str, config: CleanConfig = CleanConfig(), path: str | None = None, origin: Origin | None = None) -> Document:
    """Read, segment, classify and annotate one page. ``origin`` says where the bytes came from
    (a file ``path``, or a WARC record with its HTTP charset); see :class:`~newsclean.model.Origin`.

    Raises :class:`~newsclean.errors.NewscleanError` subclasses for input problems and for a
    page without article text.
    """
    page = read_page(data, config, path, origin)
    if page.format == "html":
        (blocks, declared), repeats = html_blocks(page), None
    else:
        dump = classify_dump(dump_lines(page.text))
        # a dump declares nothing; the repeats of its <title> are found once, by the classifier
        blocks, declared, repeats = dump.blocks, Declared(), dump.repeats
    blocks = drop_repeated_text(drop_comment_threads(blocks))
    doc = annotate(Document(page=page, blocks=tuple(blocks)), declared, config, repeats)
    # (not ``doc.body_blocks``: that builds the tuple of them all, to see if there is one)
    if not doc.metadata.lead and not any(b.kept and b.role == "body" for b in doc.blocks):
        raise NoArticleError()
    return doc


def clean_bytes(data: bytes | str, config: CleanConfig = CleanConfig(), path: str | None = None, origin: Origin | None = None) -> Article:
    """Clean one page given as raw bytes and return the Article (``origin``: see
    :func:`build_document`).

    >>> page = "<html><body><article><h1>Neue Brücke für Köln</h1>" + "".join(
    ...     f"<p>Die Stadt hat am {day} den Bau einer neuen Brücke über den Rhein beschlossen, "
    ...     "die ab dem kommenden Jahr errichtet werden soll und den Verkehr entlasten wird.</p>"
    ...     for day in ("Montag", "Dienstag", "Mittwoch")
    ... ) + "<p>Newsletter bestellen »</p></article></body></html>"
    >>> article = clean_bytes(page.encode())
    >>> article.title, len(article.body), article.removed[0].reason.value
    ('Neue Brücke für Köln', 3, 'newsletter')
    """
    doc = build_document(data, config, path, origin)
    return assemble(doc, config.min_language_chars)


def clean(page: bytes | str, config: CleanConfig = CleanConfig(), path: str | None = None, origin: Origin | None = None) -> Article:
    """Clean one page: raw bytes (a file's, ``response.content``), or text someone already
    decoded (``response.text``, a DataFrame column), which is read as it is, with no charset to
    guess (``source.encoding`` is then ``str``).

    Raises :class:`~newsclean.errors.NewscleanError` for a page that cannot be used (its
    message says why), and ``TypeError`` for anything that is not a page at all.

    >>> page = "<html><body><article><h1>Neue Brücke für Köln</h1>" + (
    ...     "<p>Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen, "
    ...     "die ab dem kommenden Jahr errichtet werden soll und den Verkehr entlasten wird.</p>" * 3
    ... ) + "</article></body></html>"
    >>> clean(page).title, clean(page).source.encoding, clean(page.encode("cp1252")).source.encoding
    ('Neue Brücke für Köln', 'str', 'cp1252')
    >>> clean(None)
    Traceback (most recent call last):
    ...
    TypeError: a page is bytes (raw, as read from a file or response.content) or str (already decoded, as response.text), not NoneType
    """
    return clean_bytes(as_page(page), config, path, origin)


def as_page(page: object) -> bytes | str:
    """``page`` as the pipeline takes it (bytes-like objects become bytes), or ``TypeError``."""
    if isinstance(page, bytes | str):
        return page
    if isinstance(page, bytearray | memoryview):
        return bytes(page)
    raise TypeError(
        "a page is bytes (raw, as read from a file or response.content) or str (already decoded, "
        f"as response.text), not {type(page).__name__}"
    )


def warm_up() -> None:
    """Load everything a page may need and keep the garbage collector away from it.

    For a parent process about to fork workers: each worker (and each replacement of a killed
    one) then starts ready instead of loading its own copy on its first page that needs it,
    0.5 to 0.8 s of CPU. A sample page loads trafilatura and the phrase tables; the adapters'
    loaders load what it does not reach: langdetect's profiles (a German page is told without
    them), ftfy (for mojibake), htmldate (for the date guess).
    """
    from .fields.pubdate import load_date_guesser
    from .text.language import load_profiles
    from .text.normalize import load_repairs

    page = "<html><body><article><h1>Neue Brücke</h1>" + "<p>Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen.</p>" * 3 + "</article></body></html>"
    try:
        clean_bytes(page.encode())
    except NewscleanError:
        pass
    load_profiles()
    load_repairs()
    load_date_guesser()
    # Everything loaded so far lives as long as the workers: keep the garbage collector away
    # from it, or each forked worker's first collection writes to (and so copies) every page
    # of those objects that it shares with the parent.
    gc.freeze()

"""What an HTML page declares about itself: JSON-LD, ``<meta>`` tags, ``<time>`` elements.

Publishers fill these for search engines, so they are usually more exact than visible text
(full timestamps with offsets, author lists). Only reads; the choice between sources is made in
:mod:`newsclean.fields.annotate`.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from itertools import islice

from lxml import etree
from lxml.html import HtmlElement

from ..text.normalize import normalize_text

_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                  "OpinionNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "WebPage",
                  "ScholarlyArticle", "TechArticle", "BackgroundNewsArticle", "ReviewNewsArticle")


@dataclass(frozen=True, slots=True)
class Declared:
    """Metadata a page declares, each field as the page wrote it (normalised text)."""

    headline: str | None = None
    og_title: str | None = None
    html_title: str | None = None
    description: str | None = None
    #: the description for social media (og:description), where it differs: pages often give
    #: the lead there and a shorter summary for search engines in the others
    og_description: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    #: the page's first ``<time datetime>``: often the article's, but sometimes a sidebar's, so
    #: it yields to a date printed in the article's header
    time_published: str | None = None
    modified: str | None = None
    site_name: str | None = None
    section: str | None = None
    url: str | None = None
    language: str | None = None
    #: texts of elements marked as the author (rel/itemprop/class "author", "byline"), not yet
    #: checked for being names
    author_marks: tuple[str, ...] = ()
    #: the authors JSON-LD types as ``Person`` (a one-word pen name is then still a person's)
    persons: tuple[str, ...] = ()
    #: the authors JSON-LD types as an organisation (the publisher listed beside the people)
    organizations: tuple[str, ...] = ()


#: JSON-LD a publisher writes nests a few levels (a graph, an article, its author, a name);
#: what lies deeper than this many lists and objects is not read (and cannot exhaust the stack)
MAX_DEPTH = 32
#: at most this many JSON-LD objects of a page are read, and this many author names
MAX_NODES = 1000
MAX_NAMES = 100
#: a declared value longer than this (characters) is no headline, date, name or description
MAX_CHARS = 10_000


def _walk_jsonld(node, out: list[dict], depth: int = 0) -> None:
    """The JSON-LD objects in ``node``, in document order, into ``out`` (the page's graphs
    and main entities included), at most :data:`MAX_NODES` and :data:`MAX_DEPTH` deep.

    >>> out = []
    >>> _walk_jsonld([{"@graph": [{"@type": "NewsArticle"}]}, [[[[{"@type": "Deep"}]]]]], out, depth=MAX_DEPTH - 4)
    >>> [node.get("@type") for node in out]
    [None, 'NewsArticle']
    """
    if depth >= MAX_DEPTH or len(out) >= MAX_NODES:
        return
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, out, depth + 1)
    elif isinstance(node, dict):
        out.append(node)
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                _walk_jsonld(node[key], out, depth + 1)


def _types(node: dict) -> tuple[str, ...]:
    t = node.get("@type", ())
    return tuple(t) if isinstance(t, list) else (t,)


def _names(value, depth: int = 0) -> list[str]:
    """The names in a JSON-LD ``author`` or ``publisher`` value: strings, objects' ``name``,
    lists of them; at most :data:`MAX_NAMES`, from at most :data:`MAX_DEPTH` levels.

    >>> _names([{"name": "Anna Berg"}, "Jan Roth", [{"name": {"name": "Eva Maas"}}], 3])
    ['Anna Berg', 'Jan Roth', 'Eva Maas']
    """
    if depth >= MAX_DEPTH:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"), depth + 1)
    if isinstance(value, list):
        return _of_each(value, _names, depth)
    return []


def _of_each(items: list, read, depth: int) -> list[str]:
    """The names ``read`` finds in each of ``items`` (a level below ``depth``), at most
    :data:`MAX_NAMES`."""
    names: list[str] = []
    for item in items:
        names += read(item, depth + 1)
        if len(names) >= MAX_NAMES:
            return names[:MAX_NAMES]
    return names


def _persons(value, depth: int = 0, kinds: tuple[str, ...] = ("Person",)) -> list[str]:
    """Names of the nodes of one of ``kinds`` (``Person``) in a JSON-LD ``author`` value.

    >>> _persons([{"@type": "Person", "name": "Tiberius"}, {"@type": "Organization", "name": "ORF"}])
    ['Tiberius']
    """
    if depth >= MAX_DEPTH:
        return []
    if isinstance(value, list):
        return _of_each(value, lambda item, level: _persons(item, level, kinds), depth)
    if isinstance(value, dict) and any(t in kinds for t in _types(value)):
        return _names(value.get("name"), depth + 1)
    return []


#: JSON-LD types of an author that is no person: the publisher listed among the authors
_ORGANIZATIONS = ("Organization", "NewsMediaOrganization", "Corporation", "LocalBusiness", "WebSite")


def _resolved(value, by_id: dict[str, dict], depth: int = 0):
    """An ``author`` value with each reference to a node of the page's graph (an object with
    only an ``@id``, as WordPress's Yoast writes it) replaced by that node; lists deeper than
    :data:`MAX_DEPTH` are left as they are (:func:`_names` reads no deeper).

    >>> _resolved([{"@id": "#p1"}, "Jan Roth"], {"#p1": {"@type": "Person", "name": "Anna Berg"}})
    [{'@type': 'Person', 'name': 'Anna Berg'}, 'Jan Roth']
    """
    if isinstance(value, list):
        return value if depth >= MAX_DEPTH else [_resolved(item, by_id, depth + 1) for item in value[:MAX_NAMES]]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    if isinstance(value, str) and len(value) > MAX_CHARS:
        return None
    if isinstance(value, (str, int, float)):
        text = normalize_text(html.unescape(str(value)))  # JSON-LD often carries "&ouml;"
        return text or None
    return None


def _short(names: list[str]) -> list[str]:
    """The names that may be names: strings with some text, none longer than :data:`MAX_CHARS`."""
    return [name for name in names if isinstance(name, str) and name.strip() and len(name) <= MAX_CHARS]


# The attributes, not the elements: libxml2 testing a predicate on every element of the page
# took 2.1 ms a page on dev; fetching the class/rel/itemprop attributes (in document order) and
# testing them here takes 0.9 ms.
_MARK_ATTRIBUTES = etree.XPath(".//*/@class | .//*/@rel | .//*/@itemprop")
_AUTHOR_CLASS = re.compile("author|byline|contributor|autor")


def _marked_elements(tree: HtmlElement) -> list[HtmlElement]:
    """Elements with rel or itemprop "author", or a class containing author, byline,
    contributor or autor; in document order.

    >>> from lxml import html
    >>> page = html.fromstring('<div><p class="post-author" rel="author">A</p><a rel="me">B</a>'
    ...                        '<span itemprop="author">C</span></div>')
    >>> [el.text for el in _marked_elements(page)]
    ['A', 'C']
    """
    found: list[HtmlElement] = []
    for value in _MARK_ATTRIBUTES(tree):
        marked = _AUTHOR_CLASS.search(value) if value.attrname == "class" else value == "author"
        if marked and (not found or found[-1] is not value.getparent()):
            found.append(value.getparent())
    return found


def _in_comments(el: HtmlElement) -> bool:
    for anc in (el, *el.iterancestors()):
        if "comment" in ((anc.get("class") or "") + " " + (anc.get("id") or "")).lower():
            return True
    return False


#: the elements marked as author that are read, in document order (a page's own author comes
#: first, a comment section's many after it); one with more elements or characters inside is
#: a box, not a name
_MAX_MARKS = 200
_MAX_MARK_ELEMENTS = 1000
_MAX_MARK_CHARS = 10_000


def _author_marks(tree: HtmlElement) -> tuple[str, ...]:
    """Short texts of elements the page marks as its author, outside the comments."""
    found: list[str] = []
    for el in islice(_marked_elements(tree), _MAX_MARKS):
        if el.tag in ("meta", "link", "script", "style", "img") or _in_comments(el):
            continue
        raw = _text_up_to(el, _MAX_MARK_CHARS)
        if raw is None:
            continue
        text = normalize_text(raw)
        # "Geschrieben vonElisa Marvena", "AuthorAndreas Kalt": label and name glued together
        text = re.sub(r"^(.*?(?:\bvon|\bby|\bAuthor|\bAutor|\bAutorin))(?=[A-ZÄÖÜ])", r"\1 ", text)
        if 3 <= len(text) <= 80 and text not in found:
            found.append(text)
        if len(found) >= 8:
            break
    return tuple(found)


def _text_up_to(el: HtmlElement, limit: int) -> str | None:
    """``el.text_content()``, or None when it has more than ``limit`` characters or the
    element more than :data:`_MAX_MARK_ELEMENTS` elements inside (read no further than that:
    nested marked elements would each read all the text of the ones inside them).

    >>> from lxml import html
    >>> _text_up_to(html.fromstring("<p>Anna <b>Berg</b></p>"), 9), _text_up_to(html.fromstring("<p>Anna <b>Berg</b></p>"), 8)
    ('Anna Berg', None)
    """
    if next(islice(el.iterdescendants(), _MAX_MARK_ELEMENTS, None), None) is not None:
        return None
    parts: list[str] = []
    size = 0
    for part in el.itertext():
        size += len(part)
        if size > limit:
            return None
        parts.append(part)
    return "".join(parts)


def _declared_names(names: list) -> tuple[str, ...]:
    return tuple(normalize_text(html.unescape(a)) for a in names if isinstance(a, str) and len(a) <= MAX_CHARS)


def _declaring_elements(tree: HtmlElement) -> tuple[list[dict], dict[str, str], str, HtmlElement | None]:
    """What the elements that declare hold, read in one walk over the page: the JSON-LD
    objects of its scripts, the first content of each ``<meta>`` key (lower-cased), the text of
    its first ``<title>`` and its first ``<time datetime>``.

    (One walk, not a search for each tag: finding even the first ``<title>`` walks the whole
    tree, as lxml looks for the match after it.)

    >>> from lxml import html
    >>> page = html.fromstring('<html><head><title>Neue Brücke</title><meta name="Author" content="Anna Berg">'
    ...                        '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
    ...                        '<body><time>heute</time><time datetime="2024-05-03">3. Mai</time></body></html>')
    >>> nodes, meta, title, time_el = _declaring_elements(page)
    >>> nodes, meta, title, time_el.get("datetime")
    ([{'@type': 'NewsArticle'}], {'author': 'Anna Berg'}, 'Neue Brücke', '2024-05-03')
    """
    nodes: list[dict] = []
    meta: dict[str, str] = {}
    title_text: str | None = None
    time_el: HtmlElement | None = None
    for el in tree.iter("script", "meta", "title", "time"):
        tag = el.tag
        if tag == "meta":
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower().strip()
            content = el.get("content")
            if key and content and key not in meta:
                meta[key] = content
        elif tag == "script":
            if (el.get("type") or "").lower().strip() != "application/ld+json" or not el.text:
                continue
            try:
                _walk_jsonld(json.loads(el.text.strip().rstrip(";")), nodes)
            except (ValueError, RecursionError):
                continue
        elif tag == "title":
            if title_text is None:
                title_text = el.text_content()
        elif time_el is None and el.get("datetime"):
            time_el = el
    return nodes, meta, title_text or "", time_el


def read_declared(tree: HtmlElement) -> Declared:
    """Collect declared metadata; article-typed JSON-LD wins over generic nodes."""
    nodes, meta, title_text, time_el = _declaring_elements(tree)
    articles = [n for n in nodes if any(t in _ARTICLE_TYPES for t in _types(n) if isinstance(t, str))]
    article = next((n for n in articles if "headline" in n or "datePublished" in n), None) or {}
    html_title = normalize_text(title_text) if len(title_text) <= MAX_CHARS else None

    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and "name" in n}
    author = _resolved(article.get("author"), by_id)
    authors = _names(author) or [
        value for key, value in meta.items() if key in ("author", "article:author", "dc.creator", "sailthru.author")
    ]
    publisher = article.get("publisher")
    html_el = tree if tree.tag == "html" else tree.find(".//html")
    published = _text(
        article.get("datePublished") or meta.get("article:published_time") or meta.get("date")
        or meta.get("pubdate") or meta.get("dc.date") or meta.get("dcterms.created")
        or meta.get("og:article:published_time")
    )
    return Declared(
        headline=_text(article.get("headline")) or _text(meta.get("headline")),
        og_title=_text(meta.get("og:title") or meta.get("twitter:title")),
        html_title=html_title or None,
        description=_text(article.get("description") or meta.get("og:description") or meta.get("description")),
        og_description=_text(meta.get("og:description")),
        authors=tuple(normalize_text(html.unescape(a)) for a in _short(authors)),
        published=published,
        time_published=_text(time_el.get("datetime")) if time_el is not None else None,
        modified=_text(article.get("dateModified") or meta.get("article:modified_time") or meta.get("og:updated_time")),
        site_name=_text(meta.get("og:site_name") or _names(publisher)[:1] or None),
        section=_text(article.get("articleSection") or meta.get("article:section")),
        url=_text(meta.get("og:url")) or _text(article.get("url")),
        language=(html_el.get("lang") if html_el is not None else None),
        author_marks=_author_marks(tree),
        persons=_declared_names(_persons(author)),
        organizations=_declared_names(_persons(author, kinds=_ORGANIZATIONS)),
    )

"""HTML text -> blocks: parse the page, then cut it into paragraph-like units in page order.

Block-level elements start a new block, inline elements stay inside it; each block carries the
class/id hints of its ancestors and the share of its text inside links.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from itertools import islice

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from ..errors import TooLargeError
from ..model import MAX_PARAGRAPHS, Block, Kind
from ..text.normalize import normalize_text
from .dump import too_many_blocks

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
#: the characters XML does not allow (C0 controls but tab and line breaks, U+FFFE, U+FFFF)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def without_control_characters(text: str) -> str:
    """The page without the characters XML does not allow (C0 controls but tab and line
    breaks, U+FFFE, U+FFFF), which are never text.

    trafilatura builds XML elements of the page's text and finds nothing on a page with one.

    >>> without_control_characters("Glocke\\x07 läutet")
    'Glocke läutet'
    """
    return _NOT_XML.sub("", text) if _NOT_XML.search(text) else text


def parse_html(text: str) -> HtmlElement:
    """Parse page text into an lxml tree (never raises for odd markup).

    Comments and processing instructions are left out, as trafilatura's own parser does: text
    after an HTML comment then stays in its paragraph.

    >>> [p.text for p in parse_html("<p>Erster<!-- RSPEAK_START --> Absatz</p>").iter("p")]
    ['Erster Absatz']
    """
    if text.count("<") > MAX_TAGS:  # (an upper bound of the tags, counted before parsing them)
        raise TooLargeError(f"page has more than {MAX_TAGS:,} tags, not an article page (news pages have a few thousand)")
    text = _close_title(cap_attributes(_XML_DECL.sub("", text, count=1)))
    try:
        tree = lxml_html.document_fromstring(text, parser=_PARSER)
    except (ValueError, etree.ParserError):  # empty document or an encoding declaration
        return lxml_html.document_fromstring(f"<html><body><pre>{html.escape(text)}</pre></body></html>", parser=_PARSER)
    last = _PARSER.error_log.last_error
    if last is not None and last.type_name == "ERR_RESOURCE_LIMIT":
        # libxml2 stops reading (and drops the rest of the page) at elements nested deeper than
        # it allows; browsers keep building, the deepest elements side by side instead
        tree = lxml_html.document_fromstring(cap_nesting(text, MAX_NESTING), parser=_PARSER)
    return tree


#: a page with more tags than this is refused before it is parsed: the tree of a million
#: elements takes 300 MB (5 million, 20 MB of "<p>x", took 1.4 GB); most elements of a page
#: hold no paragraph of their own (of which it may have :data:`~newsclean.model.MAX_PARAGRAPHS`)
MAX_TAGS = 1_000_000
#: a tag keeps this many of its attributes at most: libxml2 compares each attribute of a tag
#: with all before it (a tag of 50,000 took 10 s); real tags have a few dozen
MAX_ATTRIBUTES = 100
#: a tag long enough to hold more attributes than that (each takes two characters at least)
_LONG_TAG = re.compile(rf"<[A-Za-z][^<>]{{{2 * MAX_ATTRIBUTES},}}")
#: a tag's name or one of its attributes, with its value
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")
#: what stands before every attribute but a tag's first: a space or the quote closing a value
_BEFORE_ATTRIBUTE = (" ", "\t", "\n", "\r", "\f", '"', "'")


def cap_attributes(text: str) -> str:
    """The markup with each tag cut after its first :data:`MAX_ATTRIBUTES` attributes (what a
    script or style sheet holds is left alone: "<" in code starts no tag).

    >>> cap_attributes("<p " + " ".join(f"a{i}=x" for i in range(150)) + ">Text</p>") == (
    ...     "<p " + " ".join(f"a{i}=x" for i in range(100)) + " >Text</p>")
    True
    """
    cuts: list[tuple[int, int]] = []
    for tag in _LONG_TAG.finditer(text):
        region = tag.group()
        if sum(map(region.count, _BEFORE_ATTRIBUTE)) < MAX_ATTRIBUTES:
            continue  # (the common long tag: a few attributes with long values)
        # the tag's name, then its attributes: the one after the last kept starts the cut
        cut = next(islice(_ATTRIBUTE.finditer(region), MAX_ATTRIBUTES + 1, None), None)
        if cut is not None:
            cuts.append((tag.start() + cut.start(), tag.end()))
    if not cuts:
        return text
    code = _code_spans(text)
    pieces: list[str] = []
    copied = 0
    for start, end in cuts:
        inside = bisect_right(code, (start, len(text))) - 1
        if inside >= 0 and code[inside][0] <= start < code[inside][1]:
            continue
        pieces.append(text[copied:start])
        copied = end
    pieces.append(text[copied:])
    return "".join(pieces)


_CODE_START = re.compile(r"<(script|style)\b[^<>]*>", re.IGNORECASE)
_CODE_END = {name: re.compile(f"</{name}", re.IGNORECASE) for name in ("script", "style")}


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where the page's scripts and style sheets are (start, end), in order."""
    spans: list[tuple[int, int]] = []
    at = 0
    while (start := _CODE_START.search(text, at)) is not None:
        end = _CODE_END[start.group(1).lower()].search(text, start.end())
        if end is None:
            spans.append((start.end(), len(text)))
            break
        spans.append((start.end(), end.start()))
        at = end.end()
    return spans


#: an element nested deeper than this becomes the next sibling of the one at this depth
#: instead (as in Chromium, which builds no deeper than 512 elements)
MAX_NESTING = 512
# what the nesting is counted on: comments (skipped whole), start and end tags
_MARKUP = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/<>]*)[^<>]*>?)")
# elements without content, which are never open
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr basefont bgsound frame keygen".split())
# a start tag of these closes an open element of its name right before it ("<li>a<li>b")
_SIBLING_CLOSES = frozenset("p li dt dd option optgroup tr td th rb rt rp".split())
# elements whose content is text up to their end tag, whatever markup it looks like
_RAW_TEXT = {name: re.compile(f"</{name}", re.IGNORECASE) for name in ("script", "style", "textarea", "title", "xmp")}


def cap_nesting(text: str, limit: int) -> str:
    """The markup with no element nested deeper than ``limit``: an element that would be is
    opened after closing the deepest open one, as its sibling.

    A simple reading of the tags (not the HTML parsing algorithm, whose implied end tags are
    only followed for the elements that close their own kind), one pass over the text, so
    any page can be read however deep it nests.

    >>> cap_nesting("<div><div><p>a<p>b</div><br></div>", 2)
    '<div><div></div><p>a<p>b<br></div>'
    >>> cap_nesting("<div><script>'<div><div>'</script><div>y</div></div>", 2)
    "<div><script>'<div><div>'</script><div>y</div></div>"
    """
    pieces: list[str] = []
    copied = 0  # the text before this is in pieces
    stack: list[str] = []  # the elements open in the text, by name
    in_output: list[bool] = []  # for each: whether it is open in the output too
    open_at: dict[str, list[int]] = {}  # name -> where elements of that name are in the stack
    opened: list[int] = []  # where the elements open in the output are in the stack

    def pop() -> None:
        name = stack.pop()
        open_at[name].pop()
        if in_output.pop():
            opened.pop()

    at = 0
    while (tag := _MARKUP.search(text, at)) is not None:
        at = tag.end()
        if tag.group(1):  # a comment
            end = text.find("-->", at)
            if end < 0:
                break
            at = end + 3
            continue
        name = tag.group(3).lower()
        if name in _VOID:
            continue
        if not tag.group(2):  # a start tag
            if name in _SIBLING_CLOSES and stack and stack[-1] == name:
                pop()
            if len(opened) >= limit:  # the deepest element open in the output closes first
                deepest = opened.pop()
                in_output[deepest] = False
                pieces.append(text[copied : tag.start()])
                pieces.append(f"</{stack[deepest]}>")
                copied = tag.start()
            open_at.setdefault(name, []).append(len(stack))
            opened.append(len(stack))
            stack.append(name)
            in_output.append(True)
            if name in _RAW_TEXT:  # on to its end tag
                end = _RAW_TEXT[name].search(text, at)
                if end is None:
                    break
                at = end.start()
        else:
            where = open_at.get(name)
            if not where:
                continue  # an end tag of nothing open: the parser ignores it too
            index = where[-1]
            closed_early = not in_output[index]
            while len(stack) > index:
                pop()
            if closed_early:  # its end tag is in the output already
                pieces.append(text[copied : tag.start()])
                copied = tag.end()
    pieces.append(text[copied:])
    return "".join(pieces)


_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
#: what ends a page's title: its end tag, or (when that is missing) the end of the head
_TITLE_END = re.compile(r"</title\s*>|</head\s*>|<body\b", re.IGNORECASE)
_TAG_START = re.compile(r"</?[A-Za-z]")


def _close_title(text: str) -> str:
    """The page with its ``<title>`` closed where the next tag starts, when the page never
    closes it before its head ends.

    A title's text is read up to ``</title>`` whatever it holds: without one the whole page
    becomes the title, and the page is empty. Browsers do the same, but the page's author saw
    the page (the head's other tags) and never the title bar; the tags say where it ended.

    >>> _close_title("<head><title>Neue Brücke<meta charset=utf-8></head><body><p>Text</p>")
    '<head><title>Neue Brücke</title><meta charset=utf-8></head><body><p>Text</p>'
    >>> _close_title("<title>a < b</title><p>Text</p>")
    '<title>a < b</title><p>Text</p>'
    """
    opened = _TITLE_OPEN.search(text)
    if opened is None:
        return text
    end = _TITLE_END.search(text, opened.end())
    if end is not None and end.group()[2:3] in "tT":
        return text
    tag = _TAG_START.search(text, opened.end())
    if tag is None:
        return text
    return f"{text[:tag.start()]}</title>{text[tag.start():]}"


# Elements whose text is never shown to a reader.
INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "option", "button", "input", "textarea", "head", "video", "audio", "map",
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table thead tbody tfoot tr td th "
    "section article header footer nav aside main figure figcaption form fieldset address hr br "
    "center details summary caption body html legend menu".split()
)
#: the elements a text dump puts blank lines around (html-text's, as the eval dumps are made):
#: a block after one of them starting or ending gets ``after_blank``, as the dump's line would
_PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre ul ol dl figure".split())
_KIND_OF: dict[str, Kind] = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list_item", "dd": "list_item", "dt": "list_item",
    "blockquote": "quote",
}
# class/id tokens longer than this are CMS hashes, not words
_MAX_HINT_TOKEN = 40
_HINT_TOKEN = re.compile(rf"[A-Za-z][A-Za-z0-9_-]{{1,{_MAX_HINT_TOKEN}}}")
_MAX_HINT_LEVELS = 12


def _label(el: HtmlElement) -> str:
    """Tag plus class and id tokens of one element, e.g. ``aside.teaser-box#more``."""
    parts = [el.tag]
    for value in (el.get("class"), el.get("id")):
        if value:
            parts.extend(_HINT_TOKEN.findall(value)[:6])
    return ".".join(parts)


class _Open:
    """The block-level elements around the current text, outermost first: the element, the
    hint of the path down to it (computed only once a block below it has text) and the kind
    its blocks get."""

    __slots__ = ("elements", "hints", "kinds")

    def __init__(self) -> None:
        self.elements: list[HtmlElement] = []
        self.hints: list[str | None] = []
        self.kinds: list[Kind] = ["paragraph"]

    def hint(self) -> str:
        """The labels of the innermost :data:`_MAX_HINT_LEVELS` open elements, outermost first.

        Each level keeps its hint, so a block costs one label and one concatenation (its
        siblings share the path above it), not a join over the whole path.
        """
        hints, n = self.hints, len(self.hints)
        known = n - 1
        while known >= 0 and hints[known] is None:
            known -= 1
        for i in range(known + 1, n):
            label = _label(self.elements[i])
            if i == 0:
                hints[i] = label
                continue
            above = hints[i - 1]
            if i >= _MAX_HINT_LEVELS:  # the window is full: the outermost label leaves it
                above = above.partition(" ")[2]  # type: ignore[union-attr]
            hints[i] = f"{above} {label}"
        return hints[-1] if n else ""


def _emit(blocks: list[Block], parts: list[str], link_chars: int, open_: _Open, after_blank: bool) -> None:
    """Append the block made of the text ``parts`` (the first one not all whitespace)."""
    raw = "".join(parts)
    # ASCII text has nothing for normalize_text to repair but its whitespace
    text = " ".join(raw.split()) if raw.isascii() else normalize_text(raw)
    if text:
        density = min(1.0, link_chars / len(text))
        blocks.append(Block(len(blocks), text, open_.kinds[-1], link_density=density, hint=open_.hint(),
                            after_blank=after_blank))
        if len(blocks) > MAX_PARAGRAPHS:
            raise TooLargeError(too_many_blocks(MAX_PARAGRAPHS, "paragraphs"))


def _glued(before: str, after: str) -> bool:
    """Two texts of a heading's elements that a page shows apart (a kicker's span over the
    headline's, styled as blocks) and that would run together into one word: the first ends
    in a small letter or a colon, the second starts with a capital ("Streik" + "Die Bahn …").
    A word split over elements goes on in small letters ("Fern" + "wärme") and stays whole.

    >>> _glued("Streik", "Die Bahn steht"), _glued("Fern", "wärme"), _glued("Streik ", "Die")
    (True, False, False)
    """
    return after[0].isupper() and (before[-1].islower() or before[-1] == ":")


def segment_html(tree: HtmlElement) -> list[Block]:
    """Cut a parsed page into blocks, skipping invisible elements.

    Block-level elements start a new block; text inside links counts for the link density.
    The tree is modified (invisible elements are stripped), so pass a tree nobody else needs.
    Comments must already be gone (:func:`parse_html` drops them): the
    walk does not see them, nor the text after them.

    >>> from lxml import html
    >>> page = html.fromstring("<div><h2>Titel</h2><p>Ein <a href='/x'>Link</a> im Text.</p></div>")
    >>> [(b.kind, b.text, round(b.link_density, 2)) for b in segment_html(page)]
    [('heading', 'Titel', 0.0), ('paragraph', 'Ein Link im Text.', 0.24)]
    >>> page = html.fromstring("<div><h1>Bahn streikt<br>ab heute</h1><h2>Streik<br>Die Bahn steht</h2><p>a<br>b</p></div>")
    >>> [b.text for b in segment_html(page)]
    ['Bahn streikt ab heute', 'Streik', 'Die Bahn steht', 'a', 'b']
    """
    etree.strip_elements(tree, *INVISIBLE_TAGS, with_tail=False)
    blocks: list[Block] = []
    open_ = _Open()
    elements, hints, kinds = open_.elements, open_.hints, open_.kinds
    parts: list[str] = []
    link_chars = link_depth = 0
    blank = True  # has a paragraph-like element started or ended since the last block?
    broken = False  # is the heading's text at a line break (<br>)?
    # one loop, no helper calls per event: this walk is a large share of the HTML run time
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag
        if tag == "br" and kinds[-1] == "heading" and parts:
            # a line break in a heading: the headline's layout when the words go on in small
            # letters, else a kicker over the headline or a line of its own (below)
            if event == "start":
                broken = True
                continue
            text = el.tail
        elif tag in _BLOCK_TAGS:
            if parts:
                _emit(blocks, parts, link_chars, open_, blank)
                parts, link_chars, blank = [], 0, False
            if tag in _PARAGRAPH_TAGS:
                blank = True
            if event == "start":
                elements.append(el)
                hints.append(None)
                kinds.append(_KIND_OF.get(tag) or kinds[-1])
                text = el.text
            else:
                elements.pop()
                hints.pop()
                kinds.pop()
                text = el.tail
        elif event == "start":
            if tag == "a":
                link_depth += 1
            text = el.text
        else:
            if tag == "a":
                link_depth -= 1
            text = el.tail
        if broken and text and not text.isspace():
            broken = False
            if text.lstrip()[0].islower():
                parts.append(" ")
            else:
                _emit(blocks, parts, link_chars, open_, blank)
                parts, link_chars, blank = [], 0, False
        if kinds[-1] == "heading" and text and parts and _glued(parts[-1], text):
            parts.append(" ")  # two elements of a heading: "<span>Streik</span><span>Die Bahn …"
        # whitespace before a block's first word is dropped anyway: no block for it
        if text and (parts or not text.isspace()):
            parts.append(text)
            if link_depth:
                link_chars += len(text.strip())
    if parts:
        _emit(blocks, parts, link_chars, open_, blank)
    return blocks

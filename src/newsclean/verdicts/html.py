"""Verdicts for HTML blocks: keep, or drop with a reason code.

Pass 1 applies the context-free rules of :mod:`newsclean.verdicts.phrases` to each block. Pass 2 uses the
context: which blocks the main-content extractor kept, and the boilerplate box ("Mehr zum
Thema") a block sits in. Text dumps have their own classifier in :mod:`newsclean.verdicts.dump`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from itertools import islice

from lxml.html import HtmlElement

from ..lexicon import END_PUNCTUATION, own_link_openers, reading_tips, weak_html_hints
from ..model import Block, Reason, Rule
from ..text.normalize import normalize_text
from ..text.tokens import prose_word_share, words
from .dump import classify_text
from .phrases import RuleMatch, hint_reason, hint_reasons, match_blocks, match_boilerplate

_LIST_MARK = re.compile(r"^[-*•]\s+")


@cache
def _pointer() -> re.Pattern[str]:
    """The arrow before another article's headline, linked between the article's paragraphs
    ("» Neue Radwege für die Ringstraße"); not before the article's own call to follow a link
    (:func:`~newsclean.lexicon.own_link_openers`: "» Zum Programm").

    >>> bool(_pointer().match("» Neue Radwege für die Ringstraße")), bool(_pointer().match("» Zum Programm"))
    (True, False)
    """
    own = "|".join(re.escape(word) for word in own_link_openers())
    return re.compile(rf"^[»›→▶►>](?![»›→▶►>\s]*(?:{own})\b)", re.IGNORECASE)


@cache
def _extractor(fast: bool = False):
    """trafilatura's settings, built once: building them reads its config file each time.
    ``fast`` skips its fallback extractors (readability, jusText)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="python", comments=False, tables=True, with_metadata=False, dedup=False, fast=fast)


#: trafilatura's time grows faster than the page: jusText, its fallback, compares runs of
#: short paragraphs pair by pair (a table of 5,000 rows took 21 s, one of 6,000 68 s), and its
#: own extraction walks 100,000 sibling paragraphs in 30 s. It runs with its fallbacks on pages
#: of at most this many elements (real pages have a few thousand) ...
FULL_EXTRACTION_ELEMENTS = 4_000
#: ... without them up to this many; a larger page is judged by newsclean's own classifier
#: alone, as a text dump is (its every step linear in the page)
EXTRACTION_ELEMENTS = 30_000


def main_content_lines(tree: HtmlElement) -> list[str]:
    """The paragraphs trafilatura takes for the main content (comments excluded); none for a
    page too large for it (see :data:`EXTRACTION_ELEMENTS`)."""
    import trafilatura

    size = sum(1 for _ in islice(tree.iter(), EXTRACTION_ELEMENTS + 1))
    if size > EXTRACTION_ELEMENTS:
        return []
    result = trafilatura.bare_extraction(tree, options=_extractor(fast=size > FULL_EXTRACTION_ELEMENTS))
    if result is None or not result.text:
        return []
    lines = []
    for line in result.text.split("\n"):
        # NFC and the same space repairs as the blocks, or an NFD page never matches
        line = normalize_text(_LIST_MARK.sub("", line))
        if line:
            lines.append(line)
    return lines


def drop(block: Block, match: RuleMatch | None, *, outside: bool = False) -> Block:
    """The block, dropped with the match's reason (or as ``not_main_content``); ``outside``
    also marks it as outside the main content."""
    dropped = block.dropped(Reason.NOT_MAIN_CONTENT) if match is None else block.dropped(match.reason, match.rule)
    return dropped._replace(in_main=False) if outside else dropped


#: a block this long (characters) is matched anywhere in the extracted text; a shorter one only
#: in context
_LONG_BLOCK = 25
#: a block of at least _SPLIT_BLOCK characters (spaces removed) also counts when it contains an
#: extracted line of at least _LONG_LINE: the extractor split it
_SPLIT_BLOCK = 70
_LONG_LINE = 35
#: how many blocks on each side a short block looks at for a matched long neighbour
_NEIGHBOURS = 3
#: how many characters :func:`main_flags` reads in searches of the whole extracted text (the
#: most a page of the eval sets needs is 4 million)
_SEARCH_BUDGET = 50_000_000


def main_flags(blocks: list[Block], main_lines: list[str]) -> list[bool]:
    """For each block, whether its text is in what the main-content extractor kept.

    Texts are compared without spaces (the extractor and the DOM walk do not always put a
    space at the same inline-element boundary). Long blocks match anywhere in the extracted
    text (the extractor may merge or split paragraphs). A short block matches only where the
    extracted text goes on right after the previous matched block, or as a whole extracted line
    next to a matched long block, so that a menu entry "Politik" is not taken for the section
    heading "Politik".
    """
    flat_lines = [line.replace(" ", "") for line in main_lines]
    flat = "\n".join(flat_lines)
    long_lines = [line for line in flat_lines if len(line) >= _LONG_LINE]
    keys = [block.text.replace(" ", "") for block in blocks]
    matched: list[bool | None] = []
    cursor = -1  # where the text of the last matched block ends in ``flat``
    # Each search of the whole text costs its length; a page of many blocks outside a long
    # extracted text would cost their product. Past this budget of characters a block is
    # only looked for right after the cursor (where the article's next block is).
    budget = _SEARCH_BUDGET
    for block, key in zip(blocks, keys, strict=True):
        if len(block.text) >= _LONG_BLOCK:
            after = max(cursor, 0)
            if budget > 0:
                pos = flat.find(key, after)
                if pos < 0 and cursor > 0:  # not after the cursor: then only one starting before it
                    pos = flat.find(key, 0, cursor + len(key) - 1)
                hit = pos >= 0
                if not hit:
                    budget -= len(flat)
                    if len(key) >= _SPLIT_BLOCK:
                        hit = any(line in key for line in long_lines)
                        budget -= len(key) * len(long_lines)
            else:
                pos = flat.find(key, after, after + len(key) + 1)
                hit = pos >= 0
        else:
            # right after the previous block, or after the line break: None lets the neighbours decide
            pos = cursor if flat.startswith(key, cursor) else cursor + 1 if flat.startswith(key, cursor + 1) else -1
            hit = True if cursor >= 0 and pos >= 0 else None
        if hit and pos >= 0:
            cursor = pos + len(key)
        matched.append(hit)
    if None not in matched:
        return matched  # type: ignore[return-value]
    line_set = set(flat_lines)
    flags = []
    for i, hit in enumerate(matched):
        if hit is None:  # (None, its own too, is no match for the neighbours)
            hit = keys[i] in line_set and any(matched[max(0, i - _NEIGHBOURS) : i + 1 + _NEIGHBOURS])
        flags.append(hit)
    return flags


def classify_html(blocks: list[Block], main_lines: list[str]) -> list[Block]:
    """Verdicts for HTML blocks fresh from segmentation, given the extractor's main text.

    Blocks outside the main text are dropped with the reason their phrase or their
    class/id words give; inside it, boilerplate phrases and the teasers of a boilerplate box
    are dropped, the rest is kept.
    """
    out: list[Block] = []
    region: RuleMatch | None = None
    last_link = 0  # index of the box heading or of the last linked teaser in the box
    # whether out[-1] is a long text right after a linked teaser of the box: its teaser text if
    # another teaser follows (or, after two such, where the extractor's text ends), else the
    # article going on after the box
    pending = False
    box_texts = 0  # the teaser texts found so far in the box
    flags = main_flags(blocks, main_lines)
    matches = match_blocks([block.text for block in blocks])
    hinted = hint_reasons([block.hint for block in blocks])
    for i, (block, in_main, match) in enumerate(zip(blocks, flags, matches, strict=True)):
        teaser_text, pending = pending, False
        match = match or _reading_tip_link(block)
        if not in_main:
            if teaser_text and region and box_texts >= _TEASER_TEXTS:
                out[-1] = drop(out[-1], RuleMatch(region.reason, replace(region.rule, after=True)))
            # the extractor may drop a box's heading ("Mehr zum Thema") but keep its links
            if match and block.kind == "heading" and _opens_region(match):
                region, last_link, box_texts = match, i, 0
            match = match or hinted[i] or _link_reason(block)
            out.append(drop(block, match, outside=True))
            continue
        if match:
            region = match if _opens_region(match) else None
            last_link, box_texts = i, 0
            out.append(drop(block, match))
            continue
        if region and _in_box(block, i - last_link, region.reason) and not _resumes_article(block, out[-1]):
            in_box = RuleMatch(region.reason, replace(region.rule, after=True))
            if block.link_density >= _TEASER_LINKS:
                last_link = i
                if teaser_text:
                    out[-1] = drop(out[-1], in_box)
                    box_texts += 1
            out.append(drop(block, in_box))
            continue
        if region and i - last_link == 1 and blocks[last_link].link_density >= _TEASER_LINKS:
            pending = True
            out.append(block)
            continue
        region = None
        if block.link_density >= _LINK_BLOCK and (block.within("aside") or _pointer().match(block.text)):
            # a link in an <aside> inside the article, or one behind an arrow between its
            # paragraphs ("» Neue Radwege an der Ringstraße"): a teaser of another article
            out.append(drop(block, _link_reason(block)))
            continue
        out.append(block)  # segmentation made it a kept main-content block already
    return _drop_closing_teasers(_drop_closing_box_text(_drop_closing_headings(_drop_closing_links(
        _take_back_tables(_rescue_headings(_take_adjoining_prose(_keep_sentences_amid_prose(out))))))))


#: the most words of a phrase that a block starts with and that also opens sentences of
#: articles ("Zurück zur" Normalität, "Per E-Mail" teilte die Polizei mit, "Nach oben" korrigiert)
_OPENER_WORDS = 2
#: the fewest words of such a sentence (a button or a box's label is shorter)
_SENTENCE_WORDS = 8


def _keep_sentences_amid_prose(blocks: list[Block]) -> list[Block]:
    """Keep the sentences between two kept paragraphs that a phrase of one or two words
    condemned for how they start: the extractor kept them in the article's run, and a
    sentence of prose there is the article's ("Zurück zur Normalität will die Stadt im Mai
    kommen."), not a button ("Zurück zur Übersicht")."""
    out = list(blocks)
    for i in range(1, len(out) - 1):
        block = out[i]
        rule = block.rule
        if (not block.kept and block.in_main and rule is not None and rule.kind == "starts" and not rule.after
                and len(rule.evidence.split()) <= _OPENER_WORDS and len(block.text.split()) >= _SENTENCE_WORDS
                and _is_prose(block) and all(_is_kept_prose(out[k]) for k in (i - 1, i + 1))
                and not _names_an_offer(rule.evidence)):
            out[i] = block.kept_as("body")
    return out


#: what a word alone may be named for that no article sentence opens with ("Der Newsletter ist
#: kostenlos", "Unser Abo …"), unlike a share button's or a menu's word ("Per E-Mail teilte …")
_OFFER_REASONS = frozenset({Reason.NEWSLETTER, Reason.SPONSORED, Reason.PAYWALL, Reason.LOGIN, Reason.COOKIE})


def _names_an_offer(phrase: str) -> bool:
    """Whether a word of the phrase is, alone, a phrase of a newsletter, ad, paywall, login or
    cookie banner ("Newsletter", "Werbung", "Abo")."""
    return any((match := match_boilerplate(word)) is not None and match.reason in _OFFER_REASONS
               for word in phrase.split())


def _is_kept_prose(block: Block) -> bool:
    return block.kept and block.role == "body" and _is_prose(block)


def classify_unextracted(blocks: list[Block], title: str | None) -> list[Block]:
    """Verdicts for the blocks of a page the main-content extractor found nothing in.

    They are judged as the lines of a text dump are (the page's ``<title>`` first, as a dump
    starts), and then by what the markup tells and a dump cannot: a kept block that is mostly
    link text (a tag list, the teasers of other articles) goes, and so does one whose own
    element or its parent has class/id words that name a region (``footer``, ``caption``,
    ``comment``), except the words that also name parts of articles
    (:func:`~newsclean.lexicon.weak_html_hints`).
    """
    out = []
    for block in classify_text(blocks, title=title):
        if block.kept:
            match = _link_reason(block) or _own_hint_reason(block.hint)
            if match is not None:
                block = drop(block, match)
        out.append(block)
    return out


def _own_hint_reason(hint: str) -> RuleMatch | None:
    """The reason the class/id words of a block's element or its parent give, if they are no
    :func:`~newsclean.lexicon.weak_html_hints`."""
    match = hint_reason(" ".join(hint.split(" ")[-2:]))
    if match is None or match.rule.evidence.casefold() in weak_html_hints():
        return None
    return match


#: a run of prose the extractor left out beside the article is taken back when it has at least
#: this many prose blocks and characters: the article was split over two containers
_MIN_PROSE_BLOCKS = 3
_MIN_PROSE_CHARS = 600
#: what makes a block prose: sentence end, share of function words, few links
_PROSE_END = (".", "!", "?", "“", '"', "«", ")", ":")
_PROSE_STOPWORDS = 0.3
_PROSE_MIN_CHARS = 40
_PROSE_MAX_LINKS = 0.25


def _is_prose(block: Block) -> bool:
    """Running text rather than a menu, caption or teaser title.

    >>> _is_prose(Block(0, "Was ist für Sie seine wichtigste Eigenschaft im Alltag?"))
    True
    >>> _is_prose(Block(0, "Kleid und Fascinator: Del Core. Pumps: Christian Dior."))
    False
    """
    text = block.text
    return (
        len(text) >= _PROSE_MIN_CHARS
        and block.link_density <= _PROSE_MAX_LINKS
        and text.rstrip().endswith(_PROSE_END)
        and prose_word_share(words(text)) >= _PROSE_STOPWORDS
    )


#: what the blocks between two parts of an article were dropped for: being outside the
#: extractor's container, and the captions of the picture between the parts
_SPLIT_ARTICLE_REASONS = (Reason.NOT_MAIN_CONTENT, Reason.CREDIT)


def _take_adjoining_prose(blocks: list[Block]) -> list[Block]:
    """Keep the prose next to the article that the extractor left out.

    Extractors pick one container; an article split over two (an interview in two parts around
    a photo) loses a part. A run of blocks no rule condemns (only captions may sit in it) that
    touches kept text and holds enough prose is article text: its prose blocks are kept.
    """
    out = list(blocks)
    n = len(out)
    i = 0
    while i < n:
        if out[i].kept or out[i].reason not in _SPLIT_ARTICLE_REASONS:
            i += 1
            continue
        j = i
        while j < n and not out[j].kept and out[j].reason in _SPLIT_ARTICLE_REASONS:
            j += 1
        if ((i > 0 and out[i - 1].kept) or (j < n and out[j].kept)) and not _under_box_heading(out, i):
            prose = [k for k in range(i, j) if out[k].reason == Reason.NOT_MAIN_CONTENT and _is_prose(out[k])]
            if len(prose) >= _MIN_PROSE_BLOCKS and sum(len(out[k].text) for k in prose) >= _MIN_PROSE_CHARS:
                for k in prose:
                    out[k] = _take_back(out[k])
        i = j
    return out


#: how many blocks before a run of prose :func:`_under_box_heading` looks at for a box's heading
_BOX_HEAD_BLOCKS = 3


def _under_box_heading(blocks: list[Block], i: int) -> bool:
    """The run of blocks from ``i`` comes close after a heading some rule condemned, with no
    kept block between: it is the text of that box ("Hat sich die Unterstützung verändert?"
    over a background box between the article's paragraphs, with its "Box aufklappen"
    button), not a part of the article."""
    for block in reversed(blocks[max(0, i - _BOX_HEAD_BLOCKS):i]):
        if block.kept:
            return False
        if block.kind == "heading":
            return True
    return False


#: a block of this share of link text is a link (a teaser, "Hier geht's zur Tabelle")
_LINK_BLOCK = 0.8


def _drop_closing_links(blocks: list[Block]) -> list[Block]:
    """Drop the links the article's kept text ends with: after the last block that is more
    than a link, linked blocks are teasers of other pages or pointers away from the article
    ("» Weitere Informationen auf der Website des Verbands"), which the extractor took for
    its last paragraphs."""
    return _drop_after_text(blocks, lambda block: block.link_density < _LINK_BLOCK,
                            lambda block: drop(block, _link_reason(block)) if _teaser_link(block.text) else block)


def _teaser_link(text: str) -> bool:
    """A link that says something (three words or more), not an address or a name the
    article ends by pointing to ("www.example.de", "Anna Berg")."""
    return text.count(" ") >= 2 and "www." not in text and "://" not in text


def _drop_closing_headings(blocks: list[Block]) -> list[Block]:
    """Drop the headings the article's kept text ends with: a heading heads text below it, and
    one with none kept below is the title of a box whose text went ("Links lesen, Rechts
    bekämpfen" over an appeal for support) or of what follows the article."""
    rule = Rule("position", "a heading after the article's last text")
    return _drop_after_text(blocks, lambda block: block.kind != "heading",
                            lambda block: block.dropped(Reason.NOT_MAIN_CONTENT, rule))


#: the kinds of rule that match a block's words (not its markup, links or place)
_PHRASE_KINDS = frozenset({"phrase", "starts", "contains", "pattern"})
#: the most characters of a line of a box after the article (a promo's point, a newsletter's
#: description)
_BOX_LINE = 100


def _drop_closing_box_text(blocks: list[Block]) -> list[Block]:
    """Drop the short lines that follow a condemned block after the article's last prose.

    Past the article's end, a phrase marks a box's first line ("Newsletter: Sport inside",
    "Mehr Lesekomfort auch für unterwegs"), and the short lines right after it that no phrase
    names ("Jeden Montag die Topstorys der Woche", "Push-Nachrichten über den Tag hinweg") are
    the rest of that box: they go with its reason.
    """
    body = [i for i, block in enumerate(blocks) if block.kept and block.role == "body"]
    last_prose = next((i for i in reversed(body) if _is_prose(blocks[i])), None)
    if last_prose is None:
        return blocks
    out = list(blocks)
    for i in range(last_prose + 1, len(out)):
        head = blocks[i - 1]  # (as the other rules left it: a line dropped here heads nothing)
        if head.kept or not head.in_main or head.reason not in _REGION_REASONS or head.rule is None or (
                head.rule.kind not in _PHRASE_KINDS) or len(head.rule.evidence) < _MIN_BOX_HEADING:
            continue  # (as a box's heading: "X" is the share button, and a table's cell too)
        for k in range(i, min(i + _MAX_UNLINKED_RUN, len(out))):
            block = out[k]
            if not block.kept or block.role != "body" or len(block.text) > _BOX_LINE or _is_prose(block):
                break
            out[k] = block.dropped(head.reason, replace(head.rule, after=True))
    return out


#: the most characters of a teaser's text under its linked headline
_TEASER_TEXT = 200


def _drop_closing_teasers(blocks: list[Block]) -> list[Block]:
    """Drop the teasers of other articles the article's kept text ends with, where no box
    heading names them: two or more linked headings, each with at most one short unlinked
    text under it ("Feuerwehr rückt zu Großbrand aus" / "Verletzt wurde niemand, …"). The
    article's own subheadings are no links."""
    body = [i for i, block in enumerate(blocks) if block.kept and block.role == "body"]
    run: list[int] = []  # the teasers' blocks, from the end
    teasers = 0
    k = len(body) - 1
    while k >= 0:
        i = body[k]
        if _linked_heading(blocks[i]):
            run.append(i)
            teasers += 1
            k -= 1
        elif k > 0 and _linked_heading(blocks[body[k - 1]]) and (
                len(blocks[i].text) <= _TEASER_TEXT and blocks[i].link_density < _TEASER_LINKS):
            run += [i, body[k - 1]]
            teasers += 1
            k -= 2
        else:
            break
    if teasers < 2 or k < 0:
        return blocks  # (one teaser is another rule's business; all of it teasers: a page of them)
    rule = Rule("position", "teasers of other articles after the article")
    return [block.dropped(Reason.RELATED, rule) if i in run else block for i, block in enumerate(blocks)]


def _linked_heading(block: Block) -> bool:
    return block.kind == "heading" and block.link_density >= _LINK_BLOCK


def _drop_after_text(blocks: list[Block], is_text: Callable[[Block], bool],
                     drop_one: Callable[[Block], Block]) -> list[Block]:
    """The blocks, with ``drop_one`` applied to the kept body blocks after the last one that
    ``is_text`` (unchanged if there is none: nothing else to keep)."""
    body = [i for i, block in enumerate(blocks) if block.kept and block.role == "body"]
    last_text = next((i for i in reversed(body) if is_text(blocks[i])), None)
    if last_text is None:
        return blocks
    return [*blocks[:last_text + 1], *(drop_one(block) if block.kept and block.role == "body" else block
                                       for block in blocks[last_text + 1:])]


def _rescue_headings(blocks: list[Block]) -> list[Block]:
    """Keep the subheadings the extractor left out between kept paragraphs.

    Extractors often drop a heading inside the article ("11.04 Uhr: Drohne tötet Extremisten"
    over a live-ticker entry) while keeping the text under it. A heading that no phrase, class
    word or link density condemns, that comes after the article has begun and right before a
    kept paragraph (or before another such heading), is kept.
    """
    out = list(blocks)
    first_kept = next((i for i, block in enumerate(out) if block.kept), len(out))
    following_kept = False  # is the next block kept (or a rescued heading)?
    for i in range(len(out) - 1, first_kept, -1):
        block = out[i]
        if following_kept and not block.kept and block.kind == "heading" and block.reason == Reason.NOT_MAIN_CONTENT:
            block = out[i] = _take_back(block)
        following_kept = block.kept
    return out


#: the elements of tables and lists: their cells and items are short, and extractors leave them out
_CELL_TAGS = frozenset({"td", "th", "li", "dd", "dt"})


def _is_cell(block: Block) -> bool:
    """A table cell or list item."""
    return block.kind == "list_item" or block.tag in _CELL_TAGS


def _in_table(block: Block) -> bool:
    """A block of a left-out table or list: a cell or item, or a short line ending in a colon
    that heads the next part of it ("Belag:"); in an unlinked ``<aside>`` (a fact box, "Die
    Brücke in Zahlen"), its heading too."""
    if block.kept:
        return False
    if block.reason is Reason.NOT_MAIN_CONTENT:
        return _is_cell(block) or (len(block.text) <= 60 and block.text.endswith(":"))
    return _table_caption(block) or (_in_fact_box(block) and (_is_cell(block) or block.kind == "heading"))


def _table_caption(block: Block) -> bool:
    """The ``<caption>`` of a table, dropped for its class word (as a picture's caption is)
    though it names the figures below it ("Preise im Vergleich")."""
    rule = block.rule
    return (block.reason is Reason.CREDIT and rule is not None and rule.kind == "html" and block.tag == "caption"
            and block.link_density < _FACT_LINKS)


def _in_fact_box(block: Block) -> bool:
    """The block was dropped only for sitting in an ``<aside>`` and is no link: between the
    article's paragraphs such a box holds the article's figures."""
    rule = block.rule
    return (block.reason is Reason.NAVIGATION and rule is not None and rule.kind == "html" and rule.evidence == "aside"
            and block.link_density < _FACT_LINKS)


#: the most link text a block of a fact box has
_FACT_LINKS = 0.2


def _take_back_tables(blocks: list[Block]) -> list[Block]:
    """Keep the tables and lists the extractor left out of the article: a run of cells and
    items no rule condemns, after a kept block that introduces it ("Für die Weine gibt es
    folgende Bestimmungen:") or between two kept blocks (a table whose longer cells the
    extractor kept: the figures of a fact box), or under a heading of its own right before
    kept text (a recipe's "Zutaten" over its preparation, "So viel zahlen Haushalte" over a
    list): then that heading, and one over the kept text, are kept too. A short line right
    before the cells that is no sentence is the table's title or subtitle ("für 12 Stück")
    and goes with them. Linked cells (an ingredient linked to its page) do not end the run,
    and are kept with it; a run of which they are half or more is a list of links, and stays
    out."""
    out = list(blocks)
    n = len(out)
    i = 0
    while i < n:
        if not _in_table(out[i]):
            i += 1
            continue
        j = i
        while j < n and (_in_table(out[j]) or _linked_cell(out[j])):
            j += 1
        end = j
        while end > i and not _is_cell(out[end - 1]):
            end -= 1  # (a line ending in a colon heads what follows it, not what ends the run)
        start = i - 1 if i > 0 and _table_title(out[i - 1]) else i  # (with its title)
        before = out[start - 1] if start > 0 else None
        after = _kept_after_heading(out, j) if end == j else None
        linked = sum(map(_linked_cell, out[i:end]))
        headed = (before is not None and _left_out_heading(before) and after is not None
                  and end - i - linked >= _MIN_ITEMS)
        if 2 * linked < end - i and before is not None and (headed or before.kept and (
                before.text.endswith(":") or (end == j and _kept_after_captions(out, j)))):
            for k in [*([start - 1] if headed else []), *range(start, end), *([j] if after == j + 1 else [])]:
                out[k] = _take_back(out[k])
        i = j
    return out


def _kept_after_captions(blocks: list[Block], j: int) -> bool:
    """Whether kept text comes at ``j``, or after the captions there (a table's in a
    ``<figure>``, "Quelle: Gemeinde", which the extractor leaves out with the table)."""
    while j < len(blocks) and not blocks[j].kept and blocks[j].reason is Reason.CREDIT:
        j += 1
    return j < len(blocks) and blocks[j].kept


def _table_title(block: Block) -> bool:
    """A short unlinked line the extractor left out that is no sentence: the title or the
    subtitle of a table or list ("Die Stadtwerke in Zahlen", "für 12 Stück")."""
    text = block.text
    return (not block.kept and block.reason is Reason.NOT_MAIN_CONTENT and block.kind == "paragraph"
            and len(text) <= _TABLE_HEADING and block.link_density < _FACT_LINKS and not text.endswith((".", "!", "?")))


#: the most characters a table's or list's own heading has ("Zutaten", "Die Brücke in Zahlen")
_TABLE_HEADING = 60
#: the unlinked cells or items a table or list under a heading of its own has at least (one or
#: two under a heading are a box's date or name: "Ticker", "vor 16 Stunden")
_MIN_ITEMS = 3


def _left_out_heading(block: Block) -> bool:
    """A short heading the extractor left out that no rule condemns."""
    return (not block.kept and block.kind == "heading" and block.reason is Reason.NOT_MAIN_CONTENT
            and len(block.text) <= _TABLE_HEADING)


def _kept_after_heading(blocks: list[Block], j: int) -> int | None:
    """Where kept text goes on from ``j``: at ``j``, or after one left-out heading there."""
    if j < len(blocks) and blocks[j].kept:
        return j
    if j + 1 < len(blocks) and _left_out_heading(blocks[j]) and blocks[j + 1].kept:
        return j + 1
    return None


def _linked_cell(block: Block) -> bool:
    """A table cell or list item dropped for being a link."""
    return not block.kept and block.reason is Reason.LINK_DENSITY and _is_cell(block)


def _take_back(block: Block) -> Block:
    """A block the extractor left out, kept as article text after all."""
    return block.kept_as("body")._replace(in_main=True)


_REGION_REASONS = frozenset({Reason.RELATED, Reason.NEWSLETTER, Reason.SPONSORED, Reason.COMMENTS, Reason.SOCIAL})
_TEASER_LINKS = 0.5
#: a box whose linked teasers this many texts followed already (a list of other articles, each
#: a linked headline over its text) ends with a teaser's text too, where the extractor's ends
_TEASER_TEXTS = 2
#: a box heading shorter than this ("X" for the share button) does not open a box
_MIN_BOX_HEADING = 4
#: unlinked short blocks stay in the box only this close after its last linked teaser
_MAX_UNLINKED_RUN = 2


def _opens_region(match: RuleMatch) -> bool:
    return match.opens_region and match.reason in _REGION_REASONS and len(match.rule.evidence) >= _MIN_BOX_HEADING


#: the share of a reading tip's text that is its link: all but its label ("Lesen Sie auch:")
_TIP_LINKS = 0.5


def _reading_tip_link(block: Block) -> RuleMatch | None:
    """A reading tip in one paragraph: its label, then the linked headline of another article
    ("Lesen Sie auch: <a>…</a>", "Lire aussi <a>…</a>", "Leer más: <a>…</a>"), of any length (a
    long headline takes it past the ``related`` phrases' word limit).

    >>> _reading_tip_link(Block(0, "Lire aussi Les tarifs des bus augmenteront de dix pour cent en janvier", link_density=0.8)).rule
    Rule(kind='starts', evidence='lire aussi', after=False)
    >>> _reading_tip_link(Block(0, "Lire aussi le rapport de la commission, publié mardi.", link_density=0.1)) is None
    True
    """
    if block.link_density < _TIP_LINKS:
        return None
    line = " ".join(block.text.casefold().split()).lstrip(END_PUNCTUATION)
    for tip in reading_tips():
        if line.startswith(tip) and not line[len(tip):len(tip) + 1].isalnum():
            return RuleMatch(Reason.RELATED, Rule("starts", tip))
    return None


def _link_reason(block: Block) -> RuleMatch | None:
    if block.link_density >= 0.6:
        return RuleMatch(Reason.LINK_DENSITY, Rule("link_density", f"{block.link_density:.2f}"))
    return None


def _resumes_article(block: Block, previous: Block) -> bool:
    """A paragraph of prose the extractor kept right after a box it left out (a newsletter
    sign-up between two paragraphs): the article's next paragraph, not the box's text."""
    return not previous.in_main and _is_prose(block)


def _in_box(block: Block, after_link: int, reason: Reason) -> bool:
    """A teaser of a boilerplate box: a linked headline, or a short text (kicker, teaser text,
    date) next to one. A run of unlinked short blocks (a table, a list of facts) is not. An
    ad's label ("Anzeige") heads links only: an ad's text is inside its link, and the short
    paragraphs after the label are the article's."""
    if block.link_density >= _TEASER_LINKS:
        return True
    return reason is not Reason.SPONSORED and len(block.text) < 100 and after_link <= _MAX_UNLINKED_RUN

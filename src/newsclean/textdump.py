"""Verdicts for the lines of a plain-text dump, where no markup tells what is what.

Pass 1 scores each line by itself, as jusText does for paragraphs: boilerplate phrases, length,
share of German function words, sentence punctuation, and whether the line stands alone
(dumps put blank lines around paragraphs, none between the entries of a menu). Pass 2 takes
the article to be the contiguous run of lines with the highest total score
(maximum-subarray), anchored at the headline (the line repeating the page title, which dumps
print first) and grown by the short closing sentences after it. Inside the run it drops the
boxes a boilerplate heading opens ("Mehr zum Thema" and the teasers after it) and lone short
lines (captions, buttons); outside it everything goes, with the reason of the heading it
follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .models import Block, Kind
from .phrases import german_stopwords
from .rules import RuleMatch, match_blocks, stopword_density, words
from .segment import AFTER_BLANK


@dataclass(frozen=True, slots=True)
class TextParams:
    """Thresholds of the text-dump classifier (tuned on the dev corpora)."""

    #: prose has at least this share of German function words ("der", "und", "nicht", ...)
    good_stopwords: float = 0.28
    #: below this share a line is a list of names or links, not prose
    near_stopwords: float = 0.18
    #: prose has at least this many words
    min_good_words: int = 10
    #: lines shorter than this (in characters) are judged by their neighbours
    short_chars: int = 50
    #: prose that does not end like a sentence (a teaser: title and first words run together,
    #: cut off with "...") counts this share of its length
    unended_weight: float = 0.6
    #: what a short line standing alone (blank lines around it: a crosshead, a caption) costs
    #: the article span
    short_penalty: float = 100.0
    #: what a short line in a run of lines (a menu entry, a list of links) costs the span
    menu_penalty: float = 12.0
    #: what a boilerplate line costs the article span
    rule_penalty: float = 120.0
    #: what a heading that opens a box of other articles or of comments ("Mehr zum Thema",
    #: "Kommentare") costs the article span: such boxes mostly come after the article
    heading_penalty: float = 500.0
    #: headings of these reasons ("Anzeige", "Foto:") sit inside articles as often as after
    #: them: they cost only ``rule_penalty``
    inline_reasons: tuple[str, ...] = ("sponsored", "credit", "social")
    #: added to the first prose line after the headline (the line that repeats the page title,
    #: which dumps print first): the article starts there, not in a bigger comment thread
    headline_bonus: float = 1000.0
    #: how many lines after the headline the article may start
    headline_reach: int = 12
    #: a line is the headline when this share of its content words (or the title's, if fewer)
    #: are in the page title
    headline_overlap: float = 0.6
    #: short sentences right after the span (a closing line, a greeting) join it when they end
    #: like a sentence and have at least this many words
    tail_words: int = 3
    #: a line of words that are not prose costs this much per character
    bad_weight: float = 0.6
    #: a line with some function words counts this share of its length
    near_weight: float = 0.3


class _Line(NamedTuple):
    """What pass 1 knows about one line (a tuple: built for every line of every dump)."""

    match: RuleMatch | None
    good: bool  # prose by itself
    score: float


def classify_text(blocks: list[Block], params: TextParams = TextParams()) -> list[Block]:
    """Verdicts for the lines of a text dump.

    >>> prose = "Die Stadt hat am Montag beschlossen, dass die neue Brücke über den Rhein im " \\
    ...     "kommenden Jahr gebaut wird und den Verkehr in der Innenstadt entlasten soll."
    >>> dump = [Block(0, "Startseite"), Block(1, prose), Block(2, prose), Block(3, "Mehr zum Thema"),
    ...         Block(4, "Neue Brücke für Köln")]
    >>> [(b.verdict, b.reason) for b in classify_text(dump)]
    [('drop', 'navigation'), ('keep', None), ('keep', None), ('drop', 'related'), ('drop', 'related')]
    """
    if not blocks:
        return []
    lines = _read_lines(blocks, params)
    scores = [line.score for line in lines]
    first = _article_start(blocks, lines, params)
    if first is not None:
        scores[first] += params.headline_bonus
    start, end = _widen(blocks, lines, *_best_span(scores), params)
    out: list[Block] = []
    region: RuleMatch | None = None  # the box heading the current lines sit under
    for i, (block, line) in enumerate(zip(blocks, lines, strict=True)):
        match = line.match
        if match is not None:
            if match.opens_region:
                region = match
            out.append(_drop(block, match.reason, match.rule))
        elif start <= i <= end and (region is None or line.good) and _belongs(blocks, lines, i, params):
            region = None
            out.append(_keep(block, _text_kind(blocks, i)))
        elif start <= i <= end and region is None:
            out.append(_drop(block, "not_main_content", "short line in the article, not a heading or sentence"))
        elif region is not None and i > end:
            # a box heading explains the lines after the article; before it, a button such as
            # "Jetzt einloggen" says nothing about the headline and teaser that follow
            out.append(_drop(block, region.reason, f"after: {region.rule}"))
        elif i < start and len(block.text) < params.short_chars:
            out.append(_drop(block, "navigation", "short line before the article"))
        else:
            out.append(_drop(block, "not_main_content", None))
    return out


def _read_lines(blocks: list[Block], p: TextParams) -> list[_Line]:
    matches = match_blocks([b.text for b in blocks])
    lines = []
    for i, (block, match) in enumerate(zip(blocks, matches, strict=True)):
        if match is not None:
            closing = match.opens_region and match.reason not in p.inline_reasons
            penalty = p.heading_penalty if closing else p.rule_penalty
            lines.append(_Line(match, False, -penalty))
            continue
        length = len(block.text)
        if length < p.short_chars:
            alone = block.hint == AFTER_BLANK and (i + 1 == len(blocks) or blocks[i + 1].hint == AFTER_BLANK)
            lines.append(_Line(None, False, -(p.short_penalty if alone else p.menu_penalty)))
            continue
        tokens = words(block.text)
        density = stopword_density(tokens)
        if density >= p.good_stopwords and len(tokens) >= p.min_good_words:
            ends = block.text[-1] in _SENTENCE_END
            lines.append(_Line(None, True, float(length) * (1.0 if ends else p.unended_weight)))
        elif density >= p.near_stopwords:
            lines.append(_Line(None, False, length * p.near_weight))
        else:
            lines.append(_Line(None, False, -length * p.bad_weight))
    return lines


_TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+|:\s+")


def _article_start(blocks: list[Block], lines: list[_Line], p: TextParams) -> int | None:
    """The first prose line after the headline, the line that repeats the page title (a dump's
    first line). Teaser lists may repeat the headline too: the occurrence followed by the most
    prose wins.

    >>> prose = _Line(None, True, 300.0)
    >>> blocks = [Block(0, "Neue Brücke für Köln | Kölner Blatt"), Block(1, "Neue Brücke für Köln"),
    ...           Block(2, "Menü"), Block(3, "Neue Brücke für Köln"), Block(4, "Die Stadt ...")]
    >>> _article_start(blocks, [_Line(None, False, -1.0)] * 4 + [prose], TextParams())
    4
    """
    title = blocks[0].text
    parts = {part for part in _TITLE_PARTS.split(title) if len(part) >= 12} | {title}
    title_stems = _stems(title)
    best, best_mass = None, 0.0
    for block in blocks[1:]:
        text = block.text
        if len(text) < 12 or len(text) > 200:
            continue
        exact = text in parts or (len(text) >= 20 and text in title)
        # (a fuzzy match needs three shared words: skip the many shorter lines cheaply)
        if exact or (text.count(" ") >= 2 and _similar(title_stems, _stems(text), p)):
            near = range(block.index + 1, min(len(lines), block.index + 1 + p.headline_reach))
            first = next((i for i in near if lines[i].good), None)
            mass = sum(max(0.0, lines[i].score) for i in near)
            if first is not None and mass > best_mass:
                best, best_mass = first, mass
    return best


def _widen(blocks: list[Block], lines: list[_Line], start: int, end: int, p: TextParams) -> tuple[int, int]:
    """The article span grown by the short closing sentences right after it ("Ich hoffe, euch
    gefällt der Relaunch.", "Einsendeschluss ist der 3. November.")."""
    if end < start:
        return start, end
    while end + 1 < len(blocks) and lines[end + 1].match is None and _sentence(blocks[end + 1].text, p):
        end += 1
    return start, end


def _belongs(blocks: list[Block], lines: list[_Line], i: int, p: TextParams) -> bool:
    """A line inside the article span is kept when it is prose, a sentence, a heading of the
    prose below it, or an entry of a list; a lone short line (a caption, a button) is not."""
    if lines[i].good or len(blocks[i].text) >= p.short_chars:
        return True
    if _sentence(blocks[i].text, p):
        return True
    after = i + 1 < len(lines) and (lines[i + 1].good or _sentence(blocks[i + 1].text, p))
    in_list = blocks[i].hint != AFTER_BLANK or (i + 1 < len(blocks) and blocks[i + 1].hint != AFTER_BLANK)
    return after or in_list


def _sentence(text: str, p: TextParams) -> bool:
    return text[-1] in ".!?…" and len(text.split()) >= p.tail_words and stopword_density(words(text)) > 0


def _stems(text: str) -> set[str]:
    """Word beginnings of the content words: "Größtes Kraftwerk" ~ "größte Kraftwerke"."""
    stop = german_stopwords()
    return {w[:5] for w in text.casefold().split() if w not in stop and len(w) > 2}


def _similar(title: set[str], line: set[str], p: TextParams) -> bool:
    """A headline worded a little differently from the page title (an SEO title)."""
    shared = len(title & line)
    return shared >= 3 and shared >= p.headline_overlap * min(len(title), len(line))


# how paragraphs end: sentence marks, closing quotes and brackets, a colon before a list
_SENTENCE_END = frozenset(".!?:;\"“”»«')]")


def _best_span(scores: list[float]) -> tuple[int, int]:
    """Maximum-sum contiguous run (Kadane); ``(0, -1)`` when nothing scores above zero.

    >>> _best_span([-5, 10, -2, 8, -20, 3])
    (1, 3)
    """
    best, best_range = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_range = total, (start, i)
    return best_range


def _text_kind(blocks: list[Block], i: int) -> Kind:
    """Heading when a short line without closing punctuation introduces a longer paragraph."""
    text = blocks[i].text
    if (
        len(text) < 90
        and text[-1] not in ".:!?;,“\")"
        and i + 1 < len(blocks)
        and len(blocks[i + 1].text) > len(text) * 2
    ):
        return "heading"
    return "paragraph"


# Blocks are rebuilt with the constructor: dataclasses.replace costs three times as much, and
# a dump has hundreds of lines.
def _keep(b: Block, kind: Kind) -> Block:
    if b.kept and b.kind == kind and b.reason is None:
        return b
    return Block(b.index, b.text, kind, "keep", b.role, None, None, b.link_density, b.in_main, b.hint)


def _drop(b: Block, reason: str, rule: str | None) -> Block:
    return Block(b.index, b.text, b.kind, "drop", b.role, reason, rule, b.link_density, b.in_main, b.hint)



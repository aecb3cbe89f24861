"""Verdicts for the lines of a plain-text dump, where no markup tells what is what.

Pass 1 scores each line by itself (boilerplate phrases, length, share of German function
words); pass 2 takes the article to be the one contiguous run of lines with the highest total
score, as jusText revises paragraphs by their neighbours, and drops the rest with the reason of
the boilerplate heading ("Mehr zum Thema", "Kommentare") they follow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .classify import drop
from .models import Block
from .rules import RuleMatch, match_boilerplate, stopword_density, words


@dataclass(frozen=True, slots=True)
class TextParams:
    """Thresholds of the text-dump classifier (tuned on the dev corpus, see bench/)."""

    good_stopwords: float = 0.28  # prose: this share of function words or more
    near_stopwords: float = 0.18
    min_good_words: int = 10
    short_chars: int = 50  # shorter blocks are judged by their neighbours
    rule_penalty: float = 120.0  # a boilerplate block inside the article costs this much
    short_penalty: float = 12.0
    bad_weight: float = 0.6


def classify_text(blocks: list[Block], params: TextParams = TextParams()) -> list[Block]:
    """Verdicts for the lines of a text dump.

    Each block gets a score (prose counts by its length, boilerplate and menu words against),
    the article is the contiguous run with the highest total (maximum-subarray), and blocks
    outside it are dropped with the reason of the nearest boilerplate heading before them.
    """
    if not blocks:
        return []
    matches = [match_boilerplate(b.text) for b in blocks]
    scores = [_text_score(b, m, params) for b, m in zip(blocks, matches, strict=True)]
    start, end = _best_span(scores)
    out: list[Block] = []
    region: RuleMatch | None = None
    for i, (block, match) in enumerate(zip(blocks, matches, strict=True)):
        if match is not None:
            if match.opens_region:
                region = match
            out.append(drop(block, match))
        elif start <= i <= end:
            out.append(replace(block, verdict="keep", kind=_text_kind(blocks, i)))
        elif region is not None and i > end:
            out.append(drop(block, RuleMatch(region.reason, f"after: {region.rule}")))
        elif i < start and len(block.text) < params.short_chars:
            out.append(drop(block, RuleMatch("navigation", "short line before the article")))
        else:
            out.append(drop(block, None))
        if start <= i <= end and match is None:
            region = None
    return out


def _text_score(block: Block, match: RuleMatch | None, p: TextParams) -> float:
    if match is not None:
        return -p.rule_penalty
    tokens = words(block.text)
    length = len(block.text)
    if length < p.short_chars:
        return -p.short_penalty
    density = stopword_density(tokens)
    if density >= p.good_stopwords and len(tokens) >= p.min_good_words:
        return float(length)
    if density >= p.near_stopwords:
        return length * 0.3
    return -length * p.bad_weight


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


def _text_kind(blocks: list[Block], i: int) -> str:
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

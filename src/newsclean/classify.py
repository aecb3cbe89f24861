"""Give every block a verdict: keep, or drop with a reason code.

Pass 1 applies the context-free rules of :mod:`newsclean.rules` to each block. Pass 2 revises
verdicts by their neighbours, as jusText does: for a text dump it finds the one contiguous run
of prose that is the article; for HTML it trusts the main-content extractor's choice of region
and cleans German boilerplate out of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .models import Block
from .rules import RuleMatch, hint_reason, match_boilerplate, stopword_density, words


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


def drop(block: Block, match: RuleMatch | None, fallback: str = "not_main_content") -> Block:
    """The block, dropped with the match's reason (or ``fallback``)."""
    if match is None:
        return replace(block, verdict="drop", reason=fallback, rule=None)
    return replace(block, verdict="drop", reason=match.reason, rule=match.rule)


# ----------------------------------------------------------------------------- HTML


def mark_main(blocks: list[Block], main_lines: list[str]) -> list[Block]:
    """Set ``in_main`` on blocks whose text the main-content extractor kept.

    Long blocks match anywhere in the extracted text (the extractor may merge or split
    paragraphs); short ones only as a whole extracted line next to a matched long block, so
    that a menu entry "Politik" is not taken for the section heading "Politik".
    """
    main_text = "\n".join(main_lines)
    line_set = set(main_lines)
    long_lines = [line for line in main_lines if len(line) >= 40]
    matched = []
    for block in blocks:
        text = block.text
        if len(text) >= 25:
            hit = text in main_text or (len(text) >= 80 and any(line in text for line in long_lines))
        else:
            hit = None  # decided below by the neighbours
        matched.append(hit)
    out = []
    for i, block in enumerate(blocks):
        hit = matched[i]
        if hit is None:
            near = [m for m in matched[max(0, i - 3) : i] + matched[i + 1 : i + 4] if m is not None]
            hit = block.text in line_set and any(near)
        out.append(replace(block, in_main=bool(hit)))
    return out


def classify_html(blocks: list[Block]) -> list[Block]:
    """Verdicts for HTML blocks already marked with :func:`mark_main`."""
    out: list[Block] = []
    region: RuleMatch | None = None
    for block in blocks:
        match = match_boilerplate(block.text)
        if not block.in_main:
            out.append(drop(block, match or hint_reason(block.hint) or _link_reason(block)))
            continue
        if match:
            region = match if match.opens_region and match.reason in _REGION_REASONS else None
            out.append(drop(block, match))
            continue
        if region and _teaser_like(block):
            out.append(drop(block, RuleMatch(region.reason, f"after: {region.rule}")))
            continue
        region = None
        out.append(replace(block, verdict="keep"))
    return out


_REGION_REASONS = frozenset({"related", "newsletter", "sponsored", "comments", "social"})


def _link_reason(block: Block) -> RuleMatch | None:
    if block.link_density >= 0.6:
        return RuleMatch("link_density", f"link density {block.link_density:.2f}")
    return None


def _teaser_like(block: Block) -> bool:
    """A teaser headline or link: short, or mostly link text."""
    return block.link_density >= 0.5 or len(block.text) < 100


# ----------------------------------------------------------------------------- text dumps


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

"""The lead (Vorspann): the teaser paragraph between the headline and the article.

HTML pages mark it (the paragraph repeating the declared description, an element classed as
lead, teaser, intro …); in a dump it is the first teaser-sized paragraph under the headline.
The lead is in the article once: a body block repeating it is dropped as a ``duplicate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..lexicon import german
from ..model import Block, Format, Reason, Rule
from ..text.tokens import words
from .byline import is_byline, is_person_name
from .dateline import cut_dateline
from .declared import Declared
from .places import ARTICLE_PARAGRAPH, body_indices, first_long_after
from .site import squash


@dataclass(frozen=True, slots=True)
class Lead:
    """The lead found, and the blocks with its block in the ``lead`` role (cut of its dateline
    or of a byline glued to its end) and its repeats dropped."""

    index: int | None
    text: str | None
    blocks: tuple[Block, ...]
    #: the place an HTML lead started with ("Neuss · Was kann …")
    dateline: str | None = None
    #: the name a dump glued to the lead's end ("… lebendig. Von Eva Kirchner-Rätsch")
    byline: str | None = None
    #: the agency the lead's dateline names ("Berlin (dpa) – …")
    agency: str | None = None
    #: the date the lead's dateline names ("Essen, 20.11.2024 – …"), as written
    dated: str | None = None


def find_lead(blocks: Sequence[Block], title_i: int | None, fmt: Format, declared: Declared) -> Lead:
    """The lead under the headline at ``title_i``, if the page has one."""
    body = body_indices(blocks)
    if fmt == "html":
        after = [i for i in body if title_i is None or i > title_i]
        first_long = next((i for i in after if len(blocks[i].text) >= ARTICLE_PARAGRAPH), after[0] if after else len(blocks))
        at = _find_html_lead(blocks, title_i, first_long, declared)
    else:
        at = _find_text_lead(blocks, body, title_i)
    if at is None:
        return Lead(None, None, tuple(blocks))
    dateline = byline = agency = dated = None
    # "Neuss · Was kann …", "Hamburg (dpa) - Die Stadt …": the place is no part of the lead
    cut = cut_dateline(blocks, at)
    blocks = cut.blocks
    if cut.dateline:
        dateline, agency, dated = cut.dateline.place, cut.dateline.agency, cut.dateline.date
    if fmt == "text":
        text = blocks[at].text
        trimmed = _without_trailing_byline(text)
        if trimmed != text:
            byline = _TRAILING_BYLINE.search(text).group("name")  # type: ignore[union-attr]
        blocks = (*blocks[:at], blocks[at].with_text(trimmed), *blocks[at + 1 :])
    lead = blocks[at].text
    out = drop_lead_repeats((*blocks[:at], blocks[at].kept_as("lead"), *blocks[at + 1 :]), lead)
    return Lead(at, lead, tuple(out), dateline, byline, agency, dated)


def drop_lead_repeats(blocks: Sequence[Block], lead: str) -> list[Block]:
    """The blocks, with the body blocks that repeat the lead (a teaser list printing it again)
    dropped as duplicates."""
    key = squash(lead)
    near, spread = len(lead), len(lead) // 2
    return [
        # (the length first: most blocks are far shorter or longer than the lead)
        b.dropped(Reason.DUPLICATE, Rule("repeats", "lead"))
        if abs(len(b.text) - near) <= spread and b.verdict == "keep" and b.role == "body" and squash(b.text) == key
        else b
        for b in blocks
    ]


def _lead_hinted(block: Block) -> bool:
    """The block's own element (or its parent) is classed as lead, teaser, intro …"""
    if _lead_hinted_away(block):
        return False
    for label in block.hint.casefold().split()[-2:]:
        for token in re.split(r"[.#_\s]+|-(?=[a-z])", label)[1:]:
            if token in german().lead_hint_words or any(token.endswith(w) for w in ("lead", "intro", "teaser")):
                return True
    return False


def _repeats_description(a: str, b: str) -> bool:
    """Paragraph ``a`` repeats the declared description ``b``, allowing for an edited or
    truncated copy: the same first twelve words, or most words shared (Dice >= 0.6)."""
    ta, tb = words(a.casefold()), words(b.casefold())
    if not ta or not tb:
        return False
    if " ".join(ta[:12]) == " ".join(tb[:12]):
        return True
    common = len(set(ta) & set(tb))
    return 2 * common / (len(set(ta)) + len(set(tb))) >= 0.6


def _find_html_lead(blocks: list[Block], title_i: int | None, first_long: int, declared: Declared) -> int | None:
    """The teaser under the headline, between it and the first paragraphs of the article: the
    paragraph repeating a declared description, else one classed as lead/teaser/intro, else a
    lone sentence-shaped paragraph the extractor left out of the header."""
    start = title_i + 1 if title_i is not None else max(0, first_long - 6)
    region = range(start, min(len(blocks), first_long + 3))
    descriptions = [d for d in (declared.description, declared.og_description) if d]

    def usable(i: int) -> bool:
        b = blocks[i]
        return (b.role == "body" and len(b.text) >= 40
                and b.reason not in ("credit", "comments", "cookie", "login", "newsletter", "paywall", "social")
                and not is_byline(b.text) and (b.kind != "heading" or len(b.text) > 80))

    more_body = any(blocks[i].kept and blocks[i].role == "body" for i in range(first_long + 1, len(blocks)))
    for description in dict.fromkeys(descriptions):
        for i in region:
            if usable(i) and _repeats_description(blocks[i].text, description) and (i != first_long or more_body):
                return i
    for i in region:
        near = i - start <= 15 or first_long - i <= 6
        if near and usable(i) and _lead_hinted(blocks[i]) and (i != first_long or more_body):
            return i
    for i in range(start, min(first_long, start + 9)):
        b = blocks[i]
        if (usable(i) and b.kind == "paragraph" and b.reason in (None, "not_main_content", "navigation")
                and len(b.text) >= 50 and b.text.rstrip()[-1] in ".!?…–“\"" and not _lead_hinted_away(b)):
            return i
    bylined = _teaser_over_byline(blocks, start, usable)
    if bylined is not None:
        return bylined
    # a heading of whole sentences right under the headline: the lead set as a subtitle
    # ("<h2>Die marode Brücke wird saniert. Radfahrer bekommen mehr Platz.</h2>")
    if (title_i is not None and start < len(blocks) and blocks[start].kind == "heading" and usable(start)
            and blocks[start].text.rstrip()[-1] in ".!?…" and (start != first_long or more_body)):
        return start
    return _set_under_headline(blocks, title_i)


def _set_under_headline(blocks: list[Block], title_i: int | None) -> int | None:
    """The teaser right under the headline that its markup sets apart, however short the
    article's paragraphs: a subtitle heading classed as the lead ("<h2 class=subtitle>") or
    one that ends like a sentence, or a paragraph that shares the headline's ``<header>``."""
    at = title_i + 1 if title_i is not None else None
    if at is None or at >= len(blocks):
        return None
    b, title = blocks[at], blocks[title_i]  # type: ignore[index]
    text = b.text.rstrip()
    if (not b.kept or b.role != "body" or not _LEAD_CHARS[0] <= len(text) <= _LEAD_CHARS[1] or is_byline(text)
            or _lead_hinted_away(b)):
        return None
    if not _article_follows(blocks, at):
        return None
    if b.kind == "heading":
        return at if _lead_hinted(b) or (text[-1] in ".!" and len(text) >= 50) else None
    parent, _, _ = b.hint.rpartition(" ")
    same_header = parent == title.hint.rpartition(" ")[0] and "header" in parent.rpartition(" ")[2].casefold()
    return at if same_header and text[-1] in ".!?…“\"" else None


#: the shortest and longest teaser :func:`_set_under_headline` reads
_LEAD_CHARS = (40, 600)


def _teaser_over_byline(blocks: list[Block], start: int, usable: Callable[[int], bool]) -> int | None:
    """The first paragraph under the headline when the byline or date line parts it from the
    article's paragraphs (headline, teaser, "Von Anna Schmidt", article): where the article's
    paragraphs are all short, this line is what sets the teaser apart."""
    first = next((i for i in range(start, min(len(blocks), start + 4)) if blocks[i].kept and blocks[i].role == "body"), None)
    if first is None or not usable(first) or blocks[first].kind != "paragraph" or blocks[first].reason is not None:
        return None
    text = blocks[first].text.rstrip()
    if len(text) < 50 or len(text) > _LONGEST_LEAD or text[-1] not in ".!?…“\"" or _lead_hinted_away(blocks[first]):
        return None
    nxt = [b for b in blocks[first + 1 : first + 5] if b.kept][:2]
    if not any(b.role in ("byline", "date") for b in nxt):
        return None
    return first if _article_follows(blocks, first) else None


def _article_follows(blocks: list[Block], at: int) -> bool:
    """Whether the article's paragraphs follow block ``at``: two kept body paragraphs of 60
    characters or more among the next 30 blocks, under a teaser (not a lone line over a list)."""
    return sum(1 for b in blocks[at + 1 : at + 30] if b.kept and b.role == "body" and len(b.text) >= 60) >= 2


def _lead_hinted_away(block: Block) -> bool:
    labels = block.hint.casefold().split()[-2:]
    return any(word in label for label in labels for word in german().not_lead_hint_words)


def _find_text_lead(blocks: list[Block], body: list[int], title_i: int | None) -> int | None:
    """In a dump: the first teaser-sized paragraph under the headline (past date and byline
    lines and a second headline, skipping picture captions, which a bare credit line follows),
    if the article goes on after it; a subtitle right under the headline and over the byline
    needs no closing mark. Else a paragraph separated from the body by date or byline lines."""
    if not body:
        return None
    if title_i is not None:
        # the header zone reaches the article's first paragraph (past menus a dump may print
        # between headline and article), at most _LEAD_REACH lines
        end = min(len(blocks), max(title_i + 16, first_long_after(blocks, title_i) + 1), title_i + _LEAD_REACH)
        for i in range(title_i + 1, end):
            b = blocks[i]
            if b.role != "body" or b.kind != "paragraph" or len(b.text) < 60:
                continue
            if b.reason not in (None, "not_main_content", "navigation") or b.text.startswith("("):
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.reason == "credit" and _bare_credit(nxt) and len(b.text) < _LONGEST_CAPTION:
                continue  # a caption; a long credit line is a caption itself, under a teaser
            text = _without_trailing_byline(b.text)
            ends = text[-1] in ".!?…–“\""
            subtitle = i == title_i + 1 and nxt is not None and nxt.role in ("byline", "date")
            if not ends and not subtitle and len(text) < _SECOND_HEADLINE:
                continue  # a second headline ("Kicker Statt Paypal & Co.: So könnte ...")
            more = any(x.kept and x.role == "body" and len(x.text) >= 60 for x in blocks[i + 1 : i + 30])
            if len(text) <= _LONGEST_LEAD and (ends or subtitle) and more and not is_byline(text):
                return i
            break
    first = body[0]
    after = blocks[first + 1 : first + 4]
    if len(body) > 2 and after and any(b.role in ("date", "byline") for b in after[:2]) and len(blocks[first].text) > 60:
        return first
    return None


#: how many lines under the headline a dump's lead may stand
_LEAD_REACH = 40
#: a credit line shorter than this is a bare credit ("© Picture Alliance"): the line over it is
#: a caption; a longer one is a caption with its credit, under the teaser
_BARE_CREDIT = 60
#: a line over a bare credit is a caption when shorter than this; a longer one is the teaser,
#: a picture following it
_LONGEST_CAPTION = 300
#: the longest teaser a dump's lead may be
_LONGEST_LEAD = 600
#: a line this short not ending like a sentence is a second headline, not the lead
_SECOND_HEADLINE = 120
_TRAILING_BYLINE = re.compile(r"(?<=[.!?…“\"])\s+[Vv]on\s+(?P<name>[^.!?]{4,60})$")


def _bare_credit(block: Block) -> bool:
    """A short credit line with no caption of its own before the credit ("Foto: Peter Klein",
    "© dpa"; not "Das Hallenbad. Foto: Peter Klein"): the line over it is the picture's caption.

    >>> rule = Rule("contains", "foto:")
    >>> _bare_credit(Block(0, "Foto: Peter Klein", rule=rule)), _bare_credit(Block(0, "Das Hallenbad. Foto: Peter Klein", rule=rule))
    (True, False)
    """
    if len(block.text) >= _BARE_CREDIT:
        return False
    at = block.text.casefold().find(block.rule.evidence) if block.rule is not None and block.rule.kind == "contains" else -1
    return at < 0 or len(block.text[:at].split()) < 2


def _without_trailing_byline(text: str) -> str:
    """A teaser without the byline a dump glued to its end.

    >>> _without_trailing_byline("Bei der Premiere wurde das Hotel wieder lebendig. Von Eva Kirchner-Rätsch")
    'Bei der Premiere wurde das Hotel wieder lebendig.'
    >>> _without_trailing_byline("Sie kam. Von Berlin")
    'Sie kam. Von Berlin'
    """
    found = _TRAILING_BYLINE.search(text)
    return text[: found.start()] if found and is_person_name(found.group("name")) else text

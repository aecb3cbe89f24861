"""Text the page prints twice: a kept block made of sentences other kept blocks already hold.

Pages carry a second copy of the article for another view (an app or print version, the full
text behind a paywall teaser), often run together in one element, or repeat a paragraph; both
copies reach the article. Of two blocks sharing sentences, the one holding more (the run-together
copy) is the repeat, and of two equal ones the later; a block is dropped as ``duplicate`` when
most of its sentences are in such a block. Sentences are compared without their spaces (a copy
run together loses them between paragraphs), so a copy is found whether it comes before or
after the article and whatever its whitespace.

>>> from newsclean.model import Block
>>> paragraphs = ["Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen. "
...               "Sie soll ab dem kommenden Jahr gebaut werden.",
...               "Kritiker halten die Pläne für überzogen. Sie fordern, zuerst die alten Brücken zu sanieren."]
>>> blocks = [Block(0, paragraphs[0]), Block(1, paragraphs[1]), Block(2, "".join(paragraphs))]
>>> [(b.verdict, b.reason and b.reason.value) for b in drop_repeated_text(blocks)]
[('keep', None), ('keep', None), ('drop', 'duplicate')]
"""

from __future__ import annotations

import re

from ..model import Block, Reason, Rule

#: a sentence: up to its closing marks (and the quotes or brackets after them), or the block's
#: end; or the line break between two blocks
_SENTENCE = re.compile(r"\n|[^.!?…\n]+(?:[.!?…]+[\"“”»«’')\]]*)?")
#: sentences shorter than this (spaces removed) are not compared: "Dr." and "z.B." cut
#: sentences into pieces, and a short line ("Ja.") may well be said twice
_MIN_SENTENCE = 20
#: a block is a repeat when at least this share of its sentences' characters repeat others ...
_REPEATED_SHARE = 0.6
#: ... and they are at least this many characters: a repeated short quote or credit is some
#: other rule's business
_MIN_REPEATED = 80


def sentence_keys(texts: list[str]) -> list[list[str]]:
    """Each text's sentences, spaces removed, long enough to be compared.

    >>> sentence_keys(["Der Rat tagte am Montag.Dr. Anna Berg sprach zuerst. Ja.", "Kurz.", "Ohne Punkt am Ende der Zeile"])
    [['DerRattagteamMontag.', 'AnnaBergsprachzuerst.'], [], ['OhnePunktamEndederZeile']]
    >>> sentence_keys(["Zwei Zeilen in einem Text,\\ndie der Satz verbindet."]), sentence_keys([])
    ([['ZweiZeilenineinemText,diederSatzverbindet.']], [])
    """
    # (all texts in one string, cut by one call: blocks come with single spaces and without
    # line breaks, which then separate them)
    joined = "\n".join(texts)
    if joined.count("\n") != max(0, len(texts) - 1):  # a line break inside a text
        return [sentence_keys([" ".join(text.split())])[0] for text in texts]
    if not texts:
        return []
    keys: list[list[str]] = [[]]
    for piece in _SENTENCE.findall(joined.replace(" ", "")):
        if piece == "\n":
            keys.append([])
        elif len(piece) >= _MIN_SENTENCE:
            keys[-1].append(piece)
    return keys


def drop_repeated_text(blocks: list[Block]) -> list[Block]:
    """The blocks, with each kept body block that mostly repeats sentences of another kept
    block dropped as ``duplicate``.

    A sentence counts as repeated in a block when a shorter kept block has it too, or an
    earlier one as long: so the longest copy goes first and one of two equal copies stays.
    Each block's sentences are read once and looked up in one table: linear in the page.
    """
    kept = [i for i, b in enumerate(blocks) if b.verdict == "keep" and b.role == "body"]
    keys = dict(zip(kept, sentence_keys([blocks[i].text for i in kept]), strict=True))
    # sentence -> the (length, index) of the least block holding it
    least: dict[str, tuple[int, int]] = {}
    n_keys = 0
    for i in kept:
        rank = (len(blocks[i].text), i)
        n_keys += len(keys[i])
        for key in keys[i]:
            if key not in least or rank < least[key]:
                least[key] = rank
    if n_keys == len(least):
        return blocks  # no sentence is printed twice (most pages)
    out = list(blocks)
    for i in kept:
        total = sum(map(len, keys[i]))
        if total < _MIN_REPEATED:
            continue
        rank = (len(blocks[i].text), i)
        # (a lesser block holds the sentence when the least one is not this block)
        repeated = sum(len(key) for key in keys[i] if least[key] < rank)
        if repeated >= _MIN_REPEATED and repeated >= _REPEATED_SHARE * total:
            out[i] = blocks[i].dropped(Reason.DUPLICATE, Rule("repeats", "the article's sentences"))
    out = _drop_held_blocks(out, [i for i in kept if out[i].kept], keys)
    return _drop_covered_blocks(out, [i for i in kept if out[i].kept], keys)


def _drop_held_blocks(blocks: list[Block], kept: list[int], keys: dict[int, list[str]]) -> list[Block]:
    """The blocks, with the kept ones whose sentences a longer kept block holds all of dropped
    as ``duplicate``, when that block holds two such blocks or more.

    The longer block stayed because most of its sentences are its own: it is the full text
    behind a paywall teaser whose first paragraphs the page shows as well, and its text then
    reaches the article once. A block holding a single other one is not taken for a copy: a
    paragraph a pull quote repeats, or the first paragraph that begins with the lead.
    """
    holders: dict[str, list[int]] = {}  # sentence -> the kept blocks holding it
    for i in kept:
        for key in dict.fromkeys(keys[i]):
            holders.setdefault(key, []).append(i)
    held_by: dict[int, list[int]] = {}  # a block -> the shorter blocks whose sentences it holds all of
    for i in kept:
        own = keys[i]
        if not own or sum(map(len, own)) < _REPEATED_SHARE * len(blocks[i].text.replace(" ", "")):
            continue  # (no sentence, or mostly text too short to compare: not a copy)
        for j in set(holders[own[0]]).intersection(*(holders[key] for key in own[1:])):
            if len(blocks[j].text) > len(blocks[i].text):
                held_by.setdefault(j, []).append(i)
    rule = Rule("repeats", "the sentences of a longer block")
    out = blocks
    for j, held in held_by.items():
        if len(held) >= 2 and _own_chars(keys[j], holders) >= _MIN_REPEATED:
            out = out if out is not blocks else list(blocks)
            for i in held:
                out[i] = blocks[i].dropped(Reason.DUPLICATE, rule)
    return out


def _own_chars(keys: list[str], holders: dict[str, list[int]]) -> int:
    """How many characters of a block's sentences no other kept block holds."""
    return sum(len(key) for key in keys if len(holders[key]) == 1)


#: the sentences two kept blocks still share that show a second copy of the article, cut into
#: paragraphs of its own: this many characters of them, in this many sentences at least (a pull
#: quote or a lead the first paragraph repeats shares one)
_COPY_CHARS = 300
_COPY_SENTENCES = 3


def _drop_covered_blocks(blocks: list[Block], kept: list[int], keys: dict[int, list[str]]) -> list[Block]:
    """The blocks, with each kept one whose sentences other kept blocks all hold dropped as
    ``duplicate``, when the page holds a second copy of the article.

    A copy cut into paragraphs other than the article's ("A B", "C D" against "A", "B C",
    "D") has each block share a sentence or two with others, no block mostly repeating one
    other. The longest blocks are looked at first (of two as long, the later): a block of
    prose goes when each of its sentences is in another block still kept.
    """
    # (prose only: a name in the cells of two tables, a heading again in the table of contents
    # are printed twice on purpose)
    kept = [i for i in kept if sum(map(len, keys[i])) >= _MIN_REPEATED]
    count: dict[str, int] = {}  # sentence -> how many kept blocks hold it
    for i in kept:
        for key in set(keys[i]):
            count[key] = count.get(key, 0) + 1
    shared = [key for key, n in count.items() if n > 1]
    if len(shared) < _COPY_SENTENCES or sum(map(len, shared)) < _COPY_CHARS:
        return blocks
    out = list(blocks)
    rule = Rule("repeats", "sentences other blocks hold")
    for i in sorted(kept, key=lambda i: (len(blocks[i].text), i), reverse=True):
        own = set(keys[i])
        if own and all(count[key] > 1 for key in own) and (
                sum(map(len, own)) >= _REPEATED_SHARE * len(blocks[i].text.replace(" ", ""))):
            out[i] = blocks[i].dropped(Reason.DUPLICATE, rule)
            for key in own:
                count[key] -= 1
    return out

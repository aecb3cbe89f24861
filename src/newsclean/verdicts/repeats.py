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
    return out

"""Reader comments under the article, where no class name says so.

A thread starts with a block the phrase lists call ``comments`` ("2 Kommentare", "Kommentare",
"Diskutieren Sie mit") after the article has begun, and shows itself by what every comment
carries: its writer and date ("Georg N. am 10.4.2020", "Josef Lindner, Do 9 Apr 2020 / 08:34"),
"X schrieb:", buttons ("Antworten", "Melden"). Readers' prose reads like the article's, so the
extractor (HTML) or the best run of prose (dumps) keeps it; once a thread has started, every
kept block after its start is dropped as ``comments``.

>>> from newsclean.model import Block, Reason, Rule
>>> article = [Block(i, "Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen, "
...                    "die ab dem kommenden Jahr gebaut werden soll.") for i in range(4)]
>>> thread = [Block(4, "2 Kommentare").dropped(Reason.COMMENTS, Rule("pattern", "2 Kommentare")),
...           Block(5, "Anna B. am 3. März 2024 um 10:12"), Block(6, "Endlich, darauf warten wir seit Jahren!"),
...           Block(7, "Jan K. am 3. März 2024 um 11:40"), Block(8, "Viel zu teuer, wer soll das bezahlen?")]
>>> [(b.verdict, b.reason and b.reason.value) for b in drop_comment_threads(article + thread)][4:]
[('drop', 'comments'), ('drop', 'comments'), ('drop', 'comments'), ('drop', 'comments'), ('drop', 'comments')]
"""

from __future__ import annotations

import re

from ..lexicon import comment_thread_headings, phrase_key
from ..model import Block, Reason, Rule
from ..text.dates import find_dates, time_ago_pattern

#: a thread starts only after this much kept text: a "Kommentare (3)" link in the article's
#: header, over the lead, is no thread
_ARTICLE_BEFORE = 400
#: the marks of comments a thread shows at least (a writer-and-date line, "X schrieb:", a
#: button), one of them next to kept text (a comment's text follows its writer and date, and
#: its buttons follow it)
_MIN_MARKS = 2
#: a comment's text is this many blocks from its mark at most
_COMMENT_REACH = 3
#: a writer-and-date line is at most this long
_STAMP_CHARS = 100
#: "Anna schrieb:", "Jan sagt:", "Tom says:" (the line a comment starts with)
_DIGIT = re.compile(r"\d")
#: a count over the thread ("Comments (14)", "14 Comments") says readers wrote: the kept text
#: after it is their comments, names and buttons or not, when it is this share of the article
#: before it at most (a count in a tool bar between the paragraphs has more article after it)
_COUNTED_SHARE = 1 / 3
_COUNT = re.compile(r"[1-9]\d*")
_WROTE = re.compile(r"\b(?:schrieb|schreibt|sagt|meint|antwortete|says|wrote)\s*:?\s*$", re.IGNORECASE)


def drop_comment_threads(blocks: list[Block]) -> list[Block]:
    """The blocks, with the kept ones in a comment thread after the article dropped."""
    start = _thread_start(blocks)
    if start is None:
        return blocks
    rule = Rule("position", f"in the comment thread from: {blocks[start].text}")
    return [*blocks[:start], *(b.dropped(Reason.COMMENTS, rule) if b.kept and b.role == "body" else b
                                for b in blocks[start:])]


def _thread_start(blocks: list[Block]) -> int | None:
    """Where the comment thread after the article starts, if any: the first thread heading
    after :data:`_ARTICLE_BEFORE` characters of kept text, when :data:`_MIN_MARKS` marks of
    comments follow it, one of them next to kept text (else there is nothing to drop). A
    later heading has no more marks after it than the first."""
    kept_chars = 0
    start = None
    for i, b in enumerate(blocks):
        if b.verdict == "keep":
            kept_chars += len(b.text)
        elif b.reason is Reason.COMMENTS and kept_chars >= _ARTICLE_BEFORE and _is_thread_heading(b):
            start = i
            break
    if start is None:
        return None
    kept_after = sum(len(b.text) for b in blocks[start + 1 :] if b.verdict == "keep")
    if not kept_after:
        # (no kept text after the heading, as under most: no comment to drop, and no marks
        # to look for in the rest of the page)
        return None
    if _is_count(blocks[start]) and kept_after <= kept_chars * _COUNTED_SHARE:
        return start
    marks = 0
    last_mark = last_kept = -1
    kept_by_mark = False
    for i in range(start + 1, len(blocks)):
        b = blocks[i]
        if _is_mark(b):
            marks, last_mark = marks + 1, i
            # (the buttons under a comment: "Antworten", "Melden" after its text)
            kept_by_mark = kept_by_mark or (last_kept >= 0 and i - last_kept <= _COMMENT_REACH)
        elif b.verdict == "keep" and _stamp_prefix(b.text):
            # "Anna B. am 6.11.2023: Das ist …": the mark and the comment in one block
            marks, last_mark, last_kept, kept_by_mark = marks + 1, i, i, True
        elif b.verdict == "keep":
            last_kept = i
            kept_by_mark = kept_by_mark or (last_mark >= 0 and i - last_mark <= _COMMENT_REACH)
        if marks >= _MIN_MARKS and kept_by_mark:
            return start
    return None


def _is_thread_heading(block: Block) -> bool:
    """A heading over reader comments: a count ("2 Kommentare", a pattern of the ``comments``
    phrases) or one of their ``thread`` headings."""
    rule = block.rule
    if block.reason is not Reason.COMMENTS or rule is None or rule.after:
        return False
    return rule.kind == "pattern" or (rule.kind in ("phrase", "starts")
                                      and phrase_key(rule.evidence) in comment_thread_headings())


def _is_count(block: Block) -> bool:
    """A heading that counts the comments under it, at least one ("Comments (14)", "2 Kommentare";
    a pattern of the ``comments`` phrases)."""
    return block.rule is not None and block.rule.kind == "pattern" and _COUNT.search(block.text) is not None


def _is_mark(block: Block) -> bool:
    """What a comment starts or ends with: a writer-and-date line, "X schrieb:", a button the
    ``comments`` phrases name ("Antworten", "Melden")."""
    rule = block.rule
    if block.reason is Reason.COMMENTS and rule is not None and not rule.after and rule.kind in ("phrase", "starts"):
        return True
    return len(block.text) <= _STAMP_CHARS and _is_stamp(block.text)


def _stamp_prefix(text: str) -> bool:
    """The text starts with its writer and date, then a colon: a comment in one block.

    >>> _stamp_prefix("Anna B. am 6.11.2023: Das ist doch viel zu teuer."), _stamp_prefix("Berlin: Am 6.11.2023 tagt der Rat.")
    (True, False)
    """
    head, colon, _ = text[:_STAMP_CHARS].partition(": ")
    return bool(colon) and _DIGIT.search(head) is not None and bool(find_dates(head))


def _is_stamp(text: str) -> bool:
    """A comment's writer and date line, or its "X schrieb:".

    >>> _is_stamp("Georg N. am 10.4.2020"), _is_stamp("Anna schrieb:"), _is_stamp("Die Preise steigen.")
    (True, True, False)
    >>> _is_stamp("Heinz_L vor 2 Stunden"), _is_stamp("Mara K. gestern, 19:02 Uhr"), _is_stamp("Das war vor 2 Jahren so.")
    (True, True, False)
    """
    # (the verb or the time ends the line: only its last characters are searched)
    tail = max(0, len(text) - 24)
    return (bool(_WROTE.search(text, tail)) or bool(time_ago_pattern().search(text, tail))
            or (_DIGIT.search(text) is not None and bool(find_dates(text))))

"""How far a dump's article run reaches: the best run of prose lines (maximum-subarray over the
lines' scores), the lists and dialogues of short lines between its paragraphs, the boxes of
other articles it goes on past, the closing lines and the table after it, the list and the
lead-in lines over it. :mod:`newsclean.verdicts.dump` scores the lines and gives the verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Set
from typing import TYPE_CHECKING

from ..lexicon import german
from ..model import Reason
from ..text.tokens import stopword_density, words
from .phrases import RuleMatch

if TYPE_CHECKING:
    from .dump import TextParams


#: a figure in a line ("CDU 31,2 Prozent")
DIGIT = re.compile(r"\d")


def between_prose(texts: list[str], matches: list[RuleMatch | None], good: list[bool], p: TextParams) -> frozenset[int]:
    """The runs of short lines right between two lines of prose, at least two and at most
    :attr:`TextParams.between_lines` of them, none boilerplate: the items of a list in the
    article (maybe under the short words that introduce it), an interview's short questions
    and answers ("Das Ziel?", "Aufstieg."), a crosshead over a short paragraph. (A lone short line there is a caption or a button as
    often.)

    >>> from newsclean.verdicts.dump import TextParams
    >>> texts = ["Es gelten diese Preise:", "Bahncard 25: 62,90 Euro", "Bahncard 50: 244 Euro", "Auch bei ...", "Mehr"]
    >>> sorted(between_prose(texts, [None] * 5, [True, False, False, True, False], TextParams()))
    [1, 2]
    """
    found: set[int] = set()
    i = 1
    while i < len(texts):
        end = i
        while end < len(texts) and matches[end] is None and not good[end] and len(texts[end]) < p.short_chars:
            end += 1
        if (end > i and good[i - 1] and end < len(texts) and good[end] and 2 <= end - i <= p.between_lines
                and _listed(texts[i - 1], texts[i:end])):
            found.update(range(i, end))
        i = max(end, i + 1)
    return frozenset(found)


def _listed(above: str, run: list[str]) -> bool:
    """Whether the short lines of a ``run`` under the prose line ``above`` read as a list or a
    dialogue: words ending in a colon introduce them, each starts with a list's mark or holds a
    figure (a table: "CDU 31,2 Prozent"), or each ends as a sentence does (not in an ellipsis)
    and one of them as a statement (an answer). A list of teasers
    reads as none of these: a kicker over each headline, no mark after either.

    >>> _listed("Die wichtigsten Punkte:", ["Bahncard 25", "Bahncard 50"]), _listed("Er sagt.", ["Das Ziel?", "Aufstieg."])
    (True, True)
    >>> _listed("Die Kandidaten wollen ...", ["Risiko-Frage", "Ist Klettern zu gefährlich?"])
    False
    >>> _listed("Der Rat hat entschieden.", ["Die wichtigsten Punkte:", "Länge: 180 Meter", "- Baubeginn im Frühjahr"])
    True
    >>> _listed("Der Rat hat entschieden.", ["Weitere Meldungen aus der Stadt:", "Neuer Park am Rhein"])
    False
    >>> _listed("Wir beraten Sie gern.", ["Wir sind für Sie da!", "Mehr erfahren…"])
    False
    """
    if above[-1] == ":" or all(_item(line) for line in run):
        return True
    if _introduces(run[0]) and all(_item(line) for line in run[1:]):
        return True  # (the words introducing the list are a short line of the run: "Die Punkte:")
    if _fact_box(run):
        return True
    # (not an ellipsis: a link's "Mehr erfahren …" ends so)
    return all(line[-1] in ".!?" and not line.endswith("...") for line in run) and any(line[-1] in ".!" for line in run)


def _fact_box(run: list[str]) -> bool:
    """Whether a run of short lines is a box of facts in the article (an event's "Wann: 3. März,
    19 Uhr", "Wo: Kongresshalle"; maybe under its label and over a line such as "Eintritt
    frei"): two of its lines or more give a fact after a one-word label, a few words each, one
    of the facts holds a figure, and a line of the box is no such fact (its label, or a note).
    A list of teasers' headlines after their kickers ("Nahost: Waffenruhe hält nicht") gives no
    figures after one word; two such lines alone between a recipe's steps ("Backzeit: etwa 15
    Minuten") are part of its steps.

    >>> _fact_box(["Info", "Bürgerversammlung", "Wann: 3. März, 19 Uhr", "Wo: Kongresshalle", "Eintritt frei"])
    True
    >>> _fact_box(["Nahost: Waffenruhe hält nicht", "Wahlen: Die SPD legt zu"])
    False
    """
    facts = [value for line in run if (m := _FACT.fullmatch(line)) and len((value := m.group(1)).split()) <= _FACT_WORDS]
    return len(run) > len(facts) >= 2 and any(DIGIT.search(value) for value in facts)


#: a fact after its one-word label, and the most words of one
_FACT = re.compile(r"\w[\w-]*:\s+(\S.*)")
_FACT_WORDS = 5


def _item(line: str) -> bool:
    """Whether a short line reads as the item of a list: it starts with a list's mark or holds a
    figure."""
    return line[0] in _LIST_MARKS or DIGIT.search(line) is not None


#: how the items of a list start in a dump
_LIST_MARKS = frozenset("-–•·*▪►")


def past_boxes(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], good: list[bool],
               scores: list[float], end: int, p: TextParams) -> int:
    """The article's last line, past the boxes of other articles in it: a box heading right
    after line ``end`` ("Mehr zum Thema"), at most :attr:`TextParams.box_lines` short lines
    run together under it (the teasers' headlines), a blank line, and the article going on:
    a run of lines, most of them prose (at least two), that scores half of what the heading
    costs. A list of teasers with their texts goes on from the heading's lines, with no blank
    line to part them; a thread of comments has a heading of its own.

    >>> from newsclean.verdicts.dump import TextParams
    >>> prose = "Die Stadt hat am Montag beschlossen, dass die neue Brücke gebaut wird und den Verkehr entlastet."
    >>> texts = [prose, "Mehr zum Thema", "Neue Radwege", "Neuer Park", prose * 2, prose * 2, "Impressum"]
    >>> blank = [True, True, True, False, True, True, True]
    >>> from newsclean.verdicts.phrases import match_blocks
    >>> matches = match_blocks(texts)
    >>> good = [m is None and len(t) > 50 for t, m in zip(texts, matches)]
    >>> past_boxes(texts, blank, matches, good, [len(t) if g else -100.0 for t, g in zip(texts, good)], 0, TextParams())
    5
    """
    for _ in range(p.inline_boxes):  # (each pass weighs the rest of the dump: a few, not one per line)
        if (end + 2 >= len(texts) or (heading := matches[end + 1]) is None or not heading.opens_region
                or heading.reason is not Reason.RELATED):
            return end
        k = end + 2
        while (k < len(texts) and k - end - 2 < p.box_lines and matches[k] is None and not good[k]
               and (k == end + 2 or not after_blank[k])):
            k += 1
        if k == end + 2 or k >= len(texts) or not after_blank[k] or not good[k]:
            return end
        last = _farthest_gain(scores, range(k + 1, len(scores)), k)
        prose = sum(good[k:last + 1])
        if prose < 2 or prose * 2 < last + 1 - k or sum(scores[k:last + 1]) < p.heading_penalty / 2:
            return end
        end = last
    return end


def widen(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], start: int, end: int,
          p: TextParams) -> tuple[int, int]:
    """The article span grown by the short closing sentences right after it ("Ich hoffe, euch
    gefällt der Relaunch.", "Einsendeschluss ist der 3. November.") and by the table or list
    its last line introduces ("Es gelten folgende Bestimmungen:"), and by a live ticker's last
    entries (:func:`_ticker_tail`)."""
    if end < start:
        return start, end
    end = _ticker_tail(texts, matches, start, end, p)
    while end + 1 < len(texts) and matches[end + 1] is None and sentence(texts[end + 1], p):
        end += 1
    # (the words that introduce it may be a short line of their own)
    colon = end + 1 if end + 1 < len(texts) and matches[end + 1] is None and _introduces(texts[end + 1]) else end
    if texts[colon][-1] == ":" and (last := _table_after(texts, after_blank, matches, colon, p)) > colon:
        end = last
    # a blog post's sign-off ("Euer Jan"), maybe under a short wish ("Viel Spaß!")
    for last in range(end + 1, min(end + 3, len(texts))):
        if matches[last] is not None or len(texts[last]) >= p.short_chars:
            break
        if _sign_off(texts[last]):
            return start, last
    return start, end


def _ticker_tail(texts: list[str], matches: list[RuleMatch | None], start: int, end: int, p: TextParams) -> int:
    """The last line of a live ticker's run: past line ``end``, the entries that follow it (a
    time stamp on a line of its own over a sentence or a paragraph), when the run has two
    such entries already. A stamp costs what a short line does, and the oldest entry, a
    ticker's last, is often too short to pay for it ("Guten Morgen, wir berichten heute live.").

    >>> from newsclean.verdicts.dump import TextParams
    >>> entry = "Die Feuerwehr hat am Morgen Sandsäcke an die Anwohner in der Altstadt verteilt."
    >>> texts = ["10:12 Uhr", entry, "09:48 Uhr", entry, "08:30 Uhr", "Guten Morgen, wir berichten heute live.", "Impressum"]
    >>> _ticker_tail(texts, [None] * 7, 0, 3, TextParams()), _ticker_tail(texts, [None] * 7, 2, 3, TextParams())
    (5, 3)
    """
    def entry(i: int) -> bool:
        return (i + 1 < len(texts) and matches[i] is None and matches[i + 1] is None and len(texts[i]) <= _LONGEST_STAMP
                and _STAMP.fullmatch(texts[i]) is not None
                and (len(texts[i + 1]) >= p.short_chars or sentence(texts[i + 1], p)))

    if sum(1 for i in range(start, end) if entry(i)) < 2:
        return end
    while entry(end + 1):
        end += 2
    return end


#: a live ticker's time stamp: a clock time, maybe after a date ("09:48 Uhr", "13.02.2026, 9.48 Uhr")
_STAMP = re.compile(r"(?:\d{1,2}\.\d{1,2}\.(?:\d{2,4})?,?\s*)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?")
_LONGEST_STAMP = 25


def list_before(texts: list[str], matches: list[RuleMatch | None], start: int, p: TextParams) -> int:
    """The first line of the list right above the article's first paragraph (line ``start``),
    under its heading ending in a colon and maybe over the paragraph's own ("Zutaten:", "300 g
    Mehl", "1 Ei", ..., "Zubereitung:"): a recipe's ingredients, a data sheet's figures, at
    least :attr:`TextParams.table_rows` short lines, each with a word, most with a figure;
    ``start`` when there is none.

    >>> from newsclean.verdicts.dump import TextParams
    >>> texts = ["Impressum", "Zutaten:", "300 g Mehl", "1 Ei", "Zubereitung:", "Alle Zutaten verrühren ..."]
    >>> list_before(texts, [None] * 6, 5, TextParams()), list_before(texts[2:], [None] * 4, 3, TextParams())
    (1, 3)
    """
    last = start - 1
    if last > 0 and texts[last][-1] == ":" and matches[last] is None and len(texts[last]) < p.short_chars:
        last -= 1  # (the paragraph's heading)
    first = last
    while (first >= 0 and last - first < p.first_prose_reach and matches[first] is None
           and len(texts[first]) < p.short_chars and texts[first][-1] != ":"):
        first -= 1
    rows = texts[first + 1:last + 1]
    if (first < 0 or matches[first] is not None or texts[first][-1] != ":" or len(rows) < p.table_rows
            or not all(any(c.isalpha() for c in row) for row in rows)):
        return start  # (a row without a word is a data sheet's empty field: "-")
    return first if sum(1 for row in rows if DIGIT.search(row)) * 2 >= len(rows) else start


def _table_after(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], i: int,
                 p: TextParams) -> int:
    """The last row of the table of figures that the words on line ``i`` introduce ("Für die
    Weine gelten folgende Bestimmungen:"): the lines printed one under the other after it, at
    least :attr:`TextParams.table_rows` of them, most with a figure; ``i`` when none follow (an
    address, a link, the fields of a form).

    >>> from newsclean.verdicts.dump import TextParams
    >>> texts = ["Es gelten diese Preise:", "bisher ab Januar", "Grundpreis 20,2 Euro 22,6 Euro", "Impressum"]
    >>> _table_after(texts, [True, True, False, True], [None] * 4, 0, TextParams())
    2
    """
    end = i
    while end + 1 < len(texts) and (end == i or not after_blank[end + 1]) and matches[end + 1] is None:
        end += 1
    rows = texts[i + 1:end + 1]
    figures = sum(1 for row in rows if any(c.isdigit() for c in row))
    if len(rows) < p.table_rows or figures * 2 < len(rows) or any(row.startswith(("http", "www.")) for row in rows):
        return i
    return end


def lead_in(texts: list[str], matches: list[RuleMatch | None], start: int, headlines: Set[int],
            p: TextParams) -> range:
    """The short lines that lead into the article's first paragraph (line ``start``) right
    above it, under a headline (a line of ``headlines``, which repeat the page's title): a
    sentence ("Ihr kennt es sicher auch!"), the words that introduce it ("Leitsätze des
    Gerichts:"), a salutation ("Liebe Leserinnen und Leser,"). A dump whose headline no line
    repeats has none: the title is then the title-shaped line right above the article, which
    a line taken into it would move. Nor is a line the dump printed before (the headline again
    over its article).

    >>> from newsclean.verdicts.dump import TextParams
    >>> texts = ["Neue Brücke", "Liebe Leserinnen und Leser,", "heute ..."]
    >>> lead_in(texts, [None] * 3, 2, {0}, TextParams()), lead_in(texts, [None] * 3, 2, set(), TextParams())
    (range(1, 2), range(0, 0))
    """
    first = start
    while first > max(start - p.lead_in_lines, 0):
        text = texts[first - 1]
        if (matches[first - 1] is not None or first - 1 in headlines or len(text) >= p.short_chars
                or not (sentence(text, p) and text[-1] != "?" or _introduces(text) or _salutation(text))
                or text in texts[:first - 1]):
            break
        first -= 1
    return range(first, start) if any(line < first for line in headlines) else range(0)


def belongs(texts: list[str], after_blank: list[bool], good: list[bool], i: int, p: TextParams) -> bool:
    """A line inside the article span is kept when it is prose, a sentence, a heading of the
    prose below it, the words that introduce a list ("Exportiert wurden vor allem:"), or an
    entry of a list; a lone short line (a caption, a button) is not."""
    if good[i] or len(texts[i]) >= p.short_chars:
        return True
    if sentence(texts[i], p) or _introduces(texts[i]) or _sign_off(texts[i]):
        return True
    if i + 1 < len(texts) and _sign_off(texts[i + 1]):
        return True  # the wish over a sign-off ("Viel Spaß beim Nachbacken!")
    after = i + 1 < len(texts) and (good[i + 1] or sentence(texts[i + 1], p))
    in_list = not after_blank[i] or (i + 1 < len(texts) and not after_blank[i + 1])
    return after or in_list


def _salutation(text: str) -> bool:
    """A letter's salutation over its first paragraph: a few words that start as one does,
    ending in a comma.

    >>> _salutation("Liebe Leserinnen und Leser,"), _salutation("Sehr geehrte Damen und Herren,")
    (True, True)
    >>> _salutation("Liebe Grüße aus Berlin"), _salutation("Lieber spät als nie,")
    (False, True)
    """
    if text[-1] != "," or text.count(" ") > 5 or any(c.isdigit() for c in text):
        return False
    folded = text.casefold()
    return any(folded.startswith(word) and folded[len(word):len(word) + 1] in (" ", "_", "*", ",")
               for word in german().salutations)


def _sign_off(text: str) -> bool:
    """A blog post's sign-off under its last paragraph: a few words that start as one does.

    >>> _sign_off("Euer Jan"), _sign_off("XX, Die Redaktion"), _sign_off("Eure Meinung ist gefragt: Was denkt ihr?")
    (True, True, False)
    >>> _sign_off("Liebe Grüße, Anna"), _sign_off("x 4")
    (True, False)
    """
    if text.count(" ") > 3 or any(c.isdigit() for c in text):
        return False  # (not a count: "x 4" under a forum post is its reactions)
    folded = text.casefold()
    return any(folded.startswith(word) and folded[len(word):len(word) + 1] in ("", " ", ",", "!")
               for word in german().sign_offs)


def _introduces(text: str) -> bool:
    """Words ending in a colon that introduce what follows: a list, a table, a quote.

    >>> _introduces("Exportiert wurden dabei vor allem:"), _introduces("Zutaten:")
    (True, False)
    """
    return text[-1] == ":" and " " in text


def sentence(text: str, p: TextParams) -> bool:
    return text[-1] in ".!?…" and len(text.split()) >= p.tail_words and stopword_density(words(text)) > 0


# how paragraphs end: sentence marks, closing quotes and brackets, a colon before a list
SENTENCE_END = frozenset(".!?:;\"“”»«')]")


def best_span(scores: list[float]) -> tuple[int, int]:
    """Maximum-sum contiguous run (Kadane); ``(0, -1)`` when nothing scores above zero.

    >>> best_span([-5, 10, -2, 8, -20, 3])
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


def best_span_through(scores: list[float], i: int) -> tuple[int, int]:
    """The contiguous run with the highest total score that contains line ``i``.

    >>> best_span_through([-5, 10, -2, 8, -20, 3, -1, 40], 1)
    (1, 7)
    >>> best_span_through([50, -100, 10, -2, 8, -20, 30], 2)
    (2, 6)
    """
    return _farthest_gain(scores, range(i - 1, -1, -1), i), _farthest_gain(scores, range(i + 1, len(scores)), i)


def _farthest_gain(scores: list[float], steps: range, i: int) -> int:
    """The line of ``steps`` (outward from line ``i``) up to which the scores add up most;
    ``i`` when no run of them adds anything."""
    edge, best, total = i, 0.0, 0.0
    for j in steps:
        total += scores[j]
        if total > best:
            edge, best = j, total
    return edge

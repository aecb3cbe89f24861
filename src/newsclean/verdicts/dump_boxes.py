"""The boxes inside a dump's article run that are no part of the article, however they read:
summaries a language model wrote, video teasers, captions of pictures, a person's name and role
under a portrait, teasers with a label, and the text of other articles' teasers in a box of
them. Each function returns the lines it finds; :mod:`newsclean.verdicts.dump` gives them their
verdicts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..fields.byline import is_byline, is_person_name, opens_with_bio
from ..lexicon import bare_credits, german_stopwords, summary_headings
from ..model import Reason
from ..text.tokens import headline_shaped
from . import dump_run
from .phrases import RuleMatch

if TYPE_CHECKING:
    from .dump import TextParams


def summaries(after_blank: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The lines of the summaries a language model wrote for the page: under a summary's
    heading ("Der Artikel für Sie zusammengefasst") and its note ("Diese Zusammenfassung wurde
    künstlich erzeugt"), the paragraph or the list (lines run together) up to the next blank
    line; none when no blank line ends it, or only past :attr:`TextParams.summary_lines` lines
    (a dump without blank lines).

    >>> from newsclean.verdicts.dump import TextParams
    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Artikel für Sie zusammengefasst", "Die Stadt baut.", "Der Rat stimmte zu.", "Die Stadt hat ..."]
    >>> sorted(summaries([True, True, False, True], match_blocks(texts), TextParams()))
    [1, 2]
    >>> sorted(summaries([True, False, False, False], match_blocks(texts), TextParams()))
    []
    """
    found: set[int] = set()
    for i, match in enumerate(matches):
        if match is None or match.rule.evidence not in summary_headings():
            continue
        first = i + 1
        while first < len(matches) and (below := matches[first]) is not None and not below.opens_region:
            first += 1  # (its note)
        end = first
        while end < len(matches) and matches[end] is None and (end == first or not after_blank[end]):
            end += 1
        # (a blank line ends it: in a dump without blank lines the article would run on in it)
        if end - first <= p.summary_lines and end < len(matches) and after_blank[end]:
            found.update(range(first, end))
    return frozenset(found)


def video_teasers(texts: list[str], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The texts of the teasers of videos in the article: the line right over a line that is
    only a video's running time, maybe with its date ("26.10.2025 | 2:43 min", "01:48 min"),
    or over the credit right above that line, when it is no longer than
    :attr:`TextParams.teaser_chars`. (Where the teaser's text and its running time share a
    line, the phrase rules drop it already, and the line above is the article's.)

    >>> from newsclean.verdicts.dump import TextParams
    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Rat hat ...", "Junge Menschen gehen auf die Straße.", "26.10.2025 | 2:43 min", "Was will ..."]
    >>> sorted(video_teasers(texts, match_blocks(texts), TextParams()))
    [1]
    """
    found: set[int] = set()
    for i, match in enumerate(matches):
        if (match is None or match.reason is not Reason.RELATED or match.rule.evidence != texts[i]
                or not _RUNNING_TIME.search(texts[i])):
            continue
        above = i - 1
        if above > 0 and (credit := matches[above]) is not None and credit.reason is Reason.CREDIT:
            above -= 1
        if above >= 0 and matches[above] is None and len(texts[above]) <= p.teaser_chars:
            found.add(above)
    return frozenset(found)


def captions(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The captions of pictures: a line of at most :attr:`TextParams.caption_chars` right over
    a line that is only the picture's credit ("Foto: Anna Berg", "(Bild: dpa)", "Quelle: AFP",
    :func:`~newsclean.lexicon.bare_credits`), or right under one printed over the picture: run
    together with it, or a sentence standing alone under a credit that stands alone under a
    paragraph (a short line there that ends as no sentence does is the crosshead after the
    picture). Not a question, an exclamation, words that introduce what follows, a
    quotation (what someone said, in the article) or a byline. A caption that ends like a
    sentence stands alone, blank lines around it, as the credit under it does; one run together
    with its credit is no sentence (an article's paragraph may run together with the credit of
    the picture after it), but in a dump without blank lines, where every line runs together. (Their reason is not CREDIT: the finders of bylines and dates pass
    over credits, and a date line taken for a caption is still the article's date.)

    >>> from newsclean.verdicts.dump import TextParams
    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Rat hat ...", "Die neue Brücke über den Rhein.", "Foto: Anna Berg", "Was will ..."]
    >>> sorted(captions(texts, [True, True, True, True], match_blocks(texts), TextParams()))
    [1]
    >>> sorted(captions(texts, [True, True, False, True], match_blocks(texts), TextParams()))
    []
    >>> sorted(captions(texts, [True, False, False, False], match_blocks(texts), TextParams()))
    [1]
    """
    found: set[int] = set()
    spaced = any(after_blank[1:])  # (a dump without blank lines runs every caption together with its credit)
    for i in range(1, len(texts)):
        text = texts[i]
        if matches[i] is not None or len(text) > p.caption_chars:
            continue
        under = i + 1 < len(texts) and matches[i + 1] is not None and bare_credits().search(texts[i + 1])
        # a credit printed over the picture comes before its caption, run together with it or
        # standing alone under a paragraph (not under a caption of its own)
        over = matches[i - 1] is not None and bare_credits().search(texts[i - 1]) and (
            not after_blank[i] or (i > 1 and len(texts[i - 2]) > p.caption_chars))
        # (the line's own tests only for the few lines next to a credit: most lines are none)
        if not (under or over) or text.rstrip().endswith((":", "?", "!")) or text.startswith(('"', "„", "»", "“")) or is_byline(text):
            continue
        ended = text.rstrip().endswith((".", "«", "“", '"', "»"))
        if under and (not ended or not spaced or (after_blank[i] and after_blank[i + 1])):
            found.add(i)
        elif over and (i + 1 == len(texts) or after_blank[i + 1]) and ended == after_blank[i]:
            found.add(i)
    return frozenset(found)


def author_bio(texts: list[str], start: int, end: int, p: TextParams) -> frozenset[int]:
    """The last line of the article's run (lines ``start`` to ``end``) when it is the author's
    biography, and the line of the name over it if there is one: the biography opens with a
    name that a short line at the article's top gives (its byline, "Von Anna Berg"), then with
    what a biography says ("Anna Berg ist Redakteurin für Verkehr."). An article's own last
    sentence about a person opens so too, but not with the name of the one who wrote it.

    >>> from newsclean.verdicts.dump import TextParams
    >>> texts = ["Von Anna Berg", "Die Stadt hat ...", "Anna Berg ist Redakteurin für Verkehr und Stadtentwicklung."]
    >>> sorted(author_bio(texts, 1, 2, TextParams())), sorted(author_bio(["Von Jan Roth", *texts[1:]], 1, 2, TextParams()))
    ([2], [])
    >>> sorted(author_bio([*texts[:2], "Anna Berg", texts[2]], 1, 3, TextParams()))
    [2, 3]
    """
    if end <= start:
        return frozenset()
    text = texts[end]
    parts = text.split(maxsplit=_LONGEST_NAME)
    for n in range(2, min(_LONGEST_NAME, len(parts) - 1) + 1):
        name = " ".join(parts[:n])
        if (opens_with_bio(text, name) and is_person_name(name)
                and any(name in texts[j] and len(texts[j]) < 2 * p.short_chars
                        for j in range(max(0, start - p.headline_reach), min(end - 1, start + p.headline_reach)))):
            # (with the line of the name over it, if the box has one)
            return frozenset({end - 1, end} if end - 1 > start and texts[end - 1].strip() == name else {end})
    return frozenset()


#: the most words of an author's name a biography opens with
_LONGEST_NAME = 3


def comment_thread(texts: list[str], matches: list[RuleMatch | None], good: list[bool], start: int,
                   p: TextParams) -> frozenset[int]:
    """The lines of a thread of readers' comments under no heading, after the article's first
    line ``start``: entries of a writer's name (a user name, one word, or a person's name),
    the time of the post on the line under it ("12.02.2026, 19:30 Uhr", "vor 2 Stunden") and
    the comment, at least two of them one after the other (buttons such as "Antworten" may
    stand between). A ticker's entry has no name over its time; a crosshead over a date is
    no writer's name.

    >>> from newsclean.verdicts.dump import TextParams
    >>> text = "Endlich! Die alte Brücke ist jeden Morgen völlig überlastet, mit dem Rad lebensgefährlich."
    >>> texts = ["Die Stadt hat ...", "Hansi1962", "12.02.2026, 19:30 Uhr", text, "Anna Berg", "vor 2 Stunden", text]
    >>> sorted(comment_thread(texts, [None] * 7, [True, False, False, True, False, False, True], 0, TextParams()))
    [1, 2, 3, 4, 5, 6]
    """
    entries: list[int] = []
    for i in range(start + 1, len(texts) - 2):
        if (matches[i] is None and len(texts[i]) <= _LONGEST_USER and _POSTED.fullmatch(texts[i + 1])
                and (good[i + 2] or dump_run.sentence(texts[i + 2], p))
                and (" " not in texts[i] or is_person_name(texts[i])) and not _POSTED.fullmatch(texts[i])):
            entries.append(i)
    found: set[int] = set()
    run: list[int] = []
    for i in entries:
        if run and not all(matches[j] is not None for j in range(run[-1] + 3, i)):
            run = []  # (only buttons between two entries of one thread)
        run.append(i)
        if len(run) >= 2:
            found.update(range(run[0], i + 3))
    return frozenset(found)


#: the longest user name over a comment
_LONGEST_USER = 40
#: when a comment was posted, on a line of its own
_POSTED = re.compile(r"(?:am\s)?(?:\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zä]+\s)(?:\d{2,4})?,?\s*(?:um\s)?)?\d{1,2}[:.]\d{2}(?:\s*Uhr)?"
                     r"|(?:am\s)?\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zä]+\s)\d{2,4}"
                     r"|vor\s(?:\d+|einer?)\s(?:Sekunden?|Minuten?|Stunden?|Tag|Tagen|Wochen?|Monat|Monaten|Jahr|Jahren)")


def name_roles(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The lines that are a person's name and who that is, standing alone ("Nico Lange,
    Russlandexperte", "Anna Berg, Bürgermeisterin von Talburg"): what a page prints under a
    portrait or a quote set apart, no sentence of the article. Not a byline (a prefix before
    the name), nor a line with a figure (an address).

    >>> from newsclean.verdicts.dump import TextParams
    >>> texts = ["Der Rat hat ...", "Anna Berg, Bürgermeisterin", "Was will ...", "Die Stadt, so sagt man"]
    >>> sorted(name_roles(texts, [True] * 4, [None] * 4, TextParams()))
    [1]
    >>> name_roles(["White Passing, ein Privileg", "Anna Berg, Jan Roth und Lena Hoffmann"], [True] * 2, [None] * 2,
    ...             TextParams())
    frozenset()
    """
    found: set[int] = set()
    for i, text in enumerate(texts):
        if (matches[i] is not None or len(text) > p.caption_chars or text.count(",") != 1 or not after_blank[i]
                or (i + 1 < len(texts) and not after_blank[i + 1])):
            continue
        name, role = text.split(",")
        role_words = role.split()
        # (each word of the name capitalised: "Gratulation von Stocker, Karner und …" is a
        # crosshead; no list of names, no clause: "White Passing, ein ambivalentes Privileg")
        if (1 <= len(role_words) <= 8 and role[-1] not in ".!?:…" and is_person_name(name)
                and all(word[0].isupper() for word in name.split()) and not dump_run.DIGIT.search(text)
                and role_words[0].casefold() not in german_stopwords()
                and not ((pieces := _AND.split(role.strip()))[1:] and any(map(is_person_name, pieces)))
                and not is_byline(text)):
            found.add(i)
    return frozenset(found)
# what joins the names of a list of people
_AND = re.compile(r"\s+(?:und|&)\s+")


def labelled_teasers(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None]) -> frozenset[int]:
    """The headlines of teasers of other articles under their label ("Newsblog: Alle
    Nachrichten zu …", "Video | …", "Lesen Sie auch: …"): a headline-shaped line right under a
    line of other articles that is no box heading, run together with it (no blank line
    between), a blank line or boilerplate under it.

    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Rat ...", "Newsblog: Alle Nachrichten zur Wahl", "Neue Brücke: Der Rat stimmt zu", "Der Bau ..."]
    >>> sorted(labelled_teasers(texts, [True, True, False, True], match_blocks(texts)))
    [2]
    """
    found: set[int] = set()
    for i in range(1, len(texts)):
        label = matches[i - 1]
        if (label is not None and label.reason is Reason.RELATED and not label.opens_region and matches[i] is None
                and not after_blank[i] and headline_shaped(texts[i])
                and (i + 1 == len(texts) or after_blank[i + 1] or matches[i + 1] is not None)):
            found.add(i)
    return frozenset(found)


# a running time on a clock ("2:43", "01:48")
_RUNNING_TIME = re.compile(r"\d:\d\d")


def teaser_texts(texts: list[str], good: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The lines that are the texts of teasers in a list of other articles: short prose under a
    headline-shaped line, in a run of at least :attr:`TextParams.teaser_pairs` such pairs (an
    article's crosshead over a short paragraph is one pair, maybe two). A boilerplate line may
    part two pairs: a teaser's reading time or its button ("Lesezeit: 2 Min.").

    >>> from newsclean.verdicts.dump import TextParams
    >>> texts = ["Mehr aus der Region", "Neue Brücke für Köln", "Der Rat hat am Montag den Bau beschlossen.",
    ...          "Radwege werden breiter", "Die Stadt will zwölf Straßen umbauen, sagte die Dezernentin.",
    ...          "Neuer Park am Rhein", "Im Frühjahr beginnen die Arbeiten an dem Gelände, sagte er."]
    >>> sorted(teaser_texts(texts, [False, False, True, False, True, False, True], [None] * 7, TextParams()))
    [2, 4, 6]
    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = [*texts[:3], "Lesezeit: 2 Min.", *texts[3:5], "Lesezeit: 3 Min.", *texts[5:]]
    >>> sorted(teaser_texts(texts, [False, False, True, False, False, True, False, False, True], match_blocks(texts), TextParams()))
    [2, 5, 8]
    """
    pair = [i > 0 and good[i] and not good[i - 1] and matches[i - 1] is None and len(texts[i]) <= p.teaser_chars
            and headline_shaped(texts[i - 1]) for i in range(len(texts))]

    def previous(i: int) -> int:
        """The text of the pair before the one of line ``i`` in a run of them, or -1."""
        if i >= 2 and pair[i - 2]:
            return i - 2
        between = matches[i - 2] if i >= 3 else None
        return i - 3 if between is not None and not between.opens_region and pair[i - 3] else -1

    before = [0] * len(texts)  # pairs in the run up to line i
    back = [-1] * len(texts)
    for i in range(len(texts)):
        if pair[i]:
            back[i] = previous(i)
            before[i] = (before[back[i]] if back[i] >= 0 else 0) + 1
    found: set[int] = set()
    for i in range(len(texts) - 1, -1, -1):
        if pair[i] and before[i] >= p.teaser_pairs and i not in found:
            while i >= 0:  # (the run ends here: all of it)
                found.add(i)
                i = back[i]
    return frozenset(found)


def last_run(teasers: frozenset[int], end: int) -> frozenset[int]:
    """The headlines and texts of the run of teasers that ends at line ``end`` (or the line
    before it), if one does.

    >>> sorted(last_run(frozenset({2, 4, 6, 11}), 7)), sorted(last_run(frozenset({2, 4, 6}), 9))
    ([1, 2, 3, 4, 5, 6], [])
    >>> sorted(last_run(frozenset({2, 5, 8}), 8))  # (a reading time between the pairs)
    [1, 2, 3, 4, 5, 6, 7, 8]
    """
    last = end if end in teasers else end - 1
    if last not in teasers:
        return frozenset()
    first = last
    while first - 2 in teasers or first - 3 in teasers:
        first -= 2 if first - 2 in teasers else 3
    return frozenset(range(first - 1, last + 1))

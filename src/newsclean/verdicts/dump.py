"""Verdicts for the lines of a plain-text dump, where no markup tells what is what.

Pass 1 scores each line by itself, as jusText does for paragraphs: boilerplate phrases, length,
share of German function words, sentence punctuation, and whether the line stands alone
(dumps put blank lines around paragraphs, none between the entries of a menu); a list or a
dialogue of short lines between two paragraphs costs little (:func:`_between_prose`). Pass 2 takes
the article to be the contiguous run of lines with the highest total score
(maximum-subarray), anchored at the headline (the line repeating the page title, which dumps
print first) and grown by the short closing sentences after it and the table of figures its
last line introduces. Inside the run it drops the boxes a boilerplate heading opens ("Mehr zum
Thema" and the teasers after it) and lone short lines (captions, buttons); outside it
everything goes, with the reason of the heading it follows, but for the article's text above
the run: the short lines that lead into it ("Liebe Leserinnen und Leser,") and the intro under
the headline that a byline or a subscription offer parts from it. A dump without a line of
prose is the lines under its headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Set
from dataclasses import dataclass, replace

from ..fields.byline import is_byline, is_person_name
from ..lexicon import bare_credits, german, german_stopwords, reading_tips, summary_headings
from ..model import Block, Kind, Reason, Rule
from ..read.dump import DumpLines
from ..text.tokens import headline_shaped, prose_counts, stopword_density, words
from .headline import TitleRepeats, find_title_repeats, prose_after
from .phrases import RuleMatch, match_blocks


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
    inline_reasons: tuple[Reason, ...] = (Reason.SPONSORED, Reason.CREDIT, Reason.SOCIAL)
    #: a line of ``label_reasons``, not a button, that the dump prints this many times or more
    #: is the page's label for an element it repeats, in the article as around it (an ad's
    #: "Anzeige" between the paragraphs, a picture's "Bild vergrößern" under each step of a
    #: recipe): it costs ``menu_penalty``, so that it does not cut the article short
    repeated_label: int = 3
    #: (not SOCIAL, nor buttons: share and shop buttons repeat under every teaser of a list
    #: of other articles, and that list is no part of the article)
    label_reasons: tuple[Reason, ...] = (Reason.SPONSORED, Reason.CREDIT)
    #: the article is the best run through the first prose line after the headline (the line
    #: that repeats the page title, which dumps print first), not a bigger comment thread
    #: elsewhere, while this multiple of that run's score plus this bonus reaches the best run's
    headline_share: float = 3.0
    headline_bonus: float = 1000.0
    #: how many lines after the headline are weighed for the article (their prose) ...
    headline_reach: int = 12
    #: ... and how many it may take until the first prose line after a headline that repeats
    #: the title: a recipe's or a data sheet's list (ingredients, figures) can come between
    first_prose_reach: int = 24
    #: how many short lines right before the article's first paragraph may lead into it (a
    #: sentence, words ending in a colon, a salutation)
    lead_in_lines: int = 2
    #: the intro of an article is the prose within this many lines under its headline (past
    #: a date line, a kicker), when the article's run of prose starts further down
    intro_reach: int = 3
    #: a table of figures after the words that introduce it ("Es gelten diese Preise:") that end
    #: the article's run has at least this many rows
    table_rows: int = 2
    #: a dump without a line of prose is the lines under its headline up to the first
    #: boilerplate line, when they are at least this many
    bare_lines: int = 3
    #: a line that repeats the title this many lines under the heading of a box of other
    #: articles, after the article, is the headline of one of them (:func:`_outside_boxes`)
    box_reach: int = 3
    #: the most lines of a box of other articles in the article (:func:`_past_boxes`), and the
    #: most such boxes the article goes on past
    box_lines: int = 6
    inline_boxes: int = 3
    #: the most lines of a summary of the article under its heading (:func:`_summaries`)
    summary_lines: int = 8
    #: a line is the headline when this share of its content words (or the title's, if fewer)
    #: are in the page title
    headline_overlap: float = 0.6
    #: short sentences right after the span (a closing line, a greeting) join it when they end
    #: like a sentence and have at least this many words
    tail_words: int = 3
    #: under the heading of a box of other articles, prose this short (characters) right after
    #: a dropped line (its headline) is a teaser's text, not the article going on
    teaser_chars: int = 300
    #: ... in a run of at least this many pairs of headline and text
    teaser_pairs: int = 3
    #: a picture's caption, next to its credit, has at most this many characters
    caption_chars: int = 150
    #: a run of at least two and at most this many short lines between two lines of prose (the
    #: items of a list, an interview's short questions and answers, a crosshead over a one-line
    #: paragraph) costs ``menu_penalty`` a line, and its lines are the article's
    #: (:func:`_between_prose`)
    between_lines: int = 8
    #: a line of words that are not prose costs this much per character
    bad_weight: float = 0.6
    #: a line with some function words counts this share of its length
    near_weight: float = 0.3


#: what the classifier decides for a line: the kind of a kept line (None: dropped), the reason
#: and the rule of a dropped one (plain tuples: one for every line of every dump)
_Verdict = tuple[Kind | None, Reason | None, Rule | None]
_NAVIGATION: _Verdict = (None, Reason.NAVIGATION, Rule("position", "short line before the article"))
_SHORT_IN_ARTICLE: _Verdict = (None, Reason.NOT_MAIN_CONTENT,
                               Rule("position", "short line in the article, not a heading or sentence"))
_NOT_MAIN: _Verdict = (None, Reason.NOT_MAIN_CONTENT, None)
_SUMMARY: _Verdict = (None, Reason.NOT_MAIN_CONTENT, Rule("position", "a summary of the article under its heading"))
_VIDEO_TEASER: _Verdict = (None, Reason.RELATED, Rule("position", "the text of a video's teaser over its running time"))
_CAPTION: _Verdict = (None, Reason.NOT_MAIN_CONTENT, Rule("position", "a picture's caption over its credit"))
_NAME_ROLE: _Verdict = (None, Reason.NOT_MAIN_CONTENT, Rule("position", "a person's name and role under a portrait or a quote"))
_LABELLED_TEASER: _Verdict = (None, Reason.RELATED, Rule("position", "a teaser's headline under its label"))
_TEASER_LIST: _Verdict = (None, Reason.RELATED, Rule("position", "a list of teasers (headline, text) after the article"))


def classify_text(blocks: list[Block], params: TextParams = TextParams(), title: str | None = None) -> list[Block]:
    """Verdicts for the lines of a text dump (or for blocks judged as one). ``title`` is the
    page's ``<title>`` for blocks that do not start with it, as a dump does: the headline that
    repeats it anchors the article.

    >>> prose = "Die Stadt hat am Montag beschlossen, dass die neue Brücke über den Rhein im " \\
    ...     "kommenden Jahr gebaut wird und den Verkehr in der Innenstadt entlasten soll."
    >>> dump = [Block(0, "Startseite"), Block(1, prose), Block(2, prose), Block(3, "Mehr zum Thema"),
    ...         Block(4, "Neue Brücke für Köln")]
    >>> [(b.verdict, b.reason and b.reason.value) for b in classify_text(dump)]
    [('drop', 'navigation'), ('keep', None), ('keep', None), ('drop', 'related'), ('drop', 'related')]
    """
    texts, after_blank = [b.text for b in blocks], [b.after_blank for b in blocks]
    if title:
        texts, after_blank = [title, *texts], [True, *after_blank]
    repeats = find_title_repeats(texts, after_blank, params.headline_overlap)
    verdicts = _verdicts(texts, after_blank, params, repeats, collapsed=False)[1 if title else 0:]
    return [b.kept_as(b.role, kind) if kind else b.dropped(reason, rule)  # type: ignore[arg-type]
            for b, (kind, reason, rule) in zip(blocks, verdicts, strict=True)]


@dataclass(frozen=True, slots=True)
class DumpVerdicts:
    """The lines of a dump with their verdicts, and the lines that repeat the dump's first
    line, the page's ``<title>`` (found once, by the classifier, which anchors the article at
    them): the title field takes its headline from them instead of looking again."""

    blocks: list[Block]
    repeats: TitleRepeats | None


def classify_dump(lines: DumpLines, params: TextParams = TextParams()) -> DumpVerdicts:
    """:func:`classify_text` for the lines of a dump, each line's block built once, with the
    repeats of its ``<title>``.

    >>> from newsclean.read.dump import dump_lines
    >>> [(b.text, b.verdict, b.reason.value) for b in classify_dump(dump_lines("Startseite\\nImpressum\\n")).blocks]
    [('Startseite', 'drop', 'navigation'), ('Impressum', 'drop', 'navigation')]
    """
    repeats = find_title_repeats(lines.texts, lines.after_blank, params.headline_overlap)
    verdicts = _verdicts(lines.texts, lines.after_blank, params, repeats, collapsed=True)
    blocks = [
        Block(i, text, kind or "paragraph", "keep" if kind else "drop", reason=reason, rule=rule, after_blank=after)
        for i, (text, after, (kind, reason, rule)) in enumerate(zip(lines.texts, lines.after_blank, verdicts, strict=True))
    ]
    return DumpVerdicts(blocks, repeats)


def _verdicts(texts: list[str], after_blank: list[bool], p: TextParams, repeats: TitleRepeats | None,
              collapsed: bool) -> list[_Verdict]:
    """Pass 1 (each line by itself), the article span through the first prose line after the
    ``repeats`` of the title, and pass 2 (:func:`_line_verdicts`)."""
    if not texts:
        return []
    matches = match_blocks(texts, collapsed)
    headlines = {hit.line for hit in repeats.hits if hit.kind is not None} if repeats else set()
    if headlines:
        matches = _own_teaser(texts, matches, min(headlines), p)
    good, scores = _read_lines(texts, after_blank, matches, p)
    between = _between_prose(texts, matches, good, p)
    for i in between:
        scores[i] = -p.menu_penalty
    span = _best_span(scores)
    anchors = _outside_boxes(repeats, matches, good, span[1], p) if repeats else None
    first = prose_after(anchors, good, scores, p.headline_reach, p.first_prose_reach) if anchors else None
    if first is not None and not span[0] <= first <= span[1]:
        # the run through the headline's first paragraph is the article unless prose elsewhere
        # (a comment thread, a teaser list) outweighs it many times over
        through = _best_span_through(scores, first)
        if sum(scores[through[0]:through[1] + 1]) * p.headline_share + p.headline_bonus >= sum(scores[span[0]:span[1] + 1]):
            span = through
    if True not in good and headlines:
        # no prose anywhere (a table of results, a data sheet): the lines under the headline
        # up to the first boilerplate are the article, each of them, when there are a few
        start, end = _under_headline(matches, min(headlines))
        if end - start + 1 >= p.bare_lines:
            return _line_verdicts(texts, after_blank, matches, good, between, (start, end), range(start, end + 1), p)
    span = _widen(texts, after_blank, matches, span[0], _past_boxes(texts, after_blank, matches, good, scores, span[1], p), p)
    # the list the article's first paragraph follows (a recipe's ingredients over its steps)
    listed = range(_list_before(texts, matches, span[0], p), span[0]) if span[0] <= span[1] else range(0)
    top = listed.start if listed else span[0]
    lead_in = _lead_in(texts, matches, top, headlines, p) if span[0] <= span[1] else range(0)
    # (not when prose elsewhere outweighed the run through the headline's first paragraph)
    anchored = first is None or span[0] <= first <= span[1]
    intro = _intro(texts, good, headlines, lead_in.start if lead_in else top, p) if anchored else range(0)
    return _line_verdicts(texts, after_blank, matches, good, between, span, (*intro, *lead_in, *listed), p)


def _own_teaser(texts: list[str], matches: list[RuleMatch | None], headline: int, p: TextParams) -> list[RuleMatch | None]:
    """The ``matches`` without the one of the article's own teaser: the first line of prose
    right under its ``headline`` (past a short line, a date or a kicker), which a pattern
    took for another article's teaser because it ends in the pointer to the live blog the
    page is ("… Alle Entwicklungen im Newsticker."). Under another article's headline in a
    list such a line is a teaser; under the page's own it is the lead.

    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Unwetter: Der Newsticker", "Schwere Gewitter haben in der Nacht Schäden angerichtet. Alle Entwicklungen im Newsticker."]
    >>> _own_teaser(texts, match_blocks(texts), 0, TextParams())
    [None, None]
    """
    for i in range(headline + 1, min(headline + 1 + p.intro_reach, len(texts))):
        match = matches[i]
        if len(texts[i]) < p.short_chars:
            continue
        if match is not None and match.reason is Reason.RELATED and match.rule.kind == "pattern":
            return [*matches[:i], None, *matches[i + 1:]]
        break
    return matches


def _outside_boxes(repeats: TitleRepeats, matches: list[RuleMatch | None], good: list[bool], end: int,
                   p: TextParams) -> TitleRepeats:
    """The ``repeats`` of the title that may anchor the article: not a line after the best run
    of prose (which ends at line ``end``) that a box of other articles heads ("Passend zum
    Artikel", "Mehr zum Thema", maybe over a label such as "Bildstrecke") and that shares only
    words with the title (no repeat of its headline): that line is the headline of a teaser on
    the same subject, its text no article's first paragraph.

    >>> from newsclean.verdicts.headline import Repeat
    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Neue Brücke", "Der Rat ...", "Mehr zum Thema", "Neue Brücke: die Pläne", "Die Pläne ..."]
    >>> hits = (Repeat(0, 0, 0), Repeat(3, None, 1))
    >>> _outside_boxes(TitleRepeats("Neue Brücke", hits, None), match_blocks(texts), [False, True, False, False, True],
    ...                1, TextParams()).hits
    (Repeat(line=0, kind=0, echo=0),)
    """
    def boxed(line: int) -> bool:
        for j in range(line - 1, max(end, line - 1 - p.box_reach), -1):
            if (match := matches[j]) is not None:
                return match.opens_region and not match.inline and match.reason is Reason.RELATED
            if good[j]:
                return False
        return False

    hits = tuple(hit for hit in repeats.hits if hit.line <= end or hit.kind is not None or not boxed(hit.line))
    return repeats if len(hits) == len(repeats.hits) else replace(repeats, hits=hits)


def _under_headline(matches: list[RuleMatch | None], headline: int) -> tuple[int, int]:
    """The lines under the ``headline`` up to the first boilerplate line (a box heading, a
    button).

    >>> from newsclean.verdicts.phrases import match_blocks
    >>> _under_headline(match_blocks(["Ergebnisse", "1. Anna Schmidt 12,4 s", "2. Lena Roth 12,9 s", "Teilen"]), 0)
    (1, 2)
    """
    end = headline + 1
    while end < len(matches) and matches[end] is None:
        end += 1
    return headline + 1, end - 1


def _intro(texts: list[str], good: list[bool], headlines: Set[int], start: int, p: TextParams) -> range:
    """The intro of an article whose run of prose starts further down (at line ``start``):
    the prose right under its headline (the last line of ``headlines`` above ``start``), maybe
    under a date line, that the byline, a picture, a subscription offer or a box of figures
    part from the rest of the article.

    >>> texts = ["Neue Brücke", "Der Rat hat den Bau beschlossen.", "Von Anna Schmidt", "Der Bau ..."]
    >>> _intro(texts, [False, True, False, True], {0}, 3, TextParams())
    range(1, 2)
    """
    above = [line for line in headlines if line < start]
    if not above:
        return range(0)
    headline = max(above)
    first = next((i for i in range(headline + 1, min(headline + 1 + p.intro_reach, start)) if good[i]), None)
    if first is None or texts[first][-1] not in _SENTENCE_END:
        return range(0)
    end = first
    while end < start and good[end]:
        end += 1
    return range(first, end)


def _line_verdicts(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], good: list[bool],
                   between: Set[int], span: tuple[int, int], before: Collection[int], p: TextParams) -> list[_Verdict]:
    """Pass 2: each line's verdict, given the article ``span`` (first and last line), the
    lines ``before`` it that are article text too (:func:`_intro`, :func:`_lead_in`) and the
    runs of short lines ``between`` its paragraphs (:func:`_between_prose`)."""
    start, end = span
    out: list[_Verdict] = []
    region: RuleMatch | None = None  # the box heading the current lines sit under
    region_at = -1  # and where it is
    last_teaser = -1  # the last line taken for a teaser's text in such a box
    in_tip = False  # whether the line is in a reading tip's box (the lines right after its heading)
    teasers = _teaser_texts(texts, good, matches, p)
    # the lines of boxes in the article that are no part of it, whatever they read like
    boxed = (dict.fromkeys(_summaries(after_blank, matches, p), _SUMMARY)
             | dict.fromkeys(_video_teasers(texts, matches, p), _VIDEO_TEASER)
             | dict.fromkeys(_labelled_teasers(texts, after_blank, matches), _LABELLED_TEASER))
    captions = _captions(texts, after_blank, matches, p)
    name_roles = _name_roles(texts, after_blank, matches, p)
    # a list of teasers that ends the article span is no part of it, under a box heading or not,
    # when the article before it is the larger part of the span
    tail = _last_run(teasers, end)
    if tail and sum(len(texts[i]) for i in range(start, min(tail)) if good[i]) < sum(len(texts[i]) for i in tail):
        tail = frozenset()
    after_region: _Verdict = _NOT_MAIN
    for i, match in enumerate(matches):
        teaser = (match is None and region is not None and region.reason is Reason.RELATED and not region.inline
                  and start <= region_at and i <= end and i in teasers)
        if last_teaser >= 0 and not teaser and i >= last_teaser + 2:
            region, last_teaser = None, -1  # the box of teasers ended with its last pair
        if i in tail:
            region = None
            out.append(_TEASER_LIST)
            continue
        if (i in before and i not in captions) or i in boxed:
            out.append(boxed.get(i, ("paragraph", None, None)))
            continue
        # a reading tip's heading in the article ("Lesen Sie auch") heads the line after it and
        # the lines run together with it (no blank line between): the tip's headline and text,
        # prose or not; the article goes on after a blank line
        in_tip = (match is None and start <= i <= end and len(texts[i]) <= p.teaser_chars
                  and (region_at == i - 1 and region is not None and region.rule.evidence in reading_tips()
                       or in_tip and not after_blank[i]))
        if match is not None:
            if match.opens_region:
                region, region_at = match, i
                after_region = (None, match.reason, replace(match.rule, after=True))
            out.append((None, match.reason, match.rule))
        elif in_tip:
            out.append(after_region)
        elif teaser:
            # a teaser's text under its headline in a box of other articles ("Die Redaktion
            # empfiehlt": a headline and a sentence, again and again), not the article going on
            last_teaser = i
            out.append(after_region)
        elif i in captions and (i in before or start <= i <= end and (region is None or good[i])):
            out.append(_CAPTION)  # (elsewhere a caption goes with the box or the lines around it)
        elif i in name_roles and start <= i <= end and region is None:
            out.append(_NAME_ROLE)  # (above the article such a line may be its byline)
        elif start <= i <= end and (region is None or good[i]) and (i in between or _belongs(texts, after_blank, good, i, p)):
            region = None
            out.append((_text_kind(texts, i), None, None))
        elif start <= i <= end and region is None:
            out.append(_SHORT_IN_ARTICLE)
        elif region is not None and (i > end or (i >= start and region.inline)):
            # a box heading explains the lines after the article, and in it those of a reading
            # tip ("Lesen Sie auch": its teaser's byline is nobody's byline here); in the
            # article a line under another box may be the next crosshead; before the article,
            # a button such as "Jetzt einloggen" says nothing about the headline after it
            out.append(after_region)
        elif i < start and len(texts[i]) < p.short_chars:
            out.append(_NAVIGATION)
        else:
            out.append(_NOT_MAIN)
    return out


def _summaries(after_blank: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The lines of the summaries a language model wrote for the page: under a summary's
    heading ("Der Artikel für Sie zusammengefasst") and its note ("Diese Zusammenfassung wurde
    künstlich erzeugt"), the paragraph or the list (lines run together) up to the next blank
    line; none when no blank line ends it, or only past :attr:`TextParams.summary_lines` lines
    (a dump without blank lines).

    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Artikel für Sie zusammengefasst", "Die Stadt baut.", "Der Rat stimmte zu.", "Die Stadt hat ..."]
    >>> sorted(_summaries([True, True, False, True], match_blocks(texts), TextParams()))
    [1, 2]
    >>> sorted(_summaries([True, False, False, False], match_blocks(texts), TextParams()))
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


def _video_teasers(texts: list[str], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The texts of the teasers of videos in the article: the line right over a line that is
    only a video's running time, maybe with its date ("26.10.2025 | 2:43 min", "01:48 min"),
    or over the credit right above that line, when it is no longer than
    :attr:`TextParams.teaser_chars`. (Where the teaser's text and its running time share a
    line, the phrase rules drop it already, and the line above is the article's.)

    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Rat hat ...", "Junge Menschen gehen auf die Straße.", "26.10.2025 | 2:43 min", "Was will ..."]
    >>> sorted(_video_teasers(texts, match_blocks(texts), TextParams()))
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


def _captions(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The captions of pictures: a line of at most :attr:`TextParams.caption_chars` right over
    a line that is only the picture's credit ("Foto: Anna Berg", "(Bild: dpa)", "Quelle: AFP",
    :func:`~newsclean.lexicon.bare_credits`), or right under one printed over the picture, run
    together with it. Not a question, an exclamation, words that introduce what follows, a
    quotation (what someone said, in the article) or a byline. A caption that ends like a
    sentence stands alone, blank lines around it, as the credit under it does; one run together
    with its credit is no sentence (an article's paragraph may run together with the credit of
    the picture after it). (Their reason is not CREDIT: the finders of bylines and dates pass
    over credits, and a date line taken for a caption is still the article's date.)

    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Rat hat ...", "Die neue Brücke über den Rhein.", "Foto: Anna Berg", "Was will ..."]
    >>> sorted(_captions(texts, [True, True, True, True], match_blocks(texts), TextParams()))
    [1]
    >>> sorted(_captions(texts, [True, True, False, True], match_blocks(texts), TextParams()))
    []
    """
    found: set[int] = set()
    for i in range(1, len(texts)):
        text = texts[i]
        if matches[i] is not None or len(text) > p.caption_chars:
            continue
        under = i + 1 < len(texts) and matches[i + 1] is not None and bare_credits().search(texts[i + 1])
        # a credit printed over the picture comes before its caption, run together with it
        over = not after_blank[i] and matches[i - 1] is not None and bare_credits().search(texts[i - 1])
        # (the line's own tests only for the few lines next to a credit: most lines are none)
        if not (under or over) or text.rstrip().endswith((":", "?", "!")) or text.startswith(('"', "„", "»", "“")) or is_byline(text):
            continue
        ended = text.rstrip().endswith((".", "«", "“", '"', "»"))
        if under and (not ended or (after_blank[i] and after_blank[i + 1])):
            found.add(i)
        elif over and (i + 1 == len(texts) or after_blank[i + 1]) and not ended:
            found.add(i)
    return frozenset(found)


def _name_roles(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The lines that are a person's name and who that is, standing alone ("Nico Lange,
    Russlandexperte", "Anna Berg, Bürgermeisterin von Talburg"): what a page prints under a
    portrait or a quote set apart, no sentence of the article. Not a byline (a prefix before
    the name), nor a line with a figure (an address).

    >>> texts = ["Der Rat hat ...", "Anna Berg, Bürgermeisterin", "Was will ...", "Die Stadt, so sagt man"]
    >>> sorted(_name_roles(texts, [True] * 4, [None] * 4, TextParams()))
    [1]
    >>> _name_roles(["White Passing, ein Privileg", "Anna Berg, Jan Roth und Lena Hoffmann"], [True] * 2, [None] * 2,
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
                and all(word[0].isupper() for word in name.split()) and not _DIGIT.search(text)
                and role_words[0].casefold() not in german_stopwords()
                and not ((pieces := _AND.split(role.strip()))[1:] and any(map(is_person_name, pieces)))
                and not is_byline(text)):
            found.add(i)
    return frozenset(found)


_DIGIT = re.compile(r"\d")
# what joins the names of a list of people
_AND = re.compile(r"\s+(?:und|&)\s+")


def _labelled_teasers(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None]) -> frozenset[int]:
    """The headlines of teasers of other articles under their label ("Newsblog: Alle
    Nachrichten zu …", "Video | …", "Lesen Sie auch: …"): a headline-shaped line right under a
    line of other articles that is no box heading, run together with it (no blank line
    between), a blank line or boilerplate under it.

    >>> from newsclean.verdicts.phrases import match_blocks
    >>> texts = ["Der Rat ...", "Newsblog: Alle Nachrichten zur Wahl", "Neue Brücke: Der Rat stimmt zu", "Der Bau ..."]
    >>> sorted(_labelled_teasers(texts, [True, True, False, True], match_blocks(texts)))
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


def _teaser_texts(texts: list[str], good: list[bool], matches: list[RuleMatch | None], p: TextParams) -> frozenset[int]:
    """The lines that are the texts of teasers in a list of other articles: short prose under a
    headline-shaped line, in a run of at least :attr:`TextParams.teaser_pairs` such pairs (an
    article's crosshead over a short paragraph is one pair, maybe two).

    >>> texts = ["Mehr aus der Region", "Neue Brücke für Köln", "Der Rat hat am Montag den Bau beschlossen.",
    ...          "Radwege werden breiter", "Die Stadt will zwölf Straßen umbauen, sagte die Dezernentin.",
    ...          "Neuer Park am Rhein", "Im Frühjahr beginnen die Arbeiten an dem Gelände, sagte er."]
    >>> sorted(_teaser_texts(texts, [False, False, True, False, True, False, True], [None] * 7, TextParams()))
    [2, 4, 6]
    """
    pair = [i > 0 and good[i] and not good[i - 1] and matches[i - 1] is None and len(texts[i]) <= p.teaser_chars
            and headline_shaped(texts[i - 1]) for i in range(len(texts))]
    before = [0] * len(texts)  # pairs in the run up to line i, stepping by two lines
    for i in range(len(texts)):
        before[i] = (before[i - 2] if i >= 2 else 0) + 1 if pair[i] else 0
    found: set[int] = set()
    for i in range(len(texts) - 1, -1, -1):
        if pair[i] and before[i] >= p.teaser_pairs and (i + 2 >= len(texts) or not pair[i + 2]):
            found.update(range(i - 2 * (before[i] - 1), i + 1, 2))  # (the run ends here: all of it)
    return frozenset(found)


def _last_run(teasers: frozenset[int], end: int) -> frozenset[int]:
    """The headlines and texts of the run of teasers that ends at line ``end`` (or the line
    before it), if one does.

    >>> sorted(_last_run(frozenset({2, 4, 6, 11}), 7)), sorted(_last_run(frozenset({2, 4, 6}), 9))
    ([1, 2, 3, 4, 5, 6], [])
    """
    last = end if end in teasers else end - 1
    if last not in teasers:
        return frozenset()
    first = last
    while first - 2 in teasers:
        first -= 2
    return frozenset(range(first - 1, last + 1))


def _read_lines(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None],
                p: TextParams) -> tuple[list[bool], list[float]]:
    """Pass 1: whether each line is prose by itself, and its score."""
    n = len(texts)
    good = [False] * n
    scores = [0.0] * n
    labels = Counter(text for text, match in zip(texts, matches, strict=True)
                     if match is not None and match.reason in p.label_reasons and not match.button)
    for i, (text, match) in enumerate(zip(texts, matches, strict=True)):
        if match is not None:
            closing = (match.opens_region or match.button) and not match.inline and match.reason not in p.inline_reasons
            # a bar of buttons ("Teilen", "Auf X teilen", "Drucken") costs as one line of it, and
            # so does a label the page repeats between the paragraphs (an ad's "Anzeige")
            in_bar = not closing and (i > 0 and matches[i - 1] is not None and match.reason == matches[i - 1].reason
                                      or labels[text] >= p.repeated_label)
            scores[i] = -(p.heading_penalty if closing else p.menu_penalty if in_bar else p.rule_penalty)
            continue
        length = len(text)
        if length < p.short_chars:
            alone = after_blank[i] and (i + 1 == n or after_blank[i + 1])
            scores[i] = -(p.short_penalty if alone else p.menu_penalty)
            continue
        n_words, n_stopwords = prose_counts(text)
        density = n_stopwords / n_words if n_words else 0.0
        if density >= p.good_stopwords and n_words >= p.min_good_words:
            good[i] = True
            scores[i] = float(length) * (1.0 if text[-1] in _SENTENCE_END else p.unended_weight)
        elif density >= p.near_stopwords:
            scores[i] = length * p.near_weight
        else:
            scores[i] = -length * p.bad_weight
    return good, scores




def _between_prose(texts: list[str], matches: list[RuleMatch | None], good: list[bool], p: TextParams) -> frozenset[int]:
    """The runs of short lines right between two lines of prose, at least two and at most
    :attr:`TextParams.between_lines` of them, none boilerplate: the items of a list in the
    article, an interview's short questions and answers ("Das Ziel?", "Aufstieg."), a
    crosshead over a short paragraph. (A lone short line there is a caption or a button as
    often.)

    >>> texts = ["Es gelten diese Preise:", "Bahncard 25: 62,90 Euro", "Bahncard 50: 244 Euro", "Auch bei ...", "Mehr"]
    >>> sorted(_between_prose(texts, [None] * 5, [True, False, False, True, False], TextParams()))
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
    >>> _listed("Wir beraten Sie gern.", ["Wir sind für Sie da!", "Mehr erfahren…"])
    False
    """
    if above[-1] == ":" or all(line[0] in _LIST_MARKS or _DIGIT.search(line) for line in run):
        return True
    # (not an ellipsis: a link's "Mehr erfahren …" ends so)
    return all(line[-1] in ".!?" and not line.endswith("...") for line in run) and any(line[-1] in ".!" for line in run)


# how the items of a list start in a dump
_LIST_MARKS = frozenset("-–•·*▪►")


def _past_boxes(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], good: list[bool],
                scores: list[float], end: int, p: TextParams) -> int:
    """The article's last line, past the boxes of other articles in it: a box heading right
    after line ``end`` ("Mehr zum Thema"), at most :attr:`TextParams.box_lines` short lines
    run together under it (the teasers' headlines), a blank line, and the article going on:
    a run of lines, most of them prose (at least two), that scores half of what the heading
    costs. A list of teasers with their texts goes on from the heading's lines, with no blank
    line to part them; a thread of comments has a heading of its own.

    >>> prose = "Die Stadt hat am Montag beschlossen, dass die neue Brücke gebaut wird und den Verkehr entlastet."
    >>> texts = [prose, "Mehr zum Thema", "Neue Radwege", "Neuer Park", prose * 2, prose * 2, "Impressum"]
    >>> blank = [True, True, True, False, True, True, True]
    >>> from newsclean.verdicts.phrases import match_blocks
    >>> matches = match_blocks(texts)
    >>> good = [m is None and len(t) > 50 for t, m in zip(texts, matches)]
    >>> _past_boxes(texts, blank, matches, good, [len(t) if g else -100.0 for t, g in zip(texts, good)], 0, TextParams())
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


def _widen(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], start: int, end: int,
           p: TextParams) -> tuple[int, int]:
    """The article span grown by the short closing sentences right after it ("Ich hoffe, euch
    gefällt der Relaunch.", "Einsendeschluss ist der 3. November.") and by the table or list
    its last line introduces ("Es gelten folgende Bestimmungen:")."""
    if end < start:
        return start, end
    while end + 1 < len(texts) and matches[end + 1] is None and _sentence(texts[end + 1], p):
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


def _list_before(texts: list[str], matches: list[RuleMatch | None], start: int, p: TextParams) -> int:
    """The first line of the list right above the article's first paragraph (line ``start``),
    under its heading ending in a colon and maybe over the paragraph's own ("Zutaten:", "300 g
    Mehl", "1 Ei", ..., "Zubereitung:"): a recipe's ingredients, a data sheet's figures, at
    least :attr:`TextParams.table_rows` short lines, each with a word, most with a figure;
    ``start`` when there is none.

    >>> texts = ["Impressum", "Zutaten:", "300 g Mehl", "1 Ei", "Zubereitung:", "Alle Zutaten verrühren ..."]
    >>> _list_before(texts, [None] * 6, 5, TextParams()), _list_before(texts[2:], [None] * 4, 3, TextParams())
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
    return first if sum(1 for row in rows if _DIGIT.search(row)) * 2 >= len(rows) else start


def _table_after(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], i: int,
                 p: TextParams) -> int:
    """The last row of the table of figures that the words on line ``i`` introduce ("Für die
    Weine gelten folgende Bestimmungen:"): the lines printed one under the other after it, at
    least :attr:`TextParams.table_rows` of them, most with a figure; ``i`` when none follow (an
    address, a link, the fields of a form).

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


def _lead_in(texts: list[str], matches: list[RuleMatch | None], start: int, headlines: Set[int],
             p: TextParams) -> range:
    """The short lines that lead into the article's first paragraph (line ``start``) right
    above it, under a headline (a line of ``headlines``, which repeat the page's title): a
    sentence ("Ihr kennt es sicher auch!"), the words that introduce it ("Leitsätze des
    Gerichts:"), a salutation ("Liebe Leserinnen und Leser,"). A dump whose headline no line
    repeats has none: the title is then the title-shaped line right above the article, which
    a line taken into it would move. Nor is a line the dump printed before (the headline again
    over its article).

    >>> texts = ["Neue Brücke", "Liebe Leserinnen und Leser,", "heute ..."]
    >>> _lead_in(texts, [None] * 3, 2, {0}, TextParams()), _lead_in(texts, [None] * 3, 2, set(), TextParams())
    (range(1, 2), range(0, 0))
    """
    first = start
    while first > max(start - p.lead_in_lines, 0):
        text = texts[first - 1]
        if (matches[first - 1] is not None or first - 1 in headlines or len(text) >= p.short_chars
                or not (_sentence(text, p) and text[-1] != "?" or _introduces(text) or _salutation(text))
                or text in texts[:first - 1]):
            break
        first -= 1
    return range(first, start) if any(line < first for line in headlines) else range(0)


def _belongs(texts: list[str], after_blank: list[bool], good: list[bool], i: int, p: TextParams) -> bool:
    """A line inside the article span is kept when it is prose, a sentence, a heading of the
    prose below it, the words that introduce a list ("Exportiert wurden vor allem:"), or an
    entry of a list; a lone short line (a caption, a button) is not."""
    if good[i] or len(texts[i]) >= p.short_chars:
        return True
    if _sentence(texts[i], p) or _introduces(texts[i]) or _sign_off(texts[i]):
        return True
    if i + 1 < len(texts) and _sign_off(texts[i + 1]):
        return True  # the wish over a sign-off ("Viel Spaß beim Nachbacken!")
    after = i + 1 < len(texts) and (good[i + 1] or _sentence(texts[i + 1], p))
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


def _sentence(text: str, p: TextParams) -> bool:
    return text[-1] in ".!?…" and len(text.split()) >= p.tail_words and stopword_density(words(text)) > 0


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


def _best_span_through(scores: list[float], i: int) -> tuple[int, int]:
    """The contiguous run with the highest total score that contains line ``i``.

    >>> _best_span_through([-5, 10, -2, 8, -20, 3, -1, 40], 1)
    (1, 7)
    >>> _best_span_through([50, -100, 10, -2, 8, -20, 30], 2)
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


def _text_kind(texts: list[str], i: int) -> Kind:
    """Heading when a short line without closing punctuation introduces a longer paragraph."""
    text = texts[i]
    if len(text) < 90 and text[-1] not in ".:!?;,“\")" and i + 1 < len(texts) and len(texts[i + 1]) > len(text) * 2:
        return "heading"
    return "paragraph"

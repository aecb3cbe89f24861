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

How far the run reaches is :mod:`newsclean.verdicts.dump_run`; the boxes inside it that are no
part of the article (captions, summaries, teasers), :mod:`newsclean.verdicts.dump_boxes`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Set
from dataclasses import dataclass, replace

from ..lexicon import reading_tips
from ..model import Block, Kind, Reason, Rule
from ..read.dump import DumpLines
from ..text.tokens import prose_counts
from . import dump_boxes, dump_run
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
    #: the most lines of a box of other articles in the article (:func:`dump_run.past_boxes`), and the
    #: most such boxes the article goes on past
    box_lines: int = 6
    inline_boxes: int = 3
    #: the most lines of a summary of the article under its heading (:func:`dump_boxes.summaries`)
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
    #: (:func:`dump_run.between_prose`)
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
_AUTHOR_BIO: _Verdict = (None, Reason.NOT_MAIN_CONTENT, Rule("position", "the author's biography after the article"))
_THREAD: _Verdict = (None, Reason.COMMENTS, Rule("position", "a thread of comments: a name, the time, the text, again and again"))


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
    between = dump_run.between_prose(texts, matches, good, p)
    for i in between:
        scores[i] = -p.menu_penalty
    span = dump_run.best_span(scores)
    anchors = _outside_boxes(repeats, matches, good, span[1], p) if repeats else None
    first = prose_after(anchors, good, scores, p.headline_reach, p.first_prose_reach) if anchors else None
    if first is not None and not span[0] <= first <= span[1]:
        # the run through the headline's first paragraph is the article unless prose elsewhere
        # (a comment thread, a teaser list) outweighs it many times over
        through = dump_run.best_span_through(scores, first)
        if sum(scores[through[0]:through[1] + 1]) * p.headline_share + p.headline_bonus >= sum(scores[span[0]:span[1] + 1]):
            span = through
    if True not in good and headlines:
        # no prose anywhere (a table of results, a data sheet): the lines under the headline
        # up to the first boilerplate are the article, each of them, when there are a few
        start, end = _under_headline(matches, min(headlines))
        if end - start + 1 >= p.bare_lines:
            return _line_verdicts(texts, after_blank, matches, good, between, (start, end), range(start, end + 1), p)
    span = dump_run.widen(texts, after_blank, matches, span[0], dump_run.past_boxes(texts, after_blank, matches, good, scores, span[1], p), p)
    # the list the article's first paragraph follows (a recipe's ingredients over its steps)
    listed = range(dump_run.list_before(texts, matches, span[0], p), span[0]) if span[0] <= span[1] else range(0)
    top = listed.start if listed else span[0]
    lead_in = dump_run.lead_in(texts, matches, top, headlines, p) if span[0] <= span[1] else range(0)
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
    if first is None or texts[first][-1] not in dump_run.SENTENCE_END:
        return range(0)
    end = first
    while end < start and good[end]:
        end += 1
    return range(first, end)


def _line_verdicts(texts: list[str], after_blank: list[bool], matches: list[RuleMatch | None], good: list[bool],
                   between: Set[int], span: tuple[int, int], before: Collection[int], p: TextParams) -> list[_Verdict]:
    """Pass 2: each line's verdict, given the article ``span`` (first and last line), the
    lines ``before`` it that are article text too (:func:`_intro`, :func:`dump_run.lead_in`) and the
    runs of short lines ``between`` its paragraphs (:func:`dump_run.between_prose`)."""
    start, end = span
    out: list[_Verdict] = []
    region: RuleMatch | None = None  # the box heading the current lines sit under
    region_at = -1  # and where it is
    last_teaser = -1  # the last line taken for a teaser's text in such a box
    in_tip = False  # whether the line is in a reading tip's box (the lines right after its heading)
    teasers = dump_boxes.teaser_texts(texts, good, matches, p)
    # the lines of boxes in the article that are no part of it, whatever they read like
    boxed = (dict.fromkeys(dump_boxes.summaries(after_blank, matches, p), _SUMMARY)
             | dict.fromkeys(dump_boxes.video_teasers(texts, matches, p), _VIDEO_TEASER)
             | dict.fromkeys(dump_boxes.labelled_teasers(texts, after_blank, matches), _LABELLED_TEASER)
             | dict.fromkeys(dump_boxes.author_bio(texts, start, end, p), _AUTHOR_BIO)
             | dict.fromkeys(dump_boxes.comment_thread(texts, matches, good, start, p), _THREAD))
    captions = dump_boxes.captions(texts, after_blank, matches, p)
    name_roles = dump_boxes.name_roles(texts, after_blank, matches, p)
    # a list of teasers that ends the article span is no part of it, under a box heading or not,
    # when the article before it is the larger part of the span
    tail = dump_boxes.last_run(teasers, end)
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
        elif start <= i <= end and (region is None or good[i]) and (i in between or dump_run.belongs(texts, after_blank, good, i, p)):
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
            scores[i] = float(length) * (1.0 if text[-1] in dump_run.SENTENCE_END else p.unended_weight)
        elif density >= p.near_stopwords:
            scores[i] = length * p.near_weight
        else:
            scores[i] = -length * p.bad_weight
    return good, scores


def _text_kind(texts: list[str], i: int) -> Kind:
    """Heading when a short line without closing punctuation introduces a longer paragraph."""
    text = texts[i]
    if len(text) < 90 and text[-1] not in ".:!?;,“\")" and i + 1 < len(texts) and len(texts[i + 1]) > len(text) * 2:
        return "heading"
    return "paragraph"

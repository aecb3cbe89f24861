"""The headline: which block shows it, what it says (visible heading or declared title), the
kicker over it or glued to it, and the body blocks that only repeat it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..lexicon import (
    END_PUNCTUATION,
    KICKER_SPLIT,
    TITLE_SPLIT,
    german,
    german_stopwords,
    site_name_hints,
)
from ..model import Block, Format, Reason, Rule
from ..text.dates import DateReader, date_spans
from ..text.tokens import title_shaped, words
from ..verdicts.headline import DumpHeadline, TitleRepeats, dump_headline, page_title_line
from ..verdicts.phrases import match_boilerplate
from .byline import (
    dated_byline,
    is_byline,
    is_date_line,
    is_person_name,
    next_to_date,
    read_meta_line,
)
from .declared import Declared
from .places import ArticleStart
from .site import is_site, site_name_in_title, squash, strip_site_name


@dataclass(frozen=True, slots=True)
class Headline:
    """The headline found, and the page's blocks with its block (and a dump's ``<title>``
    line) in the ``title`` role and the body blocks that repeat it dropped."""

    #: the block that shows the headline, if one does
    index: int | None
    text: str | None
    blocks: tuple[Block, ...]
    #: a dump's first line is the page's ``<title>``, which a line of the page repeats
    from_page_title: bool = False
    #: the block over the headline shows the kicker of a declared "Kicker: Headline"
    declared_kicker: bool = False


def find_headline(blocks: Sequence[Block], fmt: Format, declared: Declared, site_keys: tuple[str, ...],
                  start: ArticleStart, repeats: TitleRepeats | None = None) -> Headline:
    """The headline: for HTML the visible heading the declared title agrees with (or the
    declared title), for a dump the line that repeats the page's ``<title>`` nearest before
    the article (of the ``repeats`` the dump classifier found) or the title-shaped line before
    the article."""
    out = list(blocks)
    repeat = dump_headline(repeats, start.first_long) if fmt != "html" else None
    if fmt == "html":
        index = _html_title_block(blocks, start.first_long, declared, site_keys)
    elif repeat is not None:
        index, title = repeat.line, dump_title_wording(repeat, blocks[repeat.closest].text, blocks[0].text)
        out[0] = out[0].kept_as("title")  # the page's <title> line
    else:
        first_line = blocks[0].text if blocks else ""
        index = _shown_page_title(blocks, start.first)
        if index is None:
            index = _dump_title_line(blocks, start.first)
        declared_title = page_title_line(first_line) if first_line else None
        if (index is not None and declared_title and _no_word_shared(blocks[index].text, declared_title)
                and not _over_teaser(blocks, index, start.first) and _about_article(declared_title, blocks, start.first_long)):
            # a line before the article that has nothing of the page's <title> (a picture's
            # credit, a date, "Seite drucken") is a worse guess than the <title> itself, when
            # that names what the article is about
            index = None
        title = blocks[index].text if index is not None else declared_title or page_title_line(first_line, site_named=True)
        if index is not None and declared_title and (glued := after_kicker(title, declared_title)):
            # the line prints a kicker too long for a repeat of the <title> in front of its
            # headline ("Sanierung statt Neubau Hallenbad wird saniert"): the headline is the rest
            title = " ".join(title.split()[len(glued.split()):])
    if index is not None:
        out[index] = out[index].kept_as("title")
    if fmt == "html":
        title = choose_title(declared, site_keys, out[index] if index is not None else None)
    if title:
        title = _SPACED_COLON.sub(": ", title)
        out = drop_title_repeats(out, title)
    kicked = fmt == "html" and index is not None and any(
        _below_kicker(blocks, index, squash(blocks[index].text), parts)
        for c in _wanted_titles(declared, site_keys) if (parts := kicker_parts(c)))
    return Headline(index, title, tuple(out), from_page_title=repeat is not None, declared_kicker=kicked)


def dump_title_wording(repeat: DumpHeadline, shown: str, page_title: str = "") -> str:
    """The title of a dump whose line ``shown`` repeats its ``<title>`` line ``page_title``
    most closely: the ``<title>`` without the site's name, or ``shown`` when that is a shorter
    part of it; in the line's own spelling where the line adds a kicker in front; the whole
    line where the ``<title>`` prints it whole (what stripping the site's name took off
    belongs to the headline).

    >>> found = DumpHeadline("Nahost: Warum Putin warnt", 5, 5, None)
    >>> dump_title_wording(found, "Warum Putin warnt"), dump_title_wording(found, "Neu: Nahost: Warum Putin warnt")
    ('Warum Putin warnt', 'Nahost: Warum Putin warnt')
    >>> dump_title_wording(DumpHeadline("Brand im Hafen - Zeugen gesucht", 5, 5, None), "Ticker Brand im Hafen – Zeugen gesucht")
    'Brand im Hafen – Zeugen gesucht'
    >>> cut = DumpHeadline("Hund vertreibt Einbrecher", 5, 5, None)
    >>> dump_title_wording(cut, "Hund vertreibt Einbrecher – Zeugenaufruf", "Hund vertreibt Einbrecher – Zeugenaufruf – Stadtblatt")
    'Hund vertreibt Einbrecher – Zeugenaufruf'
    >>> dump_title_wording(DumpHeadline("Stadtrat beschließt neue Parkgebühren für die Innenst…", 5, 5, None),
    ...                    "Stadtrat beschließt neue Parkgebühren für die Innenstadt")
    'Stadtrat beschließt neue Parkgebühren für die Innenstadt'
    """
    title, key, line = repeat.title, squash(repeat.title), squash(shown)
    shared = shared_headline(shown, title)
    if shared:
        return shared
    if key in line and line != key:
        if line.startswith(key) and (line in squash(page_title) or title.endswith(_ELLIPSES)):
            return shown  # (a <title> cut short with "…": the line shows the whole headline)
        # the visible line only adds to the <title> (a kicker glued on): what follows the
        # kicker, unless the line lost a separator the <title> has ("Nahost Warum Putin warnt")
        glued = after_kicker(shown, title)
        tail = " ".join(shown.split()[len(glued.split()):]) if glued else title
        return tail if len(KICKER_SPLIT.split(tail)) >= len(KICKER_SPLIT.split(title)) else title
    if line == repeat.shown_kicker:
        return title  # the <title> joins the kicker to the headline
    if line == key and len(title) > len(shown):
        return title  # same words; the <title> kept the colon the dump lost
    return shown


#: how a ``<title>`` cut short for search engines ends
_ELLIPSES = ("…", "...")


def moved_repeats(repeats: TitleRepeats | None, before: Sequence[Block], after: Sequence[Block]) -> TitleRepeats | None:
    """The repeats of a dump's ``<title>`` (line numbers of the blocks ``before``) in the
    blocks ``after`` :func:`split_run_together`: each block it cut in three before a line moves
    that line two places on (it cuts no line as short as a headline).

    >>> from newsclean.verdicts.headline import Repeat
    >>> before = [Block(0, "Titel"), Block(1, "Ein Satz."), Block(2, "Titel")]
    >>> after = [Block(0, "Titel"), Block(1, "Ein"), Block(2, "1. Mai 2024"), Block(3, "Satz."), Block(4, "Titel")]
    >>> moved_repeats(TitleRepeats("Titel", (Repeat(2, 0, 0),), None), before, after).hits
    (Repeat(line=4, kind=0, echo=0),)
    """
    if repeats is None or len(before) == len(after):
        return repeats
    return replace(repeats, hits=tuple(hit._replace(line=_moved(hit.line, before, after)) for hit in repeats.hits))


def _moved(i: int, before: Sequence[Block], after: Sequence[Block]) -> int:
    """Where block ``i`` of ``before`` stands in ``after`` (a cut block's first piece is
    shorter than the block)."""
    j = 0
    for block in before[:i]:
        j += 1 if after[j].text == block.text else 3
    return j


#: "Kicker : Headline": spans joined with a space before the colon (German puts none there)
_SPACED_COLON = re.compile(r"\s+:\s+")


@dataclass(frozen=True, slots=True)
class Kicker:
    """The Dachzeile, and the blocks with the line that shows it in the ``kicker`` role."""

    text: str | None
    blocks: tuple[Block, ...]


#: a line over the headline dropped for these reasons may still be its kicker
_KICKER_REASONS = (Reason.NAVIGATION, Reason.NOT_MAIN_CONTENT, Reason.RELATED)


def find_kicker(blocks: Sequence[Block], headline: Headline, fmt: Format, dates: DateReader,
                site_keys: tuple[str, ...] = ()) -> Kicker:
    """The kicker glued into the headline's element (HTML) or line (dump), else the line right over the
    headline when the declared "Kicker: Headline" names it, or when it is short and no date line
    or byline ("von Anna Berg" over a headline is no kicker), no clock time or link arrow and
    not the site's name (``site_keys``: its logo over the headline)."""
    at, title = headline.index, headline.text
    if at is None:
        return Kicker(None, tuple(blocks))
    # (a dump prints the kicker's and the headline's spans of a heading on one line too)
    if (title and (fmt != "html" or blocks[at].kind == "heading") and (glued := _kicker_before(blocks[at].text, title))
            and (fmt == "html" or kicker_shaped(glued))
            and not is_date_line(glued, dates)  # ("23.01.2022 - Headline": a date, no kicker)
            and (kicker := _unbadged(glued.strip(_KICKER_END)))):
        return Kicker(kicker, tuple(blocks))
    prev = blocks[at - 1] if at > 0 else None
    if prev is not None and (headline.declared_kicker or (
            kicker_shaped(prev.text) and (prev.kept or prev.reason in _KICKER_REASONS)
            and not _in_nav(prev) and not _menu_phrase(prev) and not _list_entry(blocks, at - 1)
            and not is_date_line(prev.text, dates) and not _crumb_to(prev.text, title)
            and not is_byline(prev.text) and not _COUNTED.search(prev.text) and not _no_topic(prev.text, site_keys)
            and not (is_person_name(prev.text) and next_to_date(list(blocks), at - 1, dates)))):
        kicker = _unbadged(prev.text.strip(_KICKER_END))
        if kicker and kicker.rstrip(".…").casefold() not in german().kicker_controls:
            shown = prev.kept_as("kicker")
        else:  # (a badge or a control's label: neither the kicker nor a line of the article)
            shown = prev.dropped(Reason.PAYWALL if not kicker else Reason.NAVIGATION, Rule("phrase", prev.text))
            kicker = ""
        return Kicker(kicker or None, (*blocks[: at - 1], shown, *blocks[at:]))
    return Kicker(None, tuple(blocks))


def _kicker_before(text: str, title: str) -> str | None:
    """The kicker glued in front of the headline ``title`` in the heading ``text``
    (:func:`after_kicker`); where what comes before the title ends in a function word, the
    title joins the kicker's end to the headline ("Nach Corona-Lockerungen Autohäuser …" under
    "Corona-Lockerungen: Autohäuser …"): the kicker is what comes before the title's headline.

    >>> _kicker_before("Nach Corona-Lockerungen Autohäuser rechnen mit Kunden", "Corona-Lockerungen: Autohäuser rechnen mit Kunden")
    'Nach Corona-Lockerungen'
    """
    glued = after_kicker(text, title)
    if not glued or glued.split()[-1].casefold() not in german_stopwords():
        return glued
    parts = KICKER_SPLIT.split(title, maxsplit=1)
    return after_kicker(text, parts[1]) if len(parts) == 2 else None


def _unbadged(kicker: str) -> str:
    """The kicker without the badge of an article for paying readers ("Plus Schulbau"), and
    "" for a badge alone, or with the site's short name ("SZ Plus").

    >>> _unbadged("Plus Schulbau"), _unbadged("SZ Plus"), _unbadged("Premium"), _unbadged("Schulbau")
    ('Schulbau', '', '', 'Schulbau')
    """
    badges = german().kicker_badges
    kept = [w for w in kicker.split() if w.casefold() not in badges]
    if len(kept) == len(kicker.split()):
        return kicker
    left = " ".join(kept)
    return "" if len(kept) == 1 and left.isupper() and len(left) <= _SHORT_NAME else left


#: the longest short name of a site in capitals ("SZ", "FAZ") a badge may follow
_SHORT_NAME = 4


def _no_topic(text: str, site_keys: tuple[str, ...]) -> bool:
    """A short line over the headline that names no topic: a time of day ("3:59 PM",
    "12.12.2022 | 06:46 | Energie"), a link with an arrow ("zurück ►", "« Ältere Beiträge"),
    a breadcrumb trail ("Home / Politik / Inland"), the entries of a menu run together
    ("PolitikRussische Föderation"), the site's name (its logo) or address.

    >>> [_no_topic(t, ("stadtblatt",)) for t in ("3:59 PM", "zurück ►", "Stadtblatt", "stadtblatt.de", "WissenschaftGlobal")]
    [True, True, True, True, True]
    >>> [_no_topic(t, ()) for t in ("«Reformstau lösen»", "Schulbau", "100. Geburtstag", "WhatsApp-Betrug", "Energie / Klima")]
    [False, False, False, False, False]
    """
    text = text.strip()
    return bool(_CLOCK.search(text) or _POINTER.search(text) or _GLUED_LINKS.search(text)
                or _trail(text, _CRUMB_MARKS) or _HOST.fullmatch(text) or squash(text) in site_keys)


#: a time of day, as English pages print it too ("15:59", "3:59 PM", "9.30 Uhr")
_CLOCK = re.compile(r"(?<![\d.,:])\d{1,2}:\d{2}(?![\d.,:])|(?<![\d.,])\d{1,2}[:.]\d{2}\s*(?:Uhr|[AaPp]\.?[Mm]\.?)")
#: a word ending in lower case and the next starting in upper case with no space between: the
#: texts of several links run together
_GLUED_LINKS = re.compile(r"[a-zäöüß]{6}[A-ZÄÖÜ]")
#: the separators of a breadcrumb trail over a headline (over a dump's headline only arrows:
#: "Politik | Inland | Bayern" may be its <title> line there)
_CRUMB_MARKS = re.compile(r"\s[/›>»|]\s")
#: a site's address ("welpen24.de", "Presse-Blatt.com")
_HOST = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}", re.IGNORECASE)
#: an arrow or a lone angle quote: a link to the next or previous page, no topic
_POINTER = re.compile(r"[►◄▶◀▸◂←→⇐⇒➔➜]|(?:^|\s)[«»‹›](?:\s|$)")


#: what a kicker may end (or start) in, joining it to the headline ("Nahost:", "Streik –")
_KICKER_END = " :-–—/|"


def _menu_phrase(block: Block) -> bool:
    """A boilerplate phrase dropped the block ("Impressum", "Suche nach:"): a menu entry, no
    kicker, unless the phrase is a section name pages print over headlines too ("Politik")."""
    rule = block.rule
    return (rule is not None and rule.kind in ("phrase", "starts", "contains") and not rule.after
            and rule.evidence.strip(END_PUNCTUATION) not in german().kicker_sections)


def _crumb_to(text: str, title: str | None) -> bool:
    """Whether ``text`` ends with the headline ``title``: a breadcrumb trail that leads to the
    article ("Startseite » Fernweh" over "Fernweh"), no kicker.

    >>> _crumb_to("Startseite » Fernweh", "Fernweh"), _crumb_to("Reise", "Fernweh")
    (True, False)
    """
    return bool(title) and squash(text).endswith(squash(title))


def _in_nav(block: Block) -> bool:
    """The block is in a ``<nav>`` element: the site's menu, which a page may put right over
    the headline ("Home News"), is no kicker.

    >>> _in_nav(Block(0, "Home News", hint="html body nav")), _in_nav(Block(0, "Bahnstreik", hint="html body article div.kicker"))
    (True, False)
    """
    return block.within("nav")


def _list_entry(blocks: Sequence[Block], i: int) -> bool:
    """Block ``i`` is the last entry of a list of several (a menu of topics, a tag list) that
    a page puts over the headline: no kicker. In a dump the entries of a list follow each
    other without a blank line, and a blank line parts the list from the headline (a kicker
    printed right over its headline is read with it, whatever is above).

    >>> menu = [Block(0, "Politik", after_blank=True), Block(1, "Kultur"), Block(2, "Die Brücke wird saniert", after_blank=True)]
    >>> _list_entry(menu, 1), _list_entry([*menu[:2], menu[2]._replace(after_blank=False)], 1)
    (True, False)
    """
    if i == 0:
        return False
    if blocks[i].kind == "list_item":
        return blocks[i - 1].kind == "list_item"
    return (not blocks[i].hint and not blocks[i].after_blank and kicker_shaped(blocks[i - 1].text)
            and (i + 1 == len(blocks) or blocks[i + 1].after_blank))


_DIGIT = re.compile(r"\d")
#: a category link with the count of its posts ("Wohnen (3)"): navigation, no kicker
_COUNTED = re.compile(r"\(\d+\)$")


def split_run_together(blocks: Sequence[Block], reference: date | None) -> list[Block]:
    """Cut ``Title 26. November 2024 Body …`` (a dump with no line breaks) into three blocks,
    numbering the blocks after a cut anew."""
    out: list[Block] = []
    for b in blocks:
        # every date starts with a digit: a paragraph without one in its first 250 characters
        # (past the first) has no date to cut at
        if len(b.text) < 400 or not b.kept or not _DIGIT.search(b.text, 1, 251):
            out.append(b)
            continue
        spans = [s for s in date_spans(b.text[:400], reference) if s[0] > 0]
        if not spans or spans[0][0] > 250:
            out.append(b)
            continue
        head = b.text[: spans[0][0]].strip()
        # the dates may repeat back to back: take the run of dates that follows
        end = spans[0][1]
        for s, e in spans[1:]:
            if s - end <= 2:
                end = e
        if not title_shaped(head):
            out.append(b)
            continue
        out.append(b.with_text(head))
        out.append(b._replace(text=b.text[spans[0][0] : end].strip(), role="date"))
        out.append(b.with_text(b.text[end:].strip()))
    if len(out) == len(blocks):
        return out
    return [b if b.index == i else b._replace(index=i) for i, b in enumerate(out)]


def kicker_shaped(text: str) -> bool:
    return len(text.split()) <= 5 and len(text) <= 60 and text[-1] not in ".,;"


#: a block ending with the headline repeats it when at most this many characters come before
#: it, ending in a separator: a kicker "Nahost:", a breadcrumb "Startseite » Aktuelles »"
_TITLE_PREFIX = 60


_PREFIX_END = ":»›>|/–—-•·"


#: shorter headlines (after squashing) are too plain to call a block a repeat of them
_MIN_TITLE_KEY = 8


def _repeats_title(text: str, title: str, title_key: str) -> bool:
    """Whether ``text`` is the headline ``title`` again (``title_key``: the headline squashed,
    once for all blocks), alone or after a kicker or breadcrumb.

    >>> _repeats_title('Angebliche "Dekolonisierung" :Warum Putin warnt', "Warum Putin warnt", "warumputinwarnt")
    True
    >>> _repeats_title("Zutaten für das Rezept Bienenstich-Muffins", "Bienenstich-Muffins", "bienenstichmuffins")
    False
    """
    if len(text) > len(title) + _TITLE_PREFIX:
        return False
    if squash(text) == title_key:
        return True
    at = text.casefold().rfind(title.casefold())
    if at <= 0 or text[at + len(title) :].strip(END_PUNCTUATION):
        return False
    return text[:at].rstrip()[-1:] in tuple(_PREFIX_END)


def drop_title_repeats(blocks: list[Block], title: str) -> list[Block]:
    """The blocks, with the body blocks that print the headline again (over a teaser, in a
    breadcrumb, at the end of the page) dropped: the title is a field of its own and in
    ``text`` not at all.

    >>> [b.verdict for b in drop_title_repeats([Block(0, "Große Maße"), Block(1, "Maße")], "Große Maße")]
    ['drop', 'keep']
    """
    key = squash(title)
    if len(key) < _MIN_TITLE_KEY:
        return blocks
    longest = len(title) + _TITLE_PREFIX
    return [
        # (the length first: most blocks are far shorter or longer than the headline; squashing
        # drops characters but case-folding may add some, "ß" -> "ss", so a block whose folded
        # text is shorter than the squashed headline cannot repeat it. Most lines of a dump
        # are dropped already: folded only when kept)
        b.dropped(Reason.DUPLICATE, Rule("repeats", "title"))
        if len(b.text) <= longest and b.kept and b.role == "body" and len(key) <= len(b.text.casefold())
        and _repeats_title(b.text, title, key)
        else b
        for b in blocks
    ]




def shared_headline(visible: str, declared: str) -> str | None:
    """The headline two titles share behind different kickers, or None.

    Pages put one kicker over the visible headline and another in front of the declared one;
    what both say after their kicker is the headline.

    >>> shared_headline("Eskalation im Nahen Osten - «Zurückhaltung hat mit den USA zu tun»",
    ...                 "Iranischer Angriff auf Israel: «Zurückhaltung hat mit den USA zu tun»")
    '«Zurückhaltung hat mit den USA zu tun»'
    >>> shared_headline("Immobilienkrise: Signa in Sorge", "Signa in Sorge") is None
    True
    """
    a, b = squash(visible), squash(declared)
    if not a or not b or a in b or b in a:
        return None
    parts_a, parts_b = KICKER_SPLIT.split(visible, maxsplit=1), KICKER_SPLIT.split(declared, maxsplit=1)
    if len(parts_a) < 2 or len(parts_b) < 2 or len(parts_a[1].split()) < 3:
        return None
    return parts_a[1] if squash(parts_a[1]) == squash(parts_b[1]) else None


def choose_title(declared: Declared, site_keys: tuple[str, ...], block: Block | None) -> str | None:
    """The headline both the page's markup and its declarations agree on.

    In order: a declared headline that the visible heading shows after a kicker; the visible
    heading when the page declares the same headline (in the declared spelling where that has
    a colon the markup left to CSS between kicker and headline spans); the declared headline
    (JSON-LD, then og:title), unless it only adds words to the visible one; the ``<h1>``;
    ``<title>``; each without the site's name. Declared and visible headlines often differ (a
    shorter social-media title, a kicker glued on, a name added for search engines)."""
    declared_titles = [strip_site_name(c, site_keys) for c in (declared.headline, declared.og_title, declared.html_title) if c]
    declared_titles = [t for t in declared_titles if len(t.split()) >= 2 and not is_site(t, site_keys)]
    h1 = block.text if block is not None and _is_h1(block) else None
    if h1 and declared.html_title:
        declared_titles = [t for t in declared_titles if not _names_page(t, h1, declared.html_title)]
    heading = block.text if block is not None and block.kind == "heading" else None
    if heading and (tail := next((t for t in declared_titles if after_kicker(heading, t)), None)):
        return tail  # a declared title names the headline without the kicker the heading shows
    if heading and (same := [t for t in declared_titles if squash(heading) == squash(t)]):
        # the markup may leave the separator between a kicker's span and the headline's to
        # CSS ("Streik im Hafen Die Schiffe warten"): then the declared spelling has it; else
        # the page's own spelling (its „quotes“, where a declaration has "straight" ones)
        return next((t for t in same if len(KICKER_SPLIT.split(t)) > len(KICKER_SPLIT.split(heading))), heading)
    if heading and (dated := next((t for t in declared_titles if _dated_heading(heading, t)), None)):
        return dated  # the heading shows the headline with its date ("<h1>… <small>05.03.2024</small></h1>")
    if heading and not h1 and any(shown_headline(heading, t) for t in declared_titles):
        return heading  # the heading under the kicker a declared "Kicker: Headline" names
    for candidate in (declared.headline, declared.og_title):
        if candidate:
            title = strip_site_name(candidate, site_keys)
            if title in declared_titles:
                shown = h1 or (block.text if block is not None and block.kind == "heading" else None)
                if shown and (_adds_to(title, shown) or _pads(title, shown)):
                    return shown  # the declared title adds words for search engines to it
                return shared_headline(h1, title) or title if h1 else title
    if h1 or block is not None:
        return (block.text if block is not None else h1)
    return declared_titles[-1] if declared_titles else None


def _dated_heading(heading: str, title: str) -> bool:
    """Whether the heading is ``title`` with a date after it, which the page prints in the
    headline's element.

    >>> _dated_heading("Neue Brücke für Köln 05.03.2024", "Neue Brücke für Köln")
    True
    >>> _dated_heading("Neue Brücke für Köln05.03.2024", "Neue Brücke für Köln")
    True
    >>> _dated_heading("Neue Brücke für Köln ab 2025", "Neue Brücke für Köln")
    False
    """
    key = squash(title)
    if len(key) < _MIN_TITLE_KEY or not squash(heading).startswith(key) or len(heading) - len(title) > _LONGEST_DATE:
        return False
    end = next((at for at in range(len(title) - 1, len(heading) + 1) if squash(heading[:at]) == key), None)
    rest = heading[end:].strip(" -–|·,") if end is not None else ""
    return bool(rest) and is_date_line(rest) and bool(date_spans(rest))


#: the longest date a heading may show after the headline
_LONGEST_DATE = 40


def _names_page(declared: str, h1: str, html_title: str) -> bool:
    """Whether the declared title names the site, not the article the ``<h1>`` shows: it
    shares no word with the ``<h1>`` and the page's ``<title>`` is a part of it (og:title
    "Neuburger Tagblatt", ``<title>`` "Tagblatt"), or it is the site's name the ``<title>``
    ends with (a page that declares no site name).

    >>> _names_page("Neuburger Tagblatt", "Neubau der Schule verschoben", "Tagblatt")
    True
    >>> _names_page("Neuburger Tagblatt", "Neubau der Schule verschoben", "Vereine | Neuburger Tagblatt")
    True
    >>> _names_page("Schule verschoben", "Neubau der Schule verschoben", "Schule verschoben | Tagblatt")
    False
    """
    key, page = squash(declared), squash(html_title)
    return (bool(key and page) and key != page and (page in key or key == squash(site_name_in_title(html_title) or ""))
            and _no_word_shared(h1, declared))


def _adds_to(declared: str, h1: str) -> bool:
    """Whether ``declared`` is the visible ``h1`` with more after a separator.

    >>> _adds_to("Tomaten richtig schneiden - Tipp mit Bild", "Tomaten richtig schneiden")
    True
    >>> _adds_to("Nahost: Warum Putin warnt", "Nahost")
    False
    """
    if len(h1.split()) < _MIN_GLUED_TITLE_WORDS or not declared.startswith(h1):
        return False
    return KICKER_SPLIT.match(declared, len(h1)) is not None


def _pads(declared: str, shown: str) -> bool:
    """Whether ``declared`` is the visible headline ``shown`` with words added in between or
    after (a name, a keyword for search engines), not a headline of its own or the headline
    under a declared kicker (which title the page means then is :func:`choose_title`'s choice).

    >>> _pads("VW-Chef Diess warnt vor Tesla und 'Golf aus China'", 'VW-Chef warnt vor Tesla und "Golf aus China"')
    True
    >>> _pads("Nahost: Warum Putin warnt", "Warum Putin warnt"), _pads("Neue Brücke für Köln", "Neue Brücke für Bonn")
    (False, False)
    """
    seen = words(shown.casefold())
    if len(seen) < _MIN_GLUED_TITLE_WORDS or shown_headline(shown, declared):
        return False
    told = words(declared.casefold())
    return len(told) > len(seen) and set(seen) <= set(told)


#: the longest kicker (squashed) a heading may carry in front of the headline it shows, and
#: the fewest words of a headline found that way (not a name such as the site's)
_GLUED_KICKER = 40


_MIN_GLUED_TITLE_WORDS = 3


def after_kicker(text: str, title: str) -> str | None:
    """What comes before ``title`` in the heading ``text``: "" when the heading is the title, a
    short kicker glued in front of it, or None when the heading shows another headline.

    >>> after_kicker("Meinung Warum Kritik an Trump verpufft", "Warum Kritik an Trump verpufft")
    'Meinung'
    >>> after_kicker("Technologie im Klassenzimmer KI in der Schule", "Technologie im Klassenzimmer: KI in der Schule")
    ''
    >>> after_kicker("Warum Kritik verpufft", "Trump: Warum Kritik verpufft") is None
    True
    >>> after_kicker("Der Rat beschließt eine neue Brücke für die Altstadt", "Neue Brücke für die Altstadt") is None
    True
    """
    key, whole = squash(title), squash(text)
    if len(key) < _MIN_TITLE_KEY or not whole.endswith(key) or len(whole) - len(key) > _GLUED_KICKER:
        return None
    if whole == key:
        return ""
    n = len(title.split())
    words = text.split()
    if len(words) <= n or squash(" ".join(words[-n:])) != key:
        return _glued_kicker(text, key)  # the headline does not start at a word of the heading
    if words[-n][:1].islower() and title[:1].isupper() and ": " not in title:
        # a sentence's end that a short title repeats ("… beschließt eine neue Brücke"); a
        # title with a kicker of its own ("Nach Protesten: …") starts inside the heading's
        return None
    return " ".join(words[:-n])


def _glued_kicker(text: str, key: str) -> str | None:
    """The kicker run together with a headline that starts with a quote or a digit, where the
    page's two elements have no space between them ("Neustadt„Wir zahlen doppelt“",
    "Energie12 Prozent mehr"); ``key`` is the headline squashed. None if the heading has no
    such seam before the headline.

    >>> _glued_kicker("Neustadt„Wir zahlen doppelt“", squash("„Wir zahlen doppelt“"))
    'Neustadt'
    >>> _glued_kicker("Neustadt „Wir zahlen doppelt“", squash("dt „Wir zahlen doppelt“")) is None
    True
    """
    for at, char in enumerate(text):
        if at and (char in _OPENING_QUOTES or char.isdigit()) and (text[at - 1].isalpha() or text[at - 1] == ":"):
            if squash(text[at:]) == key:
                return text[:at]
    return None


#: what a headline may start with that a kicker's span runs into without a space
_OPENING_QUOTES = "„“‚»«\"'"


#: a block dropped for these reasons is never the headline of a dump
_NOT_TITLE_REASONS = frozenset({Reason.NEWSLETTER, Reason.SPONSORED, Reason.COOKIE, Reason.LOGIN, Reason.PAYWALL,
                                Reason.SOCIAL, Reason.CREDIT})


def _html_title_block(blocks: Sequence[Block], first: int, declared: Declared, site_keys: tuple[str, ...]) -> int | None:
    """Index of the block that shows the headline the page declares: the one saying what the
    declared titles say (a heading, an ``<h1>``, the nearest ``first``), else an ``<h1>``."""
    wanted = _wanted_titles(declared, site_keys)
    # a headline is short: longer blocks need not be squashed and compared
    longest = max((len(c) for c in wanted), default=0) * 2 + 20
    squashed = [(i, squash(b.text)) for i, b in enumerate(blocks) if len(b.text) <= longest and not _in_breadcrumb(b)]

    def shown(hits: list[int]) -> list[int]:
        # (the element of the site's name or logo shows no headline: read for the few
        # blocks that match, not for every block)
        return [i for i in hits if not _in_site_name_element(blocks[i])]

    for cand in wanted:
        if is_site(cand, site_keys):
            continue  # a <title> of the site's name only: the logo shows it, no headline
        key = squash(cand)
        hits = shown([i for i, text in squashed if text == key])
        if hits:
            return min(hits, key=lambda i: (blocks[i].kind != "heading", not _is_h1(blocks[i]), abs(i - first)))
        if len(cand.split()) < _MIN_GLUED_TITLE_WORDS:
            continue
        hits = shown([i for i, text in squashed if text.endswith(key) and blocks[i].kind == "heading"
                      and after_kicker(blocks[i].text, cand)])
        if hits:  # a kicker glued in front of the headline
            return min(hits, key=lambda i: abs(i - first))
        under = kicker_parts(cand)
        if under and (hits := shown([i for i, text in squashed if _below_kicker(blocks, i, text, under)])):
            return min(hits, key=lambda i: abs(i - first))
    # a heading that shows the first part of a declared "Headline | Motto of the site"
    heads = {squash(parts[0]) for c in wanted if len(parts := TITLE_SPLIT.split(c)) > 1 and len(parts[0].split()) >= _MIN_GLUED_TITLE_WORDS}
    hits = shown([i for i, text in squashed if text in heads and blocks[i].kind == "heading"])
    if hits:
        return min(hits, key=lambda i: abs(i - first))
    h1s = [i for i, b in enumerate(blocks) if _is_h1(b)]
    # an h1 that a menu phrase dropped names a section ("Top-Meldungen", "Latest News"), unless
    # the declared title starts with it (a post may be called "Gefällt mir")
    # and an h1 of the site's name or logo (a blog theme's "site-title") names no article either
    sections = [i for i in h1s if (_menu_phrase(blocks[i]) and not any(squash(c).startswith(squash(blocks[i].text)) for c in wanted))
                or _in_site_name_element(blocks[i])]
    headings = [i for i in h1s if title_shaped(blocks[i].text) and i not in sections]
    if headings:
        return min(headings, key=lambda i: abs(i - first))
    if sections:
        # the article's own heading is the next one, before its first paragraph
        return next((i for i in range(sections[0] + 1, min(len(blocks), first + 1)) if blocks[i].kind == "heading"
                     and title_shaped(blocks[i].text) and not _menu_phrase(blocks[i])), None)
    return None


def _wanted_titles(declared: Declared, site_keys: tuple[str, ...]) -> list[str]:
    """The titles a page declares (og:title, JSON-LD, ``<title>``), without the site's name."""
    return [strip_site_name(c, site_keys) for c in (declared.og_title, declared.headline, declared.html_title) if c]


def kicker_parts(declared: str) -> tuple[str, str] | None:
    """The kicker and the headline of a declared "Kicker: Headline", squashed; None for a
    title without a kicker, or with a headline of fewer than three words after it.

    >>> kicker_parts("Nach Kritik am Papst: Trump postet wieder ein Bild")
    ('nachkritikampapst', 'trumppostetwiedereinbild')
    >>> kicker_parts("Brücke gesperrt") is None
    True
    """
    parts = KICKER_SPLIT.split(declared, maxsplit=1)
    if len(parts) < 2 or len(parts[1].split()) < _MIN_GLUED_TITLE_WORDS:
        return None
    return squash(parts[0]), squash(parts[1])


def _below_kicker(blocks: Sequence[Block], i: int, text: str, parts: tuple[str, str]) -> bool:
    """Whether block ``i`` (``text``: its text squashed) is a heading showing the headline of
    a declared "Kicker: Headline" (its :func:`kicker_parts`) right under a block that shows
    the kicker: the page prints them as two elements. An ``<h1>`` over the heading is the
    headline, with a subtitle under it ("Vom Boden aus gedacht: Eine Autorin verwebt …")."""
    kicker, head = parts
    return (text == head and blocks[i].kind == "heading" and i > 0
            and squash(blocks[i - 1].text) == kicker and not _is_h1(blocks[i - 1]))


def shown_headline(heading: str, declared: str) -> bool:
    """Whether ``heading`` is the headline part of a declared "Kicker: Headline".

    >>> shown_headline("Trump postet wieder ein Bild", "Nach Kritik am Papst: Trump postet wieder ein Bild")
    True
    >>> shown_headline("Nach Kritik am Papst", "Nach Kritik am Papst: Trump postet wieder ein Bild")
    False
    """
    parts = kicker_parts(declared)
    return parts is not None and parts[1] == squash(heading)


def _shown_page_title(blocks: Sequence[Block], first: int) -> int | None:
    """Index of the line right before a dump's article (``first``) that prints the headline
    of its ``<title>`` word for word, when that is too short (one or two words: "Unbefriedigt
    | Blog der Vielen") to count as its repeat: the first part of the ``<title>``, or what is
    left without the site's name. Only a line close to the article counts: a short word
    farther up names the site (its logo) or the section over a headline of the page's own.

    >>> lines = [Block(0, "Wurmkiste | Gartenblatt"), Block(1, "Wurmkiste"), Block(2, "Foto: Anna Berg"), Block(3, "Text")]
    >>> _shown_page_title(lines, 3)
    1
    """
    if not blocks:
        return None
    head, *rest = TITLE_SPLIT.split(blocks[0].text, maxsplit=1)
    after = squash(rest[0]) if rest else ""
    shown = (head, page_title_line(blocks[0].text, site_named=True) or "")
    # (a word the rest of the <title> repeats is the site's name: "ICON • ICON Magazine")
    keys = {key for text in shown if len(text.split()) <= _FEW_TITLE_WORDS and (key := squash(text)) and key not in after}
    return next((i for i in range(first - 1, max(0, first - 1 - _SHOWN_TITLE_REACH), -1)
                 if len(blocks[i].text) <= _SHORT_TITLE and squash(blocks[i].text) in keys), None)


#: a ``<title>`` headline of at most this many words has no repeat of its own
#: (:func:`~newsclean.verdicts.headline.find_title_repeats`); the lines before the article
#: :func:`_shown_page_title` reads (a date line and a picture's credit may come between), and
#: the longest it compares
_FEW_TITLE_WORDS = 2
_SHOWN_TITLE_REACH = 3
_SHORT_TITLE = 60


def _dump_title_line(blocks: Sequence[Block], first: int) -> int | None:
    """Index of a dump's title-shaped line before the article (``first``), past date and
    byline lines, share buttons, a picture (caption + credit line) and one teaser paragraph."""
    teaser_seen = False
    for i in range(first - 1, max(-1, first - 9), -1):
        b = blocks[i]
        if (is_date_line(b.text) or is_byline(b.text) or dated_byline(b.text) or b.reason in _NOT_TITLE_REASONS
                or _names_and_dates(b.text) or _times_or_year(b.text) or _dated_post_meta(b.text)
                or _trail(b.text)):
            continue
        if i + 1 < len(blocks) and blocks[i + 1].reason == "credit":
            continue  # a picture caption
        if 0 < i < len(blocks) - 1 and is_person_name(b.text) and is_date_line(blocks[i + 1].text):
            # a bare byline over its date ("Jonas Albrecht", "05.02.2026"); not the dump's
            # first line, its <title> ("Neue Brücke" reads as a name too)
            continue
        # a short line before the article counts as navigation, but a menu phrase is no headline
        if title_shaped(b.text) and match_boilerplate(b.text) is None:
            head = blocks[first] if first < len(blocks) else None
            if (i == first - 1 and head is not None and head.kind == "heading" and kicker_shaped(b.text)
                    and title_shaped(head.text) and len(head.text) > len(b.text)):
                return first  # the article starts with its headline; the line above is a kicker
            return i - 1 if _under_headline(blocks, i) else i
        if teaser_seen or (len(b.text) < _TEASER and not _short_sentence(b.text)):
            break
        teaser_seen = True
    # the first body block itself may be the title (dump with no separate lead)
    if first < len(blocks) and title_shaped(blocks[first].text):
        return first
    return None


def _under_headline(blocks: Sequence[Block], i: int) -> bool:
    """Whether the short line ``i`` repeats the opening words of a longer headline right above
    it (a picture's label "Neue Brücke" under "Neue Brücke über die Lahn: Stadt legt Pläne
    vor"): a kicker stands over its headline, and a line over a shorter headline that begins
    otherwise is the magazine's overline. The dump's first line (its ``<title>``) is none."""
    above = blocks[i - 1] if i > 1 else None
    return (above is not None and kicker_shaped(blocks[i].text) and title_shaped(above.text)
            and len(above.text) > 2 * len(blocks[i].text) and match_boilerplate(above.text) is None
            and squash(above.text).startswith(squash(blocks[i].text)))


def _over_teaser(blocks: Sequence[Block], index: int, first: int) -> bool:
    """Whether the line ``index`` stands over the block that opens the article (``first``):
    a teaser paragraph, then byline or date lines, or those right under it. It is the headline, worded
    otherwise than the page's SEO ``<title>`` ("Gas wird für 40.000 Haushalte teurer" under
    the <title> "Stadtwerke erhöhen Gaspreise ab März – was Kunden jetzt wissen müssen"); a
    picture's credit right over the article's first paragraph is not."""
    teaser = blocks[index + 1].text if index + 1 < first else ""
    if len(teaser) >= _TEASER and teaser[-1:] in _SENTENCE_END:
        return any(_meta(b.text) for b in blocks[index + 2:first])
    return bool(teaser) and _meta(teaser)


def _short_sentence(text: str) -> bool:
    """A teaser of one short sentence ("Ein Lastwagen legt die A7 lahm."), not a line of
    labels that ends in an abbreviation ("Pressemitteilung | Verbraucherzentrale e.V.").

    >>> _short_sentence("Ein Lastwagen legt die A7 lahm."), _short_sentence("Pressemitteilung | Verbraucherzentrale e.V.")
    (True, False)
    """
    return text[-1:] in ".!?" and len(text.split()) >= _SENTENCE_WORDS and "|" not in text


#: the fewest words of a teaser's short sentence
_SENTENCE_WORDS = 5


def _meta(text: str) -> bool:
    return is_byline(text) or is_date_line(text) or dated_byline(text)


#: the shortest teaser :func:`_over_teaser` reads, and how a sentence ends
_TEASER = 60
_SENTENCE_END = ".!?“\""


def _trail(text: str, separators: re.Pattern[str] | None = None) -> bool:
    """A breadcrumb trail ("Start » Film » Geschichte"): two or more arrows (or other
    ``separators``) between words, where a headline has one at most ("Rubrik » Headline").

    >>> _trail("Start » Film » Geschichte"), _trail("Reise » Fernweh am Nordkap"), _trail("»Wir bleiben« sagt der Wirt")
    (True, False, False)
    """
    return len((separators or _TRAIL_ARROW).findall(text)) >= 2


_TRAIL_ARROW = re.compile(r"\s[»›>]\s")


def _dated_post_meta(text: str) -> bool:
    """A line that opens with a date and its year and runs on into words with no separator
    after the date, then lists categories or ends in a count of comments, as a blog's line of
    post data does ("1. Februar 2022 Steffi Ratgeber, Katzen 0"): no headline. A headline that
    opens with a date sets it off ("9. November 1989: Die Mauer fällt", "23.01.2022 - Wierer
    darf noch jubeln") or goes on as a sentence ("1. Januar 2025 bringt neue Regeln").

    >>> [_dated_post_meta(t) for t in ("1. Februar 2022 Steffi Ratgeber, Katzen 0", "9. November 1989: Die Mauer fällt")]
    [True, False]
    >>> _dated_post_meta("1. Mai Tausende demonstrieren"), _dated_post_meta("1. Januar 2025 bringt neue Regeln für Mieter")
    (False, False)
    """
    spans = date_spans(text[:60])
    if not spans or spans[0][0] != 0 or not _YEAR_IN.search(text[: spans[0][1]]):
        return False
    rest = text[spans[0][1]:]
    return rest[:1] == " " and rest[1:2].isalpha() and ("," in rest or rest.rstrip()[-1:].isdigit())


_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")


def _times_or_year(text: str) -> bool:
    """A short line with a time of day (opening hours "Mo bis Fr: 9:00 – 16:00 Uhr", "3:59 PM"),
    or a year and no word of four letters (an English date "Apr 04 2013"), or a copyright line
    ("© Stadtblatt 2021"): no headline.

    >>> [_times_or_year(t) for t in ("Mo bis Fr: 9:00 – 16:00 Uhr", "Apr 04 2013", "© Stadtblatt Verlag 2021")]
    [True, True, True]
    >>> [_times_or_year(t) for t in ("Neue Brücke für 2025", "Um 5 Uhr bebte die Erde")]
    [False, False]
    """
    if text.startswith("©"):
        return True
    tokens = [t for t in text.split() if any(c.isalnum() for c in t)]
    if len(tokens) > _FEW_TIME_WORDS:
        return False
    if _TIME_OF_DAY.search(text):
        return True
    return bool(_YEAR.search(text)) and not any(sum(c.isalpha() for c in t) >= 4 for t in tokens)


#: the most words of a line :func:`_times_or_year` reads (a headline may name a time)
_FEW_TIME_WORDS = 6
_TIME_OF_DAY = re.compile(r"(?<![\d.,])[0-2]?\d:[0-5]\d(?![\d.,])")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


#: a class/id part of breadcrumb navigation ("breadcrumb__headline", "kick__article__header__crumb")
_BREADCRUMB = "crumb"


def _in_breadcrumb(block: Block) -> bool:
    """The block sits in a breadcrumb trail: an ``<h1>`` there names the page for search
    engines, the headline readers see is printed elsewhere."""
    return _BREADCRUMB in block.hint and any(_BREADCRUMB in label.casefold() for label in block.hint.split(" ")[-3:])


def _names_and_dates(text: str) -> bool:
    """A line that reads as a byline with its date ("Veröffentlicht am 15.07.2014 von Anna
    Berg"), which no headline is.

    >>> _names_and_dates("Veröffentlicht am 15.07.2014 von Anna Berg"), _names_and_dates("Anna Berg gewinnt den Preis")
    (True, False)
    """
    line = read_meta_line(text)
    return line is not None and bool(line.people or line.agencies) and bool(line.published or line.modified)


def _in_site_name_element(block: Block) -> bool:
    """The block sits in the element that shows the site's name or logo (its class or id, or
    its parent's or grandparent's, is one of ``[site_name]`` in ``html_hints.toml``).

    >>> _in_site_name_element(Block(0, "Stadtblatt", "heading", hint="html body header div.site-branding h1.site-title"))
    True
    """
    hints = site_name_hints()
    return any(token.casefold() in hints for label in block.hint.split(" ")[-3:] for token in label.split(".")[1:])


def _is_h1(block: Block) -> bool:
    return block.kind == "heading" and block.tag == "h1"


def _no_word_shared(text: str, title: str) -> bool:
    """Whether ``text`` has no word of ``title`` (of three letters or more).

    >>> _no_word_shared("Foto: Anna Berg", "Neue Brücke für Köln"), _no_word_shared("Die Brücke", "Neue Brücke")
    (True, False)
    """
    return {w for w in words(text.casefold()) if len(w) >= 3}.isdisjoint(words(title.casefold()))


def _about_article(title: str, blocks: Sequence[Block], first_long: int) -> bool:
    """Whether ``title`` shares two words (of four letters or more) with the article's first
    paragraphs: a site's name and motto ("Stadtblatt – Nachrichten aus Musterstadt") do not."""
    opening = " ".join(b.text for b in blocks[first_long:first_long + _OPENING] if b.kept).casefold()
    shared = {w for w in words(title.casefold()) if len(w) >= 4}.intersection(words(opening))
    return len(shared) >= 2


#: the paragraphs :func:`_about_article` reads
_OPENING = 5



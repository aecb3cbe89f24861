"""Crafted hostile pages, each run through ``newsclean clean`` with a time and memory limit, and
hostile commands (outputs that are inputs, linked folders, FIFOs, long or undecodable names,
bad options, closed or full streams) run the same way.

Every case is a page (or a page plus options) built against newsclean's own rules or against
what a reader of untrusted bytes must survive: patterns that backtrack, loops over pairs of
lines, metadata that is huge, deep or numerous, odd encodings and compressions. A case passes
when the command ends within the time limit and under the memory limit, prints no traceback,
writes either the JSON or one ``newsclean: …`` line, and leaves no stray file behind (a command:
the exit status expected, every file it found unchanged, only the expected ones added).

    python fuzz/hostile_pages.py                     # every case, 30 s and 1.5 GB each
    python fuzz/hostile_pages.py --only dump_ --list # the cases whose name contains dump_
    python fuzz/hostile_pages.py --scale 0.1         # smaller pages, for a quick look

The report is a table: case, size, exit status, wall and CPU seconds, peak memory (MB), and the
first line of stderr. The exit status is 1 when any case fails.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import hashlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024
#: the default --max-bytes: every page here stays under it (after gunzip too)
LIMIT = 20 * MB

SENTENCE = ("Der Stadtrat hat am Donnerstag mit großer Mehrheit beschlossen, das Freibad an der "
            "Ruhr zu sanieren, und die Kosten trägt zu einem Drittel das Land. ")
PROSE = SENTENCE * 4
TITLE = "Stadtrat beschließt Sanierung des Freibads an der Ruhr"


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    args: tuple[str, ...] = ()
    #: what the case is about, for the report
    about: str = ""
    #: exit statuses that count as a pass (0: an article, 1: a clean refusal)
    accept: tuple[int, ...] = (0, 1)


@dataclass
class Result:
    case: Case
    status: int | None
    wall: float
    cpu: float
    peak_mb: float
    stderr: str
    problems: list[str] = field(default_factory=list)


def n(count: int, scale: float) -> int:
    return max(1, int(count * scale))


def html_page(body: str, head: str = "", title: str = TITLE) -> str:
    return f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>{body}</body></html>"


def article(paragraphs: int = 4) -> str:
    return f"<article><h1>{TITLE}</h1>" + f"<p>{PROSE}</p>" * paragraphs + "</article>"


def jsonld(obj) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def dump(*parts: str) -> bytes:
    return "\n\n".join(parts).encode()


def cases(scale: float = 1.0) -> Iterator[Case]:  # noqa: C901 - a catalogue, one case after the other
    s = scale
    # ------------------------------------------------------------------ text dumps, against the rules
    yield Case("dump_dateline_caps_hyphens", dump(TITLE, "A-" * n(200_000, s) + "a " + PROSE, PROSE, PROSE),
               about="a dateline-like run of capitals and hyphens opening the first paragraph")
    yield Case("dump_dateline_caps_spaces", dump(TITLE, "AB " * n(200_000, s) + "x" + PROSE, PROSE),
               about="capital words where a place would be")
    yield Case("dump_dateline_caps_slashes", dump(TITLE, "A/" * n(200_000, s) + "a " + PROSE, PROSE))
    yield Case("dump_dateline_caps_dots", dump(TITLE, "A." * n(200_000, s) + "a " + PROSE, PROSE))
    yield Case("dump_dateline_place_paren", dump(TITLE, "Berlin-" * n(100_000, s) + "(dp " + PROSE, PROSE))
    yield Case("dump_dateline_place_dot", dump(TITLE, "Ab-" * n(100_000, s) + "Ab · " + PROSE, PROSE))
    yield Case("dump_credit_lines", dump(TITLE, PROSE, "\n".join(["Foto: dpa"] * n(200_000, s)), PROSE),
               about="200,000 short credit-like lines")
    yield Case("dump_credit_lines_blank", dump(TITLE, PROSE, *(["© Picture Alliance"] * n(200_000, s))))
    yield Case("dump_contains_phrases", dump(TITLE, PROSE, "\n".join(["Bild: x in unserem Liveblog"] * n(200_000, s))))
    yield Case("dump_related_boxes", dump(TITLE, PROSE, "\n".join(["Mehr zum Thema", "Neue Brücke für Köln"] * n(100_000, s))))
    yield Case("dump_title_stems", dump(
        "Stadtrat Sanierung Freibad Ruhr Kosten Drittel Mehrheit Donnerstag | Blatt",
        *(["Stadtrat Sanierung Freibad Ruhr Kosten Drittel Mehrheit"] * n(200_000, s)), PROSE),
        about="lines that share stems with the title")
    yield Case("dump_title_stems_distinct", dump(
        " ".join(f"Wort{i:05d}" for i in range(n(20_000, s))),
        *(" ".join(f"Wort{j:05d}" for j in range(i, i + 12)) for i in range(n(100_000, s)))))
    yield Case("dump_title_repeats", dump(TITLE + " | Blatt", *([TITLE, PROSE] * n(30_000, s))))
    yield Case("dump_huge_title", dump(" ".join(["Stadtrat"] * n(1_000_000, s)), *(["Stadtrat Freibad Ruhr Sanierung"] * n(100_000, s)), PROSE))
    yield Case("dump_huge_title_words", dump("A" * n(3_000_000, s) + " B " + "C" * n(3_000_000, s), *(["A B C"] * n(100_000, s)), PROSE))
    yield Case("dump_one_line", ("Wort und " * n(2_200_000, s)).encode(), about="20 MB on one line")
    yield Case("dump_no_spaces", b"a" * n(LIMIT - 1000, s))
    yield Case("dump_short_lines", b"x\n" * n(LIMIT // 2 - 1000, s))
    yield Case("dump_blank_lines", b"x\n\n" * n(LIMIT // 3 - 1000, s))
    yield Case("dump_prose_lines", (PROSE + "\n\n").encode() * n(LIMIT // 760, s))
    # (read/plain.py: a hard-wrapped dump joined again, a Markdown dump parsed)
    yield Case("dump_wrapped_one_paragraph", (("wort " * 14).strip() + "\n").encode() * n(240_000, s),
               about="240,000 lines wrapped at 69 columns, one paragraph")
    yield Case("dump_markdown_brackets", dump("# " + TITLE, "[Politik](/politik) [Sport](/sport)", "[" * n(390_000, s) + "](/a)"))
    yield Case("dump_markdown_links", dump("# " + TITLE, "[a](/b) " * n(49_000, s)))
    yield Case("dump_markdown_table", dump("# " + TITLE, "[a](/b) [c](/d)", "|a|b|\n|-|-|\n" + "|x|y|\n" * n(65_000, s)))
    yield Case("dump_markdown_huge", dump("# " + TITLE, "[a](/b) [c](/d)", "[" * n(10_000_000, s) + "](/a)"),
               about="past the Markdown limit: read as a plain dump")
    yield Case("dump_date_lines", dump(TITLE, *(["26. November 2024"] * n(200_000, s)), PROSE))
    yield Case("dump_glued_dates", dump(TITLE, "26. November 2024" * n(500_000, s), PROSE))
    yield Case("dump_glued_numeric_dates", dump(TITLE, "1.1.2024" * n(1_000_000, s), PROSE))
    yield Case("dump_numeric_dots", dump(TITLE, "1." * n(5_000_000, s), PROSE))
    yield Case("dump_digits", dump(TITLE, "1" * n(10_000_000, s), PROSE))
    yield Case("dump_iso_dates", dump(TITLE, "2024-01-01T10:00:00+01:00 " * n(500_000, s), PROSE))
    yield Case("dump_date_header", dump(TITLE, "Veröffentlicht am 12.06.2019, 14:03 Uhr " * n(200_000, s), PROSE))
    yield Case("dump_relative_date_huge", dump(TITLE, "vor 99999999 Tagen", PROSE, PROSE), ("--reference-date", "2024-05-01"),
               about="a relative date beyond the calendar")
    yield Case("dump_relative_date_digits", dump(TITLE, "vor " + "9" * 4000 + " Tagen", PROSE, PROSE), ("--reference-date", "2024-05-01"))
    yield Case("dump_reference_max", dump(TITLE, "gestern, 14:03 Uhr", "vor 3 Tagen", PROSE, PROSE), ("--reference-date", "9999-12-31"))
    yield Case("dump_reference_min", dump(TITLE, "vorgestern", "vor 3 Wochen", PROSE, PROSE), ("--reference-date", "0001-01-01"))
    yield Case("dump_relative_many", dump(TITLE, "vor 3 Tagen " * n(1_000_000, s), PROSE), ("--reference-date", "2024-05-01"))
    yield Case("dump_parens", dump(TITLE, PROSE, "(" * n(10_000_000, s)))
    yield Case("dump_parens_words", dump(TITLE, PROSE, "(ab " * n(3_000_000, s) + "(ab)"))
    yield Case("dump_author_mark", dump(TITLE, PROSE, PROSE + " (a/" * n(1_000_000, s) + "b)"))
    yield Case("dump_byline_lines", dump(TITLE, *(["Von Anna Schmidt und Jan Müller"] * n(200_000, s)), PROSE))
    yield Case("dump_byline_long", dump(TITLE, "Von " + "Anna und " * n(2_000_000, s), PROSE))
    yield Case("dump_byline_words", dump(TITLE, "Von " + " ".join(["A" * n(1_000_000, s)] * 10), PROSE))
    yield Case("dump_trailing_byline", dump(TITLE, ("Satz. Von Anna Schmidt " * n(500_000, s)).strip(), PROSE, PROSE))
    yield Case("dump_meta_pieces", dump(TITLE, *(["a | b • c · 12.03.2024 | Von Anna Berg"] * n(200_000, s)), PROSE))
    yield Case("dump_pipes", dump(TITLE, "a | " * n(3_000_000, s), PROSE))
    yield Case("dump_colons", dump(TITLE, *(["Foto: " + "a: " * 40] * n(100_000, s)), PROSE))
    yield Case("dump_video_teaser", dump(TITLE, "18.04.2024 | 0:21 min " * n(500_000, s) + "x", PROSE))
    yield Case("dump_pattern_credit", dump(TITLE, ". © " * n(2_000_000, s), PROSE))
    yield Case("dump_pattern_foto", dump(TITLE, "Foto: " * n(2_000_000, s), PROSE))
    yield Case("dump_pattern_slash", dump(TITLE, "a / " * n(2_000_000, s) + "dpa", PROSE))
    yield Case("dump_pattern_inhalte", dump(TITLE, "a-" * n(5_000_000, s) + "Inhalte erlauben x", PROSE))
    yield Case("dump_pattern_comments", dump(TITLE, "1 " * n(5_000_000, s) + "Kommentare zu", PROSE))
    yield Case("dump_drop_caps", dump(TITLE, *(["D ie Stadt hat entschieden und gebaut, sagt sie."] * n(200_000, s))))
    yield Case("dump_headings", dump(TITLE, *(["Zwischenüberschrift", PROSE] * n(25_000, s))))
    yield Case("dump_lead_repeats", dump(TITLE, "von Anna Berg", PROSE, *([PROSE] * n(25_000, s))))
    yield Case("dump_mojibake", ("FÃ¼r die Ã¶ffentliche Hand. " * n(650_000, s)).encode(), about="20 MB of mojibake for ftfy")
    yield Case("dump_mojibake_lines", ("FÃ¼r die Ã¶ffentliche Hand.\n" * n(650_000, s)).encode())
    yield Case("dump_cp1252", ("Grüße aus Köln und München. " * n(700_000, s)).encode("cp1252"))
    yield Case("dump_whitespace", ("Wort" + " \t\u00a0 " * 50 + "\n").encode() * n(80_000, s))
    yield Case("dump_invisible", ("Wort\u00ad\u200b" * n(1_500_000, s)).encode())
    yield Case("dump_combining", ("a" + "\u0301" * n(5_000_000, s)).encode())
    title_words = [f"Wort{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(140)]
    yield Case("dump_title_stems_wide", dump(" ".join(title_words)[:1000], *(" ".join(title_words[i % 128 : i % 128 + 12])
                                                                           for i in range(n(240_000, s)))),
               about="a 1,000-character title whose words 240,000 lines share")
    yield Case("dump_lines_at_limit", dump(TITLE, PROSE, "\n".join(["x"] * n(245_000, s)), PROSE),
               about="just under the limit of 250,000 lines")
    yield Case("dump_bylines_at_limit", dump(TITLE, "\n".join(["Von Anna Schmidt | 12.03.2024"] * n(245_000, s)), PROSE))
    yield Case("dump_lines_over_limit", ("x\n" * n(3_000_000, s)).encode(), about="more lines than a page may have")
    yield Case("dump_one_word", b"a" * n(LIMIT - 100, s) + b" b")
    yield Case("dump_teasers", dump(TITLE, *(["Ein langer Anreißer ohne Ende, der weiter und weiter geht und nicht aufhört zu reden " * 2] * n(100_000, s))))
    yield Case("dump_run_together", dump(TITLE, *([f"{TITLE} 26. November 2024 {PROSE}"] * n(20_000, s))))
    yield Case("dump_cjk", ("漢字仮名交じり文。" * n(700_000, s)).encode())
    yield Case("dump_emoji", ("😀 " * n(2_000_000, s)).encode())
    yield Case("dump_iso_glued", dump(TITLE, "2024-11-26T09:30:00+01:00" * n(700_000, s), PROSE))
    yield Case("dump_iso_open", dump(TITLE, "2024-11-26T" * n(1_500_000, s), PROSE))
    yield Case("dump_dashes_digits", dump(TITLE, "1-1-" * n(4_000_000, s), PROSE))
    yield Case("dump_dots", dump(TITLE, "." * n(LIMIT - 1000, s)))
    yield Case("dump_marks", dump(TITLE, ("Satz" + "!?." * 50 + " ") * n(100_000, s), PROSE))
    yield Case("dump_quotes", dump(TITLE, "„“»«‚‘" * n(1_000_000, s), PROSE))
    yield Case("dump_urls", dump(TITLE, "https://x.de/a?b=c " * n(900_000, s), PROSE))
    yield Case("dump_dateline_long_place", dump(TITLE, "BERLIN " * n(2_000_000, s) + "- Die Regierung", PROSE))
    yield Case("dump_weekday_dates", dump(TITLE, *(["Mo, 3. März 2025, 14:03 Uhr | Stand: 4. März 2025"] * n(200_000, s)), PROSE))
    yield Case("dump_month_names", dump(TITLE, "3. " + "März " * n(3_000_000, s) + "2025", PROSE))
    yield Case("dump_nul_early", b"Titel der Seite\n\x00\n" + dump(TITLE, PROSE, PROSE), about="one NUL byte early in a dump",
               accept=(0,))
    # -------------------------------------------------------------------------------- HTML
    yield Case("html_sibling_p", html_page(article() + f"<div>{'<p>Ein kurzer Absatz ohne Punkt</p>' * n(100_000, s)}</div>").encode(),
               about="100,000 sibling <p>")
    yield Case("html_sibling_p_prose", html_page(f"<div>{f'<p>{SENTENCE}</p>' * n(100_000, s)}</div>").encode())
    yield Case("html_sibling_p_boiler", html_page(article() + f"<div>{'<p>Mehr zum Thema</p><p>Neue Brücke</p>' * n(50_000, s)}</div>").encode(),
               about="100,000 sibling <p> of boilerplate")
    yield Case("html_sibling_p_in_article", html_page(f"<article><h1>{TITLE}</h1>{f'<p>{SENTENCE}</p>' * n(100_000, s)}</article>").encode())
    yield Case("html_sibling_p_distinct", html_page(article() + "<div>" + "".join(f"<p>Absatz Nummer {i} ohne Punkt hier</p>" for i in range(n(100_000, s))) + "</div>").encode())
    yield Case("html_sibling_links", html_page(article() + "<ul>" + "<li><a href='/x'>Verlinkter Artikel über etwas</a></li>" * n(100_000, s) + "</ul>").encode())
    yield Case("html_sibling_headings", html_page(f"<article><h1>{TITLE}</h1>" + f"<h2>Zwischentitel</h2><p>{SENTENCE}</p>" * n(50_000, s) + "</article>").encode())
    yield Case("html_long_blocks", html_page(article() + "<div>" + f"<p>{PROSE * 3}</p><p>Kurz</p>" * n(10_000, s) + "</div>").encode())
    yield Case("html_one_paragraph", html_page(f"<h1>{TITLE}</h1><p>{'Wort und ' * n(2_000_000, s)}</p>").encode())
    yield Case("html_br_lines", html_page(f"<h1>{TITLE}</h1><p>{'Zeile<br>' * n(1_000_000, s)}</p>").encode())
    yield Case("html_table_cells", html_page(article() + "<table>" + "<tr><td>a</td><td>b</td></tr>" * n(200_000, s) + "</table>").encode())
    yield Case("html_many_h1", html_page(f"<h1>{TITLE}</h1>" * n(100_000, s) + article()).encode())
    yield Case("html_deep_3000", html_page("<div>" * 3000 + article() + "</div>" * 3000).encode(),
               about="an article after 3,000 levels of nesting", accept=(0,))
    yield Case("html_deep_div", html_page("<div>" * n(500_000, s) + article() + "</div>" * n(500_000, s)).encode())
    yield Case("html_deep_unclosed", html_page("<div>" * n(1_000_000, s) + article()).encode())
    yield Case("html_deep_inline", html_page("<p>" + "<b>" * n(500_000, s) + PROSE + "</b>" * n(500_000, s) + "</p>" + article()).encode())
    yield Case("html_deep_span_text", html_page("".join(f"<span>{SENTENCE}" for _ in range(n(100_000, s)))).encode())
    yield Case("html_deep_lists", html_page("<ul><li>" * n(200_000, s) + PROSE + article()).encode())
    yield Case("html_deep_author", html_page('<div class="author">Anna ' * n(20_000, s) + article() + "</div>" * n(20_000, s)).encode(),
               about="nested elements marked as author")
    yield Case("html_deep_author_comments", html_page('<div class="comment"><span class="author">' + '<div class="author">x ' * n(20_000, s) + "</div>" * n(20_000, s) + "</span></div>" + article()).encode())
    yield Case("html_many_authors", html_page('<span class="author">' + "Anna Schmidt Berg " * 10 + "</span>" * 1 + '<span class="author">x</span>' * n(200_000, s) + article()).encode())
    yield Case("html_deep_hints", html_page("".join(f'<div class="c{i} teaser-box-{i}" id="x{i}">' for i in range(n(100_000, s))) + article()).encode())
    yield Case("html_huge_class", html_page(f'<div class="{"a " * n(3_000_000, s)}">' + article() + "</div>").encode())
    yield Case("html_many_attributes", html_page("<p " + " ".join(f"a{i}='x'" for i in range(n(500_000, s))) + f">{PROSE}</p>" + article()).encode())
    yield Case("html_huge_title", html_page(article(), title="Titel " * n(2_000_000, s)).encode())
    yield Case("html_title_stems", html_page("<div>" + f"<h2>{TITLE}</h2>" * n(100_000, s) + "</div>" + article(), title=TITLE).encode())
    yield Case("html_lead_candidates", html_page(f"<h1>{TITLE}</h1>" + '<p class="teaser">Ein langer Vorspann ohne Satzende, der nicht aufhört</p>' * n(100_000, s)).encode())
    yield Case("html_many_meta", html_page(article(), head="".join(f'<meta name="m{i}" content="x">' for i in range(n(300_000, s)))).encode())
    yield Case("html_many_time", html_page("<time datetime='2024-01-01'>x</time>" * n(300_000, s) + article()).encode())
    yield Case("html_huge_time", html_page(f"<time datetime='{'2024-01-01 ' * n(1_000_000, s)}'>x</time>" + article()).encode())
    yield Case("html_huge_canonical", html_page(article(), head=f'<link rel="canonical" href="https://x.de/{"a" * n(10_000_000, s)}">').encode())
    yield Case("html_canonical_many", html_page(article(), head='<link rel="x" ' * n(1_000_000, s)).encode())
    yield Case("html_meta_charset_many", ("<meta charset=" * n(1_000_000, s)).encode() + html_page(article()).encode())
    yield Case("html_inline_siblings", html_page(f"<p>{'<b>x</b> ' * n(900_000, s)}</p>" + article()).encode(),
               about="900,000 inline elements in one paragraph")
    yield Case("html_tags_over_limit", html_page("<p>x" * n(2_000_000, s)).encode(), about="more tags than a page may have")
    yield Case("html_attribute_tags", html_page("".join(f"<p {' '.join(f'a{i}=x' for i in range(100))}>{SENTENCE}</p>" for _ in range(n(25_000, s)))).encode(),
               about="tags of 100 attributes each")
    yield Case("html_long_attribute", html_page(f'<div data-x="{"a" * n(LIMIT - 10_000, s)}">' + article() + "</div>").encode())
    yield Case("html_links_in_p", html_page(f"<p>{'<a href=/x>Link</a> ' * n(500_000, s)}</p>" + article()).encode())
    yield Case("html_nested_tables", html_page("<table><tr><td>" * 600 + article() + "</td></tr></table>" * 600).encode())
    for tag in ("div", "table", "ul", "b", "blockquote"):
        inner = {"table": "<table><tr><td>", "ul": "<ul><li>"}.get(tag, f"<{tag}>")
        yield Case(f"html_deep_2040_{tag}", html_page(inner * 2040 + article()).encode(),
                   about="nested just under libxml2's limit")
    yield Case("html_script_heavy", html_page(f"<script>{'var a = 1 < 2 && b > 3; ' * n(800_000, s)}</script>" + article()).encode())
    yield Case("html_comment_heavy", html_page("<!-- x -->" * n(2_000_000, s) + article()).encode())
    yield Case("html_comment_open", html_page("<!--" + "<div>" * n(1_000_000, s) + article()).encode())
    yield Case("html_title_open", ("<html><head><title>" + "Titel " * n(3_000_000, s)).encode())
    yield Case("html_textarea_open", html_page("<textarea>" + "<p>x</p>" * n(900_000, s) + article()).encode())
    yield Case("html_entities", html_page(f"<p>{'&amp;&#x110000;&#0;&nbsp;&bogus; ' * n(500_000, s)}</p>" + article()).encode())
    yield Case("html_pre_whitespace", html_page("<pre>" + " \n\t" * n(6_000_000, s) + "</pre>" + article()).encode())
    yield Case("html_li_at_limit", html_page(article() + "<ul>" + "<li>Punkt</li>" * n(145_000, s) + "</ul>").encode(),
               about="just under the limit of 150,000 paragraphs")
    yield Case("html_li_over_limit", html_page(article() + "<ul>" + "<li>Punkt</li>" * n(160_000, s) + "</ul>").encode(),
               about="more paragraphs than a page may have")
    # (the shapes that cost most per paragraph, at the limit of 150,000: the slowest pages there are)
    yield Case("html_title_stems_at_limit", html_page("<div>" + f"<h2>{TITLE}</h2>" * n(145_000, s) + "</div>" + article(), title=TITLE).encode(),
               about="145,000 headings repeating the title")
    yield Case("html_lead_candidates_at_limit", html_page(f"<h1>{TITLE}</h1>" + '<p class="teaser">Ein langer Vorspann ohne Satzende, der nicht aufhört</p>' * n(145_000, s)).encode())
    yield Case("html_sibling_p_prose_at_limit", html_page(f"<div>{f'<p>{SENTENCE}</p>' * n(130_000, s)}</div>").encode(),
               about="as many sentences as 20 MB hold")
    yield Case("html_empty_p_at_limit", html_page("<p>" * n(990_000, s) + article()).encode(),
               about="990,000 empty elements: just under the limit of 1,000,000 tags (a fuzz finding's shape)")
    yield Case("dump_drop_caps_at_limit", dump(TITLE, *(["D ie Stadt hat entschieden und gebaut, sagt sie."] * n(245_000, s))))
    yield Case("html_lead_hints", html_page(f"<h1>{TITLE}</h1>" + f'<div class="lead teaser intro"><p>{SENTENCE}</p></div>' * n(50_000, s)).encode())
    yield Case("html_bylines", html_page(f"<h1>{TITLE}</h1>" + '<p class="author">Von Anna Schmidt, 12.03.2024</p>' * n(100_000, s) + article()).encode())
    yield Case("html_date_lines", html_page(f"<h1>{TITLE}</h1>" + "<p>Veröffentlicht am 12.06.2019, 14:03 Uhr</p>" * n(100_000, s) + article()).encode())
    yield Case("html_breadcrumb_h1", html_page('<div class="breadcrumb"><h1>Start</h1></div>' * n(50_000, s) + article()).encode())
    yield Case("html_traf_full_boiler", html_page(article() + "<div>" + "<p>Mehr zum Thema</p><p>Neue Brücke</p>" * 1_950 + "</div>").encode(),
               about="trafilatura with its fallbacks, at the element limit")
    yield Case("html_traf_full_table", html_page(article() + "<table>" + "<tr><td>a</td><td>b</td></tr>" * 1_300 + "</table>").encode())
    yield Case("html_traf_fast_p", html_page(article() + "<div>" + "<p>Ein kurzer Absatz ohne Punkt</p>" * 29_900 + "</div>").encode(),
               about="trafilatura without fallbacks, at the element limit")
    yield Case("html_traf_fast_table", html_page(article() + "<table>" + "<tr><td>a</td><td>b</td></tr>" * 9_900 + "</table>").encode())
    yield Case("html_traf_fast_br", html_page(article() + "<p>" + "Zeile<br>" * 29_900 + "</p>").encode())
    yield Case("html_traf_fast_h1", html_page(f"<h1>{TITLE}</h1>" * 29_900 + article()).encode())
    # ------------------------------------------------------------------ declared metadata
    yield Case("jsonld_author_parens", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "author": "(" * n(300_000, s)})).encode(),
               about="a JSON-LD author of 300,000 parentheses")
    yield Case("jsonld_author_parens_closed", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "author": "Anna (" + "x (" * n(300_000, s) + ")"})).encode())
    yield Case("jsonld_dates", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "datePublished": "2024-01-01 " * n(100_000, s)})).encode(),
               about="100,000 dates in datePublished")
    yield Case("jsonld_named_dates", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "datePublished": "1. Januar 2024 " * n(100_000, s)})).encode())
    yield Case("jsonld_numeric_dates", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "dateModified": "01.01.2024 " * n(100_000, s)})).encode())
    yield Case("jsonld_many_authors", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "author": [{"@type": "Person", "name": f"Anna Schmidt{i}"} for i in range(n(200_000, s))]})).encode())
    yield Case("jsonld_long_author", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "author": "Anna und " * n(1_000_000, s)})).encode())
    yield Case("jsonld_huge_headline", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": "Stadtrat " * n(1_000_000, s)})).encode())
    yield Case("jsonld_huge_description", html_page(article(8), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "description": "Stadtrat Freibad " * n(500_000, s)})).encode())
    yield Case("jsonld_huge_site", html_page(article(), head=jsonld({"@type": "NewsArticle", "headline": TITLE, "publisher": {"name": "Blatt " * n(1_000_000, s)}})).encode())
    yield Case("jsonld_many_nodes", html_page(article(), head=jsonld({"@graph": [{"@type": "Thing", "name": "x"}] * n(500_000, s)})).encode())
    yield Case("jsonld_many_scripts", html_page(article(), head=jsonld({"@type": "Thing"}) * n(200_000, s)).encode())
    yield Case("jsonld_many_types", html_page(article(), head=jsonld({"@type": ["Thing"] * n(500_000, s), "headline": TITLE})).encode())
    for depth in (600, 5_000, 100_000):
        nested_graph = "[" * depth + "]" * depth
        yield Case(f"jsonld_nested_list_{depth}", html_page(article(), head=f'<script type="application/ld+json">{nested_graph}</script>').encode(),
                   about="JSON-LD nested deep (RecursionError)")
        graph = '{"@graph": ' * depth + "{}" + "}" * depth
        yield Case(f"jsonld_nested_graph_{depth}", html_page(article(), head=f'<script type="application/ld+json">{graph}</script>').encode())
        author = '{"@type": "NewsArticle", "headline": "x y z", "author": ' + "[" * depth + '"Anna Berg"' + "]" * depth + "}"
        yield Case(f"jsonld_nested_author_{depth}", html_page(article(), head=f'<script type="application/ld+json">{author}</script>').encode())
        person = '{"@type": "NewsArticle", "headline": "x y z", "author": ' + '{"name": ' * depth + '"Anna Berg"' + "}" * depth + "}"
        yield Case(f"jsonld_nested_name_{depth}", html_page(article(), head=f'<script type="application/ld+json">{person}</script>').encode())
        main = '{"mainEntity": ' * depth + '{"@type": "NewsArticle", "headline": "x y z"}' + "}" * depth
        yield Case(f"jsonld_nested_main_{depth}", html_page(article(), head=f'<script type="application/ld+json">{main}</script>').encode())
        date = '{"@type": "NewsArticle", "headline": "x y z", "datePublished": ' + "[" * depth + '"2024-01-01"' + "]" * depth + "}"
        yield Case(f"jsonld_nested_date_{depth}", html_page(article(), head=f'<script type="application/ld+json">{date}</script>').encode())
    yield Case("jsonld_huge_number", html_page(article(), head='<script type="application/ld+json">{"@type": "NewsArticle", "headline": ' + "9" * 100_000 + "}</script>").encode())
    yield Case("jsonld_big_float", html_page(article(), head='<script type="application/ld+json">{"@type": "NewsArticle", "headline": 1e400, "datePublished": 1e308}</script>').encode())
    yield Case("jsonld_lone_surrogate", html_page(article(), head='<script type="application/ld+json">{"@type": "NewsArticle", "headline": "\\ud800 x y", "author": "\\udfff"}</script>').encode())
    yield Case("jsonld_bad_types", html_page(article(), head=jsonld({"@type": [{"x": 1}, None, 3], "headline": {"name": ["a"]}, "author": [None, 1, {"name": {"name": 2}}], "datePublished": {"@id": 5}})).encode())
    # ------------------------------------------------------------------ encodings and containers
    for label in ("rot13", "rot_13", "base64", "base_64", "undefined", "punycode", "unicode_escape", "raw_unicode_escape",
                  "hex", "zlib", "bz2", "uu", "quopri", "idna", "utf-7", "utf-16", "utf-32", "mbcs", "palmos", "x-user-defined",
                  "replacement", "iso-2022-jp", "ebcdic-cp-us", "cp037", "utf8", "koi8-r", "shift_jis", "gb18030", "string_escape",
                  "unicode-internal", "oem", "charmap", "tactis", "hz"):
        page = html_page(article()).replace("charset='utf-8'", f"charset='{label}'")
        yield Case(f"charset_{label}", page.encode("utf-8"), about="a charset label naming a codec")
    yield Case("charset_xml_rot13", ('<?xml version="1.0" encoding="rot13"?>' + html_page(article())).encode())
    yield Case("utf32_be_bom", codecs.BOM_UTF32_BE + html_page(article()).encode("utf-32-be"), about="big-endian UTF-32 with a BOM", accept=(0,))
    yield Case("utf32_le_bom", codecs.BOM_UTF32_LE + html_page(article()).encode("utf-32-le"), accept=(0,))
    yield Case("utf16_be_bom", codecs.BOM_UTF16_BE + html_page(article()).encode("utf-16-be"), accept=(0,))
    yield Case("utf16_le_bom_dump", codecs.BOM_UTF16_LE + dump(TITLE, PROSE, PROSE).decode().encode("utf-16-le"), accept=(0,))
    yield Case("utf8_bom", codecs.BOM_UTF8 + html_page(article()).encode(), accept=(0,))
    yield Case("html_nul_inside", html_page(article()).replace("<article>", "<article>\x00").encode(), about="a NUL byte inside an HTML page",
               accept=(0,))
    yield Case("html_nul_head", html_page(article()).replace("<head>", "<head>\x00").encode(), accept=(0,))
    yield Case("html_nuls_many", html_page(article()).replace(" ", " \x00").encode())
    yield Case("gzip_members", gzip.compress(html_page(article()[:200]).encode()[:300]) + gzip.compress(html_page(article()).encode()[300:]),
               about="a gzip file of two members", accept=(0,))
    yield Case("gzip_many_members", b"".join(gzip.compress(f"<p>{SENTENCE}</p>\n".encode()) for _ in range(n(100_000, s))))
    yield Case("gzip_bomb", gzip.compress(b"a" * (LIMIT * 5)), about="gunzips to 100 MB")
    yield Case("gzip_members_bomb", gzip.compress(b"a" * (LIMIT // 2)) * 4)
    yield Case("gzip_trailing_garbage", gzip.compress(dump(TITLE, PROSE, PROSE)) + b"\x00garbage")
    yield Case("gzip_nested", gzip.compress(gzip.compress(dump(TITLE, PROSE, PROSE))))
    yield Case("bidi_controls", html_page(f"<article><h1>\u2066{TITLE}\u2069\u061c</h1>" + f"<p>\u2067{PROSE}\u2068\u061c</p>" * 3 + "</article>").encode(),
               about="bidi isolates and U+061C", accept=(0,))
    yield Case("controls_many", ("Wort\x01\x02\x1b[31m " * n(100_000, s)).encode())
    yield Case("surrogates_utf8", b"<p>" + b"\xed\xa0\x80" * n(100_000, s) + b"</p>")
    yield Case("invalid_utf8", b"<html><body><p>" + bytes(range(128, 256)) * n(50_000, s) + b"</p></body></html>")


# ------------------------------------------------------------- commands, folders and streams
# (classes 2 and 4 to 8 of issue 17: what goes wrong around the page rather than in it)


@dataclass(frozen=True)
class Scenario:
    name: str
    #: builds the files in the (empty) folder it is given and returns the arguments after
    #: ``newsclean`` and a shell redirection ("" for none)
    build: Callable[[Path], tuple[list[str], str]]
    #: exit statuses that count as a pass
    accept: tuple[int, ...]
    about: str = ""
    #: the files (relative paths) the command must leave in the folder besides what was there
    expect: tuple[str, ...] = ()


def _page(folder: Path, name: str = "seite.html") -> Path:
    path = folder / name
    path.write_bytes(html_page(article()).encode())
    return path


def _linked_folders(folder: Path, count: int) -> list[str]:
    crawl = folder / "crawl"
    subs = [crawl / f"d{i}" for i in range(count)]
    for sub in subs:
        sub.mkdir(parents=True)
    _page(subs[0])
    for i, sub in enumerate(subs):  # every folder links to every other one
        for j, other in enumerate(subs):
            if i != j:
                (sub / f"zu{j}").symlink_to(other, target_is_directory=True)
    return ["batch", str(crawl), str(folder / "out"), "--quiet"]


def _fifo_crawl(folder: Path) -> Path:
    crawl = folder / "crawl"
    crawl.mkdir()
    _page(crawl)
    os.mkfifo(crawl / "rohr.html")  # nobody ever writes to it
    return crawl


def _output_linked_to_input(folder: Path) -> list[str]:
    (folder / "link.json").symlink_to(_page(folder))
    return ["clean", str(folder / "seite.html"), "-o", str(folder / "link.json")]


def _as_input_pages(folder: Path) -> list[str]:
    crawl = folder / "crawl"
    crawl.mkdir()
    _page(crawl, "seite.json")  # pages saved under .json: their JSON would have their names
    return ["batch", str(crawl), str(crawl), "--glob", "*.json", "--quiet"]


def _long_name(folder: Path) -> list[str]:
    crawl = folder / "crawl"
    crawl.mkdir()
    _page(crawl, "ä" * 125 + ".html")  # 255 bytes, the longest name most file systems allow
    return ["batch", str(crawl), str(folder / "out"), "--quiet"]


def _not_utf8_name(folder: Path) -> list[str]:
    path = os.fsdecode(bytes(folder) + b"/seite-\xff.html")
    Path(path).write_bytes(html_page(article()).encode())
    return ["clean", path, "-o", str(folder / "out.json")]


def scenarios() -> Iterator[Scenario]:
    yield Scenario("clean_output_is_input", lambda f: (["clean", str(_page(f)), "-o", str(f / "seite.html")], ""), (2,),
                   about="clean page.html -o page.html")
    yield Scenario("clean_output_is_input_link", lambda f: (_output_linked_to_input(f), ""), (2,),
                   about="the output is the input through a link")
    yield Scenario("batch_output_is_input", lambda f: (_as_input_pages(f), ""), (2,), about="batch d d --glob '*.json'")
    yield Scenario("batch_six_linked_folders", lambda f: (_linked_folders(f, 6), ""), (0,), expect=("out/d0/seite.json",),
                   about="six folders linking each other, one page among them")
    yield Scenario("batch_eight_linked_folders", lambda f: (_linked_folders(f, 8), ""), (0,), expect=("out/d0/seite.json",))
    yield Scenario("batch_fifo", lambda f: (["batch", str(_fifo_crawl(f)), str(f / "out"), "--quiet"], ""), (0,),
                   expect=("out/seite.json",), about="a FIFO among the inputs")
    yield Scenario("batch_255_byte_name", lambda f: (_long_name(f), ""), (0,), expect=("out/" + "ä" * 125 + ".json",))
    yield Scenario("diff_folder_fifo", lambda f: (["diff", str(_fifo_crawl(f))], ""), (0,), about="diff FOLDER with a FIFO")
    yield Scenario("clean_fifo", lambda f: (["clean", str(_fifo_crawl(f) / "rohr.html")], ""), (2,))
    yield Scenario("diff_fifo", lambda f: (["diff", str(_fifo_crawl(f) / "rohr.html")], ""), (2,))
    for value in ("0", "-1", "20MB"):
        yield Scenario(f"usage_max_bytes_{value}", lambda f, v=value: (["clean", str(_page(f)), "--max-bytes", v], ""), (2,),
                       about="a bad --max-bytes")
    yield Scenario("usage_batch_max_bytes_0", lambda f: (["batch", str(_fifo_crawl(f)), str(f / "out"), "--max-bytes", "0"], ""), (2,))
    yield Scenario("reference_date_max", lambda f: (["clean", str(_page(f)), "--reference-date", "9999-12-31", "-o", str(f / "out.json")], ""),
                   (0,), expect=("out.json",))
    yield Scenario("reference_date_min", lambda f: (["clean", str(_page(f)), "--reference-date", "0001-01-01", "-o", str(f / "out.json")], ""),
                   (0,), expect=("out.json",))
    yield Scenario("path_not_utf8", lambda f: (_not_utf8_name(f), ""), (0,), expect=("out.json",), about="a path that is not UTF-8")
    yield Scenario("url_not_utf8", lambda f: (["clean", str(_page(f)), "--url", os.fsdecode(b"https://x.de/\xff")], ""), (2,))
    yield Scenario("stdout_full", lambda f: (["clean", str(_page(f))], "> /dev/full"), (1,), about="stdout on a full device")
    yield Scenario("stdout_closed", lambda f: (["clean", str(_page(f))], ">&-"), (2,))
    yield Scenario("stdin_closed", lambda f: (["clean", "-"], "<&-"), (2,))
    yield Scenario("batch_jsonl_stdout_full", lambda f: (["batch", str(_fifo_crawl(f)), "--jsonl", "-", "--quiet"], "> /dev/full"), (1,))


def run_scenario(scenario: Scenario, workdir: Path, timeout: float, memory: int, python: str) -> Result:
    """Run the scenario's command in its folder, as :func:`run_case` runs a page, and check
    that it leaves every file it found as it was and adds only the expected ones."""
    folder = workdir / scenario.name
    folder.mkdir()
    args, redirect = scenario.build(folder)
    before = _tree(folder)
    command = [python, "-m", "newsclean", *args]
    if redirect:
        command = ["sh", "-c", f'exec "$@" {redirect}', "sh", *command]
    status, wall, cpu, peak_mb, _, text = _run(command, timeout, memory, stdout=None if redirect else subprocess.DEVNULL)
    problems = _status_problems(status, scenario.accept, timeout, text)
    lines = [line for line in text.splitlines() if line.strip()]
    if status is not None and status > 0 and (len(lines) != 1 or not lines[0].startswith("newsclean: ")):
        problems.append("not one 'newsclean: …' line")
    after = _tree(folder)
    changed = sorted(name for name, digest in before.items() if after.get(name) != digest)
    if changed:
        problems.append(f"inputs changed or gone: {changed}")
    added = set(after) - set(before)
    if status == 0 and not set(scenario.expect) <= added:
        problems.append(f"missing {sorted(set(scenario.expect) - added)}")
    stray = sorted(name for name in added - set(scenario.expect) if not name.startswith("out/") or status != 0)
    if stray:
        problems.append(f"stray files {stray}")
    if status == 0 and scenario.expect and scenario.expect[0].endswith(".json"):
        for name in scenario.expect:
            try:
                json.loads((folder / name).read_bytes())
            except (OSError, ValueError) as exc:
                problems.append(f"no valid JSON in {name} ({exc})")
    shutil.rmtree(folder)
    return Result(Case(scenario.name, b"", tuple(args), scenario.about, scenario.accept), status, wall, cpu, peak_mb,
                  lines[0][:100] if lines else "", problems)


def _tree(folder: Path) -> dict[str, str]:
    """Every regular file under ``folder`` (links not followed) and a digest of its bytes."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                found[os.fsdecode(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


# ---------------------------------------------------------------------------------- the runner


def run_case(case: Case, workdir: Path, timeout: float, memory: int, python: str) -> Result:
    """Run ``newsclean clean`` on the case in a fresh process, under ``timeout`` seconds and
    ``memory`` bytes of address space, and check what it leaves behind."""
    folder = workdir / case.name
    folder.mkdir()
    page = folder / "page"
    page.write_bytes(case.data)
    out = folder / "out.json"
    before = sorted(os.listdir(folder))
    cmd = [python, "-m", "newsclean", "clean", str(page), "-o", str(out), *case.args]
    status, wall, cpu, peak_mb, printed, text = _run(cmd, timeout, memory)
    problems = _status_problems(status, case.accept, timeout, text)
    lines = [line for line in text.splitlines() if line.strip()]
    if status == 0:
        if lines:
            problems.append("stderr on success")
        try:
            json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            problems.append(f"no valid JSON ({exc})")
    elif status is not None and status > 0:
        if len(lines) != 1 or not lines[0].startswith("newsclean: "):
            problems.append("not one 'newsclean: …' line")
        if out.exists():
            problems.append("output file left on failure")
    stray = set(os.listdir(folder)) - set(before) - {"out.json"}
    if stray:
        problems.append(f"stray files {sorted(stray)}")
    if printed:
        problems.append("stdout not empty with -o")
    shutil.rmtree(folder)
    return Result(case, status, wall, cpu, peak_mb, lines[0][:100] if lines else "", problems)


def _run(cmd: list[str], timeout: float, memory: int, stdout=None) -> tuple[int | None, float, float, float, bytes, str]:
    """Run ``cmd`` in its own session under the limits: its exit status (None when killed at
    the timeout), wall and CPU seconds, peak memory (MB), what it printed and its stderr. CPU
    time is the process's own (``os.wait4``)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        os.setsid()

    with tempfile.TemporaryFile() as printed, tempfile.TemporaryFile() as stderr:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=printed if stdout is None else stdout, stderr=stderr,
                                preexec_fn=limit)
        status: int | None = None
        peak_kb = 0
        while True:
            # (the peak from /proc, of the process's own memory: the rusage of a child counts
            # what its parent had at the fork too)
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(wait_status)
                break
            if time.monotonic() - start > timeout:
                os.killpg(proc.pid, signal.SIGKILL)
                _, _, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        proc.returncode = status if status is not None else -signal.SIGKILL  # (Popen must not wait again)
        wall = time.monotonic() - start
        printed.seek(0)
        stderr.seek(0)
        return status, wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024, printed.read(), stderr.read().decode("utf-8", "replace")


def _status_problems(status: int | None, accept: tuple[int, ...], timeout: float, text: str) -> list[str]:
    problems: list[str] = []
    if status is None:
        problems.append(f"killed after {timeout:.0f} s")
    elif status < 0:
        problems.append(f"died of signal {-status}")
    elif status not in accept:
        problems.append(f"exit status {status}")
    if "Traceback" in text or "Error:" in text and not text.startswith("newsclean: "):
        problems.append("traceback")
    return problems


def _high_water_kb(pid: int) -> int:
    """The most resident memory the process has had so far (VmHWM), in KiB; 0 when gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def _size(case: Case | Scenario) -> int:
    return len(case.data) if isinstance(case, Case) else 0


def _all(scale: float) -> Iterator[Case | Scenario]:
    """The pages, then the commands (one page in memory at a time: all of them take over a
    gigabyte)."""
    yield from cases(scale)
    yield from scenarios()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", default=[], help="run the cases whose name contains this (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the cases and their sizes, run nothing")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per case (default 30)")
    parser.add_argument("--memory", type=float, default=1.5, help="GB of address space per case (default 1.5)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the repeat counts (default 1)")
    parser.add_argument("--python", default=sys.executable, help="the Python with newsclean installed")
    parser.add_argument("--json", help="also write the results to this JSON Lines file")
    args = parser.parse_args(argv)

    # (one case in memory at a time: all of them take over a gigabyte)
    selected = (c for c in _all(args.scale) if not args.only or any(o in c.name for o in args.only))
    if args.list:
        for c in selected:
            size = f"{len(c.data) / MB:7.2f} MB" if isinstance(c, Case) else "command"
            print(f"{c.name:40} {size:>10}  {c.about}")
        return 0
    total = 0
    failed = 0
    sink = open(args.json, "w") if args.json else None  # noqa: SIM115
    with tempfile.TemporaryDirectory(prefix="newsclean-hostile-") as tmp:
        print(f"{'case':40} {'MB':>6} {'exit':>4} {'wall s':>7} {'cpu s':>7} {'peak MB':>8}  stderr / problems")
        for case in selected:
            total += 1
            run = run_case if isinstance(case, Case) else run_scenario
            result = run(case, Path(tmp), args.timeout, int(args.memory * 1024**3), args.python)
            failed += bool(result.problems)
            note = "; ".join(result.problems) or result.stderr
            status = "-" if result.status is None else str(result.status)
            print(f"{case.name:40} {_size(case) / MB:6.2f} {status:>4} {result.wall:7.2f} {result.cpu:7.2f} "
                  f"{result.peak_mb:8.0f}  {'FAIL ' if result.problems else ''}{note}", flush=True)
            if sink:
                sink.write(json.dumps({"case": case.name, "bytes": _size(case), "status": result.status, "wall": round(result.wall, 3),
                                       "cpu": round(result.cpu, 3), "peak_mb": round(result.peak_mb, 1), "problems": result.problems,
                                       "stderr": result.stderr}) + "\n")
    if sink:
        sink.close()
    print(f"{total - failed} of {total} cases passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

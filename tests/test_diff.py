"""`newsclean diff`: the views of hand-made Documents (snapshots), the CLI in-process, a real
terminal, and the HTML report in a headless browser.

The snapshots in tests/snapshots/ render Documents built here, block by block, so a change of
the classifier does not touch them; only a change of the views does. After checking that it is
intended, regenerate them with::

    .venv/bin/python -m pytest tests/test_diff.py --update-snapshots

and review ``git diff tests/snapshots``. What the views say about real pages (the samples) is
checked by properties, not snapshots.
"""

from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import zlib
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsclean.article import assemble
from newsclean.config import CleanConfig
from newsclean.errors import ExitStatus
from newsclean.face.cli import app
from newsclean.face.diff import (
    ColourPager,
    DiffOptions,
    evidence,
    plain_diff,
    render_diff,
    wants_plain,
)
from newsclean.face.report import KEPT_HEX, REASON_HEX
from newsclean.face.summary import render_summary, summarize
from newsclean.model import REASONS, Block, Document, Metadata, Page, Reason, Rule
from newsclean.pipeline import build_document

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
PUTIN = "samples/aerztezeitung-putin.txt"
HAFEN = "samples/hanseblatt-hafen-inline-boilerplate.html"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
REGENERATE = "pytest tests/test_diff.py --update-snapshots"
BODY = ("Der Stadtrat hat am Donnerstagabend beschlossen, in der Innenstadt bis 2027 zwölf Kilometer "
        "neue Radwege zu bauen. Die Verwaltung soll bis zum Sommer einen Plan vorlegen.")


def html_document() -> Document:
    """A news page as HTML would give it: a menu, an ad, the article with its fields, a photo
    credit, a newsletter box, teasers under a heading, and a block no rule named."""
    nav = dict(verdict="drop", in_main=False, link_density=1.0)
    blocks = [
        Block(0, "Startseite", **nav, reason=Reason.NAVIGATION, rule=Rule("phrase", "startseite"), hint="header nav.main-menu ul li"),
        Block(1, "Köln", **nav, reason=Reason.NAVIGATION, rule=Rule("html", "nav"), hint="header nav.main-menu ul li"),
        Block(2, "Anzeige", verdict="drop", in_main=False, reason=Reason.SPONSORED, rule=Rule("phrase", "anzeige"), hint="div.ad-slot"),
        Block(3, "Verkehr", kind="heading", role="kicker"),
        Block(4, "Neue Radwege für Köln", kind="heading", role="title"),
        Block(5, "Die Stadt will das Radfahren sicherer machen.", role="lead"),
        Block(6, "Von Anna Berger, 14.08.2024", role="byline"),
        Block(7, BODY),
        Block(8, "Radweg am Rheinufer. Foto: Stadt Köln", verdict="drop", reason=Reason.CREDIT, rule=Rule("pattern", "Foto: Stadt Köln"), hint="figure figcaption"),
        Block(9, "Die Kosten schätzt die Stadt auf rund 18 Millionen Euro.\nEin Teil soll aus Fördermitteln kommen."),
        Block(10, "Ihr Newsletter zum Thema", verdict="drop", reason=Reason.NEWSLETTER, rule=Rule("phrase", "ihr newsletter zum thema")),
        Block(11, "Mehr zum Thema", kind="heading", verdict="drop", in_main=False, reason=Reason.RELATED, rule=Rule("phrase", "mehr zum thema"), hint="aside.teasers"),
        Block(12, "Neue Brücke in Deutz", verdict="drop", in_main=False, link_density=1.0, reason=Reason.RELATED, rule=Rule("phrase", "mehr zum thema", after=True), hint="aside.teasers ul li"),
        Block(13, "Alle Termine im Überblick", verdict="drop", in_main=False, link_density=0.4, hint="html body div.page div.sidebar-wrapper section.box-events ul li"),
    ]
    page = Page(text="<html>…</html>", format="html", encoding="utf-8", sha256="0" * 64, path="hand/radwege.html",
                url="https://www.stadtanzeiger.example/koeln/radwege-123.html")
    meta = Metadata(title="Neue Radwege für Köln", kicker="Verkehr", lead="Die Stadt will das Radfahren sicherer machen.",
                    authors=("Anna Berger",), published="2024-08-14", url=page.url)
    return Document(page=page, blocks=tuple(blocks), metadata=meta)


def dump_document() -> Document:
    """A text dump: short menu lines before the article, the article, a box after it."""
    blocks = [
        Block(0, "Politik", verdict="drop", reason=Reason.NAVIGATION, rule=Rule("phrase", "politik")),
        Block(1, "Kultur & Leben", verdict="drop", reason=Reason.NAVIGATION, rule=Rule("position", "short line before the article")),
        Block(2, "Neue Radwege für Köln", kind="heading", role="title"),
        Block(3, BODY),
        Block(4, "Newsletter bestellen »", verdict="drop", reason=Reason.NEWSLETTER, rule=Rule("starts", "newsletter bestellen")),
        Block(5, "© 2024 Stadtanzeiger", verdict="drop"),
    ]
    page = Page(text="…", format="text", encoding="cp1252", sha256="1" * 64, path="hand/radwege.txt", warnings=("repaired mojibake",))
    return Document(page=page, blocks=tuple(blocks), metadata=Metadata(title="Neue Radwege für Köln"))


def recorded(renderable, color: bool = True, width: int = 100) -> str:
    """What a terminal of ``width`` columns shows, with its ANSI styles (or none)."""
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=color,
                      color_system="standard" if color else None, _environ={})
    console.print(renderable)
    return console.export_text(styles=color)


def check_snapshot(name: str, text: str, update: bool) -> None:
    path = SNAPSHOTS / name
    if update:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {name}; create it with {REGENERATE}"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from the snapshot; if intended, regenerate with {REGENERATE}"


# --- snapshots of hand-made Documents ----------------------------------------------------------

DOCUMENTS = {"html": html_document, "dump": dump_document}
VIEWS = [
    ("html", "page", DiffOptions()),
    ("html", "only-removed", DiffOptions(only_removed=True)),
    ("html", "side-by-side", DiffOptions(side_by_side=True)),
    ("html", "reason-newsletter-related", DiffOptions(reasons=frozenset({"newsletter", "related"}))),
    ("dump", "page", DiffOptions()),
]


@pytest.mark.parametrize(("kind", "view", "options"), VIEWS, ids=[f"{k}-{v}" for k, v, _ in VIEWS])
def test_colour_snapshot(kind, view, options, update_snapshots):
    doc = DOCUMENTS[kind]()
    check_snapshot(f"hand-{kind}.{view}.ansi", recorded(render_diff(doc, assemble(doc), options)), update_snapshots)


@pytest.mark.parametrize(("kind", "view", "options"), VIEWS, ids=[f"{k}-{v}" for k, v, _ in VIEWS])
def test_plain_snapshot(kind, view, options, update_snapshots):
    doc = DOCUMENTS[kind]()
    if options.side_by_side:  # no line format of its own: the same table without styles
        text = recorded(render_diff(doc, assemble(doc), options), color=False)
    else:
        text = plain_diff(doc, assemble(doc), options)
    assert not ANSI.search(text)
    check_snapshot(f"hand-{kind}.{view}.txt", text, update_snapshots)


# --- what the views say ------------------------------------------------------------------------


def test_every_removed_block_shows_its_evidence():
    doc = html_document()
    lines = plain_diff(doc, assemble(doc)).splitlines()
    assert "- [navigation] Köln  # html: nav; outside the main content; links 100%; in header nav.main-menu ul li" in lines
    # no rule named it: what the page showed is the evidence
    assert "- [not_main_content] Alle Termine im Überblick  # outside the main content; links 40%; in … section.box-events ul li" in lines
    assert "- [related] Neue Brücke in Deutz  # after: phrase: mehr zum thema; outside the main content; links 100%; in aside.teasers ul li" in lines
    dump = dump_document()
    assert "- [not_main_content] © 2024 Stadtanzeiger  # outside the article's run of prose lines" in plain_diff(dump, assemble(dump)).splitlines()


@pytest.mark.parametrize("sample", sorted(p.name for p in (ROOT / "samples").iterdir() if p.name != "README.md"))
def test_plain_lines_are_the_article(sample):
    """Every line follows the documented format, every removed block has its evidence, and
    reading the lines back gives exactly the Article's body and removed list: the diff shows
    what `clean` decided."""
    doc = build_document((ROOT / "samples" / sample).read_bytes(), CleanConfig(), path=f"samples/{sample}")
    article = assemble(doc)
    lines = plain_diff(doc, article).splitlines()
    line_format = re.compile(r"^(#.*|= \[\w+\] .*|  .+|- \[\w+\] .*  # \S.*)$")
    assert all(line_format.match(line) for line in lines), [line for line in lines if not line_format.match(line)]
    body = [line[2:] for line in lines if line.startswith("  ")]
    removed = [re.match(r"- \[(\w+)\] (.*?)  # .*$", line).groups() for line in lines if line.startswith("- ")]
    assert body == [b.text for b in article.body]
    assert removed == [(r.reason, r.text) for r in article.removed]
    if article.title:
        assert f"= [title] {article.title}" in lines


def test_only_removed_groups_by_reason_and_the_filter_says_what_it_hides():
    doc = html_document()
    text = plain_diff(doc, assemble(doc), DiffOptions(only_removed=True))
    assert re.findall(r"^## (\w+): (\d+) blocks?", text, re.M) == [
        ("newsletter", "1"), ("sponsored", "1"), ("related", "2"), ("credit", "1"), ("navigation", "2"), ("not_main_content", "1")]
    filtered = plain_diff(doc, assemble(doc), DiffOptions(reasons=frozenset({"newsletter"})))
    assert set(re.findall(r"^- \[(\w+)\]", filtered, re.M)) == {"newsletter"}
    assert sum(int(n) for n in re.findall(r"^# (\d+) more removed blocks?", filtered, re.M)) == 7
    assert f"  {BODY}" in filtered  # the article stays for context


def test_removed_text_is_in_its_reason_colour_not_struck_through():
    doc = html_document()
    text = recorded(render_diff(doc, assemble(doc)))
    assert re.search(r"\x1b\[35mIhr Newsletter zum Thema", text)  # magenta: the newsletter colour
    assert re.search(r"\x1b\[34mMehr zum Thema", text)  # blue: related
    assert not re.search(r"\x1b\[[0-9;]*\b9\b[0-9;]*m", text)  # nothing struck through
    assert not re.search(r"\x1b\[[0-9;]*\b2\b[0-9;]*mIhr Newsletter", text)  # nor dimmed


def test_header_is_compact_at_80_columns():
    doc = html_document()
    screen = recorded(render_diff(doc, assemble(doc)), color=False, width=80).splitlines()
    header = screen[: next(i for i, line in enumerate(screen) if line.startswith("─"))]
    assert len(header) <= 6, "\n".join(header)
    assert header[0].startswith("newsclean diff hand/radwege.html (html, utf-8)")
    assert "kicker Verkehr · authors Anna Berger" in "\n".join(header)


def test_side_by_side_keeps_the_evidence():
    doc = html_document()
    text = recorded(render_diff(doc, assemble(doc), DiffOptions(side_by_side=True)), color=False, width=160)
    assert "page: every block, and why it went" in text
    assert "← phrase: ihr newsletter zum thema" in text
    assert "[not_main_content] Alle Termine im Überblick  ← outside the main" in text


def test_evidence_of_a_link_density_rule_says_it_once():
    block = Block(1, "Mehr", verdict="drop", reason=Reason.LINK_DENSITY, rule=Rule("link_density", "0.80"), in_main=False, link_density=0.8)
    assert evidence(block, "html") == "link density 0.80; outside the main content"


def test_a_button_names_only_itself(runner, tmp_path):
    """A button or menu entry ("Anmelden", "Jetzt abonnieren", "Anzeigen") is no box heading:
    the lines after it are not dropped for its reason (data/boilerplate.toml, `buttons`)."""
    article = "\n\n".join([BODY, "Die Kosten schätzt die Stadt auf rund 18 Millionen Euro. Ein Teil davon soll aus "
                           "Fördermitteln des Landes kommen, wie ein Sprecher der Verwaltung am Freitag erklärte.",
                           "Kritik kam von der Opposition, die vor allem den Wegfall von Parkplätzen bemängelte."])
    lines = ["Anmelden", "Neue Radwege für Köln", article, "dpa/Jana Brandt", "Ihre Privatsphäre ist uns wichtig",
             "Jetzt abonnieren", "Sport-Ticker", "Anzeigen", "Kleinanzeigen aufgeben"]
    page = tmp_path / "page.txt"
    page.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["diff", str(page)]).stdout
    tags = {text: reason for reason, text in re.findall(r"^- \[(\w+)\] (.*?)  # ", out, re.M)}
    assert tags["Anmelden"] == "login"  # it signs in; a newsletter box says "Newsletter"
    assert tags["Jetzt abonnieren"] == "newsletter" and tags["Sport-Ticker"] == "not_main_content"
    assert tags["Anzeigen"] == "sponsored" and tags["Kleinanzeigen aufgeben"] == "not_main_content"
    assert tags["Ihre Privatsphäre ist uns wichtig"] == "cookie"  # a consent banner's heading
    assert tags["dpa/Jana Brandt"] == "credit"  # the agency before the photographer


# --- the folder summary -----------------------------------------------------------------------


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A small crawl: two sites in one folder, one text dump, one page without article, a FIFO."""
    (tmp_path / "hanseblatt").mkdir()
    (tmp_path / "aerzte").mkdir()
    shutil.copy(ROOT / HAFEN, tmp_path / "hanseblatt" / "hafen.html")
    shutil.copy(ROOT / "samples" / "tagesfunk-bahnstreik.htm.gz", tmp_path / "hanseblatt" / "bahn.html.gz")
    shutil.copy(ROOT / PUTIN, tmp_path / "aerzte" / "putin.txt")
    (tmp_path / "aerzte" / "leer.txt").write_text("Newsletter bestellen »\n\nImpressum\n", encoding="utf-8")
    (tmp_path / "aerzte" / "notes.md").write_text("not a page", encoding="utf-8")
    return tmp_path


def test_summary_separates_sites_from_folders_of_dumps(crawl):
    summary = summarize(str(crawl), CleanConfig())
    text = recorded(render_summary(summary, "crawl"), color=False, width=80)
    assert "4 pages, 3 with an article (2 html, 1 text dump)" in text
    sites = text[text.index("text per site"):]
    assert re.search(r"^ hanseblatt\.de +1 ", sites, re.M) and re.search(r"^ tagesfunk\.de +1 ", sites, re.M)
    assert sites.index("tagesfunk.de") < sites.index("no URL: by folder") < sites.index("aerzte/")
    assert re.search(r"^ aerzte/ +2 +1 ", sites, re.M)  # the dump and the failed page: their folder
    assert re.search(r"^ no_article +1", text, re.M)


def test_long_site_names_are_not_wrapped(tmp_path):
    long_host = "nachrichten.eine-sehr-lange-regionalzeitung-aus-dem-sueden.example"
    page = (ROOT / HAFEN).read_text(encoding="utf-8").replace("www.hanseblatt.de", long_host)
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    text = recorded(render_summary(summarize(str(tmp_path), CleanConfig()), "x"), color=False, width=80)
    row = next(line for line in text.splitlines() if line.startswith(" nachrichten."))
    assert re.search(r" +1 +[\d,]+ ", row), row  # the name on one line, its numbers beside it
    assert not re.search(r"^ +(sueden|aus-dem)", text, re.M)


# --- the command, in-process ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_cli_prints_plain_text_to_a_pipe(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["diff", PUTIN])
    assert result.exit_code == 0, result.stderr
    doc = build_document((ROOT / PUTIN).read_bytes(), CleanConfig(), path=PUTIN)
    assert result.stdout == plain_diff(doc, assemble(doc))
    assert re.search(r"^- \[newsletter\] Ihr Newsletter zum Thema  # phrase: ihr newsletter zum thema$", result.stdout, re.M)


def test_cli_options(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    only = runner.invoke(app, ["diff", HAFEN, "--only-removed", "--reason", "newsletter, social"])
    assert only.exit_code == 0, only.stderr
    assert re.findall(r"^## (\w+)", only.stdout, re.M) == ["newsletter", "social"]
    side = runner.invoke(app, ["diff", HAFEN, "--side-by-side"])
    assert side.exit_code == 0, side.stderr
    assert "page: every block, and why it went" in side.stdout and "article: what clean keeps" in side.stdout
    assert not ANSI.search(side.stdout)
    forced = runner.invoke(app, ["diff", HAFEN, "--format", "text", "--no-color"])
    assert forced.exit_code == 0, forced.stderr
    assert "(text, utf-8)" in forced.stdout.splitlines()[0]


def test_cli_reads_stdin(runner):
    result = runner.invoke(app, ["diff", "-", "--reference-date", "2019-06-14"], input=(ROOT / PUTIN).read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# newsclean diff <stdin> (text, utf-8)\n")


def test_unknown_reason_is_a_usage_error_listing_the_valid_ones(runner):
    result = runner.invoke(app, ["diff", str(ROOT / PUTIN), "--reason", "newsletter,werbung"])
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert result.stderr == f"newsclean: --reason: unknown reason 'werbung'; valid reasons: {', '.join(REASONS)}\n"


@pytest.mark.parametrize(
    ("name", "content", "extra"),
    [
        ("missing.html", None, []),
        ("empty.html", b"", []),
        ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, []),
        ("big.txt", "Die Stadt baut eine Brücke. ".encode() * 100, ["--max-bytes", "100"]),
        ("nav.txt", "Startseite\n\nImpressum\n\nNewsletter bestellen »\n".encode(), []),
        ("ok.txt", (ROOT / PUTIN).read_bytes(), ["--reference-date", "gestern"]),
    ],
)
def test_bad_input_fails_exactly_like_clean(runner, tmp_path, name, content, extra):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    diff = runner.invoke(app, ["diff", str(path), *extra])
    clean = runner.invoke(app, ["clean", str(path), *extra])
    assert diff.exit_code != 0
    assert (diff.exit_code, diff.stderr, diff.stdout) == (clean.exit_code, clean.stderr, "")
    assert diff.stderr.count("\n") == 1 and diff.stderr.startswith("newsclean: ")


def test_folder_gives_the_summary(runner, crawl):
    result = runner.invoke(app, ["diff", str(crawl)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == runner.invoke(app, ["diff", str(crawl), "--summary"]).stdout
    assert "4 pages, 3 with an article" in result.stdout
    for reason in ("newsletter", "related", "sponsored", "navigation"):
        assert re.search(rf"^ {reason} +\d+ +[\d,]+ +\d+% +█", result.stdout, re.M), reason


def test_summary_of_one_file(runner):
    result = runner.invoke(app, ["diff", str(ROOT / PUTIN), "--summary"])
    assert result.exit_code == 0, result.stderr
    assert "1 pages, 1 with an article (1 text dump)" in result.stdout
    assert re.search(r"^ samples/ +1 ", result.stdout, re.M)


def test_folder_usage_errors(runner, tmp_path):
    empty = runner.invoke(app, ["diff", str(tmp_path)])
    assert empty.exit_code == ExitStatus.USAGE
    assert "no pages" in empty.stderr
    (tmp_path / "a.txt").write_bytes((ROOT / PUTIN).read_bytes())
    mixed = runner.invoke(app, ["diff", str(tmp_path), "--only-removed"])
    assert mixed.exit_code == ExitStatus.USAGE
    assert "a folder gets the --summary view" in mixed.stderr


def test_plain_when_no_color_or_not_a_terminal(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert not wants_plain(no_color=False, stdout_is_terminal=True)
    assert wants_plain(no_color=True, stdout_is_terminal=True)
    assert wants_plain(no_color=False, stdout_is_terminal=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert wants_plain(no_color=False, stdout_is_terminal=True)


def test_the_pager_gets_less_r_without_touching_our_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("LESS", raising=False)
    seen = tmp_path / "seen"
    monkeypatch.setenv("PAGER", f'sh -c \'echo "LESS=$LESS" > "{seen}"; cat > /dev/null\'')
    ColourPager().show("text\n")
    assert seen.read_text() == "LESS=-R\n"
    assert "LESS" not in os.environ
    monkeypatch.setenv("LESS", "-FX")  # the user's own choice wins
    ColourPager().show("text\n")
    assert seen.read_text() == "LESS=-FX\n"


# --- the HTML report --------------------------------------------------------------------------


def test_html_report_of_a_folder(runner, crawl, tmp_path_factory):
    report = tmp_path_factory.mktemp("out") / "report.html"
    result = runner.invoke(app, ["diff", str(crawl), "--html", str(report)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"newsclean: {report}: 4 pages, {result.stderr.split(', ')[1].split()[0]} removed blocks\n"
    html = report.read_text(encoding="utf-8")
    assert html.count('<section class="page"') == 4
    assert 'data-site="hanseblatt.de"' in html and 'data-site="aerzte/"' in html
    assert '<li class="removed r-newsletter" data-reason="newsletter"><span class="tag">newsletter</span>Ihr Newsletter zum Thema' in html
    assert "no article text found" in html  # the failed page says why
    assert not re.search(r"<link|<img|src=|https?://[^\"<]*\.(css|js)", html)  # self-contained
    assert oct(report.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert [p.name for p in report.parent.iterdir()] == ["report.html"]  # no temporary file left


def test_html_report_is_not_a_page_and_never_replaces_one(runner, crawl, tmp_path):
    inside = crawl / "hanseblatt" / "report.html"
    assert runner.invoke(app, ["diff", str(crawl), "--html", str(inside)]).exit_code == 0
    again = runner.invoke(app, ["diff", str(crawl), "--html", str(inside)])
    assert again.exit_code == 0 and again.stderr.startswith(f"newsclean: {inside}: 4 pages")  # not 5
    page = crawl / "hanseblatt" / "hafen.html"
    before = page.read_bytes()
    refused = runner.invoke(app, ["diff", str(page), "--html", str(page)])
    assert refused.exit_code == ExitStatus.USAGE and "the report would replace the page" in refused.stderr
    assert page.read_bytes() == before
    filtered = runner.invoke(app, ["diff", str(crawl), "--html", str(tmp_path / "r.html"), "--reason", "newsletter"])
    assert filtered.exit_code == ExitStatus.USAGE and "filter them in the report" in filtered.stderr


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)), None)


def headless(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=120, check=True)


def png_rows(data: bytes) -> list[list[tuple[int, int, int]]]:
    """The pixels of an 8-bit RGB or RGBA PNG (what Chromium writes), row by row, as RGB."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, width, height, channels = 8, [], 0, 0, 3
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + size
    raw, stride, rows, prev = zlib.decompress(b"".join(chunks)), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            line[x] = (line[x] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        prev = line
    return rows


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium (Debian: apt-get install chromium)")
def test_html_report_in_a_browser_colours_blocks_and_filters_by_reason_and_site(runner, crawl, tmp_path):
    report = tmp_path / "report.html"
    assert runner.invoke(app, ["diff", str(crawl), "--html", str(report)]).exit_code == 0
    borders = {}  # the colours of the strip where the blocks' left borders are drawn
    for name, fragment in (("all", "#site=hanseblatt.de"), ("newsletter", "#reason=newsletter&site=hanseblatt.de&kept=0")):
        png = tmp_path / f"{name}.png"
        headless([f"--screenshot={png}", "--window-size=1000,2400", f"{report.as_uri()}{fragment}"], tmp_path / "profile")
        rows = png_rows(png.read_bytes())
        assert (len(rows[0]), len(rows)) == (1000, 2400)
        borders[name] = {row[x] for row in rows for x in range(21, 25)}
    for reason in ("sponsored", "related", "navigation", "credit", "newsletter"):
        assert rgb(REASON_HEX[reason]) in borders["all"], reason  # each reason's colour is drawn
    assert rgb(KEPT_HEX) in borders["all"]
    assert rgb(REASON_HEX["newsletter"]) in borders["newsletter"]
    for hidden in ("sponsored", "related", "navigation", "credit"):
        assert rgb(REASON_HEX[hidden]) not in borders["newsletter"], hidden
    assert rgb(KEPT_HEX) not in borders["newsletter"]  # kept=0
    dom = headless(["--dump-dom", f"{report.as_uri()}#site=tagesfunk.de"], tmp_path / "profile").stdout.decode("utf-8")
    assert 'data-ready="1"' in dom  # the script ran
    shown = re.findall(r'<section class="page( hidden)?" data-site="([^"]+)"', dom)
    assert {site for hidden, site in shown if not hidden} == {"tagesfunk.de"} and len(shown) == 4


# --- in a real terminal --------------------------------------------------------------------------


def run_in_terminal(args: list[str], rows: int, env: dict[str, str] | None = None) -> str:
    """Run ``python -m newsclean ARGS`` with a pseudo-terminal of ``rows`` x 100 as its
    stdin/stdout/stderr and return everything it drew (line ends normalised)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    unset = {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PAGER", "MANPAGER", "LESS", "TERM"}
    child_env = {k: v for k, v in os.environ.items() if k not in unset} | {"TERM": "xterm-256color"} | (env or {})
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", *args], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT, env=child_env)
    os.close(slave)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 120)
            assert ready, "newsclean diff printed nothing for 120 s"
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every process holding the terminal has exited
                break
            if not data:
                break
            chunks.append(data)
    finally:
        proc.kill() if proc.poll() is None else None
        proc.wait()
        os.close(master)
    assert proc.returncode == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_terminal_shows_colour_and_pages_only_long_output():
    marker = {"PAGER": "sed 's/^/PAGED: /'"}  # a "pager" that marks every line it shows
    tall = run_in_terminal(["diff", PUTIN], rows=1000, env=marker)
    screen = ANSI.sub("", tall)
    assert "\x1b[" in tall  # styled: a terminal gets colour, not the plain text
    assert "PAGED: " not in screen  # fits on the screen: no pager
    assert screen.startswith("newsclean diff samples/aerztezeitung-putin.txt (text, utf-8)")
    assert re.search(r"\[newsletter\] Ihr Newsletter zum Thema  ← phrase: ihr newsletter zum thema", screen)
    assert re.search(r"\[title\] Putin will bei KI in der Medizin mitspielen", screen)
    assert not re.search(r"^- \[", screen, re.M)

    short = ANSI.sub("", run_in_terminal(["diff", PUTIN], rows=24, env=marker))
    lines = [line for line in short.splitlines() if line.strip()]
    assert lines and all(line.startswith("PAGED: ") for line in lines)  # too long: through the pager
    assert any("[newsletter] Ihr Newsletter zum Thema" in line for line in lines)


@pytest.mark.skipif(not hasattr(pty, "openpty") or sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_terminal_without_colour_gets_the_plain_lines():
    out = run_in_terminal(["diff", PUTIN, "--no-color"], rows=1000)
    assert "\x1b[" not in out
    assert "- [newsletter] Ihr Newsletter zum Thema  # phrase: ihr newsletter zum thema\n" in out
    assert "= [title] Putin will bei KI in der Medizin mitspielen\n" in out

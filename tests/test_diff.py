"""`newsclean diff`: snapshots of the rendered views, the CLI in-process, and a real terminal.

The snapshots in tests/snapshots/ change whenever the classifier or the metadata change; after
checking that a change is intended, regenerate them all with::

    .venv/bin/python -m pytest tests/test_diff.py --update-snapshots

and review ``git diff tests/snapshots``.
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
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from newsclean.article import assemble
from newsclean.config import CleanConfig
from newsclean.errors import ExitStatus
from newsclean.face.cli import app
from newsclean.face.diff import (
    DiffOptions,
    plain_diff,
    render_diff,
    render_summary,
    summarize,
    wants_plain,
)
from newsclean.model import REASONS
from newsclean.pipeline import build_document

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
PUTIN = "samples/aerztezeitung-putin.txt"
BIENNALE = "samples/ki-biennale-essen.txt"
HAFEN = "samples/hanseblatt-hafen-inline-boilerplate.html"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
REGENERATE = "pytest tests/test_diff.py --update-snapshots"


def document(sample: str):
    doc = build_document((ROOT / sample).read_bytes(), CleanConfig(), path=sample)
    return doc, assemble(doc)


def recorded(renderable, color: bool = True) -> str:
    """What a 100-column terminal shows, with its ANSI styles (or none)."""
    console = Console(
        record=True, width=100, file=io.StringIO(), force_terminal=color, color_system="standard" if color else None, _environ={}
    )
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


# --- snapshots -----------------------------------------------------------------------------

VIEWS = [
    (PUTIN, "page", DiffOptions()),
    (BIENNALE, "page", DiffOptions()),
    (HAFEN, "page", DiffOptions()),
    (HAFEN, "only-removed", DiffOptions(only_removed=True)),
    (HAFEN, "side-by-side", DiffOptions(side_by_side=True)),
    (PUTIN, "reason-newsletter-sponsored", DiffOptions(reasons=frozenset({"newsletter", "sponsored"}))),
]


@pytest.mark.parametrize(("sample", "view", "options"), VIEWS, ids=[f"{Path(s).stem}-{v}" for s, v, _ in VIEWS])
def test_colour_snapshot(sample, view, options, update_snapshots):
    doc, article = document(sample)
    check_snapshot(f"{Path(sample).stem}.{view}.ansi", recorded(render_diff(doc, article, options)), update_snapshots)


@pytest.mark.parametrize(("sample", "view", "options"), VIEWS, ids=[f"{Path(s).stem}-{v}" for s, v, _ in VIEWS])
def test_plain_snapshot(sample, view, options, update_snapshots):
    doc, article = document(sample)
    if options.side_by_side:  # no line format of its own: the same table without styles
        text = recorded(render_diff(doc, article, options), color=False)
    else:
        text = plain_diff(doc, article, options)
    assert not ANSI.search(text)
    check_snapshot(f"{Path(sample).stem}.{view}.txt", text, update_snapshots)


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    """A small crawl: two sites in their own folders, one text dump, one page without article."""
    (tmp_path / "hanseblatt").mkdir()
    (tmp_path / "aerzte").mkdir()
    shutil.copy(ROOT / HAFEN, tmp_path / "hanseblatt" / "hafen.html")
    shutil.copy(ROOT / "samples" / "tagesfunk-bahnstreik.htm.gz", tmp_path / "hanseblatt" / "bahn.html.gz")
    shutil.copy(ROOT / PUTIN, tmp_path / "aerzte" / "putin.txt")
    (tmp_path / "aerzte" / "leer.txt").write_text("Newsletter bestellen »\n\nImpressum\n", encoding="utf-8")
    (tmp_path / "aerzte" / "notes.md").write_text("not a page", encoding="utf-8")
    return tmp_path


def test_summary_snapshot(crawl, update_snapshots):
    summary = summarize(str(crawl), CleanConfig())
    check_snapshot("crawl.summary.ansi", recorded(render_summary(summary, "crawl")), update_snapshots)
    check_snapshot("crawl.summary.txt", recorded(render_summary(summary, "crawl"), color=False), update_snapshots)


# --- what the views say ----------------------------------------------------------------------

LINE = re.compile(r"^(#.*|= \[\w+\] .*|  .+|- \[\w+\] .*)$")


@pytest.mark.parametrize("sample", sorted(p.name for p in (ROOT / "samples").iterdir() if p.name != "README.md"))
def test_plain_lines_are_the_article(sample):
    """Every line follows the documented format, and reading the lines back gives exactly the
    Article's body and removed list: the diff shows what `clean` decided."""
    doc, article = document(f"samples/{sample}")
    lines = plain_diff(doc, article).splitlines()
    assert all(LINE.match(line) for line in lines), [line for line in lines if not LINE.match(line)]
    body = [line[2:] for line in lines if line.startswith("  ")]
    removed = [re.match(r"- \[(\w+)\] (.*?)(?:  # .*)?$", line).groups() for line in lines if line.startswith("- ")]
    assert body == [b.text for b in article.body]
    assert removed == [(r.reason, r.text) for r in article.removed]
    if article.title:
        assert f"= [title] {article.title}" in lines
        assert f"# title      {article.title}" in lines


def test_only_removed_groups_by_reason():
    doc, article = document(PUTIN)
    text = plain_diff(doc, article, DiffOptions(only_removed=True))
    groups = re.findall(r"^## (\w+): (\d+) blocks?", text, re.M)
    assert [g for g, _ in groups] == sorted({r.reason for r in article.removed}, key=REASONS.index)
    assert sum(int(n) for _, n in groups) == len(article.removed)
    assert not re.search(r"^(  |= )", text, re.M)


def test_reason_filter_hides_other_removals_but_says_so():
    doc, article = document(PUTIN)
    text = plain_diff(doc, article, DiffOptions(reasons=frozenset({"newsletter"})))
    shown = re.findall(r"^- \[(\w+)\]", text, re.M)
    assert set(shown) == {"newsletter"}
    assert len(shown) == sum(r.reason == "newsletter" for r in article.removed)
    hidden = sum(int(n) for n in re.findall(r"^# (\d+) more removed blocks?", text, re.M))
    assert hidden == len(article.removed) - len(shown)
    assert "  Einmal mehr hat Russland" in text  # the article stays for context


def test_colour_view_strikes_removed_text_and_tags_reasons():
    doc, article = document(PUTIN)
    text = recorded(render_diff(doc, article))
    assert re.search(r"\x1b\[[0-9;]*9[0-9;]*mIhr Newsletter zum Thema", text)  # 9 = struck through
    assert "[newsletter]" in ANSI.sub("", text)
    assert "← phrase: ihr newsletter zum thema" in ANSI.sub("", text)


# --- the command, in-process -------------------------------------------------------------------


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_cli_prints_plain_text_to_a_pipe(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["diff", PUTIN])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (SNAPSHOTS / "aerztezeitung-putin.page.txt").read_text(encoding="utf-8")
    assert "- [newsletter] Ihr Newsletter zum Thema  # phrase: ihr newsletter zum thema\n" in result.stdout


def test_cli_options(runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    only = runner.invoke(app, ["diff", HAFEN, "--only-removed", "--reason", "newsletter, social"])
    assert only.exit_code == 0, only.stderr
    assert re.findall(r"^## (\w+)", only.stdout, re.M) == ["newsletter", "social"]
    side = runner.invoke(app, ["diff", HAFEN, "--side-by-side"])
    assert side.exit_code == 0, side.stderr
    assert "page: every block" in side.stdout and "article: what clean keeps" in side.stdout
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
    text = result.stdout
    assert "4 pages, 3 with an article" in text
    assert re.search(r"^ hanseblatt\.de +1 ", text, re.M)  # site = the declared URL's host
    assert re.search(r"^ tagesfunk\.de +1 ", text, re.M)
    assert re.search(r"^ aerzte +2 +1 ", text, re.M)  # a dump has no URL: its folder; 1 failed
    assert re.search(r"^ no_article +1", text, re.M)
    for reason in ("newsletter", "related", "sponsored", "navigation"):
        assert re.search(rf"^ {reason} +\d+ +[\d,]+ +\d+% +█", text, re.M), reason


def test_summary_of_one_file(runner):
    result = runner.invoke(app, ["diff", str(ROOT / PUTIN), "--summary"])
    assert result.exit_code == 0, result.stderr
    assert "1 pages, 1 with an article" in result.stdout
    assert re.search(r"^ samples +1 ", result.stdout, re.M)


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
    assert "╭─ newsclean diff samples/aerztezeitung-putin.txt (text, utf-8)" in screen
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

"""`newsclean clean` from the outside: arguments, stdin/file/-o, and every bad input.

Run in-process with typer's CliRunner; one test starts a fresh ``python -m newsclean``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsclean import __version__
from newsclean.errors import ExitStatus
from newsclean.face.cli import app

ROOT = Path(__file__).resolve().parent.parent
PUTIN = ROOT / "samples" / "aerztezeitung-putin.txt"

HTML_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Neue Radwege für Köln | Stadtanzeiger</title>
<link rel="canonical" href="https://www.example.de/koeln/radwege-123.html"></head>
<body><nav><a href="/">Startseite</a> <a href="/koeln">Köln</a></nav>
<article><h1>Neue Radwege für Köln</h1>
<p>Der Stadtrat hat am Donnerstagabend mit großer Mehrheit beschlossen, in der Innenstadt bis zum
Jahr 2027 insgesamt zwölf Kilometer neue Radwege zu bauen. Die Verwaltung soll bis zum Sommer einen
Plan vorlegen.</p>
<p>Die Kosten schätzt die Stadt auf rund 18 Millionen Euro. Ein Teil davon soll aus Fördermitteln des
Landes kommen, wie ein Sprecher der Verwaltung am Freitag erklärte.</p>
<p>Kritik kam von der Opposition, die vor allem den Wegfall von Parkplätzen bemängelte. Die Händler in
der Altstadt fürchten um ihre Kundschaft.</p>
<p>Newsletter bestellen »</p></article></body></html>
"""


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, stdin: bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def ok_json(result) -> dict:
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# --- the happy paths --------------------------------------------------------------------


def test_version_matches_the_installed_package(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"newsclean {__version__}\n"
    assert __version__ == version("newsclean")


def test_file_to_stdout_is_one_line_of_valid_json(runner, validate_article):
    result = run(runner, "clean", str(PUTIN))
    article = ok_json(result)
    validate_article(article)
    assert result.stdout.count("\n") == 1 and result.stdout.endswith("}\n")
    assert article["source"]["path"] == str(PUTIN)
    assert article["source"]["sha256"] == hashlib.sha256(PUTIN.read_bytes()).hexdigest()
    assert article["title"] == "Putin will bei KI in der Medizin mitspielen"
    assert "„Digitale Wirtschaft“" in article["text"]  # not escaped, quotes kept


def test_stdin_gives_the_same_article_without_a_path(runner):
    from_file = ok_json(run(runner, "clean", str(PUTIN)))
    from_stdin = ok_json(run(runner, "clean", "-", stdin=PUTIN.read_bytes()))
    assert from_stdin["source"]["path"] is None
    from_file["source"]["path"] = from_file["source"]["id"] = None
    assert from_stdin == from_file


def test_output_file_pretty(runner, tmp_path):
    target = tmp_path / "article.json"
    result = run(runner, "clean", str(PUTIN), "-o", str(target), "--pretty")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    written = target.read_text(encoding="utf-8")
    assert written.startswith('{\n  "schema_version": 1,\n')
    assert written.endswith("}\n")
    assert json.loads(written) == ok_json(run(runner, "clean", str(PUTIN)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.json"]  # no temp file left


def test_gzip_input_is_opened_transparently(runner, tmp_path):
    packed = tmp_path / "page.txt.gz"
    packed.write_bytes(gzip.compress(PUTIN.read_bytes(), mtime=0))
    plain = ok_json(run(runner, "clean", str(PUTIN)))
    unpacked = ok_json(run(runner, "clean", str(packed)))
    assert unpacked["source"]["sha256"] == hashlib.sha256(packed.read_bytes()).hexdigest()
    for article in (plain, unpacked):
        del article["source"]
    assert unpacked == plain


def test_gzip_on_stdin(runner):
    article = ok_json(run(runner, "clean", "-", stdin=gzip.compress(HTML_PAGE.encode(), mtime=0)))
    assert article["title"] == "Neue Radwege für Köln"


def test_html_is_sniffed_and_format_can_be_forced(runner):
    sniffed = ok_json(run(runner, "clean", "-", stdin=HTML_PAGE.encode()))
    assert sniffed["source"]["format"] == "html"
    assert sniffed["source"]["url"] == "https://www.example.de/koeln/radwege-123.html"
    assert [r["reason"] for r in sniffed["removed"]][-1] == "newsletter"
    assert sniffed["body"][0]["text"].startswith("Der Stadtrat hat am Donnerstagabend")
    dump = PUTIN.read_bytes()
    assert ok_json(run(runner, "clean", "-", stdin=dump))["source"]["format"] == "text"
    forced = ok_json(run(runner, "clean", "-", "--format", "html", stdin=dump))
    assert forced["source"]["format"] == "html"
    assert ok_json(run(runner, "clean", "-", "-f", "text", stdin=HTML_PAGE.encode()))["source"]["format"] == "text"


def test_url_option_overrides_the_declared_url(runner):
    article = ok_json(run(runner, "clean", "-", "--url", "https://example.org/a", stdin=HTML_PAGE.encode()))
    assert article["source"]["url"] == "https://example.org/a"


def test_a_lone_surrogate_declared_in_json_ld_is_replaced_not_a_crash(runner):
    # "\\ud800" is valid JSON and json.loads keeps it, but no UTF-8 output can carry it; the
    # declared headline is the visible one in another spelling, so it is the title
    sentence = "<p>Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen, die 2027 fertig sein soll.</p>"
    page = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Neue Br\\ud800cke in K\\u00f6ln"}</script></head><body><article><h1>Neue Brücke in Köln</h1>'
            f"{sentence * 2}</article></body></html>")
    article = ok_json(run(runner, "clean", "-", stdin=page.encode()))
    assert article["title"] == "Neue Br\ufffdcke in Köln"


def test_reference_date_is_accepted(runner):
    article = ok_json(run(runner, "clean", str(PUTIN), "--reference-date", "2019-06-07"))
    assert article["title"] == "Putin will bei KI in der Medizin mitspielen"


def test_max_bytes_at_the_exact_size_passes(runner):
    size = len(PUTIN.read_bytes())
    ok_json(run(runner, "clean", str(PUTIN), "--max-bytes", str(size)))


def test_python_dash_m_in_a_fresh_process_gives_the_same_utf8_bytes(runner):
    in_process = run(runner, "clean", str(PUTIN)).stdout.encode("utf-8")
    fresh = subprocess.run(  # a terminal that cannot show „ or ü must still get UTF-8 JSON
        [sys.executable, "-m", "newsclean", "clean", str(PUTIN)],
        capture_output=True, check=True, cwd=ROOT, env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert fresh.stderr == b""
    assert fresh.stdout == in_process
    shown = subprocess.run([sys.executable, "-m", "newsclean", "--version"], capture_output=True, check=True)
    assert shown.stdout.decode() == f"newsclean {__version__}\n"


# --- bad input: one line on stderr, non-zero exit, nothing on stdout, no file --------------

NO_ARTICLE = "Newsletter bestellen\nAnzeige\n© dpa\nMehr zum Thema\nTeilen\n".encode()
BAD_INPUTS = [
    # (case, bytes, extra arguments, message, exit status)
    ("empty", b"", [], "empty input", ExitStatus.FAILED),
    ("whitespace", b" \n\t\r\n   \n", [], "input contains only whitespace", ExitStatus.FAILED),
    ("gzip_of_nothing", gzip.compress(b"", mtime=0), [], "empty input", ExitStatus.FAILED),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), [], "binary file", ExitStatus.FAILED),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", [], "binary file", ExitStatus.FAILED),
    ("random", random.Random(2).randbytes(4096), [], "binary file", ExitStatus.FAILED),
    ("undecodable", b"\x81\x8d\x8f\x90\x9d" * 200, [], "cannot decode", ExitStatus.FAILED),
    ("corrupt_gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xffnot deflate data at all", [], "gzip", ExitStatus.FAILED),
    ("truncated_gzip", gzip.compress(PUTIN.read_bytes(), mtime=0)[:300], [], "truncated gzip", ExitStatus.FAILED),
    ("gzip_header_only", b"\x1f\x8b\x08\x00", [], "truncated gzip", ExitStatus.FAILED),
    ("no_article", NO_ARTICLE, [], "no article text found", ExitStatus.FAILED),
    ("html_no_article", b"<html><body><nav><a href='/'>Startseite</a></nav></body></html>", [], "no article text found", ExitStatus.FAILED),
    ("too_large", PUTIN.read_bytes(), ["--max-bytes", "1000"], "larger than the limit of 1,000 bytes", ExitStatus.FAILED),
    ("gzip_too_large", gzip.compress(b"a" * 100_000), ["--max-bytes", "5000"], "larger than the limit of 5,000 bytes", ExitStatus.FAILED),
]


def assert_one_error_line(result, shown_path: str, message: str, status: int) -> None:
    assert result.exit_code == status, (result.exit_code, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    line = result.stderr.rstrip("\n")
    assert line.startswith(f"newsclean: {shown_path}: "), line
    assert message in line
    assert "Traceback" not in line


@pytest.mark.parametrize(("case", "data", "args", "message", "status"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_file(runner, tmp_path, case, data, args, message, status):
    page = tmp_path / f"{case}.html"
    page.write_bytes(data)
    target = tmp_path / "out" / "article.json"
    target.parent.mkdir()
    result = run(runner, "clean", str(page), "-o", str(target), *args)
    assert_one_error_line(result, str(page), message, status)
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize(("case", "data", "args", "message", "status"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_stdin(runner, case, data, args, message, status):
    result = run(runner, "clean", "-", *args, stdin=data)
    assert_one_error_line(result, "<stdin>", message, status)


def test_missing_file(runner, tmp_path):
    missing = tmp_path / "nope.html"
    result = run(runner, "clean", str(missing), "-o", str(tmp_path / "a.json"))
    assert_one_error_line(result, str(missing), "no such file", ExitStatus.USAGE)
    assert list(tmp_path.iterdir()) == []


def test_folder_points_to_batch(runner, tmp_path):
    result = run(runner, "clean", str(tmp_path))
    assert_one_error_line(result, str(tmp_path), "newsclean batch", ExitStatus.USAGE)


def test_web_archive_points_to_batch(runner, tmp_path):
    from warcs import gz, http_response, warc_record

    record = warc_record("response", http_response(PUTIN.read_bytes()), uri="https://example.de/a")
    for name, data in (("crawl.warc.gz", gz(record)), ("crawl.warc", record), ("renamed.html", gz(record))):
        (tmp_path / name).write_bytes(data)
        result = run(runner, "clean", str(tmp_path / name))
        assert_one_error_line(result, str(tmp_path / name), "newsclean batch", ExitStatus.FAILED)


def test_bad_reference_date(runner):
    result = run(runner, "clean", str(PUTIN), "--reference-date", "26.11.2024")
    assert_one_error_line(result, "--reference-date", "YYYY-MM-DD", ExitStatus.USAGE)


def test_unwritable_output_folder(runner, tmp_path):
    target = tmp_path / "no-such-folder" / "article.json"
    result = run(runner, "clean", str(PUTIN), "-o", str(target))
    assert_one_error_line(result, str(target), "cannot write", ExitStatus.USAGE)
    assert not target.parent.exists()


def test_error_line_has_no_traceback_for_unknown_format(runner):
    result = run(runner, "clean", str(PUTIN), "--format", "pdf")
    assert result.exit_code == ExitStatus.USAGE
    assert result.stdout == ""
    assert re.search(r"pdf", result.stderr) and "Traceback" not in result.stderr


# --- help, version, usage errors, completion (issue 16, issue 17 class 8) -----------------------

COMMANDS = tuple(typer.main.get_command(app).commands)  # every command, also ones added later
PAGE_COMMANDS = ("clean", "diff", "batch")


def test_the_commands_are_known():
    assert set(PAGE_COMMANDS) <= set(COMMANDS)


@pytest.mark.parametrize("args", [[], ["-h"], ["--help"]] + [[c, flag] for c in COMMANDS for flag in ("-h", "--help")])
def test_help_with_h_everywhere(runner, args):
    result = run(runner, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Usage: newsclean {args[0] + ' ' if args and args[0] in COMMANDS else ''}[OPTIONS]")
    assert result.stderr == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_placeholders_and_an_example(runner, command):
    text = run(runner, command, "-h").stdout
    for typer_ism in ("{", "<str>", "<list", "<int", "<float", "range>", "<path>", "x>=", "<=x"):
        assert typer_ism not in text, (typer_ism, text)
    example = re.search(r"^  Example:\n\n      (newsclean \S+ .*)$", text, re.M)
    assert example and example.group(1).startswith(f"newsclean {command} "), text
    assert re.match(rf"Usage: newsclean {command} \[OPTIONS\]( \[?[A-Z_|]+(\.\.\.)?\]?)+$", text.splitlines()[0])


@pytest.mark.parametrize("command", PAGE_COMMANDS)
def test_page_commands_share_their_options(runner, command):
    text = run(runner, command, "-h").stdout
    for placeholder in ("-f, --format [auto|html|text]", "--max-bytes N ", "--reference-date YYYY-MM-DD"):
        assert placeholder in text
    usage = text.splitlines()[0]
    assert usage == {"clean": "Usage: newsclean clean [OPTIONS] FILE...",
                     "diff": "Usage: newsclean diff [OPTIONS] FILE|DIR",
                     "batch": "Usage: newsclean batch [OPTIONS] IN_DIR [OUT_DIR]"}[command]


def test_short_version_flag(runner):
    assert run(runner, "-V").stdout == f"newsclean {__version__}\n"


USAGE_ERRORS = [
    (["clean", str(PUTIN), "--max-bytes", "0"], "newsclean: --max-bytes: must be at least 1, not 0"),
    (["clean", str(PUTIN), "--max-bytes", "-5"], "newsclean: --max-bytes: must be at least 1, not -5"),
    (["clean", str(PUTIN), "--max-bytes", "20MB"], "newsclean: --max-bytes: not a whole number: '20MB'"),
    (["clean", str(PUTIN), "--format", "xml"], "newsclean: --format: 'xml' is not one of auto, html, text"),
    (["diff", str(PUTIN), "-f", "xml"], "newsclean: --format: 'xml' is not one of auto, html, text"),
    (["clean", str(PUTIN), "--reference-date", "2024-13-01"], "newsclean: --reference-date: not a date in YYYY-MM-DD form: '2024-13-01'"),
    (["clean"], "newsclean: missing argument 'FILE...' (see 'newsclean clean -h')"),
    (["clean", str(PUTIN), "--bogus"], "newsclean: no such option: --bogus (see 'newsclean clean -h')"),
    (["-x"], "newsclean: no such option: -x (see 'newsclean -h')"),
    (["batch", "in", "out", "--workers", "0"], "newsclean: --workers: must be at least 1, not 0"),
    (["batch", "in", "out", "--timeout", "-1"], "newsclean: --timeout: must be more than 0 seconds, not -1"),
    (["dedup", "a.jsonl", "--threshold", "2"], "newsclean: --threshold: must be from 0.01 to 1, not 2"),
]


@pytest.mark.parametrize(("args", "line"), USAGE_ERRORS, ids=[" ".join(a[:1] + a[2:]) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_one_line_and_exit_2(runner, args, line):
    result = run(runner, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (ExitStatus.USAGE, "", line + "\n")


def test_unknown_command_is_one_line_with_a_suggestion(runner):
    result = run(runner, "cleen", str(PUTIN))
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.count("\n") == 1 and "'clean'" in result.stderr and result.stderr.startswith("newsclean: ")


# Completion runs the installed `newsclean` script (the shell calls it by name), so the tests
# find it next to this Python.
BIN = Path(sys.executable).parent
needs_script = pytest.mark.skipif(not (BIN / "newsclean").exists(), reason="the newsclean console script is not installed next to this Python")


def completion_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def completion_script(shell: str) -> str:
    return subprocess.run(["newsclean"], env=completion_env(_NEWSCLEAN_COMPLETE=f"source_{shell}"),
                          capture_output=True, text=True, check=True).stdout


@needs_script
@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completion_completes_commands_options_and_choices(tmp_path):
    script = tmp_path / "newsclean.bash"
    script.write_text(completion_script("bash"))
    probe = """source "$1"
complete_line() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _newsclean_completion newsclean; echo "${COMPREPLY[*]}"; }
complete_line newsclean cl
complete_line newsclean clean page.html -f ''
complete_line newsclean diff --only"""
    out = subprocess.run(["bash", "--norc", "-c", probe, "bash", str(script)], env=completion_env(),
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == ["clean", "auto html text", "--only-removed"]


@needs_script
@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completion_completes_commands(tmp_path):
    script = tmp_path / "newsclean.fish"
    script.write_text(completion_script("fish"))
    out = subprocess.run(["fish", "--no-config", "-c", f"source {script}; complete -C 'newsclean di'; complete -C 'newsclean clean x --format h'"],
                         env=completion_env(), capture_output=True, text=True, check=True).stdout
    assert re.search(r"^diff\t", out, re.M) and re.search(r"^html$", out, re.M), out


@needs_script
def test_zsh_completion_script_and_answers():
    script = completion_script("zsh")
    assert script.lstrip().startswith("#compdef newsclean") and "compdef _newsclean_completion newsclean" in script
    if shutil.which("zsh"):
        subprocess.run(["zsh", "-n", "-c", script], check=True)  # it parses
    # what the script's function evaluates for `newsclean ba<TAB>`
    answer = subprocess.run(["newsclean"], env=completion_env(_NEWSCLEAN_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="newsclean ba"),
                            capture_output=True, text=True, check=True).stdout
    assert answer.startswith("_arguments '*: :((\"batch\":")


# --- several files (issue 16) ----------------------------------------------------------------


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, Path]:
    """Two good pages (a dump and an HTML page), one without an article, one missing."""
    folder = tmp_path / "in"
    folder.mkdir()
    paths = {"putin": folder / "putin.txt", "koeln": folder / "koeln.html", "nav": folder / "nav.txt", "missing": folder / "missing.html"}
    paths["putin"].write_bytes(PUTIN.read_bytes())
    paths["koeln"].write_text(HTML_PAGE, encoding="utf-8")
    paths["nav"].write_bytes(NO_ARTICLE)
    return paths


def test_several_files_give_json_lines_in_order(runner, pages):
    result = run(runner, "clean", str(pages["koeln"]), str(pages["putin"]))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(pages["koeln"]), str(pages["putin"])]
    assert lines[1] + "\n" == run(runner, "clean", str(pages["putin"])).stdout  # each line is what one file gives


def test_a_failing_file_does_not_stop_the_others(runner, pages):
    result = run(runner, "clean", str(pages["nav"]), str(pages["putin"]), str(pages["missing"]), str(pages["koeln"]))
    assert result.exit_code == ExitStatus.USAGE  # the worst of: no article (1), no such file (2)
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Putin will bei KI in der Medizin mitspielen", "Neue Radwege für Köln"]
    assert result.stderr.splitlines() == [f"newsclean: {pages['nav']}: no article text found",
                                          f"newsclean: {pages['missing']}: no such file"]
    only_bad_input = run(runner, "clean", str(pages["putin"]), str(pages["nav"]))
    assert only_bad_input.exit_code == ExitStatus.FAILED and only_bad_input.stdout.count("\n") == 1


def test_stdin_among_files_and_pretty_objects_one_after_another(runner, pages):
    result = run(runner, "clean", "-", str(pages["putin"]), "--pretty", stdin=HTML_PAGE.encode())
    assert result.exit_code == 0, result.stderr
    decoder, text, objects = json.JSONDecoder(), result.stdout, []
    while text.strip():
        obj, end = decoder.raw_decode(text.lstrip())
        objects.append(obj)
        text = text.lstrip()[end:]
    assert [o["source"]["path"] for o in objects] == [None, str(pages["putin"])]
    assert result.stdout.startswith('{\n  "schema_version": 1,')
    twice = run(runner, "clean", "-", "-", stdin=b"x")
    assert (twice.exit_code, twice.stderr) == (ExitStatus.USAGE, "newsclean: -: stdin can be read only once\n")


def test_output_dir_gets_one_file_per_page(runner, pages, tmp_path):
    out = tmp_path / "out"  # created when missing
    pair = pages["putin"].with_suffix(".html")  # putin.txt and putin.html: a crawler's pair
    pair.write_text(HTML_PAGE, encoding="utf-8")
    result = run(runner, "clean", str(pages["koeln"]), str(pages["putin"]), str(pair), str(pages["nav"]), "-o", str(out))
    assert result.exit_code == ExitStatus.FAILED
    assert result.stdout == ""
    assert result.stderr == f"newsclean: {pages['nav']}: no article text found\n"
    assert sorted(p.name for p in out.iterdir()) == ["koeln.json", "putin.html.json", "putin.txt.json"]
    assert (out / "putin.txt.json").read_text(encoding="utf-8") == run(runner, "clean", str(pages["putin"])).stdout
    one = run(runner, "clean", str(pages["koeln"]), "-o", str(out))  # an existing folder takes one page too
    assert one.exit_code == 0 and (out / "koeln.json").exists()


def test_output_dash_is_stdout(runner, pages, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "clean", str(pages["putin"]), "-o", "-")
    assert result.stdout == run(runner, "clean", str(pages["putin"])).stdout
    assert not (tmp_path / "-").exists()


def test_output_dir_refuses_what_it_cannot_name(runner, pages, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "putin.txt").write_bytes(PUTIN.read_bytes())
    out = tmp_path / "out"
    same_name = run(runner, "clean", str(pages["putin"]), str(other / "putin.txt"), "-o", str(out))
    assert same_name.exit_code == ExitStatus.USAGE and "has the same name as" in same_name.stderr
    stdin = run(runner, "clean", "-", str(pages["putin"]), "-o", str(out), stdin=HTML_PAGE.encode())
    assert stdin.exit_code == ExitStatus.USAGE and "stdin has no name" in stdin.stderr
    a_file = run(runner, "clean", str(pages["putin"]), str(pages["koeln"]), "-o", str(pages["nav"]))
    assert a_file.exit_code == ExitStatus.USAGE and "names a folder" in a_file.stderr
    assert not out.exists()  # refused before anything was made
    assert pages["nav"].read_bytes() == NO_ARTICLE


def test_url_needs_a_single_file(runner, pages):
    result = run(runner, "clean", str(pages["putin"]), str(pages["koeln"]), "--url", "https://example.org/")
    assert (result.exit_code, result.stdout) == (ExitStatus.USAGE, "")
    assert result.stderr == "newsclean: --url: names the URL of one page; give one FILE with it\n"


# --- hostile arguments and streams (issue 17) -------------------------------------------------


def newsclean_process(*args: str, shell_redirect: str = "", stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m newsclean ARGS`` in a fresh process, through ``sh`` when the test needs a
    redirection such as ``>&-`` (stdout closed) or ``> /dev/full``. Arguments may hold bytes
    that are not UTF-8 (as surrogate escapes): they reach the process as those bytes."""
    command = [sys.executable, "-m", "newsclean", *args]
    if shell_redirect:
        command = ["sh", "-c", f'"$@" {shell_redirect}', "sh", *command]
    return subprocess.run(command, input=stdin, capture_output=True, cwd=ROOT, timeout=timeout)


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    err = proc.stderr.decode("utf-8")
    assert err.count("\n") == 1 and err.startswith("newsclean: ") and "Traceback" not in err, err
    return err.rstrip("\n")


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_a_path_that_is_not_utf8(tmp_path):
    name = os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt")
    with open(name, "wb") as fh:
        fh.write(PUTIN.read_bytes())
    proc = newsclean_process("clean", name)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["source"]["path"] == f"{tmp_path}/caf\\xe9.txt"  # as batch names it
    missing = newsclean_process("clean", os.fsdecode(b"nicht-da-\xff.html"))
    assert missing.returncode == ExitStatus.USAGE
    assert one_error_line(missing) == "newsclean: nicht-da-\\xff.html: no such file"


def test_a_url_that_is_not_utf8():
    proc = newsclean_process("clean", str(PUTIN), "--url", os.fsdecode(b"https://example.de/k\xf6ln"))
    assert (proc.returncode, proc.stdout) == (ExitStatus.USAGE, b"")
    assert one_error_line(proc) == "newsclean: --url: not valid UTF-8: 'https://example.de/k\\xf6ln'; percent-encode such bytes (\\xf6 as %F6)"


@pytest.mark.parametrize(("redirect", "message"), [
    ("<&-", "newsclean: <stdin>: stdin is closed; give a FILE, or pipe the page in"),
    (">&-", "newsclean: <stdout>: stdout is closed; redirect it or use -o FILE"),
])
def test_closed_stdin_or_stdout(redirect, message):
    proc = newsclean_process("clean", "-" if redirect == "<&-" else str(PUTIN), shell_redirect=redirect)
    assert proc.returncode == ExitStatus.USAGE
    assert one_error_line(proc) == message


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["clean"], ["diff", "--no-color"]])
def test_stdout_on_a_full_device(args):
    proc = newsclean_process(*args, str(PUTIN), shell_redirect="> /dev/full")
    assert proc.returncode == ExitStatus.FAILED
    assert one_error_line(proc) == "newsclean: <stdout>: cannot write (No space left on device)"


@pytest.mark.parametrize("command", [["clean", str(PUTIN), "-o"], ["batch", str(PUTIN.parent), "--jsonl"], ["diff", str(PUTIN), "--html"]])
def test_an_output_that_is_a_fifo_is_written_into_not_replaced(tmp_path, command):
    # a device or named pipe named as the output (-o /dev/null, a FIFO) is written to as `>`
    # would; a temporary file renamed over it put a regular file in its place (as root, over
    # /dev/full too), and --jsonl's fsync on it failed with EINVAL
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that opening it to write does not block
    try:
        with open(os.devnull, "wb") as sink:
            proc = subprocess.Popen([sys.executable, "-m", "newsclean", *command, str(fifo)], cwd=ROOT, stderr=subprocess.PIPE, stdout=sink)
            received = bytearray()
            while True:
                done = proc.poll() is not None
                chunk = _read_some(reader)
                received += chunk
                if done and not chunk:
                    break
                if not chunk:
                    time.sleep(0.05)
            stderr = proc.stderr.read() if proc.stderr else b""
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert proc.returncode == 0, stderr
    assert b'"schema_version"' in received or b"<!DOCTYPE html>" in received


def _read_some(fd: int) -> bytes:
    try:
        return os.read(fd, 1 << 16)
    except BlockingIOError:
        return b""


def test_a_reader_that_goes_away_is_no_error():
    proc = subprocess.run(f'"{sys.executable}" -m newsclean clean {PUTIN} {PUTIN} {PUTIN} | head -c 10 > /dev/null',
                          shell=True, capture_output=True, cwd=ROOT, timeout=60)
    assert proc.stderr == b""


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_reference_date_at_the_ends_of_the_calendar(runner, day):
    page = "Neue Brücke\n\nvor 3 Tagen\n\n" + "Die Stadt baut eine neue Brücke über den Rhein, sagte der Bürgermeister am Montag. " * 3
    result = run(runner, "clean", "-", "--reference-date", day, stdin=page.encode())
    assert ok_json(result)["title"] == "Neue Brücke"  # the core keeps its dates in range (H)


@pytest.mark.parametrize("how", ["same path", "symlink to the page", "page is a symlink to it", "hard link", "folder"])
def test_an_output_that_is_the_input_is_refused_before_reading(runner, tmp_path, how):
    page = tmp_path / "page.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    source, output = page, page
    if how == "symlink to the page":
        output = tmp_path / "link.json"
        output.symlink_to(page)
    elif how == "page is a symlink to it":
        source = tmp_path / "link.html"
        source.symlink_to(page)
    elif how == "hard link":
        output = tmp_path / "hard.json"
        os.link(page, output)
    elif how == "folder":  # -o DIR whose page.json is the page itself
        page.rename(tmp_path / "page.json")
        page = source = tmp_path / "page.json"
        output = tmp_path
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(runner, "clean", str(source), "-o", str(output))
    assert result.exit_code == ExitStatus.USAGE
    assert result.stderr.count("\n") == 1 and "its JSON would replace the page" in result.stderr
    assert page.read_text(encoding="utf-8") == HTML_PAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_not_a_page_and_nothing_waits_for_it(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.txt").write_bytes(PUTIN.read_bytes())
    os.mkfifo(tmp_path / "site" / "stuck.html")  # nobody ever writes to it
    folder = newsclean_process("diff", str(tmp_path), timeout=60)
    assert folder.returncode == 0, folder.stderr
    assert b"1 pages, 1 with an article" in folder.stdout
    for command in ("clean", "diff"):
        direct = newsclean_process(command, str(tmp_path / "site" / "stuck.html"), timeout=60)
        assert direct.returncode == ExitStatus.USAGE
        assert one_error_line(direct).endswith("stuck.html: not a regular file (a FIFO, socket or device is not a page)")

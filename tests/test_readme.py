"""The README's opening commands and recipes work as written (issue 16)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def block_after(heading: str, language: str) -> str:
    """The first fenced block of ``language`` after ``heading``."""
    start = README.index(f"```{language}\n", README.index(heading)) + len(language) + 4
    return README[start:README.index("```", start)]


def test_the_readme_starts_with_the_two_commands():
    assert README.startswith("# newsclean\n\n```bash\n")
    first, second = README.split("```bash\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert first == "python3 -m venv .venv && .venv/bin/pip install -q . && .venv/bin/newsclean batch samples/ articles/"
    assert second == 'python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/python -m pytest'
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert 'python -m pip install --quiet -e ".[test]"' in ci and ci[-1] == "python -m pytest"  # the same install, the same test run


@pytest.mark.skipif(not (BIN / "newsclean").exists(), reason="the newsclean console script is not installed next to this Python")
def test_the_first_command_cleans_the_samples(tmp_path):
    samples = [p for p in (ROOT / "samples").iterdir() if p.name != "README.md"]
    proc = subprocess.run([str(BIN / "newsclean"), "batch", "samples/", str(tmp_path / "articles"), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "articles").glob("*.json"))) == len(samples)


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    """The samples as JSON Lines, as the recipes expect them (articles.jsonl in the folder)."""
    folder = tmp_path_factory.mktemp("recipes")
    from typer.testing import CliRunner

    from newsclean.face.cli import app

    result = CliRunner().invoke(app, ["batch", str(ROOT / "samples"), "--jsonl", str(folder / "articles.jsonl"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
@pytest.mark.parametrize("heading", ["### jq", "### Only German articles"])
def test_jq_recipes(articles, heading):
    commands = [line.split("  #")[0].strip() for line in block_after(heading, "bash").splitlines() if line.startswith("jq ")]
    assert commands
    for command in commands:
        command = command.split(" > ")[0]  # the output on stdout instead of a file
        proc = subprocess.run(command, shell=True, cwd=articles, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0 and proc.stdout.strip(), (command, proc.stderr)


def test_pandas_recipe(articles, capsys):
    pytest.importorskip("pandas")
    cwd = os.getcwd()
    os.chdir(articles)
    try:
        exec(compile(block_after("### pandas", "python"), "README pandas recipe", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    assert "source.url" in out and "word_count" in out and re.search(r"^navigation\s+\d+$", out, re.M)


def test_the_readme_shows_a_small_screenshot_of_diff():
    match = re.search(r"!\[[^\]]*\]\((docs/[\w.-]+\.png)\)", README)
    assert match, "no screenshot in the README"
    png = ROOT / match.group(1)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 150_000


def test_the_quick_start_commands_exist():
    from typer.main import get_command

    from newsclean.face.cli import app

    commands = set(get_command(app).commands)
    for line in block_after("## Quick start", "bash").splitlines():
        words = shlex.split(line.split("#")[0])
        if words and words[0] == "newsclean" and not words[1].startswith("-"):
            assert words[1] in commands, line

"""`newsclean batch` output: JSON Lines streamed to a file, a .gz file or stdout and continued by
--resume after a kill; errors.jsonl kept across runs; files as any program writes them (umask,
fsync before the rename). Issue 16's batch items, each through the CLI."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.face.cli import app
from newsclean.run.work import TEST_HOOK_ENV

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGES = {
    "a.txt": "aerztezeitung-putin.txt",
    "b.html": "hanseblatt-hafen-inline-boilerplate.html",
    "c.html": "alpenpost-lawinen-cp1252.html",
    "d.txt": "spreebote-schulbau.txt",
}
HANG = b"<!-- newsclean-test:hang -->"


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    root = tmp_path / "crawl"
    root.mkdir()
    for name, sample in PAGES.items():
        (root / name).write_bytes((SAMPLES / sample).read_bytes())
    return root


def batch(*args: str | os.PathLike):
    return CliRunner().invoke(app, ["batch", *map(str, args)])


def lines_of(path: Path) -> list[str]:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8").splitlines()


def test_jsonl_to_stdout_with_a_dash(crawl: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert batch(crawl, "--jsonl", tmp_path / "all.jsonl").exit_code == 0
    result = batch(crawl, "--jsonl", "-", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == lines_of(tmp_path / "all.jsonl")
    assert not (tmp_path / "-").exists()


def test_jsonl_gz_is_compressed_by_its_name(crawl: Path, tmp_path: Path):
    assert batch(crawl, "--jsonl", tmp_path / "all.jsonl").exit_code == 0
    assert batch(crawl, "--jsonl", tmp_path / "all.jsonl.gz").exit_code == 0
    assert (tmp_path / "all.jsonl.gz").read_bytes()[:2] == b"\x1f\x8b"
    assert lines_of(tmp_path / "all.jsonl.gz") == lines_of(tmp_path / "all.jsonl")


@pytest.mark.parametrize("name", ["all.jsonl", "all.jsonl.gz"])
def test_jsonl_streams_as_pages_finish_and_resume_continues_after_a_kill(crawl: Path, tmp_path: Path, name: str):
    """Lines are in the file while the run goes on; after kill -9 (and a torn last line), --resume
    ends with exactly the file of one uninterrupted run."""
    target = tmp_path / name
    assert batch(crawl, "--jsonl", tmp_path / f"fresh-{name}").exit_code == 0
    stuck = crawl / "c.html"
    original = stuck.read_bytes()
    stuck.write_bytes(original + HANG)
    cmd = [sys.executable, "-m", "newsclean", "batch", str(crawl), "--jsonl", str(target), "--workers", "1", "--quiet"]
    # A session of its own, so that kill -9 reaches the hanging worker too (as a machine's crash
    # would): killing the parent alone leaves the worker sleeping the hook's hour.
    proc = subprocess.Popen(cmd, env={**os.environ, TEST_HOOK_ENV: "1"}, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not target.exists() or len(_complete_lines(target)) < 2:  # a.txt and b.html, before c.html hangs
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    with open(target, "ab") as fh:  # what a kill in the middle of a write leaves
        fh.write(gzip.compress(b'{"schema_version": 1, "sour')[:20] if name.endswith(".gz") else b'{"schema_version": 1, "sour')
    stuck.write_bytes(original)
    result = batch(crawl, "--jsonl", target, "--resume")
    assert result.exit_code == 0, result.output
    assert "up to date (--resume)" in result.output
    assert lines_of(target) == lines_of(tmp_path / f"fresh-{name}")


def _complete_lines(path: Path) -> list[str]:
    data = path.read_bytes()
    if path.suffix == ".gz":
        text = b""
        while data:
            inflater = zlib.decompressobj(31)
            try:
                text += inflater.decompress(data)
            except zlib.error:
                break
            if not inflater.eof:
                break
            data = inflater.unused_data
        data = text
    return data.decode("utf-8", "replace").split("\n")[:-1]


def test_errors_jsonl_is_appended_to_with_a_header_per_run(crawl: Path, tmp_path: Path):
    (crawl / "leer.html").write_bytes(b"")
    out = tmp_path / "out"
    assert batch(crawl, out).exit_code == 1
    assert batch(crawl, out).exit_code == 1
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [("run" in r, r.get("kind")) for r in records] == [(True, None), (False, "empty")] * 2
    assert records[0]["input"] == str(crawl) and records[0]["run"].endswith("Z")


def test_files_honour_the_umask_and_are_fsynced_before_the_rename(crawl: Path, tmp_path: Path, monkeypatch):
    synced: list[int] = []
    real_fsync, real_replace = os.fsync, os.replace
    renamed_after_sync: list[bool] = []
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (renamed_after_sync.append(bool(synced)), real_replace(a, b))[1])
    old = os.umask(0o022)
    try:
        assert batch(crawl, tmp_path / "out", "--workers", "1").exit_code == 0
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()}
    assert modes == dict.fromkeys(("a.json", "b.json", "c.json", "d.json"), 0o644)
    assert len(synced) >= 4 and all(renamed_after_sync)


def test_verbose_prints_each_failure_and_the_summary_groups_them_by_kind(crawl: Path, tmp_path: Path):
    (crawl / "leer.html").write_bytes(b"")
    (crawl / "leer2.txt").write_bytes(b"   ")
    (crawl / "bild.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = batch(crawl, tmp_path / "out", "-v", "--workers", "1")
    assert result.exit_code == 1
    assert f"newsclean: {crawl}/leer.html: empty: " in result.stderr
    assert f"newsclean: {crawl}/bild.html: binary: " in result.stderr
    assert "3 pages failed (2 empty, 1 binary), see" in result.stderr
    quiet = batch(crawl, tmp_path / "out2", "--workers", "1")
    assert "leer.html" not in quiet.stderr  # only with -v


def test_progress_says_1_error_and_shows_elapsed_time(crawl: Path, tmp_path: Path):
    from test_batch import stderr_on_a_terminal

    (crawl / "leer.html").write_bytes(b"")
    shown = stderr_on_a_terminal(crawl, tmp_path / "out")
    assert "1 error" in shown and "1 errors" not in shown
    assert "0:00:" in shown and "ETA" in shown


def test_jsonl_to_a_pipe_that_closes_early_ends_quietly(crawl: Path):
    for copy in range(8):  # more JSON than a pipe holds, so a write meets the closed end
        for name in PAGES:
            shutil.copyfile(crawl / name, crawl / f"k{copy}-{name}")
    cmd = [sys.executable, "-m", "newsclean", "batch", str(crawl), "--jsonl", "-", "--quiet", "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.read(10) == b'{"schema_v'
    proc.stdout.close()  # as `| head -c 10` does
    _, stderr = proc.communicate(timeout=60)
    assert stderr == b"" and proc.returncode == 1

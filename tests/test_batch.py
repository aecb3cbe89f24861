"""`newsclean batch`: tree mirroring, JSONL, resume, the error log, killed workers, odd paths.

Most tests run the command in-process with typer's CliRunner (the workers are real forked
processes); the Ctrl-C test starts ``python -m newsclean`` so it can send it a signal. Pages that
hang or kill their worker use the test hook of newsclean.run.work (``NEWSCLEAN_TEST_HOOK=1``).
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.config import CleanConfig
from newsclean.errors import ExitStatus
from newsclean.face.cli import app
from newsclean.run.batch import BatchOptions, run
from newsclean.run.pool import WorkerPool
from newsclean.run.work import TEST_HOOK_ENV, Job, clean_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# page file in the crawl -> sample it is a copy of
CRAWL = {
    "putin.txt": "aerztezeitung-putin.txt",
    "hafen.html": "hanseblatt-hafen-inline-boilerplate.html",
    "politik/bahnstreik.html.gz": "tagesfunk-bahnstreik.htm.gz",
    "politik/lokal/lawinen.htm": "alpenpost-lawinen-cp1252.html",
    "politik/lokal/schulbau.txt": "spreebote-schulbau.txt",
}
EXPECTED = {
    "putin.json", "hafen.json", "politik/bahnstreik.json", "politik/lokal/lawinen.json", "politik/lokal/schulbau.json",
}
HANG = b"<!-- newsclean-test:hang -->"
CRASH = b"<!-- newsclean-test:crash -->"


def make_crawl(root: Path, pages: dict[str, str] = CRAWL) -> Path:
    for rel, sample in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / sample, root / rel)
    return root


def batch(*args: str | os.PathLike):
    return CliRunner().invoke(app, ["batch", *map(str, args)])


def clean_stdout(path: Path | str) -> str:
    result = CliRunner().invoke(app, ["clean", str(path)])
    assert result.exit_code == 0, result.output
    return result.stdout


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (hidden ones too) with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def names(root: Path) -> set[str]:
    """The files below ``root``, read while a run may still be renaming its temporary files."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def error_records(path: Path) -> list[dict]:
    """The failures in an errors.jsonl, without the header line each run starts with."""
    return [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if "run" not in r]


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    return make_crawl(tmp_path / "crawl")


def test_batch_mirrors_the_tree_with_json_identical_to_clean(crawl: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = batch(crawl, out, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert set(tree(out)) == EXPECTED  # no errors.jsonl, no temporary files
    for rel in CRAWL:
        target = out / (rel.removesuffix(".gz").rsplit(".", 1)[0] + ".json")
        assert target.read_text(encoding="utf-8") == clean_stdout(crawl / rel), rel
    assert "kept" in result.stderr and "removed: related" in result.stderr  # the summary table
    assert "━" not in result.stderr  # no progress bar: stderr is not a terminal


def test_jsonl_holds_the_clean_output_of_every_page_in_walk_order(crawl: Path, tmp_path: Path):
    target = tmp_path / "articles.jsonl"
    result = batch(crawl, "--jsonl", target, "--workers", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    walk_order = ["hafen.html", "putin.txt", "politik/bahnstreik.html.gz", "politik/lokal/lawinen.htm", "politik/lokal/schulbau.txt"]
    assert target.read_text(encoding="utf-8") == "".join(clean_stdout(crawl / rel) for rel in walk_order)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl", "crawl"]


def test_glob_selects_the_pages(crawl: Path, tmp_path: Path):
    result = batch(crawl, tmp_path / "out", "--glob", "*.txt", "--glob", "politik/*.gz")
    assert result.exit_code == 0, result.output
    assert set(tree(tmp_path / "out")) == {"putin.json", "politik/lokal/schulbau.json", "politik/bahnstreik.json"}


def test_markdown_pages_by_their_glob(tmp_path: Path):
    from test_plain_dumps import MARKDOWN, TITLE

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bruecke.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "in" / "notizen.rst").write_text(MARKDOWN, encoding="utf-8")
    result = batch(tmp_path / "in", tmp_path / "out", "--glob", "*.md", "--quiet")
    assert result.exit_code == 0, result.output
    assert names(tmp_path / "out") == {"bruecke.json"}
    assert json.loads((tmp_path / "out" / "bruecke.json").read_text(encoding="utf-8"))["title"] == TITLE


def test_failures_go_to_errors_jsonl_and_exit_1(crawl: Path, tmp_path: Path):
    (crawl / "leer.html").write_bytes(b"")
    (crawl / "politik" / "bild.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    out = tmp_path / "out"
    result = batch(crawl, out)
    assert result.exit_code == ExitStatus.FAILED
    assert "2 pages failed" in result.stderr
    records = sorted(error_records(out / "errors.jsonl"), key=lambda r: r["path"])
    assert [(r["path"], r["stage"], r["kind"]) for r in records] == [
        (f"{crawl}/leer.html", "ingest", "empty"),
        (f"{crawl}/politik/bild.html", "ingest", "binary"),
    ]
    assert all(r["message"] for r in records)
    assert set(tree(out)) == EXPECTED | {"errors.jsonl"}


def test_a_hanging_page_is_killed_and_the_rest_goes_on(crawl: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "1")
    (crawl / "a-haengt.html").write_bytes((SAMPLES / "mojibake-stadtrat.html").read_bytes() + HANG)
    out = tmp_path / "out"
    result = batch(crawl, out, "--workers", "1", "--timeout", "0.5")
    assert result.exit_code == ExitStatus.FAILED
    [record] = error_records(out / "errors.jsonl")
    assert (record["path"], record["stage"], record["kind"]) == (f"{crawl}/a-haengt.html", "worker", "timeout")
    assert set(tree(out)) == EXPECTED | {"errors.jsonl"}


def test_a_worker_that_dies_is_replaced(crawl: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "1")
    for name in ("a-absturz.html", "politik/b-absturz.html"):
        (crawl / name).write_bytes((SAMPLES / "mojibake-stadtrat.html").read_bytes() + CRASH)
    out = tmp_path / "out"
    result = batch(crawl, out, "--workers", "1")
    assert result.exit_code == ExitStatus.FAILED
    records = error_records(out / "errors.jsonl")
    assert [(r["path"], r["stage"], r["kind"]) for r in records] == [
        (f"{crawl}/a-absturz.html", "worker", "crash"),
        (f"{crawl}/politik/b-absturz.html", "worker", "crash"),
    ]
    assert set(tree(out)) == EXPECTED | {"errors.jsonl"}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_stops_cleanly_and_resume_finishes_the_same_files(crawl: Path, tmp_path: Path, sig: signal.Signals):
    """Interrupt a real run while a page hangs, then resume with the hook off: the result is what
    one uninterrupted run gives, and the pages done before Ctrl-C are not cleaned again. The
    signal goes to the whole process group, as a terminal's Ctrl-C or a job scheduler's stop
    does; SIGTERM once ended the run on the spot, with no word about --resume."""
    stuck = crawl / "politik" / "m-haengt.html"
    stuck.write_bytes((SAMPLES / "kuestenkurier-windpark-paywall.html").read_bytes() + HANG)
    out = tmp_path / "out"
    env = {**os.environ, TEST_HOOK_ENV: "1"}
    cmd = [sys.executable, "-m", "newsclean", "batch", str(crawl), str(out), "--workers", "1", "--quiet"]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        done_before = {"putin.json", "hafen.json", "politik/bahnstreik.json"}  # walk order: before m-haengt
        deadline = time.monotonic() + 300  # a backstop only: three pages took over 60 s on a loaded machine
        while not out.exists() or names(out) != done_before:  # (not tree(): a temporary file may vanish)
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
            time.sleep(0.05)
        os.killpg(proc.pid, sig)
        assert proc.wait(timeout=30) == ExitStatus.INTERRUPTED
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "--resume" in (proc.stderr.read() if proc.stderr else "")
    assert set(tree(out)) == done_before  # nothing half-written, no temporary files
    before = {name: (out / name).stat().st_mtime_ns for name in done_before}

    result = batch(crawl, out, "--resume")
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh"
    assert batch(crawl, fresh).exit_code == 0
    assert tree(out) == tree(fresh)
    assert {name: (out / name).stat().st_mtime_ns for name in done_before} == before


def test_resume_redoes_outputs_that_are_stale_or_broken(crawl: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = run(BatchOptions(str(crawl), str(out), workers=2))
    assert (first.kept, first.failed, first.skipped) == (5, 0, 0)
    (crawl / "putin.txt").write_bytes((SAMPLES / "neckarblick-weinlese.txt").read_bytes())  # new bytes
    (out / "hafen.json").write_text('{"schema_version": 1, "sou', encoding="utf-8")  # truncated
    page_time = (crawl / "politik/lokal/lawinen.htm").stat().st_mtime_ns
    os.utime(out / "politik/lokal/lawinen.json", ns=(page_time - 10**9,) * 2)  # JSON older than its page
    resumed = run(BatchOptions(str(crawl), str(out), workers=2, resume=True))
    assert (resumed.kept, resumed.failed, resumed.skipped) == (3, 0, 2)
    fresh = tmp_path / "fresh"
    run(BatchOptions(str(crawl), str(fresh), workers=2))
    assert tree(out) == tree(fresh)
    # the same pages read under another folder name would carry another source.path: redone
    again = run(BatchOptions(str(crawl) + "/", str(out), workers=2, resume=True))
    assert again.skipped == 5
    moved = tmp_path / "moved"
    crawl.rename(moved)
    assert run(BatchOptions(str(moved), str(out), workers=2, resume=True)).skipped == 0


def test_symlinks_leading_outside_are_not_followed(crawl: Path, tmp_path: Path):
    outside = make_crawl(tmp_path / "outside", {"geheim.html": "hanseblatt-hafen-inline-boilerplate.html"})
    (crawl / "geheim.html").symlink_to(outside / "geheim.html")
    (crawl / "extern").symlink_to(outside, target_is_directory=True)
    (crawl / "politik" / "alias.txt").symlink_to(crawl / "putin.txt")  # inside: followed
    (crawl / "politik" / "lokal" / "schleife").symlink_to(crawl / "politik", target_is_directory=True)
    out = tmp_path / "out"
    summary = run(BatchOptions(str(crawl), str(out), workers=2))
    assert summary.outside_links == 2
    assert set(tree(out)) == EXPECTED


@pytest.mark.parametrize("case", ["missing input", "input is a file", "output under a file", "output is a file", "both outputs", "resume with jsonl on stdout"])
def test_usage_errors_exit_2_before_anything_is_read(crawl: Path, tmp_path: Path, case: str):
    a_file = tmp_path / "datei"
    a_file.write_text("x")
    args = {
        "missing input": [tmp_path / "fehlt", tmp_path / "out"],
        "input is a file": [a_file, tmp_path / "out"],
        "output under a file": [crawl, a_file / "out"],
        "output is a file": [crawl, a_file],
        "both outputs": [crawl, tmp_path / "out", "--jsonl", tmp_path / "a.jsonl"],
        "resume with jsonl on stdout": [crawl, "--jsonl", "-", "--resume"],
    }[case]
    result = batch(*args)
    assert result.exit_code == ExitStatus.USAGE, result.output
    assert result.stderr.startswith("newsclean: ")
    assert not (tmp_path / "out").exists() and not (tmp_path / "a.jsonl").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder_is_a_usage_error(crawl: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir(mode=0o500)
    result = batch(crawl, out)
    assert result.exit_code == ExitStatus.USAGE
    assert "not writable" in result.stderr


def test_pages_sharing_a_stem_are_both_written_under_their_full_names(crawl: Path, tmp_path: Path):
    shutil.copyfile(SAMPLES / "spreebote-schulbau.txt", crawl / "putin.html")  # putin.txt -> putin.json too
    out = tmp_path / "out"
    result = batch(crawl, out)
    assert result.exit_code == 0, result.output
    assert set(tree(out)) == EXPECTED - {"putin.json"} | {"putin.html.json", "putin.txt.json"}
    assert (out / "putin.txt.json").read_text() == clean_stdout(crawl / "putin.txt")
    assert "written as NAME.EXT.json" in result.output and not (out / "errors.jsonl").exists()
    assert batch(crawl, out, "--resume").exit_code == 0  # the same names again: up to date


def test_file_names_that_are_not_utf8(tmp_path: Path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    bad = os.path.join(os.fsencode(crawl), b"caf\xe9.txt")
    shutil.copyfile(SAMPLES / "spreebote-schulbau.txt", bad)
    with open(os.path.join(os.fsencode(crawl), b"leer\xff.txt"), "wb"):
        pass
    out = tmp_path / "out"
    result = batch(crawl, out)
    assert result.exit_code == ExitStatus.FAILED
    article = json.loads(Path(os.fsdecode(os.path.join(os.fsencode(out), b"caf\xe9.json"))).read_bytes())
    assert article["source"]["path"] == f"{crawl}/caf\\xe9.txt"
    [record] = error_records(out / "errors.jsonl")
    assert (record["path"], record["kind"]) == (f"{crawl}/leer\\xff.txt", "empty")


def test_an_output_folder_inside_the_input_is_not_read_back(crawl: Path):
    out = crawl / "out"
    assert batch(crawl, out, "--glob", "*").exit_code == 0
    assert batch(crawl, out, "--glob", "*", "--resume").exit_code == 0
    assert set(tree(out)) == EXPECTED


def test_a_worker_is_replaced_after_its_share_of_pages(tmp_path: Path):
    page = make_crawl(tmp_path, {"schulbau.txt": "spreebote-schulbau.txt"}) / "schulbau.txt"
    pool = WorkerPool(1, partial(clean_file, config=CleanConfig()), timeout=30, recycle_after=2)
    pids, texts = [], []
    try:
        for seq in range(3):
            pool.submit(seq, Job(str(page), str(page)))
            pids.append(pool.slots[0].process.pid)
            done = []
            while not done:
                done = list(pool.collect(0.5))
            texts.append(done[0][2].text)
    finally:
        pool.close()
    assert pids[0] == pids[1] != pids[2]
    assert texts == [clean_stdout(page)] * 3


def stderr_on_a_terminal(*args: str | os.PathLike) -> str:
    """Run ``newsclean batch ARGS`` with stderr on a pseudo-terminal; what it showed there."""
    master, slave = pty.openpty()
    cmd = [sys.executable, "-m", "newsclean", "batch", *map(str, args)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    shown = []
    try:
        while chunk := os.read(master, 4096):
            shown.append(chunk)
    except OSError:  # EIO: the child closed the terminal
        pass
    finally:
        os.close(master)
        proc.wait(timeout=60)
    return b"".join(shown).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_unless_quiet(crawl: Path, tmp_path: Path):
    shown = stderr_on_a_terminal(crawl, tmp_path / "out")
    assert "━" in shown and "5/5" in shown and "pages/s" in shown and "0 errors" in shown
    assert "0:00:0" in shown  # elapsed time beside the ETA
    assert "kept" in shown  # and the summary after it
    assert stderr_on_a_terminal(crawl, tmp_path / "out", "--resume", "--quiet") == ""


def test_a_worker_that_died_while_idle_is_replaced_before_it_gets_a_page(tmp_path: Path):
    page = make_crawl(tmp_path, {"schulbau.txt": "spreebote-schulbau.txt"}) / "schulbau.txt"
    pool = WorkerPool(1, partial(clean_file, config=CleanConfig()), timeout=30)
    try:
        assert [r.text for _, r in pool.map([Job(str(page), str(page))])] == [clean_stdout(page)]
        dead = pool.slots[0].process
        dead.kill()
        dead.join()
        pool.submit(1, Job(str(page), str(page)))
        done = []
        while not done:
            done = list(pool.collect(0.5))
    finally:
        pool.close()
    assert done[0][2].text == clean_stdout(page)


def test_workers_are_started_only_for_pages_that_need_them(tmp_path: Path):
    # --workers 1000 on two pages must not fork a thousand processes
    page = make_crawl(tmp_path, {"schulbau.txt": "spreebote-schulbau.txt"}) / "schulbau.txt"
    with WorkerPool(1000, partial(clean_file, config=CleanConfig()), timeout=30) as pool:
        results = [r.text for _, r in pool.map([Job(str(page), str(page))] * 2)]
        started = len(pool.slots)
    assert results == [clean_stdout(page)] * 2
    assert started == 2


def test_warm_up_loads_what_every_worker_would_load_again(monkeypatch):
    # a German page is told without langdetect's profiles, and only mojibake needs ftfy: unless
    # the parent loads them before it forks, each worker (and each replacement) loads its own
    # copy, most of a second of CPU
    import gc

    from newsclean import pipeline
    from newsclean.text import language

    language._profiles.cache_clear()
    monkeypatch.delitem(sys.modules, "ftfy", raising=False)
    try:
        pipeline.warm_up()
        assert language._profiles.cache_info().currsize == 1
        assert "ftfy" in sys.modules
    finally:
        gc.unfreeze()

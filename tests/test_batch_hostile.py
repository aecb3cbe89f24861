"""`newsclean batch` against hostile folders and faults (issue 17): links that multiply pages,
FIFOs, 255-byte names, an output that is the input, a full disk. Every case is built here."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.face.cli import app
from newsclean.run import sinks
from newsclean.run.batch import BatchOptions, run

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PAGE = SAMPLES / "spreebote-schulbau.txt"


def batch(*args: str | os.PathLike):
    return CliRunner().invoke(app, ["batch", *map(str, args)])


def files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_every_real_file_is_a_page_once_however_many_links_reach_it(tmp_path: Path):
    crawl = tmp_path / "crawl"
    folders = [crawl / f"d{i}" for i in range(6)]
    for folder in folders:
        folder.mkdir(parents=True)
    shutil.copyfile(PAGE, folders[0] / "seite.txt")
    for i, folder in enumerate(folders):  # every folder links to every other one
        for j, other in enumerate(folders):
            if i != j:
                (folder / f"zu{j}").symlink_to(other, target_is_directory=True)
    (folders[3] / "alias.txt").symlink_to(folders[0] / "seite.txt")
    result = batch(crawl, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert files(tmp_path / "out") == ["d0/seite.json"]


def test_only_regular_files_are_pages_and_a_fifo_is_never_opened(tmp_path: Path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    shutil.copyfile(PAGE, crawl / "seite.txt")
    os.mkfifo(crawl / "rohr.html")  # opening it for reading would wait for a writer forever
    (crawl / "link.html").symlink_to(crawl / "rohr.html")
    summary = run(BatchOptions(str(crawl), str(tmp_path / "out"), workers=1, timeout=30))
    assert (summary.kept, summary.failed, summary.special_files) == (1, 0, 2)
    result = batch(crawl, tmp_path / "out2")
    assert result.exit_code == 0 and "not regular files" in result.output


def test_a_link_that_leads_nowhere_is_a_failed_page_with_its_reason(tmp_path: Path):
    # a page's link whose target is gone, or two links to each other, were left out without a
    # word (or counted as "not regular files (FIFOs, devices)"); errors.jsonl now says why
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    shutil.copyfile(PAGE, crawl / "seite.txt")
    (crawl / "weg.html").symlink_to(crawl / "geloescht.html")
    (crawl / "a.html").symlink_to(crawl / "b.html")
    (crawl / "b.html").symlink_to(crawl / "a.html")
    result = batch(crawl, tmp_path / "out")
    assert result.exit_code == 1
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors.jsonl").read_text().splitlines()[1:]]
    assert {(Path(e["path"]).name, e["kind"]) for e in errors} == {("weg.html", "unreadable"), ("a.html", "unreadable"), ("b.html", "unreadable")}
    assert "not regular files" not in result.output
    assert files(tmp_path / "out") == ["errors.jsonl", "seite.json"]


def test_a_255_byte_file_name_works(tmp_path: Path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    name = "ä" * 125 + ".html"  # 255 bytes in UTF-8, the longest name most file systems allow
    assert len(os.fsencode(name)) == 255
    shutil.copyfile(SAMPLES / "hanseblatt-hafen-inline-boilerplate.html", crawl / name)
    result = batch(crawl, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert files(tmp_path / "out") == ["ä" * 125 + ".json"]


@pytest.mark.parametrize("via_link", [False, True])
def test_an_output_folder_that_is_the_input_is_refused_before_reading(tmp_path: Path, via_link: bool):
    crawl = tmp_path / "d"
    crawl.mkdir()
    page = json.dumps({"not": "an article"}).encode()
    (crawl / "x.json").write_bytes(page)
    (crawl / "y.html").write_bytes(PAGE.read_bytes())
    out = crawl
    if via_link:
        out = tmp_path / "link"
        out.symlink_to(crawl, target_is_directory=True)
    result = batch(crawl, out, "--glob", "*.json", "--glob", "*.html")
    assert result.exit_code == 2
    assert "would replace the input page" in result.stderr and "x.json" in result.stderr
    assert (crawl / "x.json").read_bytes() == page and files(crawl) == ["x.json", "y.html"]


def test_a_full_disk_names_the_output_leaves_nothing_partial_and_resume_continues(tmp_path: Path, monkeypatch):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for i in range(5):
        shutil.copyfile(PAGE, crawl / f"seite{i}.txt")
    (crawl / "leer.txt").write_bytes(b"")  # a failure before the disk fills: one line in errors.jsonl
    out = tmp_path / "out"
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(sinks.os, "fsync", fsync)
    result = batch(crawl, out, "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"newsclean: {out}: No space left on device; stopped with 2 pages done")
    assert "--resume" in result.stderr and str(crawl) + ":" not in result.stderr
    assert files(out) == ["errors.jsonl", "seite0.json", "seite1.json"]
    assert all(line.endswith("}") for line in (out / "errors.jsonl").read_text().split("\n")[:-1])
    monkeypatch.setattr(sinks.os, "fsync", real_fsync)
    result = batch(crawl, out, "--resume")
    assert result.exit_code == 1  # leer.txt fails again; everything else is there now
    assert files(out) == ["errors.jsonl"] + [f"seite{i}.json" for i in range(5)]


def test_an_error_line_the_disk_cuts_short_is_taken_back(tmp_path: Path, monkeypatch):
    log = sinks.ErrorLog(str(tmp_path / "errors.jsonl"))
    log.add("a.html", sinks.Failure("read", "empty", "empty input"))
    before = (tmp_path / "errors.jsonl").read_bytes()
    real_write = os.write

    def half_write(fd: int, data) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sinks.os, "write", half_write)
    with pytest.raises(OSError):
        log.add("b.html", sinks.Failure("read", "empty", "empty input"))
    log.close()
    assert (tmp_path / "errors.jsonl").read_bytes() == before

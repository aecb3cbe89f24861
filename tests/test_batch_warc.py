"""`newsclean batch` on web archives: pages found among other records, HTTP bodies decoded as a
browser would, the WARC's fields in `source`, shards any engine writes byte for byte the same,
resume, and archives that are broken in the usual ways. The WARCs are built in the tests
(tests/warcs.py)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from warcs import gz, http_response, warc_record

from newsclean.config import CleanConfig
from newsclean.face.cli import app
from newsclean.run.batch import BatchOptions, run
from newsclean.run.shards import (
    assemble_shard,
    chunk_bounds,
    chunk_index,
    index_piece,
    process_chunk,
)
from newsclean.run.warc import WarcReader
from newsclean.run.work import TEST_HOOK_ENV

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HAFEN = (SAMPLES / "hanseblatt-hafen-inline-boilerplate.html").read_bytes()
KLINIK = (SAMPLES / "rheinische-rundschau-krankenhausreform.html").read_bytes()
LAWINEN = (SAMPLES / "alpenpost-lawinen-cp1252.html").read_bytes()
DATE = "2025-03-04T05:06:07Z"


def page_records() -> list[bytes]:
    """A crawl as Common Crawl stores it: every record its own gzip member, pages among
    requests, redirects, 404s, images and metadata; some bodies chunked or compressed."""
    return [
        gz(warc_record("warcinfo", b"software: test\r\n")),
        gz(warc_record("request", b"GET /hafen HTTP/1.1\r\n\r\n", "https://hanseblatt.example/hafen", DATE)),
        gz(warc_record("response", http_response(HAFEN), "https://hanseblatt.example/hafen", DATE)),
        gz(warc_record("response", http_response(b"", "301 Moved Permanently", None, [("Location", "/x")]), "https://a.example/", DATE)),
        gz(warc_record("response", http_response(KLINIK, chunked=True, encoding="gzip"), "https://rundschau.example/klinik", DATE)),
        gz(warc_record("response", http_response(b"\x89PNG....", content_type="image/png"), "https://a.example/i.png", DATE)),
        gz(warc_record("response", http_response(b"<html><body>weg</body></html>", "404 Not Found"), "https://a.example/404", DATE)),
        gz(warc_record("metadata", b"fetchTimeMs: 12\r\n", "https://a.example/404", DATE)),
        gz(warc_record("response", http_response(LAWINEN, content_type="text/html; charset=windows-1252", encoding="deflate"), "https://alpenpost.example/lawinen", DATE)),
    ]


def write_warc(path: Path, records: list[bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"".join(records))
    return path


def batch(*args: str | os.PathLike):
    return CliRunner().invoke(app, ["batch", *map(str, args)])


def error_records(path: Path) -> list[dict]:
    return [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if "run" not in r]


def shard_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]


def test_a_warc_becomes_one_shard_of_its_pages(tmp_path: Path):
    warc = write_warc(tmp_path / "crawl.warc.gz", page_records())
    out = tmp_path / "out"
    result = batch(warc, out, "--workers", "2")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(out)) == ["crawl.jsonl.gz"]
    articles = shard_lines(out / "crawl.jsonl.gz")
    assert [a["source"]["url"] for a in articles] == ["https://hanseblatt.example/hafen", "https://rundschau.example/klinik", "https://alpenpost.example/lawinen"]
    source = articles[0]["source"]
    assert source["warc_file"] == str(warc) and source["path"] is None and source["fetched"] == DATE
    assert source["warc_record_id"].startswith("<urn:uuid:") and source["id"] == f"{warc}#{source['warc_record_id']}"
    assert len({a["source"]["id"] for a in articles}) == 3
    # the other records are skipped by reason, which is not a failure
    for reason in ("request", "warcinfo", "metadata", "http status 301", "http status 404", "not HTML"):
        assert f"skipped: {reason}" in result.output
    assert not (out / "errors.jsonl").exists()


def test_warc_text_is_what_clean_gives_for_the_same_bytes(tmp_path: Path):
    warc = write_warc(tmp_path / "crawl.warc.gz", page_records())
    summary = run(BatchOptions(str(warc), str(tmp_path / "out"), workers=1))
    assert summary.kept == 3
    articles = shard_lines(tmp_path / "out" / "crawl.jsonl.gz")
    for article, page in zip(articles, (HAFEN, KLINIK, LAWINEN), strict=True):
        (tmp_path / "page.html").write_bytes(page)
        ran = CliRunner().invoke(app, ["clean", str(tmp_path / "page.html"), "--reference-date", DATE[:10], "--url", article["source"]["url"]])
        assert ran.exit_code == 0, ran.output
        from_file = json.loads(ran.stdout)
        assert article["text"] == from_file["text"] and article["body"] == from_file["body"]
        # the WARC-Date is "today" for relative dates, as --reference-date is for clean
        assert article["published"] == from_file["published"] and article["title"] == from_file["title"]
        assert article["source"]["sha256"] == from_file["source"]["sha256"]


def test_http_charset_comes_before_meta_charset(tmp_path: Path):
    body = '<html><head><meta charset="utf-8"><title>Grüße</title></head><body><article><h1>Grüße aus Köln</h1>' + "<p>Die Brücke über den Rhein wird für den Verkehr gesperrt, weil Prüfer Schäden gefunden haben.</p>" * 3 + "</article></body></html>"
    record = warc_record("response", http_response(body.encode("cp1252"), content_type="text/html; charset=ISO-8859-1"), "https://k.example/", DATE)
    warc = write_warc(tmp_path / "k.warc", [record])  # uncompressed, too
    assert run(BatchOptions(str(warc), str(tmp_path / "out"), workers=1)).kept == 1
    (article,) = shard_lines(tmp_path / "out" / "k.jsonl.gz")
    assert article["source"]["encoding"] == "cp1252" and article["title"] == "Grüße aus Köln"


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_shards_are_byte_identical_whatever_the_engine_or_workers(tmp_path: Path, name: str):
    records = page_records() * 3
    warc = write_warc(tmp_path / name, records if name.endswith(".gz") else [gzip.decompress(r) for r in records])
    chunk = 8_000  # several chunks of a few records each
    shards = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        assert run(BatchOptions(str(warc), str(out), workers=workers, chunk_bytes=chunk)).kept == 9
        shards.append((out / "crawl.jsonl.gz").read_bytes())
    # what a distributed engine does: index the chunks, process each alone, assemble the parts
    chunks = chunk_index(str(warc), chunk)
    assert len(chunks) > 2 and chunks[0][0] == 0 and chunks[-1][1] == warc.stat().st_size
    parts = []
    for i, (start, end) in enumerate(chunks):
        parts.append(str(tmp_path / f"part{i}.gz"))
        report = process_chunk(str(warc), str(warc), start, end, CleanConfig(), parts[-1])
        assert not report.failures
    assemble_shard(parts, str(tmp_path / "assembled.jsonl.gz"))
    shards.append((tmp_path / "assembled.jsonl.gz").read_bytes())
    assert shards[0] == shards[1] == shards[2]
    assert len(shard_lines(tmp_path / "assembled.jsonl.gz")) == 9


@pytest.mark.parametrize("gzipped", [True, False])
@pytest.mark.parametrize("cut", [0, 700])
def test_a_warc_indexed_piece_by_piece_has_the_chunks_of_one_pass(tmp_path: Path, gzipped: bool, cut: int):
    """The cluster indexes a WARC a few chunks a task, so that the first chunks are at work
    while the rest is read: the pieces, one after the other, are the chunks of one pass (also
    in a file cut short, whose last chunk holds the failure)."""
    records = page_records() * 3
    data = b"".join(records) if gzipped else b"".join(map(gzip.decompress, records))
    warc = tmp_path / "x.warc"
    warc.write_bytes(data[: len(data) - cut])
    whole = chunk_index(str(warc), 3000)
    assert len(whole) > 6 and whole[-1][1] == len(data) - cut
    for size in (1, 2, 5):
        chunks: list[tuple[int, int]] = []
        start: int | None = 0
        while start is not None:
            found, start = index_piece(str(warc), start, size, 3000)
            assert len(found) == size or start is None
            chunks += found
        assert chunks == whole



def test_the_chunks_near_the_end_of_a_warc_are_smaller():
    """So that the workers taking a WARC's last chunks finish close together; the cuts still
    depend on the file alone (its record offsets and its size)."""
    starts = list(chunk_bounds(range(0, 100_000, 100), chunk_bytes=8000, file_size=100_000))
    spans = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert spans[0] == 8000 and spans[-1] == 1000 and spans == sorted(spans, reverse=True)
    assert list(chunk_bounds(range(0, 100_000, 100), chunk_bytes=8000)) == list(range(0, 100_000, 8000))

@pytest.mark.parametrize("damage", ["truncated", "corrupt_gzip", "too_long", "too_short"])
def test_a_broken_warc_keeps_what_was_readable_and_logs_the_rest(tmp_path: Path, damage: str):
    records = page_records()
    good = [gz(warc_record("response", http_response(HAFEN), f"https://h.example/{i}", DATE)) for i in range(2)]
    if damage == "truncated":
        data = b"".join(good) + records[4][: len(records[4]) // 2]
    elif damage == "corrupt_gzip":
        broken = bytearray(records[4])
        broken[len(broken) // 2 : len(broken) // 2 + 16] = bytes(16)
        data = b"".join(good) + bytes(broken)
    else:  # a Content-Length that lies, then a good record that must survive it
        length = 10 if damage == "too_short" else 10**6
        data = b"".join(good) + gz(warc_record("response", http_response(HAFEN), "https://lie.example/", DATE, length=length)) + records[2]
    warc = tmp_path / "broken.warc.gz"
    warc.write_bytes(data)
    out = tmp_path / "out"
    result = batch(warc, out)
    assert result.exit_code == 1
    kept = [a["source"]["url"] for a in shard_lines(out / "broken.jsonl.gz")]
    assert kept[:2] == ["https://h.example/0", "https://h.example/1"]
    if damage.startswith("too_"):
        assert kept[2:] == ["https://hanseblatt.example/hafen"]
    (error,) = error_records(out / "errors.jsonl")
    assert error["path"] == str(warc) and error["stage"] == "warc" and error["offset"] == len(b"".join(good))
    assert error["kind"] == {"truncated": "truncated", "corrupt_gzip": "corrupt_gzip"}.get(damage, "bad_length")


def test_a_file_named_warc_that_is_not_one(tmp_path: Path):
    fake = tmp_path / "in" / "fake.warc.gz"
    fake.parent.mkdir()
    fake.write_bytes(gzip.compress(b"<html><body>no archive</body></html>"))
    write_warc(tmp_path / "in" / "good.warc.gz", page_records())
    result = batch(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 1
    (error,) = error_records(tmp_path / "out" / "errors.jsonl")
    assert error["kind"] == "not_warc" and "not a WARC file" in error["message"]
    assert len(shard_lines(tmp_path / "out" / "good.jsonl.gz")) == 3


def test_a_folder_of_warcs_gives_a_shard_each_and_resume_skips_complete_ones(tmp_path: Path):
    write_warc(tmp_path / "in" / "a.warc.gz", page_records()[:3])
    write_warc(tmp_path / "in" / "sub" / "b.warc.gz", page_records()[3:])
    out = tmp_path / "out"
    assert batch(tmp_path / "in", out).exit_code == 0
    assert {p.relative_to(out).as_posix() for p in out.rglob("*")} == {"a.jsonl.gz", "sub", "sub/b.jsonl.gz"}
    first = (out / "sub" / "b.jsonl.gz").read_bytes()
    (out / "a.jsonl.gz").unlink()
    summary = run(BatchOptions(str(tmp_path / "in"), str(out), resume=True))
    assert (summary.shards, summary.shards_resumed, summary.kept) == (1, 1, 1)
    assert (out / "sub" / "b.jsonl.gz").read_bytes() == first and len(shard_lines(out / "a.jsonl.gz")) == 1


def test_progress_of_a_warc_run_is_the_bytes_of_its_archives_with_an_eta(tmp_path: Path):
    """The pages of a WARC are not known before it is read; its size is, so the progress bar
    shows megabytes read of the total, and the time left."""
    from test_batch import stderr_on_a_terminal

    write_warc(tmp_path / "in" / "a.warc.gz", page_records() * 4)
    write_warc(tmp_path / "in" / "b.warc.gz", page_records())
    size = sum(p.stat().st_size for p in (tmp_path / "in").iterdir())
    shown = stderr_on_a_terminal(tmp_path / "in", tmp_path / "out")
    assert f"/{size / 1e6:.1f} MB" in shown and "ETA" in shown and "pages/s" in shown and "0:00:" in shown
    (tmp_path / "out" / "b.jsonl.gz").unlink()
    summary = run(BatchOptions(str(tmp_path / "in"), str(tmp_path / "out"), resume=True))
    assert summary.bytes_done == summary.bytes_total == (tmp_path / "in" / "b.warc.gz").stat().st_size  # what it read


def test_language_keeps_only_those_languages(tmp_path: Path):
    english = b"<html><body><article><h1>Bridge closed</h1>" + b"<p>The city council decided on Monday to close the old bridge over the river for all traffic.</p>" * 3 + b"</article></body></html>"
    records = [*page_records()[:3], gz(warc_record("response", http_response(english), "https://en.example/", DATE))]
    warc = write_warc(tmp_path / "c.warc.gz", records)
    result = batch(warc, tmp_path / "out", "--language", "de")
    assert result.exit_code == 0 and "skipped: language en" in result.output
    assert [a["language"] for a in shard_lines(tmp_path / "out" / "c.jsonl.gz")] == ["de"]
    assert batch(warc, tmp_path / "out2", "--language", "deutsch").exit_code == 2


def test_a_pathological_record_costs_the_time_limit_and_no_more(tmp_path: Path, monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "1")
    hang = gz(warc_record("response", http_response(b"<html><!-- newsclean-test:hang --></html>"), "https://hang.example/", DATE))
    records = page_records()
    warc = write_warc(tmp_path / "h.warc.gz", [records[2], hang, records[4]])
    result = batch(warc, tmp_path / "out", "--timeout", "2", "--workers", "1")
    assert result.exit_code == 1
    assert len(shard_lines(tmp_path / "out" / "h.jsonl.gz")) == 2
    (error,) = error_records(tmp_path / "out" / "errors.jsonl")
    assert error["kind"] == "timeout" and error["id"].startswith(f"{warc}#<urn:uuid:")


def test_jsonl_from_warcs_holds_the_shards_lines_in_order(tmp_path: Path):
    warc = write_warc(tmp_path / "in" / "a.warc.gz", page_records())
    shutil.copy(warc, tmp_path / "in" / "b.warc.gz")
    assert batch(tmp_path / "in", tmp_path / "out").exit_code == 0
    assert batch(tmp_path / "in", "--jsonl", tmp_path / "all.jsonl").exit_code == 0
    shards = [gzip.decompress((tmp_path / "out" / name).read_bytes()) for name in ("a.jsonl.gz", "b.jsonl.gz")]
    assert (tmp_path / "all.jsonl").read_bytes() == b"".join(shards)


def test_parquet_shards_hold_the_same_fields_nested_as_the_json(tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet")
    warc = write_warc(tmp_path / "crawl.warc.gz", page_records() * 2)
    assert batch(warc, tmp_path / "json").exit_code == 0
    shards = []
    for workers in ("1", "2"):
        result = batch(warc, tmp_path / f"pq{workers}", "--shard-format", "parquet", "--workers", workers)
        assert result.exit_code == 0, result.output
        shards.append((tmp_path / f"pq{workers}" / "crawl.parquet").read_bytes())
    assert shards[0] == shards[1]
    rows = pq.read_table(tmp_path / "pq1" / "crawl.parquet").to_pylist()
    assert rows == shard_lines(tmp_path / "json" / "crawl.jsonl.gz")
    assert batch(tmp_path / "json", tmp_path / "x", "--shard-format", "parquet").exit_code == 2  # not WARC input


def test_a_warc_and_its_gzip_side_by_side_get_a_shard_each(tmp_path: Path):
    write_warc(tmp_path / "in" / "x.warc.gz", page_records()[:3])
    (tmp_path / "in" / "x.warc").write_bytes(gzip.decompress(b"".join(page_records()[3:6])))
    assert batch(tmp_path / "in", tmp_path / "out").exit_code == 0
    assert sorted(os.listdir(tmp_path / "out")) == ["x.warc.gz.jsonl.gz", "x.warc.jsonl.gz"]


def test_the_warc_date_is_the_reference_date_unless_one_is_given(tmp_path: Path):
    # the page says it was published on 2024-11-26: a crawl of 2024-11-01 cannot have seen that
    # (dates after "today" are not plausible), one of 2025 can
    early = "2024-11-01T09:00:00Z"
    warc = write_warc(tmp_path / "early.warc.gz", [gz(warc_record("response", http_response(KLINIK), "https://rundschau.example/klinik", early))])
    assert run(BatchOptions(str(warc), str(tmp_path / "a"), workers=1)).kept == 1
    assert shard_lines(tmp_path / "a" / "early.jsonl.gz")[0]["published"] is None
    given = replace(CleanConfig(), reference_date=date(2025, 1, 1))
    assert run(BatchOptions(str(warc), str(tmp_path / "b"), workers=1, config=given)).kept == 1
    assert shard_lines(tmp_path / "b" / "early.jsonl.gz")[0]["published"] == "2024-11-26T06:30:00+01:00"


def test_jsonl_from_a_warc_is_continued_by_resume_after_its_last_complete_line(tmp_path: Path):
    warc = write_warc(tmp_path / "c.warc.gz", page_records())
    full = tmp_path / "full.jsonl.gz"
    assert batch(warc, "--jsonl", full).exit_code == 0
    members = gzip.decompress(full.read_bytes()).splitlines(True)
    assert len(members) == 3
    cut = tmp_path / "cut.jsonl.gz"  # what a kill after the first page leaves: one line and a torn one
    cut.write_bytes(gzip.compress(members[0], mtime=0) + gzip.compress(members[1], mtime=0)[:30])
    result = batch(warc, "--jsonl", cut, "--resume")
    assert result.exit_code == 0, result.output
    assert cut.read_bytes() == full.read_bytes()


def read_warc(path: Path) -> list[tuple[int, str | None, str]]:
    """What the WARC source gives for each record: its offset, URL, and ``page``, the skip
    reason or the failure's kind."""
    out = []
    for record in WarcReader(str(path), str(path), CleanConfig().max_bytes):
        result = record.result
        what = "page" if result is None else result.skip or (result.failure.kind if result.failure else "")
        out.append((record.offset, record.origin.url, what))
    return out



@pytest.mark.parametrize("compressed", [False, True])
def test_max_bytes_keeps_a_body_of_exactly_the_limit_and_refuses_one_byte_more(tmp_path: Path, compressed: bool) -> None:
    """The reader asks fastwarc for no more of a body than its record holds; the --max-bytes
    limit still falls on the same byte."""
    page = b"<html><body><p>Ein Satz.</p></body></html>"
    limit = len(page) + 10
    records = [warc_record("response", http_response(page + b" " * pad), f"https://a.example/{pad}", DATE) for pad in (10, 11)]
    path = tmp_path / ("x.warc.gz" if compressed else "x.warc")
    path.write_bytes(b"".join(gz(r) if compressed else r for r in records))
    read = list(WarcReader(str(path), "x", limit))
    assert [len(r.page.body) if r.page else r.result.failure.kind for r in read] == [limit, "too_large"]

SMALL = b"<html><body><article><h1>Kurz</h1><p>Ein kurzer Text.</p></article></body></html>"
SMALL_RECORDS = [
    warc_record("warcinfo", b"software: test\r\n"),
    warc_record("request", b"GET / HTTP/1.1\r\n\r\n", "https://a.example/", DATE),
    warc_record("response", http_response(SMALL), "https://a.example/", DATE),
    warc_record("response", http_response(SMALL, chunked=True, encoding="gzip"), "https://b.example/", DATE),
    warc_record("response", http_response(b"weg", "404 Not Found"), "https://c.example/", DATE),
    warc_record("response", http_response(SMALL), "https://d.example/", DATE),
]


def _archive(gzipped: bool) -> tuple[bytes, list[int]]:
    """The small archive, plain or one gzip member a record, and where each record starts
    (and, last, the file's size)."""
    parts = [gz(r) for r in SMALL_RECORDS] if gzipped else SMALL_RECORDS
    return b"".join(parts), [sum(map(len, parts[:i])) for i in range(len(parts) + 1)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(share=st.floats(0, 1, exclude_max=True), gzipped=st.booleans())
def test_a_warc_cut_anywhere_keeps_every_whole_record_and_says_it_was_cut(tmp_path: Path, share: float, gzipped: bool):
    data, starts = _archive(gzipped)
    (tmp_path / "full.warc").write_bytes(data)
    full = read_warc(tmp_path / "full.warc")
    cut = 1 + int(share * (len(data) - 1))
    (tmp_path / "cut.warc").write_bytes(data[:cut])
    got = read_warc(tmp_path / "cut.warc")
    whole = sum(1 for end in starts[1:] if end <= cut)
    if cut in starts:
        assert got == full[:whole]
    elif gzipped and cut == 1:  # one byte is not even gzip
        assert got == [(0, None, "not_warc")]
    elif not gzipped and cut >= starts[whole + 1] - 4:  # only the blank lines after a block are cut
        assert got == full[: whole + 1]
    else:  # a record cut whole may still be read (a member cut in its gzip trailer), never a torn one
        assert got[-1] == (got[-1][0], None, "truncated") and got[:-1] == full[: len(got) - 1]
        assert len(got) - 1 >= whole


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=3), gzipped=st.booleans())
def test_damaged_bytes_are_a_failure_and_the_records_before_them_stand(tmp_path: Path, flips, gzipped: bool):
    data, starts = _archive(gzipped)
    (tmp_path / "full.warc").write_bytes(data)
    full = read_warc(tmp_path / "full.warc")
    damaged = bytearray(data)
    for share, value in flips:
        damaged[int(share * len(data))] = value
    (tmp_path / "bad.warc").write_bytes(bytes(damaged))
    got = read_warc(tmp_path / "bad.warc")  # never raises
    first = next((i for i, (a, b) in enumerate(zip(data, damaged, strict=True)) if a != b), len(data))
    before = sum(1 for end in starts[1:] if end <= first)
    assert got[:before] == full[:before]


PLAIN = [gzip.decompress(member) for member in page_records()[:3]]  # warcinfo, request, a page
LIE = warc_record("response", http_response(HAFEN), "https://lie.example/", DATE, length=10)


@pytest.mark.parametrize(("damage", "tail", "kind"), [
    ("cut in a block", PLAIN[2][: len(PLAIN[2]) // 2], "truncated"),
    ("cut in the WARC headers", PLAIN[2][:40], "truncated"),
    ("cut in the first bytes", b"WARC/", "truncated"),
    ("Content-Length too long", warc_record("response", http_response(HAFEN), "https://lie.example/", DATE, length=10**6) + PLAIN[2], "truncated"),
    ("Content-Length too short", LIE + PLAIN[2], "bad_length"),
    ("NUL bytes after the last record", bytes(512), "not_warc"),
])
def test_a_broken_plain_warc_keeps_what_was_readable(tmp_path: Path, damage: str, tail: bytes, kind: str):
    good = b"".join(PLAIN)
    (tmp_path / "p.warc").write_bytes(good + tail)
    got = read_warc(tmp_path / "p.warc")
    assert [what for _, _, what in got] == ["warcinfo_record", "request_record", "page", kind]
    assert got[-1][0] == len(good)  # the failure is where the damage starts
    # and a plain WARC is a shard of its pages with that one line in errors.jsonl
    result = batch(tmp_path / "p.warc", tmp_path / "out")
    assert result.exit_code == 1 and len(shard_lines(tmp_path / "out" / "p.jsonl.gz")) == 1
    (error,) = error_records(tmp_path / "out" / "errors.jsonl")
    assert (error["kind"], error["offset"]) == (kind, len(good))


def test_a_gzipped_plain_warc_is_one_member_of_many_records(tmp_path: Path):
    """``gzip crawl.warc`` makes one gzip member of the whole archive: read as a stream, and a
    cut in it keeps every record before the one it tears."""
    plain = b"".join(gzip.decompress(member) for member in page_records())
    whole = tmp_path / "one.warc.gz"
    whole.write_bytes(gzip.compress(plain, mtime=0))
    records = read_warc(whole)
    assert [what for _, _, what in records].count("page") == 3 and {offset for offset, _, _ in records} == {0}
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(gzip.compress(plain, mtime=0)[: len(whole.read_bytes()) * 2 // 3])
    torn = read_warc(cut)
    assert torn[-1][2] == "truncated" and torn[:-1] == records[: len(torn) - 1] and len(torn) > 3


def test_a_brotli_body_without_brotli_installed_is_a_clear_failure_of_its_record(tmp_path: Path, monkeypatch):
    records = [
        gz(warc_record("response", http_response(HAFEN, encoding="br"), "https://br.example/", DATE)),
        gz(warc_record("response", http_response(KLINIK, encoding="gzip"), "https://gz.example/", DATE)),
    ]
    warc = write_warc(tmp_path / "br.warc.gz", records)
    monkeypatch.setitem(sys.modules, "brotli", None)  # import brotli raises ImportError (the pool forks from here)
    summary = run(BatchOptions(str(warc), str(tmp_path / "out"), workers=1))
    assert (summary.kept, summary.failed) == (1, 1)
    assert [a["source"]["url"] for a in shard_lines(tmp_path / "out" / "br.jsonl.gz")] == ["https://gz.example/"]
    (error,) = error_records(tmp_path / "out" / "errors.jsonl")
    assert error["kind"] == "bad_encoding" and "brotli package is not installed: pip install brotli" in error["message"]
    assert error["id"].startswith(f"{warc}#<urn:uuid:")


def test_http_quirks_browsers_read(tmp_path: Path):
    """Header lines ended by a bare LF, a quoted charset, a brotli body; a corrupt brotli body
    is a failure of its page (not of its worker)."""
    title = "Grüße aus Köln"
    body = f'<html><head><meta charset="utf-8"></head><body><article><h1>{title}</h1>' + "<p>Die Brücke über den Rhein wird für den Verkehr gesperrt, weil Prüfer Schäden gefunden haben.</p>" * 3 + "</article></body></html>"
    bare_lf = b'HTTP/1.1 200 OK\nContent-Type: text/html; charset="ISO-8859-1"\n\n' + body.encode("cp1252")
    records = [
        gz(warc_record("response", bare_lf, "https://lf.example/", DATE)),
        gz(warc_record("response", http_response(body.encode(), encoding="br"), "https://br.example/", DATE)),
        gz(warc_record("response", http_response(b"not brotli at all").replace(b"Content-Type", b"Content-Encoding: br\r\nContent-Type"), "https://bad.example/", DATE)),
    ]
    warc = write_warc(tmp_path / "q.warc.gz", records)
    result = batch(warc, tmp_path / "out")
    assert result.exit_code == 1
    articles = shard_lines(tmp_path / "out" / "q.jsonl.gz")
    assert [(a["source"]["url"], a["title"]) for a in articles] == [("https://lf.example/", title), ("https://br.example/", title)]
    assert articles[0]["source"]["encoding"] == "cp1252"
    (error,) = error_records(tmp_path / "out" / "errors.jsonl")
    assert (error["kind"], error["id"].split("#")[0]) == ("bad_encoding", str(warc))

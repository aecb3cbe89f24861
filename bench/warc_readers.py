"""fastwarc, warcio and newsclean's WARC source on one WARC: speed, and what each does with a
broken archive.

Speed: each reads every record, looks at its type, HTTP status and content type, and reads the
body of each HTML 200 response (newsclean: ``WarcReader``, fastwarc under its checks). CPU time
(time.process_time), best of ``--repeat``, alternating.

    python bench/warcgen.py /tmp/eval.warc.gz && python bench/warc_readers.py /tmp/eval.warc.gz

``--bad`` prints, for each broken archive of issue 13 (and a few more), what each reader
gives: the records it yields (URL, Content-Length, bytes of the block read), the exception it
raises and what it writes to stderr; for newsclean, each record's result.

    python bench/warc_readers.py --bad
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from warcs import gz, http_response, warc_record  # noqa: E402


def with_fastwarc(path: str) -> tuple[int, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    pages = size = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, record_types=WarcRecordType.any_type, parse_http=False):
            if record.record_type != WarcRecordType.response:
                continue
            record.parse_http()
            status = record.http_headers.status_code
            ctype = record.http_headers.get("Content-Type", "")
            if status == 200 and "html" in ctype:
                size += len(record.reader.read())
                pages += 1
    return pages, size


def with_warcio(path: str) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    pages = size = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, no_record_parse=False):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            status = record.http_headers.get_statuscode()
            ctype = record.http_headers.get_header("Content-Type", "")
            if status == "200" and "html" in ctype:
                size += len(record.raw_stream.read())
                pages += 1
    return pages, size


def with_newsclean(path: str) -> tuple[int, int]:
    from newsclean.run.warc import WarcReader

    pages = size = 0
    for record in WarcReader(path, path, 50 << 20):
        if record.page is not None:
            size += len(record.page.body)
            pages += 1
    return pages, size


def speed(warc: str, repeat: int) -> None:
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, read in (("fastwarc", with_fastwarc), ("warcio", with_warcio), ("newsclean", with_newsclean)):
            start = time.process_time()
            pages, size = read(warc)
            seconds = time.process_time() - start
            best[name] = min(best.get(name, float("inf")), seconds)
            print(f"{name:9} {pages:,} pages, {size / 1e6:.0f} MB of bodies, {seconds:.2f} s CPU")
    for name, seconds in best.items():
        print(f"best {name:9} {seconds:.2f} s CPU")


def broken_archives() -> dict[str, bytes]:
    """Two good records, then the damage, then (where it can survive) a good record."""
    html = b"<html><body>" + b"<p>Hallo Welt, wie geht es?</p>" * 300 + b"</body></html>"

    def record(url: str, length: int | None = None) -> bytes:
        return warc_record("response", http_response(html), url, length=length)

    good = [record(f"https://good/{i}") for i in range(2)]
    last = record("https://last/")
    true_length = len(http_response(html))
    member = gz(warc_record("response", http_response(html, chunked=True, encoding="gzip"), "https://cut/"))
    corrupt = bytearray(member)
    corrupt[len(corrupt) // 2 : len(corrupt) // 2 + 16] = bytes(16)
    before = b"".join(map(gz, good))
    plain = b"".join(good)
    cases = {f"gz cut at {share:.0%} of a member": before + member[: int(len(member) * share)] for share in (0.02, 0.3, 0.6, 0.99)}
    cases["gz corrupt member, then a good one"] = before + bytes(corrupt) + gz(last)
    for name, length in (("+100", true_length + 100), ("10**6", 10**6), ("-100", true_length - 100), ("10", 10)):
        cases[f"gz Content-Length {name}, then a good one"] = before + gz(record("https://lie/", length)) + gz(last)
    cases["gz not a WARC (gzip of HTML)"] = gzip.compress(html)
    cases["gz junk member after good ones"] = before + gzip.compress(html) + gz(last)
    for share in (0.02, 0.3, 0.99):
        cases[f"plain cut at {share:.0%} of a record"] = plain + last[: int(len(last) * share)]
    for name, length in (("+100", true_length + 100), ("10**6", 10**6), ("10", 10)):
        cases[f"plain Content-Length {name}, then a good one"] = plain + record("https://lie/", length) + last
    cases["plain not a WARC (HTML)"] = html
    cases["plain NUL padding after good ones"] = plain + bytes(512)
    return cases


def bad_fastwarc(data: bytes, out: list[str]) -> None:
    from fastwarc.warc import ArchiveIterator

    for r in ArchiveIterator(io.BytesIO(data)):
        out.append(f"{r.headers.get('WARC-Target-URI')} CL={r.headers.get('Content-Length')} body={len(r.reader.read())}")


def bad_warcio(data: bytes, out: list[str]) -> None:
    from warcio.archiveiterator import ArchiveIterator

    for r in ArchiveIterator(io.BytesIO(data)):
        out.append(f"{r.rec_headers.get_header('WARC-Target-URI')} CL={r.rec_headers.get_header('Content-Length')} body={len(r.raw_stream.read())}")


def bad_newsclean(data: bytes, out: list[str]) -> None:
    from newsclean.run.warc import WarcReader

    with tempfile.NamedTemporaryFile(suffix=".warc") as fh:
        fh.write(data)
        fh.flush()
        for record in WarcReader(fh.name, "x", 50 << 20):
            result = record.result
            what = "page" if result is None else result.skip or (result.failure and f"{result.failure.kind}: {result.failure.message}")
            out.append(f"{record.origin.url} {what}")


def bad_input() -> None:
    for name, data in broken_archives().items():
        print(f"== {name}")
        for reader, read in (("fastwarc", bad_fastwarc), ("warcio", bad_warcio), ("newsclean", bad_newsclean)):
            got: list[str] = []
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                try:
                    read(data, got)
                    raised = ""
                except Exception as exc:
                    raised = f" RAISES {type(exc).__name__}: {str(exc).strip()[:60]!r}"
            said = f" STDERR {err.getvalue().strip().splitlines()[0]!r}" if err.getvalue().strip() else ""
            print(f"  {reader:9} {' | '.join(got)}{raised}{said}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warc", nargs="?")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bad", action="store_true", help="what each reader does with broken archives")
    args = parser.parse_args()
    if args.bad:
        bad_input()
    elif args.warc:
        speed(args.warc, args.repeat)
    else:
        parser.error("a WARC to read, or --bad")


if __name__ == "__main__":
    main()

"""fastwarc against warcio on one WARC: the work the WARC source does for every record.

Both read every record, look at its type, HTTP status and content type, and read the body of
each HTML 200 response. CPU time (time.process_time), best of ``--repeat``, alternating.

    python bench/warcgen.py /tmp/eval.warc.gz && python bench/warc_readers.py /tmp/eval.warc.gz
"""

from __future__ import annotations

import argparse
import time


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warc")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, read in (("fastwarc", with_fastwarc), ("warcio", with_warcio)):
            start = time.process_time()
            pages, size = read(args.warc)
            best[name] = min(best.get(name, float("inf")), time.process_time() - start)
            print(f"{name:9} {pages:,} pages, {size / 1e6:.0f} MB of bodies, {time.process_time() - start:.2f} s CPU")
    for name, seconds in best.items():
        print(f"best {name:9} {seconds:.2f} s CPU")


if __name__ == "__main__":
    main()

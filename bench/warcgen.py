"""Build a real-sized WARC from the eval pages, for the WARC benchmarks.

Each eval HTML page is served again and again under new URLs until there are ``responses`` HTML
responses; around them go what a crawl also holds: a warcinfo record, one request per response,
metadata records, redirects, 404s, images and PDFs. Some responses come chunked, gzip- or
deflate-encoded. Every record is its own gzip member, as in Common Crawl.

    python bench/warcgen.py /tmp/eval.warc.gz --responses 5000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from warcs import gz, http_response, warc_record  # noqa: E402

EVAL = Path(os.environ.get("NEWSCLEAN_EVAL", "/work/shared/eval"))


def eval_pages(root: Path = EVAL) -> list[Path]:
    """The HTML pages of the eval corpora, in name order."""
    return sorted(p for corpus in ("dev", "news-dev") for p in (root / corpus / "pages").glob("*.html"))


def build_warc(out: Path, responses: int, pages: list[Path] | None = None, seed: int = 1) -> dict[str, int]:
    """Write ``out`` (gzip per record) with ``responses`` HTML 200 responses among other records;
    returns the count of records per kind."""
    pages = pages or eval_pages()
    rng = random.Random(seed)
    counts: dict[str, int] = {}

    def put(fh, kind: str, record: bytes) -> None:
        fh.write(gz(record))
        counts[kind] = counts.get(kind, 0) + 1

    with open(out, "wb") as fh:
        put(fh, "warcinfo", warc_record("warcinfo", b"software: newsclean bench\r\nformat: WARC File Format 1.0\r\n"))
        for i in range(responses):
            page = pages[i % len(pages)]
            uri = f"https://news{i % 97}.example/{i // len(pages)}/{page.stem}"
            date = f"2025-01-{1 + i % 28:02d}T{i % 24:02d}:00:00Z"
            put(fh, "request", warc_record("request", f"GET /{page.stem} HTTP/1.1\r\nHost: example\r\n\r\n".encode(), uri, date))
            style = rng.random()
            body = http_response(page.read_bytes(), chunked=style < 0.1, encoding="gzip" if 0.1 <= style < 0.2 else "deflate" if 0.2 <= style < 0.25 else None)
            put(fh, "html", warc_record("response", body, uri, date))
            other = rng.random()
            if other < 0.15:
                put(fh, "redirect", warc_record("response", http_response(b"", "301 Moved Permanently", None, [("Location", uri + "/")]), uri + "?r", date))
            elif other < 0.25:
                put(fh, "not_found", warc_record("response", http_response(b"<html><body>Not found</body></html>", "404 Not Found"), uri + "/x", date))
            elif other < 0.40:
                put(fh, "image", warc_record("response", http_response(rng.randbytes(rng.randrange(2_000, 40_000)), content_type="image/jpeg"), uri + ".jpg", date))
            elif other < 0.45:
                put(fh, "pdf", warc_record("response", http_response(b"%PDF-1.4 " + rng.randbytes(30_000), content_type="application/pdf"), uri + ".pdf", date))
            elif other < 0.55:
                put(fh, "metadata", warc_record("metadata", b"fetchTimeMs: 120\r\n", uri, date))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--responses", type=int, default=5000)
    args = parser.parse_args()
    counts = build_warc(args.out, args.responses)
    print(f"{args.out}: {sum(counts.values()):,} records {counts}, {args.out.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()

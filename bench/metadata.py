"""Metadata accuracy of newsclean, trafilatura and newspaper4k on the same pages, in one run.

    python bench/metadata.py /work/shared/eval/news-dev
    python bench/metadata.py /work/shared/eval/dev --tools newsclean,trafilatura --limit 100

Every page of ``CORPUS_DIR/gold.jsonl`` is read from the same bytes by each tool: newsclean via
``newsclean.clean`` (on the ``.html`` page and on its ``.txt`` dump), trafilatura via
``bare_extraction(with_metadata=True)`` and newspaper4k (``pip install -e '.[bench]'``; skipped
with a note when missing) on the HTML. The figures are the ones of the corpus's own ``score.py
--news`` (loaded with :func:`accuracy.load_scorer`): title exact match after whitespace
normalisation, authors set-F1, published same calendar day, lead token-F1.

``published`` is shown twice: over the pages where gold and prediction both give a date (as
``score.py`` prints it) and over all pages with a gold date, where a missing date is wrong.

A news corpus (``news-dev``) has full gold. For the snippet corpus (``dev``) the gold has
``title``, ``author`` (a string such as "Anna Schmidt und Jan Müller", split here into names at
``,`` ``;`` ``&`` and ``und``) and ``date`` on some pages; there is no lead.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from accuracy import load_scorer

from newsclean import CleanConfig, NewscleanError, clean

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)
logging.getLogger("newspaper").setLevel(logging.CRITICAL)

TOOLS = ("newsclean", "trafilatura", "newspaper4k")
FIELDS = ("title", "authors", "published", "lead")
_GOLD_NAME_SPLIT = re.compile(r"\s*(?:[,;&]|\bund\b)\s*")


def gold_records(corpus: Path) -> dict[str, dict]:
    """Gold in the shape ``score.score_news`` reads, for news and snippet corpora alike."""
    gold = {}
    for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "body" in row:  # news corpus: full gold
            body_text = "\n".join(([row["lead"]] if row.get("lead") else []) + row["body"])
            authors, published = row.get("authors"), row.get("published")
        else:  # snippet corpus: metadata where annotated
            body_text = ""
            author = row.get("author")
            names = author if isinstance(author, list) else _GOLD_NAME_SPLIT.split(author or "")
            authors = [n for n in names if n.strip()] or None
            published = row.get("date") or None
        gold[row["id"]] = {"body_text": body_text, "lead": row.get("lead") or None, "title": row.get("title") or None,
                           "authors": authors, "published": published, "url": row.get("url")}
    return gold


def run_newsclean(data: bytes, fmt: str, url: str | None) -> dict:
    try:
        a = clean(data, CleanConfig(format=fmt))
    except NewscleanError:
        return {}
    # (the maintainers score authors with agencies: "dpa" is a byline too)
    return {"text": a.text, "title": a.title, "authors": [*a.authors, *a.agencies] or None, "published": a.published,
            "lead": a.lead}


def run_trafilatura(data: bytes, fmt: str, url: str | None) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(data.decode("utf-8", "replace"), with_metadata=True, include_comments=False, url=url)
    if doc is None:
        return {}
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {"text": doc.text, "title": doc.title, "authors": authors, "published": doc.date, "lead": doc.description}


def run_newspaper(data: bytes, fmt: str, url: str | None) -> dict:
    from newspaper import Article

    art = Article(url or "https://example.org/", language="de", fetch_images=False)
    art.download(input_html=data.decode("utf-8", "replace"))
    art.parse()
    published = art.publish_date.isoformat() if art.publish_date else None
    return {"text": art.text, "title": art.title, "authors": list(art.authors), "published": published,
            "lead": art.meta_description or None}


def available(tool: str) -> bool:
    if tool != "newspaper4k":
        return True
    try:
        import newspaper  # noqa: F401
    except ImportError:
        print("newspaper4k is not installed (pip install -e '.[bench]'): skipped", file=sys.stderr)
        return False
    return True


def collect(corpus: Path, gold: dict[str, dict], tool: str, fmt: str, ids: list[str]) -> tuple[dict[str, dict], float]:
    runner: Callable[[bytes, str, str | None], dict] = {
        "newsclean": run_newsclean, "trafilatura": run_trafilatura, "newspaper4k": run_newspaper}[tool]
    preds, spent = {}, 0.0
    for pid in ids:
        data = (corpus / "pages" / f"{pid}.{'html' if fmt == 'html' else 'txt'}").read_bytes()
        start = time.perf_counter()
        try:
            out = runner(data, fmt, gold[pid]["url"])
        except Exception as err:  # an anchor crashing on a page scores as an empty extraction
            print(f"{tool} failed on {pid}: {err.__class__.__name__}", file=sys.stderr)
            out = {}
        spent += time.perf_counter() - start
        preds[pid] = {"text": out.get("text"), "title": out.get("title"), "authors": out.get("authors") or None,
                      "published": out.get("published"), "lead": out.get("lead")}
    return preds, spent


def figures(scorer, gold: dict[str, dict], preds: dict[str, dict]) -> dict[str, str]:
    summary, _ = scorer.score_news(gold, preds)
    pub = summary["published"]
    return {
        "title": f"{summary['title']['exact']:.3f}",
        "authors": f"{summary['authors']['set_f1']:.3f}" if summary["authors"]["gold_pages"] else "–",
        "published": f"{pub['same_day']:.3f} ({pub['matched']}/{pub['both_present']})",
        "published_all": f"{pub['matched'] / pub['gold_pages']:.3f} ({pub['matched']}/{pub['gold_pages']})"
        if pub["gold_pages"] else "–",
        "lead": f"{summary['lead']['f1']:.3f}" if summary["lead"]["gold_pages"] else "–",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="corpus folder with gold.jsonl and pages/")
    ap.add_argument("--tools", default=",".join(TOOLS), help=f"comma-separated subset of {','.join(TOOLS)}")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--scorer", type=Path, help="score.py to use (default: next to the corpus folder)")
    ap.add_argument("--save", type=Path, help="write each run's predictions as JSONL into this folder")
    args = ap.parse_args(argv)

    scorer = load_scorer(args.scorer or args.corpus.resolve().parent / "score.py")
    gold = gold_records(args.corpus)
    ids = sorted(gold)[: args.limit or None]
    gold = {pid: gold[pid] for pid in ids}
    runs = [(t, "html") for t in args.tools.split(",") if t in TOOLS and available(t)]
    if "newsclean" in args.tools.split(","):
        runs.append(("newsclean", "text"))

    print(f"{args.corpus.name}: {len(ids)} pages; gold title {sum(bool(g['title']) for g in gold.values())}, "
          f"authors {sum(bool(g['authors']) for g in gold.values())}, "
          f"date {sum(bool(g['published']) for g in gold.values())}, lead {sum(bool(g['lead']) for g in gold.values())}")
    header = f"{'input':5} {'tool':12} {'title':>6} {'authors':>8} {'published (both)':>17} {'published (all)':>17} {'lead':>6} {'pages/s':>8}"
    print(header)
    for tool, fmt in runs:
        preds, spent = collect(args.corpus, gold, tool, fmt, ids)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            with open(args.save / f"{tool}-{fmt}.jsonl", "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps({"id": k, **v}, ensure_ascii=False) + "\n" for k, v in preds.items())
        f = figures(scorer, gold, preds)
        print(f"{'html' if fmt == 'html' else 'txt':5} {tool:12} {f['title']:>6} {f['authors']:>8} {f['published']:>17} "
              f"{f['published_all']:>17} {f['lead']:>6} {len(ids) / spent if spent else 0:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

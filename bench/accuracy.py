"""Accuracy and speed of newsclean against bare trafilatura, on the same pages in one run.

    python bench/accuracy.py /work/shared/eval/dev --format html
    python bench/accuracy.py /work/shared/eval/news-dev --news --format both --limit 20

For every page of ``CORPUS_DIR/gold.jsonl`` both extractors read the same bytes: newsclean via
``newsclean.clean`` and trafilatura via ``trafilatura.extract`` with the benchmark's settings
(``include_comments=False, include_tables=True, include_formatting=False``). On ``.txt`` dumps
trafilatura gets a page with one ``<p>`` per dump line. Scoring uses the corpus's own
``score.py`` (found next to the corpus folder, or given with ``--scorer``), so the figures are the
ones ``score.py`` prints. Nothing is written unless ``--save DIR`` asks for the predictions, and
never inside this repository.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import trafilatura

from newsclean import CleanConfig, NewscleanError, clean
from newsclean.text.language import load_profiles

REPO = Path(__file__).resolve().parent.parent
EXTRACTORS = ("newsclean", "trafilatura")
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@dataclass(slots=True)
class Run:
    """Predictions and time spent by one extractor on one input format."""

    extractor: str
    fmt: str
    seconds: float = 0.0
    preds: dict[str, dict] = field(default_factory=dict)


def load_scorer(path: Path) -> ModuleType:
    sys.dont_write_bytecode = True  # importing score.py must not leave a __pycache__ behind
    spec = importlib.util.spec_from_file_location("eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_newsclean(data: bytes, fmt: str) -> dict:
    try:
        article = clean(data, CleanConfig(format="html" if fmt == "html" else "text"))
    except NewscleanError:
        return {"text": None}
    return {
        "text": article.text,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "lead": article.lead,
    }


def lines_as_html(data: bytes) -> str:
    """A text dump as a page of one ``<p>`` per non-empty line (how trafilatura reads dumps)."""
    lines = data.decode("utf-8", errors="replace").splitlines()
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return f"<html><body>{body}</body></html>"


def run_trafilatura(data: bytes | str) -> dict:
    text = trafilatura.extract(
        data, include_comments=False, include_tables=True, include_formatting=False
    )
    return {"text": text}


def extract_all(corpus: Path, ids: list[str], formats: list[str]) -> list[Run]:
    runs = {(e, f): Run(e, f) for f in formats for e in EXTRACTORS}
    load_profiles()  # (untimed: the warm-up page, German, is told without them)
    for fmt in formats:  # untimed warm-up: lazy imports, phrase tables, language profiles
        data = (corpus / "pages" / f"{ids[0]}.{fmt}").read_bytes()
        run_newsclean(data, fmt)
        run_trafilatura(data if fmt == "html" else lines_as_html(data))
    for n, pid in enumerate(ids):
        for fmt in formats:
            data = (corpus / "pages" / f"{pid}.{fmt}").read_bytes()
            calls: dict[str, Callable[[], dict]] = {
                "newsclean": lambda d=data, f=fmt: run_newsclean(d, f),
                "trafilatura": (lambda d=data: run_trafilatura(d)) if fmt == "html"
                else (lambda d=data: run_trafilatura(lines_as_html(d))),
            }
            # trafilatura caches per text line (lru_cache): whoever runs second on a page is
            # faster, so each extractor goes first on every other page
            order = list(calls.items()) if n % 2 == 0 else list(calls.items())[::-1]
            for name, call in order:
                # CPU time of this process: other jobs on a shared machine barely move it
                start = time.process_time()
                pred = call()
                runs[name, fmt].seconds += time.process_time() - start
                runs[name, fmt].preds[pid] = pred
    return list(runs.values())


def score_run(scorer: ModuleType, gold_path: Path, ids: list[str], run: Run, news: bool) -> dict:
    """precision, recall, f1 by score.py's rules (news: body token micro average)."""
    if news:
        gold = {pid: g for pid, g in scorer.load_news_gold(str(gold_path)).items() if pid in ids}
        empty = {"text": None, "title": None, "authors": None, "published": None, "lead": None}
        preds = {pid: {**empty, **p} for pid, p in run.preds.items()}
        summary, _ = scorer.score_news(gold, preds)
        return summary["body_micro"]
    gold = scorer.load_gold(str(gold_path))
    totals = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for pid in ids:
        page = scorer.score_page(gold[pid], run.preds[pid]["text"], True)
        for key in totals:
            totals[key] += page[key]
    return scorer.ratios(**totals)


def save_predictions(out_dir: Path, runs: list[Run], ids: list[str]) -> None:
    out_dir = out_dir.resolve()
    if out_dir == REPO or REPO in out_dir.parents:
        raise SystemExit(f"--save {out_dir}: predictions are not written inside the repository")
    out_dir.mkdir(parents=True, exist_ok=True)
    for run in runs:
        with open(out_dir / f"{run.extractor}-{run.fmt}.jsonl", "w", encoding="utf-8") as fh:
            for pid in ids:
                fh.write(json.dumps({"id": pid, **run.preds[pid]}, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="corpus folder with gold.jsonl and pages/")
    ap.add_argument("--format", choices=("html", "txt", "both"), default="html")
    ap.add_argument("--news", action="store_true", help="news corpus: body token P/R/F1 (micro)")
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N pages")
    ap.add_argument("--scorer", type=Path, default=None, help="score.py (default: CORPUS/../score.py)")
    ap.add_argument("--save", type=Path, default=None, metavar="DIR",
                    help="also write each extractor's predictions as JSONL into DIR (for score.py --per-page)")
    args = ap.parse_args(argv)

    gold_path = args.corpus / "gold.jsonl"
    scorer = load_scorer(args.scorer or args.corpus.resolve().parent / "score.py")
    ids = [json.loads(line)["id"] for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = ids[: args.limit] if args.limit else ids
    formats = ["html", "txt"] if args.format == "both" else [args.format]

    runs = extract_all(args.corpus, ids, formats)
    if args.save:
        save_predictions(args.save, runs, ids)

    metric = "body token micro" if args.news else "snippets"
    print(f"{args.corpus} ({len(ids)} pages, {metric})")
    print(f"{'format':6} {'extractor':12} {'P':>6} {'R':>6} {'F1':>6} {'ms/page':>8} {'pages/s':>8} {'ratio':>6}")
    for fmt in formats:
        base = next(r for r in runs if r.fmt == fmt and r.extractor == "trafilatura").seconds
        for run in (r for r in runs if r.fmt == fmt):
            fig = score_run(scorer, gold_path, ids, run, args.news)
            ratio = run.seconds / base if base else float("nan")
            print(f"{fmt:6} {run.extractor:12} {fig['precision']:6.3f} {fig['recall']:6.3f} "
                  f"{fig['f1']:6.3f} {run.seconds / len(ids) * 1000:8.2f} {len(ids) / run.seconds:8.1f} {ratio:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""CPU time per page of this checkout against another one (an older commit), side by side.

    python bench/side_by_side.py --old /path/to/checkout-of-02737b8
    python bench/side_by_side.py --old ../base --format text --rounds 9 --limit 100

Both run with this interpreter (so with the same libraries), each in a fresh process that
imports ``newsclean`` from its checkout's ``src/``; the two take turns, ``--rounds`` times, and
the best (lowest) CPU time of each is kept: other work on a shared machine only ever adds
time. A process reads the pages first, runs the version's own warm-up (what a batch's workers
load before their first page: trafilatura, the language profiles, ftfy, the date guesser) and
cleans five pages untimed, then times one pass of ``clean`` over all pages with
``time.process_time``, page by page. Each page's time is the least of its rounds (a page is
unlikely to meet another job's burst in every round, where a whole pass always meets some), and
the sum of those is the figure; the best whole pass is printed beside it. Pages a
version cannot clean (no article) count with the time spent on them.

Prints ms per page for each format and the ratio new / old; the issue's goal for a refactor
was HTML within 5% and dumps within 15% of the old commit.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EVAL = Path("/work/shared/eval")
FORMATS = {"html": ".html", "text": ".txt"}


def pages(corpora: list[Path], suffix: str, limit: int | None) -> list[Path]:
    found = [p for corpus in corpora for p in sorted((corpus / "pages").glob(f"*{suffix}"))]
    return found[:limit] if limit else found


def child(fmt: str, files: list[str]) -> None:
    """One timed pass, in a process of its own; prints the CPU seconds and where newsclean is."""
    import newsclean
    from newsclean import CleanConfig, NewscleanError, clean

    try:
        from newsclean.pipeline import warm_up
    except ImportError:  # a commit before the warm-up moved to the core (02737b8)
        from newsclean.batch import _warm_up as warm_up

    data = [Path(f).read_bytes() for f in files]
    config = CleanConfig(format=fmt)

    def run(batch: list[bytes]) -> list[float]:
        seconds = []
        for page in batch:
            start = time.process_time()
            try:
                clean(page, config)
            except NewscleanError:
                pass
            seconds.append(time.process_time() - start)
        return seconds

    warm_up()
    run(data[:5])
    print(json.dumps({"pages": run(data), "module": newsclean.__file__}))


def measure(checkout: Path, fmt: str, files: list[Path]) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    args = [sys.executable, __file__, "--child", fmt, *map(str, files)]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    if not Path(result["module"]).resolve().is_relative_to(checkout.resolve()):
        raise SystemExit(f"{checkout}: newsclean was imported from {result['module']}")
    return result["pages"]


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="a checkout of the older commit")
    parser.add_argument("--new", type=Path, default=REPO, help="the checkout to test (default: this one)")
    parser.add_argument("--format", choices=("html", "text", "both"), default="both")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--limit", type=int, help="at most this many pages per format")
    parser.add_argument("--corpus", type=Path, action="append", help=f"default: {EVAL}/dev and {EVAL}/news-dev")
    args = parser.parse_args()
    corpora = args.corpus or [EVAL / "dev", EVAL / "news-dev"]
    for fmt in ("html", "text") if args.format == "both" else (args.format,):
        files = pages(corpora, FORMATS[fmt], args.limit)
        best = {"old": [float("inf")] * len(files), "new": [float("inf")] * len(files)}
        totals: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(args.rounds):
            for side in ("old", "new"):
                seconds = measure(getattr(args, side), fmt, files)
                best[side] = list(map(min, best[side], seconds))
                totals[side].append(sum(seconds))
        old, new = (sum(best[side]) / len(files) * 1000 for side in ("old", "new"))
        old_pass, new_pass = (min(totals[side]) / len(files) * 1000 for side in ("old", "new"))
        print(f"{fmt:5} {len(files)} pages, {args.rounds} rounds: old {old:.2f} ms/page, new {new:.2f} ms/page, "
              f"new/old {new / old:.3f} (best pass: old {old_pass:.2f}, new {new_pass:.2f}, {new_pass / old_pass:.3f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

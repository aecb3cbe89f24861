"""Throughput and memory of ``newsclean batch`` on a web archive, against trafilatura's CLI.

    python bench/warc_bench.py                       # 5,000 HTML responses among ~12,700 records
    python bench/warc_bench.py --responses 300       # a quick check
    python bench/warc_bench.py --flat                # also a WARC twice the size: memory stays flat

It builds, under ``--workdir`` (never in this repository), a gzip-per-record WARC from the eval
pages (bench/warcgen.py: every HTML page served again and again under new URLs, among requests,
redirects, 404s, images, PDFs and metadata records; some bodies chunked or compressed), and the
same pages as files (the bodies as a browser gets them). Then it runs, each as a fresh process:

* ``newsclean batch WARC OUT --workers N`` for each N of ``--workers`` (default 1 and 2),
* right after it, ``trafilatura --input-dir PAGES --output-dir OUT --json --with-metadata
  --parallel N`` on the pages as files, for the same N (``--rounds R``: the pair R times),
* rows added by :func:`extra_runs` (the hook for other engines, e.g. a Dask LocalCluster).

For each: wall time, records/s (every WARC record) and pages/s (HTML responses; for trafilatura
the same pages as files), CPU seconds of the process tree and of its top process alone (for
newsclean the parent, which reads the WARC and writes the shard; the rest is its workers'), CPU
milliseconds per page, and the peak memory of the process tree (PSS summed over the process and
its children, sampled every 0.2 s; see throughput.py). ``--warc PATH`` runs on an archive made
before (by warcgen.py) instead of building one.

Goals (the lead measures them on a quiet machine): 2 workers >= 1.8x one; >= 1.3x
trafilatura's CLI at equal workers; peak memory < 500 MB for 2 workers, and flat whatever the
WARC's size (``--flat``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

from throughput import BIN, Measurement, measure
from warcgen import build_warc, eval_pages

from newsclean.run.warc import WarcReader, decode_body


def pages_as_files(warc: Path, target: Path) -> int:
    """Write the body of every HTML response of ``warc`` to ``target/NNNNN.html``, decoded as
    newsclean decodes it; returns how many."""
    target.mkdir(parents=True)
    count = 0
    for record in WarcReader(str(warc), warc.name, 50 * 1024 * 1024):
        if record.page is not None:
            (target / f"{count:05d}.html").write_bytes(decode_body(record.page, 50 * 1024 * 1024))
            count += 1
    return count


def extra_runs(warc: Path, work: Path, workers: int) -> list[tuple[str, list[str]]]:
    """More ``(label, command)`` rows for ``workers`` workers on the same WARC: the Dask engine
    on a LocalCluster of ``workers`` single-threaded worker processes (warc_dask.py --one; its
    wall time includes starting the cluster, 2-4 s, which a long-lived cluster does not pay:
    warc_dask.py alone times the run only)."""
    dask = [sys.executable, str(Path(__file__).with_name("warc_dask.py")), "--one", "dask", str(warc), str(work / f"out-dask-{workers}"), str(workers)]
    return [(f"Dask LocalCluster, {workers} worker(s)", dask)]


def pair_ratios(runs: list[Measurement], workers: int) -> list[float]:
    """newsclean's pages/s over trafilatura's CLI's for each round at ``workers`` workers: each
    newsclean run against the trafilatura run right after it (a pair shares the machine's
    state of those minutes; the median of the pairs is the figure, not one round's)."""
    ours, theirs = f"newsclean batch WARC, {workers} worker(s)", f"trafilatura CLI on the pages, --parallel {workers}"
    return [a.rate / b.rate for a, b in pairwise(runs) if a.label == ours and b.label == theirs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=5000, help="HTML responses in the WARC (default: %(default)s)")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated (default: %(default)s)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsclean-warc-bench"), help="scratch folder, emptied first (default: %(default)s)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura CLI runs")
    parser.add_argument("--flat", action="store_true", help="also run the largest worker count on a WARC twice the size")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder afterwards")
    parser.add_argument("--warc", type=Path, help="an archive made before (warcgen.py) instead of a new one of --responses")
    parser.add_argument("--rounds", type=int, default=1, help="runs of newsclean and trafilatura's CLI, alternating, per worker count (default: %(default)s)")
    args = parser.parse_args()
    counts = sorted({int(n) for n in args.workers.split(",")})

    work = args.workdir
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if args.warc is not None:
        warc = args.warc
        kinds = dict(Counter("html" if r.page is not None else "other" for r in WarcReader(str(warc), warc.name, 50 * 1024 * 1024)))
    else:
        warc = work / "bench.warc.gz"
        kinds = build_warc(warc, args.responses, eval_pages())
    records = sum(kinds.values())
    pages = pages_as_files(warc, work / "pages")
    newsclean, trafilatura = str(BIN / "newsclean"), str(BIN / "trafilatura")
    runs: list[tuple[Measurement, int]] = []  # with the records each run read
    # newsclean and trafilatura's CLI at the same worker count one right after the other: on a
    # shared machine the speed of a CPU second drifts by a tenth within minutes, and a ratio
    # of two runs a quarter of an hour apart measures that drift too
    for workers in counts:
        for _ in range(args.rounds):
            cmd = [newsclean, "batch", str(warc), str(work / f"out-{workers}"), "--workers", str(workers), "--quiet"]
            shutil.rmtree(work / f"out-{workers}", ignore_errors=True)
            runs.append((measure(f"newsclean batch WARC, {workers} worker(s)", cmd, pages), records))
            if not args.no_trafilatura:
                out = work / f"out-trafilatura-{workers}"
                shutil.rmtree(out, ignore_errors=True)
                cmd = [trafilatura, "--input-dir", str(work / "pages"), "--output-dir", str(out), "--json", "--with-metadata", "--parallel", str(workers)]
                runs.append((measure(f"trafilatura CLI on the pages, --parallel {workers}", cmd, pages), pages))
        for label, extra in extra_runs(warc, work, workers):
            runs.append((measure(label, extra, pages), records))
    if args.flat:
        big = work / "big.warc.gz"
        big_kinds = build_warc(big, 2 * args.responses, eval_pages())
        workers = counts[-1]
        cmd = [newsclean, "batch", str(big), str(work / "out-big"), "--workers", str(workers), "--quiet"]
        runs.append((measure(f"newsclean batch WARC x2, {workers} worker(s)", cmd, big_kinds.get("html", 0)), sum(big_kinds.values())))

    print(f"\n{os.cpu_count()} cores; WARC: {records:,} records ({pages:,} HTML pages) {kinds}, {warc.stat().st_size / 1e6:.0f} MB\n")
    print(f"{'run':<50} {'seconds':>8} {'records/s':>10} {'pages/s':>8} {'CPU s':>7} {'own CPU s':>9} {'CPU ms/page':>11} {'tree PSS MB':>12} {'load':>5} {'exit':>5}")
    for m, read in runs:
        print(f"{m.label:<50} {m.seconds:>8.1f} {read / m.seconds:>10.1f} {m.rate:>8.1f} {m.cpu_seconds:>7.1f} {m.own_cpu_seconds:>9.1f}"
              f" {1000 * m.cpu_seconds / m.files:>11.1f} {m.tree_pss_mb:>12.0f} {m.load:>5.1f} {m.status:>5}")
    print("(own CPU: the top process's alone, for newsclean the parent that reads the WARC and writes the shard; the rest")
    print(" is its workers'. load: 1-minute load average when the run ended; above the core count, wall-clock rates are")
    print(" shared with others)")
    by_label = {m.label: m for m, _ in runs}  # (with --rounds: the last round)
    one, most = by_label.get("newsclean batch WARC, 1 worker(s)"), by_label.get(f"newsclean batch WARC, {counts[-1]} worker(s)")
    if one and most and most is not one:
        print(f"\nnewsclean speed-up with {counts[-1]} workers: {most.rate / one.rate:.2f}x (goal >= 1.8x for 2)")
    for workers in counts:
        ratios = pair_ratios([m for m, _ in runs], workers)
        if ratios:
            each = ", ".join(f"{r:.2f}x" for r in ratios)
            print(f"newsclean (WARC) / trafilatura CLI (files) at {workers} worker(s): {statistics.median(ratios):.2f}x"
                  f" (goal >= 1.3x; median of the rounds' pairs: {each})")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())

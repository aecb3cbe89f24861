"""The Dask engine against the local one, on one machine: records/s and peak memory.

    .venv/bin/python bench/warc_dask.py [--responses 5000] [--workers 2] [--rounds 2] [--warc PATH]

Builds a WARC from the eval pages (bench/warcgen.py: HTML responses among requests, metadata,
redirects, 404s, images, PDFs; gzip per record) once, then runs, alternating, ``--rounds`` times:

    local   newsclean batch WARC OUT --workers N            (the local process pool)
    dask    the same batch with --scheduler on a Dask LocalCluster of N single-threaded
            worker processes, started before the clock starts (a cluster is long-lived)

Each run is a child process; its wall time is what the run itself reports (Summary.seconds),
and its peak memory the largest PSS of the child and all its descendants (pool workers, Dask
scheduler and workers; throughput.tree_memory_kb, as warc_bench.py), sampled every 0.1 s. Printed: best wall time,
records/s (all WARC records, skipped ones included) and HTML pages/s, peak memory, and the
Dask/local time ratio (goal: <= 1.15). The machine is shared: the figures are sanity checks;
the lead measures on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import tree_memory_kb  # noqa: E402
from warcgen import build_warc  # noqa: E402


def run_one(engine: str, warc: str, out: str, workers: int) -> None:
    """One batch run (``--one``; also warc_bench.py's Dask row): prints its Summary as JSON."""
    from newsclean.run.batch import BatchOptions, run

    options = BatchOptions(in_dir=warc, out_dir=out, workers=workers)
    if engine == "dask":
        import dask
        from distributed import LocalCluster

        dask.config.set({"distributed.worker.daemon": False})  # a task's pool has a child process
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        options = replace(options, scheduler=cluster.scheduler_address)
    summary = run(options)
    print(json.dumps({"seconds": summary.seconds, "kept": summary.kept, "failed": summary.failed, "skipped": summary.skipped}), flush=True)
    os._exit(0)  # the LocalCluster's teardown is not part of the run


def run_once(engine: str, warc: Path, workers: int) -> tuple[dict, int]:
    out = Path(tempfile.mkdtemp(prefix=f"nc-bench-{engine}-"))
    try:
        child = subprocess.Popen([sys.executable, __file__, "--one", engine, str(warc), str(out), str(workers)], stdout=subprocess.PIPE, text=True)
        peak = 0
        while child.poll() is None:
            peak = max(peak, tree_memory_kb(child.pid) * 1024)
            time.sleep(0.1)
        report = json.loads(child.stdout.read().strip().splitlines()[-1])
        return report, peak
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warc", type=Path, help="use this WARC instead of building one")
    parser.add_argument("--one", nargs=4, metavar=("ENGINE", "WARC", "OUT", "WORKERS"), help="run one batch (local or dask) and print its counts")
    args = parser.parse_args()
    if args.one:
        engine, warc, out, workers = args.one
        return run_one(engine, warc, out, int(workers))
    folder = Path(tempfile.mkdtemp(prefix="nc-bench-warc-"))
    try:
        warc = args.warc or folder / "eval.warc.gz"
        if args.warc is None:
            counts = build_warc(warc, args.responses)
            print(f"built {warc}: {sum(counts.values()):,} records ({counts.get('html', args.responses):,} HTML responses), {os.path.getsize(warc) / 1e6:.0f} MB")
        results: dict[str, list[tuple[dict, int]]] = {"local": [], "dask": []}
        for _ in range(args.rounds):
            for engine in results:
                results[engine].append(run_once(engine, warc, args.workers))
        best = {}
        for engine, runs in results.items():
            report, _ = min(runs, key=lambda r: r[0]["seconds"])
            peak = max(p for _, p in runs)
            records = report["kept"] + report["failed"] + report["skipped"]
            best[engine] = report["seconds"]
            print(f"{engine:5} {args.workers} workers: {report['seconds']:7.1f} s  {records / report['seconds']:7.1f} records/s  {(report['kept'] + report['failed']) / report['seconds']:6.1f} pages/s  peak {peak / 2**20:6.0f} MB  (kept {report['kept']:,}, failed {report['failed']:,})")
        print(f"dask / local time: {best['dask'] / best['local']:.2f} (goal <= 1.15)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

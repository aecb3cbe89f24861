"""The Dask engine against the local one, on one machine: records/s and peak memory.

    .venv/bin/python bench/warc_dask.py [--responses 5000] [--workers 2] [--rounds 2] [--warc PATH]
                                        [--chunk-bytes N]

Builds a WARC from the eval pages (bench/warcgen.py: HTML responses among requests, metadata,
redirects, 404s, images, PDFs; gzip per record) once, then runs, alternating, ``--rounds`` times:

    local   newsclean batch WARC OUT --workers N            (the local process pool)
    dask    the same batch with --scheduler on a Dask LocalCluster of N single-threaded
            worker processes, started before the clock starts (a cluster is long-lived)

Each run is a child process; its wall time is what the run itself reports (Summary.seconds:
for both engines it includes loading what pages need, the warm-up), its CPU seconds those of
the child and all its descendants during the run (throughput.tree_cpu_seconds; for Dask the
scheduler, which a LocalCluster runs in the child, and the workers), and its peak memory the largest PSS of the child and all its descendants (pool workers, Dask
scheduler and workers; throughput.tree_memory_kb, as warc_bench.py), sampled every 0.1 s. Printed: best wall time,
records/s (all WARC records, skipped ones included) and HTML pages/s, peak memory, and the
Dask/local time ratio (goal: <= 1.15) and CPU ratio. ``--chunk-bytes`` sets the chunk size of
both engines: a small WARC with small chunks has as many chunks as a big one (a quick check of
how the work is spread). The machine is shared: the figures are sanity checks; the lead
measures on a quiet machine.
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
from throughput import tree_cpu_seconds, tree_memory_kb  # noqa: E402
from warcgen import build_warc  # noqa: E402


def run_one(engine: str, warc: str, out: str, workers: int, chunk_bytes: int | None = None) -> None:
    """One batch run (``--one``; also warc_bench.py's Dask row): prints its Summary as JSON."""
    from newsclean.run.batch import BatchOptions, run
    from newsclean.run.shards import CHUNK_BYTES

    options = BatchOptions(in_dir=warc, out_dir=out, workers=workers, chunk_bytes=chunk_bytes or CHUNK_BYTES)
    if engine == "dask":
        import dask
        from distributed import LocalCluster

        # the README's cluster settings: a task's pool has a child process (no daemons), and the
        # worker mostly waits for that child: no statistical profiler, and Dask's event-loop,
        # system and memory checks every second or five, not every 20, 500 and 100 ms
        dask.config.set({
            "distributed.worker.daemon": False,
            "distributed.worker.profile.enabled": False,
            "distributed.admin.tick.interval": "1s",
            "distributed.admin.system-monitor.interval": "5s",
            "distributed.worker.memory.monitor-interval": "1s",
        })
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        options = replace(options, scheduler=cluster.scheduler_address)
    cpu = tree_cpu_seconds(os.getpid())
    summary = run(options)
    cpu = tree_cpu_seconds(os.getpid()) - cpu
    print(json.dumps({"seconds": summary.seconds, "cpu": cpu, "kept": summary.kept, "failed": summary.failed, "skipped": summary.skipped}), flush=True)
    if engine == "dask":
        # its workers are this process's children: stopped and reaped, their CPU time counts in
        # this process's rusage (warc_bench.py's Dask row), which they would escape if orphaned
        cluster.close(timeout=30)
    os._exit(0)  # the rest of the teardown is not part of the run


def run_once(engine: str, warc: Path, workers: int, chunk_bytes: int | None) -> tuple[dict, int]:
    out = Path(tempfile.mkdtemp(prefix=f"nc-bench-{engine}-"))
    try:
        chunks = ["--chunk-bytes", str(chunk_bytes)] if chunk_bytes else []
        child = subprocess.Popen([sys.executable, __file__, "--one", engine, str(warc), str(out), str(workers), *chunks], stdout=subprocess.PIPE, text=True)
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
    parser.add_argument("--chunk-bytes", type=int, help="chunk size of both engines (default: the batch default, 8 MiB); a small WARC with small chunks has as many chunks as a big one")
    parser.add_argument("--one", nargs=4, metavar=("ENGINE", "WARC", "OUT", "WORKERS"), help="run one batch (local or dask) and print its counts")
    args = parser.parse_args()
    if args.one:
        engine, warc, out, workers = args.one
        return run_one(engine, warc, out, int(workers), args.chunk_bytes)
    folder = Path(tempfile.mkdtemp(prefix="nc-bench-warc-"))
    try:
        warc = args.warc or folder / "eval.warc.gz"
        if args.warc is None:
            counts = build_warc(warc, args.responses)
            print(f"built {warc}: {sum(counts.values()):,} records ({counts.get('html', args.responses):,} HTML responses), {os.path.getsize(warc) / 1e6:.0f} MB")
        results: dict[str, list[tuple[dict, int]]] = {"local": [], "dask": []}
        for _ in range(args.rounds):
            for engine in results:
                results[engine].append(run_once(engine, warc, args.workers, args.chunk_bytes))
        best, cpu = {}, {}
        for engine, runs in results.items():
            report, _ = min(runs, key=lambda r: r[0]["seconds"])
            peak = max(p for _, p in runs)
            records = report["kept"] + report["failed"] + report["skipped"]
            best[engine], cpu[engine] = report["seconds"], min(r["cpu"] for r, _ in runs)
            print(f"{engine:5} {args.workers} workers: {report['seconds']:7.1f} s  {records / report['seconds']:7.1f} records/s  {(report['kept'] + report['failed']) / report['seconds']:6.1f} pages/s  CPU {cpu[engine]:6.1f} s  peak {peak / 2**20:6.0f} MB  (kept {report['kept']:,}, failed {report['failed']:,})")
        print(f"dask / local time: {best['dask'] / best['local']:.2f} (goal <= 1.15); CPU seconds: {cpu['dask'] / cpu['local']:.2f}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Throughput and memory of ``newsclean batch`` against trafilatura's own CLI, in one run.

    python bench/throughput.py                       # 2,000 HTML files + 20,000 text dumps
    python bench/throughput.py --files 200 --text-files 1000   # a quick check

It builds its folders under /tmp (never in this repository) from the eval pages: the ``.html``
pages of ``EVAL/dev/pages`` linked (or copied) into ``copy-NNN/`` subfolders until there are
``--files`` of them, and the ``.txt`` dumps the same way up to ``--text-files``. Then it runs,
each as a fresh process and on the same folder:

* ``newsclean batch HTML OUT --workers 1`` and ``--workers N`` (N = all cores),
* ``trafilatura --input-dir HTML --output-dir OUT --json --no-comments --parallel P``
  for P = 1 and N,
* ``newsclean batch TEXT OUT --workers N`` over the text dumps,

and prints pages/s (files / wall time, start-up included), CPU seconds of the whole process
tree (so pages per CPU-second, which other load on a shared machine disturbs less) and memory: ``tree PSS`` is the peak,
sampled every 0.2 s, of the proportional set size summed over the process and all its children
(shared pages counted once), ``max RSS`` the largest single process (``os.wait4``'s rusage).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
_SAMPLE_EVERY = 0.2


@dataclass(slots=True)
class Measurement:
    label: str
    files: int
    seconds: float
    cpu_seconds: float
    tree_pss_mb: float
    max_rss_mb: float
    load: float
    status: int
    #: CPU seconds of the top process alone (its children's not counted): for ``newsclean
    #: batch`` the parent that reads the input and writes the output while the workers clean
    own_cpu_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.files / self.seconds


def build_folder(pages: list[Path], target: Path, count: int) -> Path:
    """``count`` files in ``target/copy-NNN/``: the pages over and over (hard links when possible)."""
    if target.exists():
        shutil.rmtree(target)
    made = 0
    for round_no in range(count // max(len(pages), 1) + 1):
        folder = target / f"copy-{round_no:03d}"
        folder.mkdir(parents=True)
        for page in pages:
            if made == count:
                return target
            try:
                os.link(page, folder / page.name)
            except OSError:
                shutil.copyfile(page, folder / page.name)
            made += 1
    return target


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory_kb(pid: int) -> int:
    """PSS of one process (RSS where smaps_rollup is not readable), in KiB."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
                if line.startswith(key):
                    return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_memory_kb(root: int) -> int:
    children, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _memory_kb(pid)
        todo.extend(children.get(pid, ()))
    return total


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) of a process and its living descendants so far, with what
    the children they have reaped used (a recycled pool worker's time is in its parent's)."""
    children, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(ticks) for ticks in fields[11:15])  # utime stime cutime cstime
        todo.extend(children.get(pid, ()))
    return total / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) of one process so far, without its children's; None once
    it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(label: str, cmd: list[str], files: int) -> Measurement:
    print(f"… {label}: {' '.join(cmd)}", file=sys.stderr, flush=True)
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, own = 0, 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_memory_kb(proc.pid))
        own = own_cpu_seconds(proc.pid) or own  # (the last sample, up to 0.2 s before it ends)
        time.sleep(_SAMPLE_EVERY)
    seconds = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime  # includes the workers it waited for
    load = os.getloadavg()[0]  # others' work on a shared machine shows here
    return Measurement(label, files, seconds, cpu, peak / 1024, usage.ru_maxrss / 1024, load, proc.returncode, own)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, default=Path("/work/shared/eval"), help="the eval folder (default: %(default)s)")
    parser.add_argument("--files", type=int, default=2000, help="HTML files to build (default: %(default)s)")
    parser.add_argument("--text-files", type=int, default=20000, help="text dumps to build; 0 skips that run (default: %(default)s)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsclean-throughput"), help="scratch folder, emptied first (default: %(default)s)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura CLI runs")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder afterwards")
    args = parser.parse_args()

    cores = os.cpu_count() or 1
    pages = sorted((args.eval / "dev" / "pages").glob("*.html"))
    dumps = sorted((args.eval / "dev" / "pages").glob("*.txt"))
    if not pages:
        parser.error(f"no HTML pages in {args.eval / 'dev' / 'pages'}")
    work = args.workdir
    if work.exists():
        shutil.rmtree(work)
    html = build_folder(pages, work / "html", args.files)
    newsclean, trafilatura = str(BIN / "newsclean"), str(BIN / "trafilatura")
    runs: list[Measurement] = []
    for workers in sorted({1, cores}):
        out = work / f"out-newsclean-{workers}"
        runs.append(measure(f"newsclean batch, {workers} worker(s)", [newsclean, "batch", str(html), str(out), "--workers", str(workers), "--quiet"], args.files))
    if not args.no_trafilatura:
        for workers in sorted({1, cores}):
            # no --keep-dirs: in trafilatura 2.3 it writes next to the inputs or nowhere; its
            # content-hash names make the copies overwrite each other, which costs nothing
            out = work / f"out-trafilatura-{workers}"
            cmd = [trafilatura, "--input-dir", str(html), "--output-dir", str(out), "--json", "--no-comments", "--parallel", str(workers)]
            runs.append(measure(f"trafilatura CLI, --parallel {workers}", cmd, args.files))
    if args.text_files and dumps:
        text = build_folder(dumps, work / "text", args.text_files)
        out = work / f"out-text-{cores}"
        runs.append(measure(f"newsclean batch, text dumps, {cores} worker(s)", [newsclean, "batch", str(text), str(out), "--workers", str(cores), "--quiet"], args.text_files))

    print(f"\n{cores} cores; HTML: {args.files:,} files from {len(pages)} eval pages; text: {args.text_files:,} files from {len(dumps)} dumps\n")
    print(f"{'run':<45} {'files':>7} {'seconds':>8} {'pages/s':>8} {'CPU s':>7} {'pages/CPU-s':>12} {'tree PSS MB':>12} {'max RSS MB':>11} {'load':>5} {'exit':>5}")
    for m in runs:
        print(
            f"{m.label:<45} {m.files:>7,} {m.seconds:>8.1f} {m.rate:>8.1f} {m.cpu_seconds:>7.1f} {m.files / m.cpu_seconds:>12.1f}"
            f" {m.tree_pss_mb:>12.0f} {m.max_rss_mb:>11.0f} {m.load:>5.1f} {m.status:>5}"
        )
    print("(load: 1-minute load average when the run ended; above the core count, wall-clock rates are shared with others)")
    by_label = {m.label: m for m in runs}
    one, many = by_label.get("newsclean batch, 1 worker(s)"), by_label.get(f"newsclean batch, {cores} worker(s)")
    if one and many and cores > 1:
        print(f"\nnewsclean speed-up with {cores} workers: {many.rate / one.rate:.2f}x")
    for workers in sorted({1, cores}):
        ours, theirs = by_label.get(f"newsclean batch, {workers} worker(s)"), by_label.get(f"trafilatura CLI, --parallel {workers}")
        if ours and theirs:
            print(f"newsclean / trafilatura CLI at {workers} worker(s): {ours.rate / theirs.rate:.2f}x")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()

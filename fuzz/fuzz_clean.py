"""Fuzz ``newsclean.clean(bytes)`` for as long as it is given: any exception that is not a
NewscleanError is a finding.

The target and its page generator are the test suite's (tests/test_fuzz.py), so what the fuzzer
finds is reproduced there: atheris (coverage-guided, where its wheel installs) drives the
hypothesis test through ``fuzz_one_input``; without atheris, hypothesis alone runs it with a
large budget.

    python fuzz/fuzz_clean.py --minutes 30                  # atheris if installed, else hypothesis
    python fuzz/fuzz_clean.py --minutes 30 --engine hypothesis
    python fuzz/fuzz_clean.py --engine atheris -- -max_total_time=60 corpus/   # libFuzzer flags

Findings: with atheris each is written to --findings (the page, and its config and traceback)
and the run goes on; hypothesis stops at the first, prints the shrunk example and saves it in
.hypothesis/, where the test suite replays it. ``pip install -e ".[test,fuzz]"`` installs atheris.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def run_hypothesis(minutes: float) -> int:
    from hypothesis import HealthCheck, given, settings
    from test_fuzz import clean_target, configs, page_bytes

    deadline = time.monotonic() + minutes * 60
    examples = 0

    @settings(max_examples=10**9, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=page_bytes(), config=configs)
    def target(data, config):
        nonlocal examples
        examples += 1
        clean_target(data, config)
        if time.monotonic() > deadline:
            raise _TimeUp

    try:
        target()
    except _TimeUp:
        pass
    print(f"hypothesis: {examples:,} pages in {minutes:g} minutes, no exception but NewscleanError")
    return 0


class _TimeUp(BaseException):
    """Ends the hypothesis run when its time is up (a BaseException: no finding)."""


def run_atheris(minutes: float, libfuzzer_args: list[str], findings: Path, slow: float) -> int:
    """Coverage-guided: libFuzzer mutates the choices hypothesis draws the page from. A finding
    (an exception that is not a NewscleanError, or a page slower than ``slow`` seconds) is
    written to ``findings`` and the run goes on, so one run reports every kind it meets."""
    import atheris
    from hypothesis import HealthCheck, given, settings

    with atheris.instrument_imports(include=["newsclean"]):
        import newsclean  # noqa: F401
    from test_fuzz import clean_target, configs, page_bytes

    findings.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    counts = {"pages": 0, "findings": 0}

    @settings(database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=page_bytes(), config=configs)
    def target(data, config):
        counts["pages"] += 1
        start = time.process_time()
        try:
            clean_target(data, config)
        except Exception:  # a finding: kept with its page, once per place it was raised
            _record(findings, seen, counts, data, config, traceback.format_exc())
        spent = time.process_time() - start
        if spent > slow:
            _record(findings, seen, counts, data, config, f"slow: {spent:.1f} s of CPU for {len(data):,} bytes\n")
        if counts["pages"] % 1000 == 0:
            print(f"fuzz: {counts['pages']:,} pages, {counts['findings']} findings", file=sys.stderr, flush=True)

    args = [sys.argv[0], f"-max_total_time={int(minutes * 60)}", "-rss_limit_mb=2048", "-timeout=300", *libfuzzer_args]
    atheris.Setup(args, target.hypothesis.fuzz_one_input)
    atheris.Fuzz()
    return 0


def _record(findings: Path, seen: set[str], counts: dict[str, int], data: bytes, config, report: str) -> None:
    """Write a finding's page and report, unless one raised at the same place is written."""
    place = report.strip().splitlines()[-1] if report.startswith("slow") else "".join(
        line for line in report.splitlines() if line.lstrip().startswith("File ")) + report.strip().splitlines()[-1].split(":")[0]
    key = hashlib.sha256(place.encode()).hexdigest()[:12] if not report.startswith("slow") else hashlib.sha256(data).hexdigest()[:12]
    if key in seen:
        return
    seen.add(key)
    counts["findings"] += 1
    (findings / f"{key}.page").write_bytes(data)
    (findings / f"{key}.txt").write_text(f"{config!r}\n\n{report}", encoding="utf-8")
    print(f"fuzz: finding {key}: {report.strip().splitlines()[-1]}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30.0, help="how long to fuzz (default 30)")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"), help="where atheris writes its findings")
    parser.add_argument("--slow", type=float, default=30.0, help="CPU seconds past which a page is a finding (atheris)")
    parser.add_argument("libfuzzer", nargs="*", help="after --: flags and corpus folders for atheris (libFuzzer)")
    args = parser.parse_args(argv)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if engine == "atheris":
        return run_atheris(args.minutes, args.libfuzzer, args.findings, args.slow)
    return run_hypothesis(args.minutes)


if __name__ == "__main__":
    sys.exit(main())

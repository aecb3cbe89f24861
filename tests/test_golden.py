"""Golden tests: every page in samples/ -> the article JSON stored in tests/golden/.

The expected files are written only by ``pytest --update-golden`` (review ``git diff
tests/golden`` afterwards); a plain run compares and shows a unified diff of what changed.
"""

import difflib
from pathlib import Path

import pytest

from newsclean import clean

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.is_file() and p.name != "README.md")
GOLDEN = ROOT / "tests" / "golden"


def golden_path(sample: Path) -> Path:
    return GOLDEN / f"{sample.name}.json"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_matches_golden(sample: Path, update_golden: bool, validate_article) -> None:
    article = clean(sample.read_bytes(), path=f"samples/{sample.name}")
    validate_article(article.to_dict())
    actual = article.to_json(pretty=True) + "\n"
    expected_file = golden_path(sample)
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert expected_file.exists(), f"no golden file for {sample.name}: run pytest --update-golden"
    expected = expected_file.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), actual.splitlines(keepends=True), "golden", "now", n=2
            )
        )
        pytest.fail(f"{sample.name} differs from {expected_file.name} (pytest --update-golden if intended):\n{diff}")


def test_every_golden_file_has_a_sample() -> None:
    names = {golden_path(s).name for s in SAMPLES}
    stale = [p.name for p in GOLDEN.glob("*.json") if p.name not in names]
    assert not stale, f"golden files without a sample: {stale}"

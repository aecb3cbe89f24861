"""Shared pytest options.

``--update-golden`` rewrites tests/golden/*.json from the current output of ``clean`` on every
file in samples/ (see test_golden.py); without it the golden tests only compare.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current output (review the git diff afterwards)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))

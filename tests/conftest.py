"""Shared pytest options.

``--update-golden`` rewrites tests/golden/*.json from the current output of ``clean`` on every
file in samples/ (see test_golden.py); without it the golden tests only compare.
``--update-snapshots`` does the same for the rendered ``newsclean diff`` views in
tests/snapshots/ (see test_diff.py).
"""

from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# No time limit per generated example: tests never assert on wall time, and on a loaded machine
# the first example (which compiles the phrase patterns) can take longer than hypothesis's
# default 200 ms and fail a test that is right.
settings.register_profile("newsclean", deadline=None)
settings.load_profile("newsclean")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current output (review the git diff afterwards)",
    )
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite tests/snapshots/* from the current `newsclean diff` views (review the git diff)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-snapshots"))


@pytest.fixture(scope="session")
def validate_article():
    """A function that checks one article dict against the shipped JSON Schema."""
    import json
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("newsclean.data").joinpath("article.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def validate(article: dict) -> None:
        errors = sorted(validator.iter_errors(article), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors)

    return validate

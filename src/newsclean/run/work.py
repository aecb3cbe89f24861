"""The per-page function every engine runs: one page's bytes -> a JSON line, a failure or a skip.

It is pure (same bytes and config, same result) and never raises: every problem becomes a
:class:`Failure` with the ``stage`` and ``kind`` of :class:`~newsclean.errors.NewscleanError`.
Engines (the local :class:`~newsclean.run.pool.WorkerPool`, R2's Dask tasks) only schedule it;
sources say what the pages are, sinks write what it returns.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from dataclasses import dataclass

from ..config import CleanConfig
from ..errors import NewscleanError
from ..model import Origin
from ..pipeline import clean_bytes
from .dedup import signature

#: set to ``1`` to let pages make their worker misbehave, for the tests: a page containing
#: ``newsclean-test:hang`` sleeps for an hour, one containing ``newsclean-test:crash`` kills its
#: worker with ``os._exit``. Read by the worker for every page; unset, it costs one dict lookup.
TEST_HOOK_ENV = "NEWSCLEAN_TEST_HOOK"


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one page produced no JSON: a line of errors.jsonl."""

    stage: str
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class PageResult:
    """A page's outcome: the JSON line, or a failure, or neither (skipped, for ``skip``'s reason).

    ``reasons`` counts the removed blocks per reason code, for the summary. ``signature`` is
    the MinHash signature of the article's text (:mod:`newsclean.run.dedup`) when the run asks
    for one (``--dedup``): also for a page ``--resume`` skipped, from its JSON file.
    """

    text: str | None = None
    reasons: tuple[tuple[str, int], ...] = ()
    failure: Failure | None = None
    skip: str | None = None
    signature: bytes | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """One page file: the file to read, its printable name (``source.path``), where its JSON goes."""

    src: str
    name: str
    out: str | None = None
    #: set when the page is refused before any worker sees it
    problem: Failure | None = None


def _run_test_hook(data: bytes) -> None:
    if os.environ.get(TEST_HOOK_ENV) != "1":
        return
    if b"newsclean-test:hang" in data:
        time.sleep(3600)
    if b"newsclean-test:crash" in data:
        os._exit(70)


def clean_page(data: bytes, config: CleanConfig, path: str | None = None, origin: Origin | None = None, languages: frozenset[str] = frozenset(), sign: bool = False) -> PageResult:
    """Clean one page's bytes: its JSON line and removed-block counts, or why it failed; with
    ``languages``, an article in another language is skipped (``language_xx``); with ``sign``,
    the result carries the article's signature for ``--dedup``."""
    _run_test_hook(data)
    try:
        article = clean_bytes(data, config, path=path, origin=origin)
    except NewscleanError as exc:
        return PageResult(failure=Failure(exc.stage, exc.kind, str(exc)))
    except Exception as exc:  # a bug, or a parser blowing up on a hostile page: record, go on
        return PageResult(failure=Failure("clean", "internal_error", f"{type(exc).__name__}: {exc}"))
    if languages and article.language not in languages:
        return PageResult(skip=f"language_{article.language or 'unknown'}")
    reasons = Counter(r.reason for r in article.removed)
    return PageResult(article.to_json() + "\n", tuple(sorted(reasons.items())), signature=signature(article.text) if sign else None)


def is_done(job: Job, data: bytes) -> bool:
    """For ``--resume``: the JSON exists, is not older than the page, and was made from the
    same bytes under the same name."""
    return _done_article(job, data) is not None


def _done_article(job: Job, data: bytes) -> dict | None:
    """The article of the page's JSON file, if it is up to date (see :func:`is_done`)."""
    try:
        if job.out is None or os.stat(job.out).st_mtime_ns < os.stat(job.src).st_mtime_ns:
            return None
        with open(job.out, encoding="utf-8") as fh:
            article = json.load(fh)
        source = article["source"]
        if source["sha256"] == hashlib.sha256(data).hexdigest() and source["path"] == job.name and isinstance(article["text"], str):
            return article
    except (OSError, ValueError, LookupError, TypeError):
        pass
    return None


def clean_file(job: Job, config: CleanConfig, resume: bool = False, languages: frozenset[str] = frozenset(), sign: bool = False) -> PageResult:
    """Read and clean one page file; what a worker runs for a folder of pages. Never raises."""
    try:
        with open(job.src, "rb") as fh:
            data = fh.read(config.max_bytes + 1)
    except OSError as exc:
        return PageResult(failure=Failure("read", "unreadable", exc.strerror or str(exc)))
    if resume and (done := _done_article(job, data)) is not None:
        return PageResult(skip="resume", signature=signature(done["text"]) if sign else None)
    return clean_page(data, config, job.name, languages=languages, sign=sign)

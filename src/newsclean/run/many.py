"""Many pages from Python: :func:`clean_many`, in this process or in worker processes.

The local engine for an iterable instead of a folder: each page goes through the same per-page
function as everywhere else, and its result comes back in input order, an
:class:`~newsclean.article.Article` or the exception that says why there is none, so one bad
page (or a ``None`` in a DataFrame column) never ends the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from ..article import Article
from ..config import CleanConfig
from ..errors import PageTimeoutError, WorkerCrashError
from ..pipeline import clean
from .pool import WorkerPool
from .work import PageResult, _run_test_hook


def clean_many(pages: Iterable[object], config: CleanConfig = CleanConfig(), *, workers: int = 0,
               timeout: float = 60.0) -> Iterator[Article | Exception]:
    """Clean every page of ``pages`` (``bytes`` or ``str``, as :func:`newsclean.clean` takes
    them) and yield, in the same order, its Article or the exception it raised: a
    :class:`~newsclean.errors.NewscleanError` for a page that cannot be used, ``TypeError``
    for an item that is not a page, any other exception for a page that trips a bug.

    ``workers=0`` (the default) cleans in this process, one page at a time. ``workers=N``
    uses N worker processes: faster on several cores, and a page that takes longer than
    ``timeout`` seconds or kills its worker yields :class:`~newsclean.errors.PageTimeoutError`
    or :class:`~newsclean.errors.WorkerCrashError` while the rest goes on. Pages are read from
    ``pages`` as the results are consumed, a few per worker ahead, so memory stays flat.

    >>> page = "<html><body><article><h1>Neue Brücke</h1>" + (
    ...     "<p>Die Stadt hat am Montag den Bau einer neuen Brücke über den Rhein beschlossen, "
    ...     "die ab dem kommenden Jahr errichtet werden soll.</p>" * 3) + "</article></body></html>"
    >>> [getattr(r, "title", None) or type(r).__name__ for r in clean_many([page, b"", None])]
    ['Neue Brücke', 'EmptyInputError', 'TypeError']
    """
    if workers < 0:
        raise ValueError(f"workers must be 0 (this process) or more, not {workers}")
    if workers == 0:
        for page in pages:
            yield clean_or_error(page, config)
        return
    # each page travels in a 1-tuple: a bare None is the pool's signal for a worker to stop
    with WorkerPool(workers, partial(_clean_task, config=config), timeout) as pool:
        for _, result in pool.map((page,) for page in pages):
            yield _from_pool(result)


def clean_or_error(page: object, config: CleanConfig) -> Article | Exception:
    """:func:`newsclean.clean`, with the exception as the result instead of raised."""
    try:
        if isinstance(page, bytes | str):
            _run_test_hook(page if isinstance(page, bytes) else page.encode("utf-8", "surrogatepass"))
        return clean(page, config)
    except Exception as exc:  # the caller decides what a bad page means; the run goes on
        return exc


def _clean_task(task: tuple[object], config: CleanConfig) -> Article | Exception:
    return clean_or_error(task[0], config)


def _from_pool(result: Article | Exception | PageResult) -> Article | Exception:
    """The pool answers for a worker that never answered with a failed PageResult."""
    if not isinstance(result, PageResult):
        return result
    message = result.failure.message if result.failure else "no result"
    if result.failure and result.failure.kind == "timeout":
        return PageTimeoutError(message)
    return WorkerCrashError(message)

"""Typed errors of the core; the CLI turns them into one friendly line and an exit status.

Every message says what went wrong in words a user can act on; the CLI prefixes it with
``newsclean: <path>:``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    FAILED = 1  # bad input (single file) or some pages failed (batch)
    USAGE = 2  # bad arguments, missing folder, unwritable output
    INTERRUPTED = 130  # Ctrl-C


class NewscleanError(Exception):
    """Base class: a problem with one page that is not a bug in newsclean."""

    #: short stable code, written to errors.jsonl by batch
    kind = "error"
    #: pipeline stage where it happened
    stage = "clean"


class InputError(NewscleanError):
    """The bytes cannot be read as a page: empty, binary, too large, undecodable."""

    kind = "bad_input"
    stage = "ingest"


class EmptyInputError(InputError):
    kind = "empty"


class BinaryInputError(InputError):
    kind = "binary"


class TooLargeError(InputError):
    kind = "too_large"


class DecodeError(InputError):
    kind = "undecodable"


class WebArchiveError(InputError):
    """A whole web archive given where a page is expected: its pages are cleaned by batch."""

    kind = "web_archive"


class NoArticleError(NewscleanError):
    """The page was read, but no block of article text survived cleaning."""

    kind = "no_article"
    stage = "classify"

    def __init__(self, message: str = "no article text found") -> None:
        super().__init__(message)


class PageTimeoutError(NewscleanError):
    """A worker process took longer than the time limit on the page and was killed."""

    kind = "timeout"
    stage = "worker"


class WorkerCrashError(NewscleanError):
    """The worker process died on the page (a crash in a parser, or the memory killer)."""

    kind = "crash"
    stage = "worker"

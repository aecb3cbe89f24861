"""One frozen configuration object for the whole pipeline.

Change it with :func:`dataclasses.replace`; the CLI builds one from its options and passes it
down. It is picklable, so batch workers receive it as is.

>>> from dataclasses import replace
>>> cfg = replace(CleanConfig(), format="text")
>>> cfg.format
'text'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Settings of one cleaning run.

    Attributes:
        format: ``auto`` sniffs HTML vs. plain-text dump; ``html`` / ``text`` force it.
        max_bytes: inputs larger than this (after gunzip) are refused before parsing
            (default 20 MiB; real article pages are well under 5 MiB).
        reference_date: "today" for relative dates such as "gestern" or "vor 3 Stunden";
            without it relative dates give ``null``. Also the upper bound for plausible dates.
        min_language_chars: body text shorter than this gets ``language: null``.
        url: the page's URL if the caller knows it (overrides what the page declares).
    """

    format: Literal["auto", "html", "text"] = "auto"
    max_bytes: int = 20 * 1024 * 1024
    reference_date: date | None = None
    min_language_chars: int = 40
    url: str | None = None

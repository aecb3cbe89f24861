"""How newsclean's commands meet the shell: help pages, usage errors, option values.

An adapter over typer (which carries its own copy of click). It uses the extension points typer
documents for this (``cls=`` with subclasses of ``typer.core.TyperGroup`` / ``TyperCommand``,
``parser=``, ``autocompletion=``) and click's public ``Command`` methods; nothing else of theirs.

What it changes, and why:

* **Help in sqlite-utils' style.** Arguments and options show the placeholder a user types
  (``FILE``, ``DIR``, ``N``, ``YYYY-MM-DD``), never typer's ``{source}`` or ``<list[str]>``.
* **Usage errors are one line**, ``newsclean: --max-bytes: must be at least 1, not 0``, with
  exit status 2, like every other error newsclean prints; typer prints three lines and a usage
  block, and for a bad choice a message from its validator (``Value error, 'xml' is not …``).
* **Option values are parsed here** (``parse_*``), so their error messages are ours.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import ExitStatus


class Command(TyperCommand):
    """A subcommand whose help shows plain placeholders (``FILE...``, ``[OUT_DIR]``)."""

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = param.metavar or param.name.upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces

    def format_options(self, ctx: typer.Context, formatter: Any) -> None:
        arguments = [
            (param.metavar or param.name.upper(), getattr(param, "help", None) or "")
            for param in self.get_params(ctx)
            if param.param_type_name == "argument"
        ]
        options = [
            record
            for param in self.get_params(ctx)
            if param.param_type_name == "option" and (record := param.get_help_record(ctx)) is not None
        ]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        if options:
            with formatter.section("Options"):
                formatter.write_dl(options)


class Group(TyperGroup):
    """The ``newsclean`` command: with no arguments it shows its help; every usage error it
    or a subcommand raises becomes one ``newsclean: …`` line and exit status 2."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        args = list(sys.argv[1:] if args is None else args)
        if not args:
            args = ["--help"]
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as exc:  # click's UsageError, BadParameter, …
            typer.echo(f"newsclean: {usage_message(exc)}", err=True)
            status = exc.exit_code
        except typer.Abort:  # end of input at a prompt (newsclean has none) or a lost terminal
            typer.echo("newsclean: aborted", err=True)
            status = ExitStatus.FAILED
        status = int(status or 0) if isinstance(status, int) else 0
        if not standalone_mode:
            return status
        sys.exit(status)


def usage_message(exc: typer.TyperException) -> str:
    """``--max-bytes: must be at least 1, not 0``: where the problem is, then what it is."""
    param = getattr(exc, "param", None)
    if isinstance(exc, typer.BadParameter) and param is not None and exc.message:
        if param.param_type_name == "option":
            where = next((o for o in param.opts if o.startswith("--")), param.opts[0])
        else:
            where = param.metavar or param.name.upper()
        return f"{where}: {_clause(exc.message)}"
    ctx = getattr(exc, "ctx", None)  # (a click.UsageError knows its command)
    text = _clause(exc.format_message())
    return f"{text} (see '{ctx.command_path} -h')" if ctx is not None else text


def _clause(message: str) -> str:
    """Click's sentence as the rest of our line: ``No such option: -x.`` -> ``no such option: -x``.

    >>> _clause("Missing argument 'FILE...'."), _clause("URL is bad")
    ("missing argument 'FILE...'", 'URL is bad')
    """
    message = message.strip().rstrip(".")
    if message[:1].isupper() and message[1:2].islower():
        message = message[0].lower() + message[1:]
    return message


# --- option values -----------------------------------------------------------------------------


def parse_positive_int(text: str) -> int:
    """A count or size of at least 1.

    >>> parse_positive_int("20")
    20
    """
    try:
        value = int(text)
    except ValueError:
        raise typer.BadParameter(f"not a whole number: {text!r}") from None
    if value < 1:
        raise typer.BadParameter(f"must be at least 1, not {value}")
    return value


def parse_seconds(text: str) -> float:
    """A duration in seconds, more than 0.

    >>> parse_seconds("2.5")
    2.5
    """
    try:
        value = float(text)
    except ValueError:
        raise typer.BadParameter(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise typer.BadParameter(f"must be more than 0 seconds, not {text}")
    return value


def number_between(low: float, high: float) -> Callable[[str], float]:
    """A parser of numbers from ``low`` to ``high``.

    >>> number_between(0.01, 1.0)("0.8")
    0.8
    """

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise typer.BadParameter(f"not a number: {text!r}") from None
        if not low <= value <= high:
            raise typer.BadParameter(f"must be from {low:g} to {high:g}, not {text}")
        return value

    return parse


def parse_date(text: str) -> date:
    """A calendar date in ISO form, ``2024-11-26``."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"not a date in YYYY-MM-DD form: {text!r}") from None


def choice(*values: str) -> tuple[Callable[[str], str], Callable[[str], list[str]], str]:
    """``parser``, ``autocompletion`` and ``metavar`` for an option that takes one of
    ``values``; the error names them all."""

    def parse(text: str) -> str:
        if text not in values:
            raise typer.BadParameter(f"{text!r} is not one of {', '.join(values)}")
        return text

    def complete(incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]

    return parse, complete, f"[{'|'.join(values)}]"

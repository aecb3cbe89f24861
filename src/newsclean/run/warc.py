"""WARC input: the records of a web archive (``.warc`` or ``.warc.gz``), read as a stream.

Every ``response`` record with HTTP status 200 and an HTML content type is a page; every other
record is skipped with a reason (``request_record``, ``http_status_404``, ``not_html``, …), which
is not a failure. A record that cannot be read (truncated, corrupt gzip, a Content-Length that
lies) is a failure of that record; what was readable before it is kept.

fastwarc (resiliparse's WARC library) reads the records: WARC headers, HTTP status and headers,
the block up to its Content-Length. Where it is silent, thin checks here keep the guarantees
above (measured on fastwarc 2.0.1 with ``bench/warc_readers.py --bad``):

* A block shorter than its Content-Length (a cut file, or a length that lies), or a record
  whose headers are cut, is handed over as far as it goes, without a word: the length read is
  checked against the header.
* Bytes after a block that are not the next record (its Content-Length was too short, or the
  file goes on with junk) make fastwarc raise on the next record: so a record is held until
  what follows it is known, and the error names the right record.
* Over a whole ``.warc.gz`` fastwarc reads the members as one stream: a Content-Length too
  long swallows the next records, and a member cut short ends without an error. So gzip
  members are framed here with zlib (:class:`_Member`) and fastwarc reads one member at a time:
  a lying record costs only itself, a cut member is ``truncated``, a broken one
  ``corrupt_gzip``, and the members' offsets are the chunk boundaries of the engine contract
  (:mod:`newsclean.run.shards`).

warcio 1.8.1 keeps to gzip members, but after a Content-Length too short it writes a warning to
stderr and fails on the rest of the member, it fails with an ``AttributeError`` on a member cut
in its HTTP headers and reads a file that is no WARC as one empty record; and it is the slower.

The HTTP body is decoded by :func:`decode_body`, in the worker: fastwarc's ``auto_decode``
refuses chunk extensions, raw deflate and ``x-gzip``, which browsers read, and warcio's passes
an ``x-gzip`` or corrupt gzip body on still compressed.

Memory holds one record's headers and, for a page, its body up to ``--max-bytes`` (two, while
a record waits for the next one): never a whole archive, and never the body of a skipped
record.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord

from ..config import CleanConfig
from ..model import Origin
from .work import Failure, PageResult, clean_page

_GZIP_MAGIC = b"\x1f\x8b"
_READ = 1 << 16
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class WarcError(Exception):
    """The archive cannot be read on from here (``kind`` says why); records before it stand."""

    def __init__(self, kind: str, message: str, offset: int) -> None:
        super().__init__(message)
        self.kind, self.offset = kind, offset


@dataclass(frozen=True, slots=True)
class WarcPage:
    """A page found in a WARC, as sent to a worker: the HTTP body as the server sent it (the
    transfer and content encodings still on) and where it came from."""

    body: bytes
    origin: Origin
    transfer_encoding: str = ""
    content_encoding: str = ""


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a WARC: where it starts, and either a page to clean or the result already
    known (a skip reason, or a failure for a record that cannot be read)."""

    offset: int
    origin: Origin
    page: WarcPage | None = None
    result: PageResult | None = None


class _Member:
    """The decompressed bytes of the gzip member at ``offset``, as a stream for fastwarc (it
    needs ``read`` and ``tell``: without ``tell`` it panics). Reading raises :class:`WarcError`
    if the member is cut short or does not decompress."""

    def __init__(self, fh: BinaryIO, offset: int) -> None:
        self.fh, self.offset = fh, offset
        fh.seek(offset)
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.fed = self.pos = 0  # bytes taken from the file; bytes given out

    def read(self, size: int = -1) -> bytes:
        """At most ``size`` bytes (fewer is not the end); ``b""`` at the member's end."""
        while not self.inflater.eof:
            data = self.inflater.unconsumed_tail
            if not data:
                data = self.fh.read(_READ)
                if not data:
                    raise WarcError("truncated", "the file ends in the middle of a record (truncated?)", self.offset)
                self.fed += len(data)
            try:
                out = self.inflater.decompress(data, size if size > 0 else _READ)
            except zlib.error as exc:
                raise WarcError("corrupt_gzip", f"corrupt gzip data in the member at offset {self.offset} ({exc}); the rest of the file is not read", self.offset) from None
            if out:
                self.pos += len(out)
                return out
        return b""

    def tell(self) -> int:
        return self.pos

    def end(self) -> int:
        """The offset just after the member (the rest of it is read, and dropped)."""
        while self.read(_READ):
            pass
        return self.offset + self.fed - len(self.inflater.unused_data)


def iso_date(value: str | None) -> str | None:
    """WARC-Date as ISO 8601 (``2025-01-01T12:00:00Z``), or None if it is not a date.

    >>> iso_date("2025-01-01T12:00:00Z"), iso_date("gestern")
    ('2025-01-01T12:00:00Z', None)
    """
    if not value:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _bad_length(record: Record, problem: str) -> Record:
    return replace(record, page=None, result=PageResult(failure=Failure("warc", "bad_length", problem)))


def _no_record(offset: int) -> WarcError:
    what = "not a WARC file" if offset == 0 else f"no WARC record at offset {offset}"
    return WarcError("not_warc", f"{what}; the rest of the file is not read", offset)


class WarcReader:
    """The records of one WARC file whose start offsets lie in ``[start, end)``, in file order.

    ``name`` is the file as the user wrote it (``source.warc_file``). ``max_bytes`` caps the body
    of a page kept in memory; a longer one is a ``too_large`` failure of its record.
    """

    def __init__(self, path: str, name: str, max_bytes: int, start: int = 0, end: int | None = None) -> None:
        self.path, self.name, self.max_bytes = path, name, max_bytes
        self.start, self.end = start, end

    def __iter__(self) -> Iterator[Record]:
        with open(self.path, "rb") as fh:
            gzip = fh.read(2) == _GZIP_MAGIC
            fh.seek(self.start)
            try:
                yield from self._members(fh) if gzip else self._records(fh)
            except WarcError as exc:
                origin = Origin(id=f"{self.name}@{exc.offset}", warc_file=self.name)
                yield Record(exc.offset, origin, result=PageResult(failure=Failure("warc", exc.kind, str(exc))))

    def _members(self, fh: BinaryIO) -> Iterator[Record]:
        """The records of a ``.warc.gz``, member by member (a member usually holds one record;
        its records all have the member's offset)."""
        offset = self.start
        while self.end is None or offset < self.end:
            fh.seek(offset)
            magic = fh.read(2)
            if not magic:
                return
            if not _GZIP_MAGIC.startswith(magic):  # (one byte of it is a member cut short)
                raise WarcError("not_gzip", f"no gzip member at offset {offset}: the rest of the file is not a WARC", offset)
            member = _Member(fh, offset)
            yield from self._records(member)
            offset = member.end()

    def _records(self, stream: BinaryIO | _Member) -> Iterator[Record]:
        """The records fastwarc finds in ``stream``: a gzip member, or a plain file from
        ``start``. Each is held until what follows it is known: the next record, the end of the
        stream, or bytes that are no record (its Content-Length did not match its data)."""
        member = stream if isinstance(stream, _Member) else None
        start = member.offset if member else self.start
        records = ArchiveIterator(stream, parse_http=False, stream_detect=False)
        pending: Record | None = None
        length, short = "", False  # the pending record's Content-Length; its block was shorter
        while True:
            try:
                record = next(records, None)
            except OSError:  # what follows is not a WARC record
                if pending is None:
                    raise (_no_record(start) if member else self._no_record(stream, start)) from None
                if member:  # a record's own member: its length lied
                    yield _bad_length(pending, f"its Content-Length ({length}) does not match the data of the record")
                    return
                after = None if short else self._after(stream, pending.offset, int(length))
                if after is None:
                    yield _bad_length(pending, f"its Content-Length ({length}) does not match the data of the record; the rest of the file is not read")
                    return
                yield pending
                raise after from None
            except WarcError:  # the member is cut or broken after a whole record: keep that one
                if pending is not None and not short:
                    yield pending
                raise
            if pending is not None:
                if not short:
                    yield pending
                elif member or record is not None:
                    yield _bad_length(pending, f"its Content-Length ({length}) is longer than the data of the record")
                else:
                    raise WarcError("truncated", f"the file ends in the middle of the record at offset {pending.offset} (truncated?)", pending.offset)
            if record is None:
                return
            offset = start if member else record.stream_pos  # (where the file was, plus what fastwarc read)
            if self.end is not None and offset >= self.end:
                return
            pending = self._record(record, offset)
            length = (record.headers.get("Content-Length") or "none").strip()
            # fastwarc reads a record cut short, or one without a Content-Length, as far as it goes
            short = not (length.isascii() and length.isdigit()) or record.reader.tell() < record.content_length

    def _after(self, fh: BinaryIO, offset: int, length: int) -> WarcError | None:
        """In a plain file, where fastwarc finds no record after the one at ``offset``: None if
        that record's block does not end where its Content-Length says (it lied), else the
        error for what follows it."""
        fh.seek(offset)
        end = offset + fh.read(_READ).find(b"\r\n\r\n") + 4 + length
        fh.seek(end)
        return self._no_record(fh, end + 4) if fh.read(4) == b"\r\n\r\n" else None

    def _no_record(self, fh: BinaryIO, offset: int) -> WarcError:
        """The error for a plain file in which fastwarc finds no record at ``offset``: the start
        of a record header that the file cuts, or bytes that are no WARC."""
        fh.seek(offset)
        rest = fh.read(_READ)
        if b"WARC/".startswith(rest[:5]) and b"\r\n\r\n" not in rest and len(rest) < _READ:
            return WarcError("truncated", f"the file ends in the middle of the record at offset {offset} (truncated?)", offset)
        return _no_record(offset)

    def _record(self, record: WarcRecord, offset: int) -> Record:
        """The record as newsclean sees it; its block is read to the end."""
        headers = record.headers
        record_id = headers.get("WARC-Record-ID")
        origin = Origin(
            id=f"{self.name}#{record_id}" if record_id else f"{self.name}@{offset}",
            url=headers.get("WARC-Target-URI") or None,
            warc_file=self.name,
            warc_record_id=record_id,
            fetched=iso_date(headers.get("WARC-Date")),
        )
        out = self._read(record, origin, offset)
        record.reader.consume()
        return out

    def _read(self, record: WarcRecord, origin: Origin, offset: int) -> Record:
        kind = (record.headers.get("WARC-Type") or "untyped").lower()
        if kind != "response":
            return Record(offset, origin, result=PageResult(skip=f"{kind}_record"))
        if not record.is_http:
            return Record(offset, origin, result=PageResult(skip="not_http"))
        try:
            record.parse_http(quirks_mode=True)  # quirks: header lines ended by a bare LF, as browsers read them
        except OSError:  # HTTP headers longer than fastwarc reads (32 KiB): no HTTP response
            return Record(offset, origin, result=PageResult(skip="not_http"))
        status = record.http_headers.status_code
        if status != 200:
            return Record(offset, origin, result=PageResult(skip="not_http" if status is None else f"http_status_{status}"))
        if (record.http_content_type or "").lower() not in _HTML_TYPES:
            return Record(offset, origin, result=PageResult(skip="not_html"))
        # asked for no more than the block holds: fastwarc makes room for all it is asked for
        body = record.reader.read(min(self.max_bytes, record.content_length) + 1)
        if len(body) > self.max_bytes:
            message = f"page is larger than the limit of {self.max_bytes:,} bytes (see --max-bytes)"
            return Record(offset, origin, result=PageResult(failure=Failure("read", "too_large", message)))
        http = record.http_headers
        # a quoted charset keeps its quotes in fastwarc
        origin = replace(origin, charset=(record.http_charset or "").strip('"') or None)
        page = WarcPage(body, origin, (http.get("Transfer-Encoding") or "").lower(), (http.get("Content-Encoding") or "").lower())
        return Record(offset, origin, page=page)


def dechunk(body: bytes) -> bytes:
    """Undo ``Transfer-Encoding: chunked``; a body cut short keeps the chunks it has.

    >>> dechunk(b"5\\r\\nHallo\\r\\n6;x=y\\r\\n Welt!\\r\\n0\\r\\n\\r\\n")
    b'Hallo Welt!'
    """
    out, pos = bytearray(), 0
    while True:
        eol = body.find(b"\r\n", pos)
        if eol < 0:
            break
        try:
            size = int(body[pos:eol].split(b";")[0].strip() or b"x", 16)
        except ValueError:
            raise ValueError("malformed chunked transfer encoding") from None
        if size == 0:
            break
        out += body[eol + 2 : eol + 2 + size]
        pos = eol + 2 + size + 2
    return bytes(out)


def _inflate(data: bytes, wbits: int, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit:
        raise OverflowError
    return out


def _unbrotli(data: bytes, limit: int) -> bytes:
    """Undo ``Content-Encoding: br``. brotli is a dependency (fastwarc's too); imported here,
    so that an installation without it fails on the records that need it, and says why."""
    try:
        import brotli
    except ImportError:
        raise ValueError("the body is brotli-compressed (Content-Encoding: br) and the brotli package is not installed: pip install brotli") from None
    try:
        out = brotli.Decompressor().process(data, output_buffer_limit=limit + 1)
    except brotli.error as exc:
        raise ValueError(f"corrupt brotli data ({exc})") from None
    if len(out) > limit:
        raise OverflowError
    return out


def decode_body(page: WarcPage, limit: int) -> bytes:
    """The HTTP body as a browser reads it: chunked transfer and gzip / deflate / br content
    encoding undone. Raises ``ValueError`` for an encoding that cannot be undone,
    ``OverflowError`` past ``limit`` bytes."""
    body = page.body
    if "chunked" in page.transfer_encoding:
        body = dechunk(body)
    for coding in reversed([c.strip() for c in page.content_encoding.split(",") if c.strip()]):
        if coding in ("gzip", "x-gzip"):
            body = _inflate(body, 16 + zlib.MAX_WBITS, limit)
        elif coding == "deflate":  # zlib-wrapped as the standard says, or raw as some servers send
            try:
                body = _inflate(body, zlib.MAX_WBITS, limit)
            except zlib.error:
                body = _inflate(body, -zlib.MAX_WBITS, limit)
        elif coding == "br":
            body = _unbrotli(body, limit)
        elif coding != "identity":
            raise ValueError(f"unknown content encoding {coding!r}")
    return body


def clean_warc_page(page: WarcPage, config: CleanConfig, languages: frozenset[str] = frozenset(), sign: bool = False) -> PageResult:
    """What a worker runs for a page from a WARC: undo the HTTP encodings, then clean it as
    ``newsclean clean`` would clean the same bytes from a file. The WARC-Date is "today" for
    relative dates unless the run gives a reference date."""
    try:
        body = decode_body(page, config.max_bytes)
    except OverflowError:
        return PageResult(failure=Failure("read", "too_large", f"page is larger than the limit of {config.max_bytes:,} bytes after decoding (see --max-bytes)"))
    except (ValueError, zlib.error) as exc:
        return PageResult(failure=Failure("read", "bad_encoding", f"cannot undo the HTTP encoding ({exc})"))
    if config.reference_date is None and page.origin.fetched:
        config = replace(config, reference_date=date.fromisoformat(page.origin.fetched[:10]))
    return clean_page(body, config, origin=page.origin, languages=languages, sign=sign)

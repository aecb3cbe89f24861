"""Small WARC files built in the tests (and by bench/warc_bench.py): records written by hand, so
that broken ones (truncated, lying lengths, corrupt gzip) can be made as easily as good ones."""

from __future__ import annotations

import gzip
import uuid
import zlib
from collections.abc import Iterable

import brotli


def http_response(body: bytes, status: str = "200 OK", content_type: str | None = "text/html; charset=utf-8", headers: Iterable[tuple[str, str]] = (), chunked: bool = False, encoding: str | None = None) -> bytes:
    """An HTTP/1.1 response as a crawler saves it: status line, headers, the body as sent
    (``encoding`` ``gzip``, ``deflate`` or ``br`` compresses it; ``chunked`` cuts it into chunks)."""
    lines = [f"HTTP/1.1 {status}"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{k}: {v}" for k, v in headers]
    if encoding == "gzip":
        body = gzip.compress(body, mtime=0)
    elif encoding == "deflate":
        body = zlib.compress(body)
    elif encoding == "br":
        body = brotli.compress(body)
    if encoding:
        lines.append(f"Content-Encoding: {encoding}")
    if chunked:
        lines.append("Transfer-Encoding: chunked")
        pieces = [body[i : i + 1000] for i in range(0, len(body), 1000)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
    else:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def warc_record(kind: str, payload: bytes, uri: str | None = None, date: str = "2025-01-01T12:00:00Z", record_id: str | None = None, content_type: str | None = None, length: int | None = None) -> bytes:
    """One WARC/1.0 record, uncompressed; ``length`` overrides (lies about) Content-Length."""
    record_id = record_id or f"<urn:uuid:{uuid.UUID(int=zlib.crc32(payload + (uri or '').encode() + kind.encode()))}>"
    if content_type is None:
        content_type = {"response": "application/http; msgtype=response", "request": "application/http; msgtype=request", "warcinfo": "application/warc-fields"}.get(kind, "application/octet-stream")
    lines = ["WARC/1.0", f"WARC-Type: {kind}", f"WARC-Date: {date}", f"WARC-Record-ID: {record_id}"]
    if uri is not None:
        lines.append(f"WARC-Target-URI: {uri}")
    lines += [f"Content-Type: {content_type}", f"Content-Length: {len(payload) if length is None else length}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + payload + b"\r\n\r\n"


def gz(record: bytes) -> bytes:
    """A record as its own gzip member, as .warc.gz files hold them."""
    return gzip.compress(record, mtime=0)

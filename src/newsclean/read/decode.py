"""Raw bytes -> :class:`~newsclean.model.Page`: gunzip, size limit, decode, repair, sniff.

Nothing here trusts the input. Encoding is decided in the order a browser would: byte order
mark, then the charset of the HTTP Content-Type header (for a page from a web archive), then
the charset the page declares (latin-1 read as cp1252), then strict UTF-8, then a detector
limited to encodings that German text plausibly uses.

>>> page = read_page("<p>Gr\\u00fc\\u00dfe aus K\\u00f6ln</p>".encode("cp1252"))
>>> page.format, page.encoding
('html', 'cp1252')
"""

from __future__ import annotations

import codecs
import hashlib
import re
import zlib

from ..config import CleanConfig
from ..errors import BinaryInputError, DecodeError, EmptyInputError, TooLargeError, WebArchiveError
from ..model import Format, Origin, Page
from ..text.normalize import repair_mojibake
from .labels import codec_of_label

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_BOMS = tuple(bom for bom, _ in _BOMS)
_DECLARED = re.compile(
    rb"""<meta[^<>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^<>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_PLAUSIBLE = ("utf_8", "cp1252", "iso8859_15")
#: markup at the very start of a page: a tag, a comment, a doctype or an XML declaration
_MARKUP_START = re.compile(r"\s*<[A-Za-z!?/]")
#: the tags only a whole HTML document has
_DOCUMENT_TAG = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
#: a tag: a name after "<" or "</", attributes up to ">"
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
#: how far into the page the document tags are looked for (a comment, a script or a server's
#: error text may come before them, but not megabytes of it)
_SNIFF_CHARS = 1_000_000
#: a <link> or <meta> tag up to its end (or to where the next tag starts): the scan of each
#: stops at the next "<", so the page is read once however many tags lack their ">"
_LINK_OR_META = re.compile(r"<(link|meta)\s[^<>]*", re.IGNORECASE)
#: an attribute of a tag and its value (double, single or not quoted), a name starting after a
#: space, quote or slash only (each name is read once)
_ATTRIBUTE = re.compile(r"""(?<![^\s"'/])([^\s"'/=<>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_MOJIBAKE_LEADS = "ÃÂâÅ"
_MOJIBAKE_HINT = re.compile(f"[{_MOJIBAKE_LEADS}][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_GZIP_MAGIC = b"\x1f\x8b"
# the control bytes text never has (tab, line breaks, vertical tab, form feed and carriage return
# are text)
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
# Signatures of common binary formats that are sometimes saved with an .html name.
_BINARY_MAGIC = (
    b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"RIFF", b"BZh",
    b"\xfd7zXZ", b"\x28\xb5\x2f\xfd", b"OggS", b"ID3", b"\x00\x00\x01\x00", b"wOFF", b"wOF2",
)


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data (detected by magic bytes), every member of it, refusing output
    larger than ``limit``.

    A gzip file may hold several members one after the other (``cat a.gz b.gz``, or a writer
    that flushes in pieces); ``gunzip`` reads them all. Bytes after the last member that do not
    start another one (padding) are ignored, as gzip itself does.

    >>> import gzip
    >>> gunzip(gzip.compress(b"Hallo"), 100)
    b'Hallo'
    >>> gunzip(gzip.compress(b"Hallo, ") + gzip.compress(b"Welt"), 100)
    b'Hallo, Welt'
    """
    if not data.startswith(_GZIP_MAGIC):
        return data
    view = memoryview(data)
    out = bytearray()
    start = 0  # where the member at hand starts
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pos = start
        # fed in slices: what zlib hands back unread after a member's end is then at most a
        # slice, not the rest of the file (copied once per member, which for many small
        # members would take time quadratic in the file's size)
        while not inflater.eof and pos < len(data):
            piece = view[pos : pos + _GZIP_SLICE]
            pos += len(piece)
            try:
                out += inflater.decompress(piece, limit + 1 - len(out))
            except zlib.error as exc:
                raise DecodeError(f"corrupt gzip data ({exc})") from None
            if len(out) > limit:
                raise TooLargeError(f"page is larger than the limit of {limit:,} bytes after gunzip (see --max-bytes)")
        if not inflater.eof:  # zlib returns what it could without complaint; half a page is no page
            raise DecodeError("truncated gzip data (the file ends before the compressed page does)")
        start = pos - len(inflater.unused_data)
        if not data.startswith(_GZIP_MAGIC, start):
            return bytes(out)


#: how many bytes of a gzip file :func:`gunzip` hands zlib at a time
_GZIP_SLICE = 8192


def check_not_binary(data: bytes) -> None:
    """Refuse data that is clearly not text: known binary signatures or control-heavy bytes.

    A byte order mark says the data is text (UTF-16 and UTF-32 text is full of NUL bytes); a
    stray NUL or control byte in a page is no reason to refuse it, only a share of them that no
    text has (more than one byte in twenty of the first 4 KiB).
    """
    if data.startswith(_BINARY_MAGIC):
        raise BinaryInputError("binary file, not a web page or text dump")
    if data.startswith(_TEXT_BOMS) or utf16_without_bom(data):
        return
    head = data[:4096]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) * 0.05:
        raise BinaryInputError("binary file, not a web page or text dump")


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text saved without a byte order mark (Windows
    tools, some exports), else None. Its Latin text has a NUL in every other byte, which made
    such a page "binary": in the first 4 KiB, the high byte of nine in ten characters is NUL
    and the low byte almost never is.

    >>> utf16_without_bom("<p>Grüße aus Köln</p>".encode("utf-16-le")), utf16_without_bom(b"<p>Hallo</p>")
    ('utf-16-le', None)
    """
    head = data[:4096]
    head = head[: len(head) // 2 * 2]
    if len(head) < 16:
        return None
    for name, low, high in (("utf-16-le", head[0::2], head[1::2]), ("utf-16-be", head[1::2], head[0::2])):
        if high.count(0) >= len(high) * 0.9 and low.count(0) <= len(low) * 0.01:
            return name
    return None


def declared_charset(data: bytes) -> str | None:
    """The codec for the charset named in a ``<meta>`` tag or XML declaration within the first
    4 KiB, if it is a label of the WHATWG Encoding Standard (:mod:`.labels`).

    >>> declared_charset(b'<meta charset="ISO-8859-1">')
    'cp1252'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    'utf-8'
    >>> declared_charset(b'<meta charset="rot13">') is None  # a codec, but no text encoding
    True
    """
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    return charset_codec((match.group(1) or match.group(2)).decode("ascii"))


def charset_codec(label: str) -> str | None:
    """The codec to read a charset label with, as a browser would: the encoding the WHATWG
    Encoding Standard gives the label (:mod:`.labels`); None for any other label, also for the
    names of Python codecs that are no text encodings (``rot13``, ``base64``, ...).

    >>> charset_codec("ISO-8859-1"), charset_codec("UTF-8"), charset_codec("utf-7"), charset_codec("nonsense")
    ('cp1252', 'utf-8', None, None)
    """
    name = codec_of_label(label.strip().strip("\"'"))
    if name is not None and name.startswith("utf-16"):
        return "utf-8"  # a tag readable as ASCII is not UTF-16; browsers read such pages as UTF-8
    return name


def decode(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns ``(text, encoding name)``. ``http_charset`` is the charset
    label of the HTTP Content-Type header, when the bytes came over HTTP.

    >>> decode("Müller".encode("utf-8"))
    ('Müller', 'utf-8')
    >>> decode("Müller".encode("cp1252"))
    ('Müller', 'cp1252')
    >>> decode('<meta charset="utf-8">Müller'.encode("cp1252"), http_charset="ISO-8859-1")[1]
    'cp1252'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError:
                break
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    declared = (charset_codec(http_charset) if http_charset else None) or declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to what the bytes say
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_isolation=list(_PLAUSIBLE)).best()
    name = best.encoding if best is not None else "cp1252"
    name = "cp1252" if name in ("iso8859_1", "latin_1") else name
    if name == "cp1252" and b"\xa4" in data and not _C1_BYTES.search(data):
        # cp1252 and iso-8859-15 differ on 0xA4: "¤" there, "€" here. A page that never uses
        # cp1252's own 0x80-0x9F range („“–€) but has 0xA4 is iso-8859-15 with euro signs.
        name = "iso8859_15"
    try:
        return data.decode(name), codecs.lookup(name).name
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; a page with them is still mostly readable.
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > max(10, len(text) // 100):
            raise DecodeError("cannot decode the page as text in any plausible encoding") from None
        return text, "cp1252"


def sniff_format(text: str) -> Format:
    """``html`` when the text is markup, else ``text``.

    Markup is a text that starts with a tag (a comment, a ``<script>``, a doctype: however long
    it is), has the tags of a whole document (``<html>``, ``<body>``) after some other text (a
    server's warning), or has tags on most of its lines, as a fragment of a page does. A text
    dump may quote a tag or two ("Du kannst folgende HTML-Tags benutzen: <a href> <b>") on a
    line or two.

    >>> sniff_format("<!DOCTYPE html><html>"), sniff_format("Berlin. Der Bundestag hat …")
    ('html', 'text')
    >>> sniff_format("<!-- " + "Kommentar " * 1000 + "--><html><body><p>Text</p></body></html>")
    'html'
    >>> sniff_format("Titel\\n\\nErster Absatz.\\n\\nErlaubt sind diese Tags: <a href=''> <b> <blockquote cite=''>")
    'text'
    """
    if _MARKUP_START.match(text):
        return "html"
    head = text[:_SNIFF_CHARS]
    if _DOCUMENT_TAG.search(head):
        return "html"
    # a fragment of a page (text, then paragraphs): tags on half its lines at least
    lines = [line for line in head.split("\n") if line.strip()]
    tagged = sum(1 for line in lines if "<" in line and _TAG.search(line))
    return "html" if lines and tagged * 2 >= len(lines) else "text"


def declared_url(html: str) -> str | None:
    """The canonical URL a page declares, if any: its first ``<link rel="canonical">``, else
    its ``og:url``, when it is a web address (``http://``, ``https://``).

    >>> declared_url('<head><link href="https://x.de/a" rel="canonical"><meta property="og:url" content="https://x.de/b">')
    'https://x.de/a'
    >>> declared_url('<link rel=canonical href="/a"><meta content="https://x.de/b" property="OG:URL">')
    'https://x.de/b'
    """
    canonical = og_url = None
    for tag in _LINK_OR_META.finditer(html, 0, 200_000):
        markup = tag.group().lower()
        if "canonical" not in markup and "og:url" not in markup:
            continue  # (most of a page's tags: their attributes need not be read)
        attributes: dict[str, str] = {}
        for name, *values in _ATTRIBUTE.findall(tag.group()):
            attributes.setdefault(name.lower(), "".join(values))
        if tag.group(1).lower() == "link":
            if canonical is None and attributes.get("rel", "").lower().startswith("canonical") and "href" in attributes:
                canonical = attributes["href"]
        elif og_url is None and attributes.get("property", "").lower() == "og:url" and "content" in attributes:
            og_url = attributes["content"]
    for url in (canonical, og_url):
        # (a value that starts with a space is none; one with a space in it ends there)
        if url and not url[0].isspace() and url.startswith(("http://", "https://")):
            return url.split()[0]
    return None


def _read_bytes(data: bytes, config: CleanConfig, origin: Origin) -> tuple[str, str, str]:
    """The text of raw bytes, the codec it was decoded with, and the bytes' SHA-256."""
    if is_web_archive(data):
        raise WebArchiveError("a web archive (WARC), not a page: `newsclean batch FILE OUT/` (or `--jsonl -`) cleans its pages")
    if len(data) > config.max_bytes and not data.startswith(_GZIP_MAGIC):
        raise TooLargeError(f"page is larger than the limit of {config.max_bytes:,} bytes (see --max-bytes)")
    sha256 = hashlib.sha256(data).hexdigest()
    data = gunzip(data, config.max_bytes)
    if not data.strip():
        raise EmptyInputError("input contains only whitespace" if data else "empty input")
    check_not_binary(data)
    text, encoding = decode(data, origin.charset)
    return text, encoding, sha256


def is_web_archive(data: bytes) -> bool:
    """Whether the bytes are a WARC file, plain or gzipped (its first record is all that is
    read): a container of pages, not one.

    >>> import gzip
    >>> is_web_archive(gzip.compress(b"WARC/1.0\\r\\nWARC-Type: warcinfo\\r\\n")), is_web_archive(b"<html>WARC/1.0")
    (True, False)
    """
    if data.startswith(_GZIP_MAGIC):
        try:
            data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], len(_WARC_MAGIC))
        except zlib.error:
            return False
    return data.startswith(_WARC_MAGIC)


_WARC_MAGIC = b"WARC/"


def _read_str(text: str, config: CleanConfig) -> tuple[str, str, str]:
    """The same for text decoded by the caller: the limit and the checks apply to its UTF-8
    form (a lone surrogate kept as such, so that any ``str`` has one)."""
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) > config.max_bytes:
        raise TooLargeError(f"page is larger than the limit of {config.max_bytes:,} bytes (see --max-bytes)")
    if not text.strip():
        raise EmptyInputError("input contains only whitespace" if text else "empty input")
    check_not_binary(raw)
    return text, "str", hashlib.sha256(raw).hexdigest()


def read_page(data: bytes | str, config: CleanConfig = CleanConfig(), path: str | None = None, origin: Origin | None = None) -> Page:
    """Turn untrusted bytes into a decoded :class:`Page`, or raise an :class:`InputError`.

    ``origin`` is what the input adapter knows of the bytes (HTTP charset, URL, WARC record);
    without it, ``path`` alone. A ``str`` is a page someone already decoded (``requests``'
    ``.text``, a DataFrame column): it is read as it is, with no charset to guess; its
    ``encoding`` is ``str`` and its ``sha256`` that of its UTF-8 form.

    >>> read_page("<p>Gr\u00fc\u00dfe aus K\u00f6ln</p>").encoding
    'str'
    """
    origin = origin or Origin(path=path)
    if isinstance(data, str):
        text, encoding, sha256 = _read_str(data, config)
    else:
        text, encoding, sha256 = _read_bytes(data, config, origin)
    warnings: list[str] = []
    if text.count("\ufffd") > 20:
        warnings.append(f"{text.count(chr(0xFFFD))} undecodable bytes replaced")
    # the letters first: scanning for them is twenty times faster than the pattern
    if any(letter in text for letter in _MOJIBAKE_LEADS) and _MOJIBAKE_HINT.search(text):
        text, repaired = repair_mojibake(text)
        if repaired:
            warnings.append("repaired mojibake (UTF-8 text that had been decoded as cp1252)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:  # never text; lxml would turn each into U+FFFD, which the page never had
        text = text.replace("\x00", "")
    if not text.strip():
        raise EmptyInputError("input contains only whitespace")
    fmt: Format = sniff_format(text) if config.format == "auto" else config.format
    url = config.url or origin.url or (declared_url(text) if fmt == "html" else None)
    return Page(text=text, format=fmt, encoding=encoding, sha256=sha256, path=origin.path, url=url, warnings=tuple(warnings), origin=origin)

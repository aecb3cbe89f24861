"""Bytes -> Page: encodings, mojibake, gzip, size limit and HTML-vs-text sniffing, as data."""

from __future__ import annotations

import codecs
import gzip
import hashlib
from dataclasses import replace

import pytest

from newsclean.config import CleanConfig
from newsclean.errors import BinaryInputError, DecodeError, EmptyInputError, TooLargeError
from newsclean.read.decode import declared_charset, read_page, sniff_format

GERMAN = "„Größere Straßen“ – für Ärzte in Köln gilt: Öffnungszeiten beachten. Preis: 5 €.\n"
GERMAN_NO_QUOTES = "Die Preise für Heizöl sind gestiegen: Ein Liter kostet jetzt 1,20 €. Händler in Köln berichten über große Nachfrage.\n"

# (case, raw bytes, expected encoding, expected text)
ENCODINGS = [
    ("utf8_bom", codecs.BOM_UTF8 + GERMAN.encode("utf-8"), "utf-8", GERMAN),
    ("utf16le_bom", codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), "utf-16", GERMAN),
    ("utf16be_bom", codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), "utf-16", GERMAN),
    ("strict_utf8", GERMAN.encode("utf-8"), "utf-8", GERMAN),
    # browsers read a page that says latin-1 as windows-1252, so „“–€ survive
    (
        "declared_latin1_is_cp1252",
        b'<meta charset="ISO-8859-1"><p>' + GERMAN.encode("cp1252") + b"</p>",
        "cp1252",
        f'<meta charset="ISO-8859-1"><p>{GERMAN}</p>',
    ),
    (
        "declared_http_equiv",
        b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>' + GERMAN.encode("cp1252"),
        "cp1252",
        f'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>{GERMAN}',
    ),
    (
        "declared_iso_8859_15",
        b'<meta charset="iso-8859-15"><p>' + GERMAN_NO_QUOTES.encode("iso8859_15"),
        "iso8859-15",
        f'<meta charset="iso-8859-15"><p>{GERMAN_NO_QUOTES}',
    ),
    # the declaration lies: the bytes are not UTF-8, so they are detected
    (
        "declared_utf8_but_cp1252",
        b'<meta charset="utf-8"><p>' + GERMAN.encode("cp1252"),
        "cp1252",
        f'<meta charset="utf-8"><p>{GERMAN}',
    ),
    # a <meta> that says UTF-16 is readable as ASCII, so it cannot be true
    ("declared_utf16_is_utf8", b'<meta charset="utf-16"><p>' + GERMAN.encode("utf-8"), "utf-8", f'<meta charset="utf-16"><p>{GERMAN}'),
    ("undeclared_cp1252", (GERMAN * 3).encode("cp1252"), "cp1252", GERMAN * 3),
    ("undeclared_iso_8859_15", (GERMAN_NO_QUOTES * 3).encode("iso8859_15"), "iso8859-15", GERMAN_NO_QUOTES * 3),
    ("crlf_and_cr_become_lf", b"Erste Zeile\r\nZweite Zeile\rDritte", "utf-8", "Erste Zeile\nZweite Zeile\nDritte"),
]


@pytest.mark.parametrize(("case", "data", "encoding", "text"), ENCODINGS, ids=[c[0] for c in ENCODINGS])
def test_encoding(case, data, encoding, text):
    page = read_page(data)
    assert page.encoding == encoding
    assert page.text == text
    assert page.warnings == ()
    assert page.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ISO-8859-1", "cp1252"),
        ("latin1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("windows-1252", "cp1252"),
        ("UTF-8", "utf-8"),
        ("iso-8859-15", "iso8859-15"),
        ("no-such-charset", None),
        ("utf-16", "utf-8"),
        ("UTF-16LE", "utf-8"),
        ("utf-7", None),
    ],
)
def test_declared_charset_labels(label, expected):
    assert declared_charset(f'<html><head><meta charset="{label}">'.encode()) == expected


# (case, text as it arrives, text after repair)
MOJIBAKE = [
    ("umlauts", "FÃ¼r die Ã¶ffentliche Hand beschlieÃŸt der Rat", "Für die öffentliche Hand beschließt der Rat"),
    ("german_quotes_and_dash", "â€žDas Freibad bleibt offenâ€œ â€“ sagte sie", "„Das Freibad bleibt offen“ – sagte sie"),
    ("euro", "Kosten: 4,2 Millionen â‚¬", "Kosten: 4,2 Millionen €"),
]


@pytest.mark.parametrize(("case", "broken", "fixed"), MOJIBAKE, ids=[c[0] for c in MOJIBAKE])
def test_mojibake_is_repaired_and_reported(case, broken, fixed):
    page = read_page(f"<p>{broken}</p>".encode())
    assert page.text == f"<p>{fixed}</p>"
    assert any("mojibake" in w for w in page.warnings)


@pytest.mark.parametrize("text", ["Für die öffentliche Hand", "SÃO PAULO ist eine Stadt in Brasilien", "© dpa 2024"])
def test_text_without_mojibake_is_left_alone(text):
    page = read_page(text.encode())
    assert page.text == text
    assert page.warnings == ()


def test_nul_characters_are_dropped_not_replaced():
    # UTF-16 pages may carry NULs; lxml would print each as U+FFFD, a character the page never had
    page = read_page("<html><body><p>Das Freibad wird saniert.\x00</p></body></html>".encode("utf-16"))
    assert page.text == "<html><body><p>Das Freibad wird saniert.</p></body></html>"


def test_gzip_is_opened_and_hashed_as_received():
    raw = gzip.compress(GERMAN.encode(), mtime=0)
    page = read_page(raw)
    assert page.text == GERMAN
    assert page.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    ("data", "config", "error"),
    [
        (b"", CleanConfig(), EmptyInputError),
        (b"\n \t\r\n", CleanConfig(), EmptyInputError),
        (codecs.BOM_UTF8 + b"  \n", CleanConfig(), EmptyInputError),
        (gzip.compress(b"   "), CleanConfig(), EmptyInputError),
        (b"\x89PNG\r\n\x1a\nrest", CleanConfig(), BinaryInputError),
        (b"%PDF-1.4 rest", CleanConfig(), BinaryInputError),
        (b"Text\x00mit\x00Nullbytes" * 10, CleanConfig(), BinaryInputError),
        (b"\x81\x8d\x8f\x90\x9d" * 100, CleanConfig(), DecodeError),
        (gzip.compress(b"x" * 1000)[:20], CleanConfig(), DecodeError),
        (b"a" * 101, CleanConfig(max_bytes=100), TooLargeError),
        (gzip.compress(b"a" * 101), CleanConfig(max_bytes=100), TooLargeError),
    ],
    ids=["empty", "whitespace", "bom_only", "gzip_of_whitespace", "png", "pdf", "nul_bytes",
         "undecodable", "truncated_gzip", "too_large", "too_large_after_gunzip"],
)
def test_bad_bytes_raise_typed_errors(data, config, error):
    with pytest.raises(error):
        read_page(data, config)


def test_size_limit_is_inclusive():
    assert read_page(b"a" * 100, CleanConfig(max_bytes=100)).text == "a" * 100


# (text, sniffed format)
SNIFF = [
    ("<!DOCTYPE html><html><body><p>Hallo</p></body></html>", "html"),
    ("<html lang='de'>", "html"),
    ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
    ("<p>Ein Absatz.</p>", "html"),
    ('<div class="article">Text</div>', "html"),
    ("Russland\nPutin will bei KI in der Medizin mitspielen\nVeröffentlicht:", "text"),
    ("Wenn a < b und b > c gilt, dann ist a < c.", "text"),
    ("Mehr zum Thema <3 und Emoticons :-)", "text"),
    # markup however long the comment or script it starts with, or the text before its document
    ("<!-- " + "x" * 10_000 + " -->\n<div>Text</div>", "html"),
    ("  <script>" + "var a = 1;" * 1000 + "</script><html><body><p>Text</p></body></html>", "html"),
    ("Warning: headers already sent\n" + "x" * 10_000 + "\n<!DOCTYPE html><html>", "html"),
    ("Titel\n<p>Erster Absatz.</p>\n<p>Zweiter Absatz.</p>", "html"),
    # a dump that quotes a few tags on one of its lines
    ("Titel\n\nErster Absatz.\n\nZweiter Absatz.\n\nErlaubte Tags: <a href=\"\"> <b> <i>", "text"),
]


@pytest.mark.parametrize(("text", "expected"), SNIFF)
def test_sniff_format(text, expected):
    assert sniff_format(text) == expected


def test_format_override_wins_over_sniffing():
    html = b"<html><body><p>Hallo Welt</p></body></html>"
    assert read_page(html).format == "html"
    assert read_page(html, replace(CleanConfig(), format="text")).format == "text"
    assert read_page(b"Hallo Welt", replace(CleanConfig(), format="html")).format == "html"


@pytest.mark.parametrize(
    ("head", "config", "url"),
    [
        ('<link rel="canonical" href="https://www.example.de/a.html">', CleanConfig(), "https://www.example.de/a.html"),
        ('<meta property="og:url" content="https://www.example.de/b.html">', CleanConfig(), "https://www.example.de/b.html"),
        ('<link rel="canonical" href="/relative.html">', CleanConfig(), None),
        ('<link rel="canonical" href="https://www.example.de/a.html">', CleanConfig(url="https://x.de/"), "https://x.de/"),
    ],
)
def test_declared_url(head, config, url):
    page = read_page(f"<html><head>{head}</head><body><p>Text</p></body></html>".encode(), config)
    assert page.url == url


def test_text_dumps_do_not_look_for_urls():
    page = read_page(b'Ein Text mit <link rel="canonical" href="https://www.example.de/a.html"> darin', CleanConfig(format="text"))
    assert page.url is None

"""Document -> Article: the kept blocks become the body, the dropped ones the ``removed`` list.

The Article is what ``clean`` prints. Its JSON has a fixed key order (the order of the schema),
so the same input always gives byte-identical output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import orjson

from .model import Document, Format, Reason
from .text.language import detect_language
from .text.tokens import words

SCHEMA_VERSION = 1


# (named tuples, not dataclasses: one is built for every line of a page)
class BodyBlock(NamedTuple):
    kind: str
    text: str


class Removed(NamedTuple):
    reason: Reason
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    path: str | None
    sha256: str
    format: Format
    encoding: str
    url: str | None
    id: str | None = None
    warc_file: str | None = None
    warc_record_id: str | None = None
    fetched: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """The clean article (schema version 1); see ``newsclean/data/article.schema.json``."""

    source: Source
    language: str | None
    title: str | None
    kicker: str | None
    lead: str | None
    authors: tuple[str, ...]
    agencies: tuple[str, ...]
    published: str | None
    modified: str | None
    dateline: str | None
    site_name: str | None
    body: tuple[BodyBlock, ...]
    text: str
    word_count: int
    removed: tuple[Removed, ...]
    warnings: tuple[str, ...]
    schema_version: int = SCHEMA_VERSION
    #: set by a run with duplicate detection (run/dedup.py): the ``source.id`` this repeats
    duplicate_of: str | None = None

    def to_dict(self) -> dict:
        """A plain dict in schema order (JSON-ready)."""
        return {
            "schema_version": self.schema_version,
            "source": {
                "path": self.source.path,
                "sha256": self.source.sha256,
                "format": self.source.format,
                "encoding": self.source.encoding,
                "url": self.source.url,
                "id": self.source.id,
                "warc_file": self.source.warc_file,
                "warc_record_id": self.source.warc_record_id,
                "fetched": self.source.fetched,
            },
            "language": self.language,
            "title": self.title,
            "kicker": self.kicker,
            "lead": self.lead,
            "authors": list(self.authors),
            "agencies": list(self.agencies),
            "published": self.published,
            "modified": self.modified,
            "dateline": self.dateline,
            "site_name": self.site_name,
            "body": [{"kind": kind, "text": text} for kind, text in self.body],
            "text": self.text,
            "word_count": self.word_count,
            "removed": [{"reason": reason, "text": text} for reason, text in self.removed],
            "warnings": list(self.warnings),
            "duplicate_of": self.duplicate_of,
        }

    def to_json(self, pretty: bool = False) -> str:
        """The article as JSON text: compact on one line, or indented by two spaces with
        ``pretty``; UTF-8 characters kept, not escaped.

        (orjson, not the standard library's encoder: a dump's JSON, with every removed line
        in it, took a tenth of the page's time to encode, mostly per small object.)
        """
        return orjson.dumps(self.to_dict(), option=orjson.OPT_INDENT_2 if pretty else 0).decode()


def assemble(doc: Document, min_language_chars: int = 40) -> Article:
    """Build the Article from a classified and annotated Document."""
    meta, origin = doc.metadata, doc.page.origin
    blocks = doc.blocks
    removed = tuple([Removed(b.reason or Reason.NOT_MAIN_CONTENT, b.text) for b in blocks if b.verdict == "drop"])
    body = tuple([BodyBlock(b.kind, b.text) for b in blocks if b.verdict == "keep" and b.role == "body" and b.text])
    paragraphs = ([meta.lead] if meta.lead else []) + [b.text for b in body]
    text = "\n\n".join(paragraphs)
    return Article(
        source=Source(doc.page.path, doc.page.sha256, doc.page.format, doc.page.encoding, meta.url, origin.source_id, origin.warc_file, origin.warc_record_id, origin.fetched),
        language=detect_language(text, min_language_chars),
        title=meta.title,
        kicker=meta.kicker,
        lead=meta.lead,
        authors=meta.authors,
        agencies=meta.agencies,
        published=meta.published,
        modified=meta.modified,
        dateline=meta.dateline,
        site_name=meta.site_name,
        body=body,
        text=text,
        word_count=len(words(text)),
        removed=removed,
        warnings=doc.page.warnings + doc.warnings,
    )

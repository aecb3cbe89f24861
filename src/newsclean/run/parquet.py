"""Parquet shards (``--shard-format parquet``), for the tools data teams load corpora with
(pandas, DuckDB, Hugging Face datasets): the same fields as the JSON, nested as the JSON is.

The Arrow schema is read from ``data/article.schema.json``, so the two cannot drift apart.
A shard is written from its JSON Lines form, one row group per chunk (gzip member): memory holds
one chunk's articles, and any engine that assembles the same chunks writes the same file.
pyarrow is an optional dependency (``pip install "newsclean[parquet]"``).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

import orjson

SUFFIX = ".parquet"


def _arrow_type(node: dict[str, Any]) -> Any:
    import pyarrow as pa

    kind = node.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "object":
        return pa.struct([pa.field(name, _arrow_type(sub)) for name, sub in node["properties"].items()])
    if kind == "array":
        return pa.list_(_arrow_type(node["items"]))
    if kind == "integer" or "const" in node and isinstance(node["const"], int):
        return pa.int64()
    return pa.string()  # strings, and enums of strings


def arrow_schema() -> Any:
    """The article's JSON Schema as an Arrow schema, field for field and in the same order."""
    import pyarrow as pa

    text = resources.files("newsclean").joinpath("data/article.schema.json").read_text(encoding="utf-8")
    properties = json.loads(text)["properties"]
    return pa.schema([pa.field(name, _arrow_type(node)) for name, node in properties.items()])


def gzip_members(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The decompressed content of each gzip member of a stream given in pieces.

    >>> import gzip
    >>> data = gzip.compress(b"a\\n") + gzip.compress(b"b\\n")
    >>> list(gzip_members([data[:5], data[5:]]))
    [b'a\\n', b'b\\n']
    """
    inflater, out = None, []
    for piece in pieces:
        while piece:
            if inflater is None:
                inflater, out = zlib.decompressobj(16 + zlib.MAX_WBITS), []
            out.append(inflater.decompress(piece))
            if not inflater.eof:
                break
            yield b"".join(out)
            piece, inflater = inflater.unused_data, None
    if inflater is not None:
        raise ValueError("the stream ends inside a gzip member")


def write_parquet(members: Iterable[bytes], dest: Any) -> None:
    """Write the JSON Lines of each member as one row group of a Parquet file to ``dest`` (a
    path or a binary file object)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    with pq.ParquetWriter(dest, schema, compression="zstd") as writer:
        for content in members:
            rows = [orjson.loads(line) for line in content.splitlines() if line]
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))


def require_pyarrow() -> None:
    """Raise ImportError with what to install, before a run starts."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ImportError('--shard-format parquet needs pyarrow: pip install "newsclean[parquet]"') from None

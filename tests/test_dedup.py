"""Syndicated copies: signatures, the marks in input order, and `newsclean dedup` over output.

The articles are written here: one agency text, the copies regional papers make of it (a few
words changed, a dateline added, a closing line of their own), and articles on the same event
written by someone else, which must stay apart.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from newsclean.errors import ExitStatus
from newsclean.face.cli import app
from newsclean.run.dedup import (
    DedupOptions,
    DuplicateFinder,
    mark_line,
    run_dedup,
    shingles,
    signature,
    similarity,
)

WIRE = """Der Stadtrat von Mannheim hat am Dienstagabend nach einer mehr als vierstündigen Debatte den Bau einer neuen Straßenbahnlinie in den Norden der Stadt beschlossen. Die Strecke soll rund sieben Kilometer lang werden und zwölf Haltestellen erhalten.

Für das Vorhaben stimmten 31 der 48 Mitglieder des Gremiums. Die Kosten werden auf etwa 180 Millionen Euro geschätzt, von denen Bund und Land nach Angaben der Verwaltung bis zu drei Viertel übernehmen könnten. Baubeginn soll frühestens im Herbst 2026 sein.

Oberbürgermeister Christian Specht sprach von einer Entscheidung für die kommenden Jahrzehnte. Die neue Linie verbinde die Wohngebiete im Norden mit der Innenstadt und dem Hauptbahnhof und entlaste die stark befahrenen Buslinien, sagte er nach der Abstimmung.

Kritik kam von Anwohnern der geplanten Trasse. Eine Bürgerinitiative sammelte nach eigenen Angaben mehr als 4000 Unterschriften gegen den Bau und befürchtet Lärm, den Verlust von Parkplätzen und jahrelange Baustellen. Sie kündigte an, die Pläne rechtlich prüfen zu lassen.

Die Verkehrsbetriebe rechnen damit, dass die Bahnen werktags im Zehn-Minuten-Takt fahren und täglich rund 15.000 Fahrgäste befördern. Ein Planfeststellungsverfahren soll im kommenden Jahr beginnen."""

# a regional paper's copy: dateline and agency mark, two words changed, a closing line of its own
COPY = "Mannheim (dpa/lsw) – " + WIRE.replace("vierstündigen", "vierstündigen, teils hitzigen").replace("Oberbürgermeister", "Rathauschef") + "\n\nMehr aus der Region lesen Sie auf Seite 12."
# another copy, its last sentence cut as papers do when space runs short, one figure rounded
SHORT_COPY = WIRE.replace(" Ein Planfeststellungsverfahren soll im kommenden Jahr beginnen.", "").replace("rund sieben", "etwa sieben")

# the same event, written by the paper's own reporter: the facts agree, the sentences do not
OWN_REPORT = """Sieben Kilometer, zwölf Haltestellen, 180 Millionen Euro: Mannheim bekommt eine neue Straßenbahn in den Norden. Nach langer Diskussion gab der Gemeinderat am Dienstag grünes Licht, 31 Stadträtinnen und Stadträte votierten dafür.

Die Stadt hofft auf Fördergeld von Bund und Land, das einen Großteil der Kosten decken soll. Gebaut wird frühestens ab Herbst 2026.

Rathauschef Specht zeigte sich nach der Sitzung zufrieden. Wer im Norden wohne, komme künftig schneller in die Innenstadt, die überfüllten Busse würden entlastet.

Anwohner an der Strecke sehen das anders. Die Bürgerinitiative gegen die Trasse hat Unterschriften gesammelt und will juristisch gegen das Projekt vorgehen."""

OTHER_TOPIC = """Die Winzer an der Mosel rechnen nach dem warmen Sommer mit einem guten Jahrgang. Die Lese hat in dieser Woche begonnen, zuerst werden frühe Rebsorten wie Müller-Thurgau geerntet.

Wegen des Regens im August mussten viele Betriebe allerdings besonders sorgfältig auslesen, sagte ein Sprecher des Weinbauverbands. Die Menge liege leicht unter dem Durchschnitt der vergangenen zehn Jahre."""


def record(source_id: str, text: str, duplicate_of: str | None = None, **fields: object) -> dict:
    """An article record as batch writes it (only the keys dedup reads matter)."""
    return {"schema_version": 1, "source": {"path": source_id, "id": source_id}, "title": fields.get("title"), "text": text, "word_count": len(text.split()), "duplicate_of": duplicate_of}


def marks(*articles: tuple[str, str], threshold: float = 0.8) -> list[str | None]:
    finder = DuplicateFinder(threshold)
    return [finder.mark(source_id, signature(text)) for source_id, text in articles]


def test_exact_copies_point_to_the_first():
    assert marks(("a", WIRE), ("b", WIRE), ("c", WIRE)) == [None, "a", "a"]


def test_near_copies_with_small_edits_are_copies():
    assert similarity(signature(WIRE), signature(COPY)) >= 0.8
    assert marks(("wire", WIRE), ("paper", COPY), ("short", SHORT_COPY)) == [None, "wire", "wire"]


def test_articles_on_the_same_event_written_apart_are_not_copies():
    assert similarity(signature(WIRE), signature(OWN_REPORT)) < 0.2
    assert marks(("wire", WIRE), ("own", OWN_REPORT), ("wine", OTHER_TOPIC), ("copy", COPY)) == [None, None, None, "wire"]


def test_the_earliest_copy_in_input_order_is_the_first():
    assert marks(("paper", COPY), ("wire", WIRE)) == [None, "paper"]


def test_a_copy_is_compared_with_first_copies_only():
    # every copy names an article that is itself a first copy (null), so a corpus without the
    # copies keeps every article a mark points to
    articles = [("wire", WIRE), ("paper", COPY), ("short", SHORT_COPY), ("own", OWN_REPORT), ("again", COPY)]
    found = dict(zip([a for a, _ in articles], marks(*articles), strict=True))
    assert {found[first] for first in found.values() if first is not None} == {None}


def test_the_threshold_decides():
    # the last two paragraphs replaced by others: a copy at 0.4, not at the default 0.8
    paragraphs = WIRE.split("\n\n")
    half = "\n\n".join(paragraphs[:3] + OWN_REPORT.split("\n\n")[2:])
    score = similarity(signature(WIRE), signature(half))
    assert 0.4 < score < 0.8
    assert marks(("wire", WIRE), ("half", half)) == [None, None]
    assert marks(("wire", WIRE), ("half", half), threshold=0.4) == [None, "wire"]
    with pytest.raises(ValueError):
        DuplicateFinder(0.0)


def test_shingles_ignore_case_and_punctuation():
    assert shingles("Der Bund zahlt, sagt sie.") == shingles("der BUND zahlt sagt sie")


def test_signatures_do_not_depend_on_the_process(tmp_path):
    # another interpreter with another string hash seed computes the same bytes
    script = "import sys; from newsclean.run.dedup import signature; sys.stdout.write(signature(sys.stdin.read()).hex())"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    other = subprocess.run([sys.executable, "-c", script], input=COPY, capture_output=True, text=True, env=env, check=True).stdout
    assert other == signature(COPY).hex()


def test_mark_line_writes_what_the_article_would_have_been():
    line = orjson.dumps(record("b.html", WIRE)) + b"\n"
    marked = mark_line(line, "a.html")
    assert marked == orjson.dumps(record("b.html", WIRE, "a.html")) + b"\n"
    assert mark_line(marked, None) == line


# --- newsclean dedup ---

runner = CliRunner()


def write_jsonl(path: Path, records: list[dict]) -> None:
    data = b"".join(orjson.dumps(r) + b"\n" for r in records)
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)


def read_jsonl(path: Path) -> list[dict]:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.splitlines()]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """out/ as batch leaves it: two shards (one gzip-compressed) and an error log."""
    out = tmp_path / "out"
    out.mkdir()
    write_jsonl(out / "a.jsonl.gz", [record("a#1", WIRE), record("a#2", OTHER_TOPIC)])
    write_jsonl(out / "b.jsonl", [record("b#1", OWN_REPORT), record("b#2", COPY), record("b#3", SHORT_COPY)])
    (out / "errors.jsonl").write_text('{"path": "x", "stage": "read", "kind": "unreadable", "message": "m"}\n')
    return out


def test_dedup_marks_the_copies_in_place(corpus):
    result = runner.invoke(app, ["dedup", str(corpus)])
    assert result.exit_code == 0, result.output
    assert [r["duplicate_of"] for r in read_jsonl(corpus / "a.jsonl.gz")] == [None, None]
    assert [r["duplicate_of"] for r in read_jsonl(corpus / "b.jsonl")] == [None, "a#1", "a#1"]
    assert "copies (similarity >= 0.8)" in result.output and "2 (40.0%)" in result.output
    assert not [p for p in corpus.iterdir() if p.name.startswith(".")]
    # a second run finds the marks in place and rewrites nothing
    again = run_dedup(DedupOptions((str(corpus),)))
    assert (again.articles, again.copies, again.files_rewritten) == (5, 2, 0)


def test_dedup_writes_a_corpus_without_the_copies(corpus, tmp_path):
    target = tmp_path / "unique.jsonl.gz"
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    result = runner.invoke(app, ["dedup", str(corpus / "a.jsonl.gz"), str(corpus / "b.jsonl"), "-o", str(target), "--drop-copies"])
    assert result.exit_code == 0, result.output
    assert [r["source"]["id"] for r in read_jsonl(target)] == ["a#1", "a#2", "b#1"]
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before  # inputs untouched
    # the files in the other order: b's copy is now the first
    result = runner.invoke(app, ["dedup", str(corpus / "b.jsonl"), str(corpus / "a.jsonl.gz"), "-o", "-", "--quiet"])
    found = {r["source"]["id"]: r["duplicate_of"] for r in map(json.loads, result.stdout.splitlines())}
    assert (found["b#1"], found["b#2"], found["a#1"], found["a#2"]) == (None, None, "b#2", None)


def test_dedup_threshold_and_dry_run(corpus):
    before = (corpus / "b.jsonl").read_bytes()
    result = runner.invoke(app, ["dedup", str(corpus), "--dry-run", "--threshold", "1.0"])
    assert result.exit_code == 0
    assert "nothing (--dry-run)" in result.output
    assert (corpus / "b.jsonl").read_bytes() == before


def test_dedup_refuses_what_is_not_article_records(corpus, tmp_path):
    (corpus / "c.jsonl").write_text('{"source": {"id": "c#1"}, "text": "x"}\n{"torn": \n')
    before = (corpus / "b.jsonl").read_bytes()
    result = runner.invoke(app, ["dedup", str(corpus)])
    assert result.exit_code == ExitStatus.FAILED
    assert "c.jsonl: line 2 is not an article record" in result.output
    assert (corpus / "b.jsonl").read_bytes() == before  # nothing written before the whole input was read


def test_dedup_usage_errors(corpus, tmp_path):
    assert runner.invoke(app, ["dedup", str(corpus), "--drop-copies"]).exit_code == ExitStatus.USAGE
    assert runner.invoke(app, ["dedup", str(tmp_path / "missing")]).exit_code == ExitStatus.USAGE
    assert runner.invoke(app, ["dedup", str(corpus), "-o", str(tmp_path / "no" / "such.jsonl")]).exit_code == ExitStatus.USAGE


# --- batch --dedup: the marks while the output is written, local engine (cluster: test_cluster) ---


def news_page(title: str, text: str, site: str) -> bytes:
    """A page of a paper's site: its own menu, teasers and footer around the article."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    return f"""<html><head><title>{title} | {site}</title></head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/region">Region</a></nav>
<article><h1>{title}</h1>{paragraphs}</article>
<aside><h3>Mehr zum Thema</h3><a href="/x">{site}: Neue Radwege für die Innenstadt</a></aside>
<footer>Impressum | Datenschutz | © {site}</footer></body></html>""".encode()


STORIES = [  # (file, title, text, site): two copies of the wire story, the reporter's own, another topic, a third copy
    ("a.html", "Stadtrat beschließt neue Straßenbahn", WIRE, "Mannheimer Morgenpost"),
    ("b.html", "Grünes Licht für Tram in den Norden", COPY, "Rhein-Neckar-Bote"),
    ("c.html", "Mannheim bekommt seine Nordtram", OWN_REPORT, "Stadtanzeiger"),
    ("d.html", "Weinlese beginnt", OTHER_TOPIC, "Moselkurier"),
    ("e/f.html", "Neue Straßenbahnlinie beschlossen", SHORT_COPY, "Kurpfalz-Echo"),
]


def batch(*args: str) -> None:
    result = runner.invoke(app, ["batch", *args, "--quiet", "--workers", "2"])
    assert result.exit_code == 0, result.output


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    for name, title, text, site in STORIES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(news_page(title, text, site))
    return folder


def test_batch_dedup_marks_a_folder_of_pages(crawl, tmp_path):
    batch(str(crawl), str(tmp_path / "out"), "--dedup")
    found = {name: json.loads((tmp_path / "out" / name.replace(".html", ".json")).read_text())["duplicate_of"] for name, *_ in STORIES}
    first = f"{crawl}/a.html"
    assert found == {"a.html": None, "b.html": first, "c.html": None, "d.html": None, "e/f.html": first}
    # one JSON Lines file: the same records, in walk order
    batch(str(crawl), "--jsonl", str(tmp_path / "all.jsonl"), "--dedup")
    lines = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert [r["duplicate_of"] for r in lines] == [None, first, None, None, first]
    assert lines[1] == json.loads((tmp_path / "out" / "b.json").read_text())
    # without --dedup nothing is marked; `newsclean dedup` afterwards gives the same records
    batch(str(crawl), "--jsonl", str(tmp_path / "plain.jsonl"))
    assert all(json.loads(line)["duplicate_of"] is None for line in (tmp_path / "plain.jsonl").read_text().splitlines())
    assert runner.invoke(app, ["dedup", str(tmp_path / "plain.jsonl"), "-q"]).exit_code == 0
    assert (tmp_path / "plain.jsonl").read_bytes() == (tmp_path / "all.jsonl").read_bytes()


def test_batch_dedup_threshold(crawl, tmp_path):
    batch(str(crawl), "--jsonl", str(tmp_path / "all.jsonl"), "--dedup", "--dedup-threshold", "1.0")
    assert [json.loads(line)["duplicate_of"] for line in (tmp_path / "all.jsonl").read_text().splitlines()] == [None] * 5


def warc_of(path: Path, stories: list[tuple[str, str, str, str]]) -> None:
    from warcs import gz, http_response, warc_record

    path.write_bytes(b"".join(gz(warc_record("response", http_response(news_page(title, text, site)), f"https://{site.lower().replace(' ', '-')}.de/{name}")) for name, title, text, site in stories))


def shard_marks(shard: Path) -> list[str | None]:
    return [json.loads(line)["duplicate_of"] for line in gzip.decompress(shard.read_bytes()).splitlines()]


def test_batch_dedup_marks_warc_shards_and_resume_keeps_them(tmp_path):
    archives = tmp_path / "warcs"
    archives.mkdir()
    warc_of(archives / "1.warc.gz", STORIES[:2])
    warc_of(archives / "2.warc.gz", STORIES[2:])
    batch(str(archives), str(tmp_path / "out"), "--dedup")
    first = json.loads(gzip.decompress((tmp_path / "out" / "1.jsonl.gz").read_bytes()).splitlines()[0])["source"]["id"]
    assert shard_marks(tmp_path / "out" / "1.jsonl.gz") == [None, first]
    assert shard_marks(tmp_path / "out" / "2.jsonl.gz") == [None, None, first]
    whole = (tmp_path / "out" / "2.jsonl.gz").read_bytes()
    # the second shard lost: --resume keeps the first and reads its articles before the second
    (tmp_path / "out" / "2.jsonl.gz").unlink()
    batch(str(archives), str(tmp_path / "out"), "--dedup", "--resume")
    assert (tmp_path / "out" / "2.jsonl.gz").read_bytes() == whole
    # and the same with one worker, or into one JSON Lines file
    batch(str(archives), str(tmp_path / "one"), "--dedup", "--workers", "1")
    assert (tmp_path / "one" / "2.jsonl.gz").read_bytes() == whole
    batch(str(archives), "--jsonl", str(tmp_path / "all.jsonl.gz"), "--dedup")
    assert shard_marks(tmp_path / "all.jsonl.gz") == [None, first, None, None, first]


def test_batch_dedup_resume_reads_a_kept_parquet_shard(tmp_path):
    import pyarrow.parquet

    archives = tmp_path / "warcs"
    archives.mkdir()
    warc_of(archives / "1.warc.gz", STORIES[:1])
    warc_of(archives / "2.warc.gz", STORIES[1:2])
    batch(str(archives), str(tmp_path / "out"), "--dedup", "--shard-format", "parquet")
    whole = (tmp_path / "out" / "2.parquet").read_bytes()
    (tmp_path / "out" / "2.parquet").unlink()
    batch(str(archives), str(tmp_path / "out"), "--dedup", "--shard-format", "parquet", "--resume")
    assert (tmp_path / "out" / "2.parquet").read_bytes() == whole
    first = pyarrow.parquet.read_table(tmp_path / "out" / "1.parquet").to_pylist()[0]["source"]["id"]
    assert pyarrow.parquet.read_table(tmp_path / "out" / "2.parquet").to_pylist()[0]["duplicate_of"] == first

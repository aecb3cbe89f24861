"""`batch --scheduler`: the same run on a real Dask cluster, started here on 127.0.0.1.

The fixture starts a ``dask scheduler`` and two ``dask worker`` processes from this interpreter's
environment (``pip install -e ".[test]"`` installs them) on free ports, and tears them down after
the module. If they cannot start, the tests fail and say why: nothing is skipped.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcs import gz, http_response, warc_record

from newsclean.errors import ExitStatus
from newsclean.face.cli import app
from newsclean.run.batch import BatchOptions, run
from newsclean.run.work import TEST_HOOK_ENV

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
runner = CliRunner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    address: str
    workers: dict[str, subprocess.Popen]  # worker address -> its process
    logs: Path

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n" + p.read_text(errors="replace")[-2000:] for p in sorted(self.logs.iterdir()) if p.is_file())  # (w0/, w1/: the workers' local directories)


def _start(cmd: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    with open(log, "wb") as fh:
        return subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    from distributed import Client

    dask = Path(sys.executable).with_name("dask")
    if not dask.exists():
        pytest.fail(f'{dask} is missing: the cluster tests need `pip install -e ".[test]"` (dask[distributed])')
    logs = tmp_path_factory.mktemp("dask-logs")
    env = dict(os.environ, **{TEST_HOOK_ENV: "1"}, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    address = f"tcp://127.0.0.1:{free_port()}"
    scheduler = _start([str(dask), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"], logs / "scheduler.log", env)
    workers: dict[str, subprocess.Popen] = {}
    for number in range(2):
        port = free_port()
        # no nanny: a killed worker stays dead, as a lost machine does
        cmd = [str(dask), "worker", address, "--host", "127.0.0.1", "--worker-port", str(port), "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{number}", "--local-directory", str(logs / f"w{number}")]
        workers[f"tcp://127.0.0.1:{port}"] = _start(cmd, logs / f"worker{number}.log", env)
    started = Cluster(address, workers, logs)
    try:
        try:
            with Client(address, timeout=60) as client:
                client.wait_for_workers(2, timeout=120)
        except Exception as exc:
            pytest.fail(f"the Dask cluster did not start ({type(exc).__name__}: {exc}):\n{started.log_tail()}")
        yield started
    finally:
        for process in [*workers.values(), scheduler]:
            _stop(process)


def page(title: str, paragraph: str, extra: str = "") -> bytes:
    body = "".join(f"<p>{paragraph} Absatz {i}: {title} bleibt Thema im Stadtrat und in der Verwaltung der Stadt.</p>" for i in range(4))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}{extra}</article></body></html>".encode()


def build_warc(path: Path, pages: list[bytes], hang_at: int | None = None) -> None:
    """A .warc.gz of responses (and a request record before each), one gzip member a record."""
    members = [gz(warc_record("warcinfo", b"software: newsclean tests\r\n"))]
    for number, body in enumerate(pages):
        if number == hang_at:
            body = body.replace(b"</article>", b"<p>newsclean-test:hang</p></article>")
        uri = f"https://example.org/{number}.html"
        members.append(gz(warc_record("request", b"GET / HTTP/1.1\r\n\r\n", uri)))
        members.append(gz(warc_record("response", http_response(body), uri, date=f"2025-01-{1 + number % 28:02d}T12:00:00Z")))
    members.append(gz(warc_record("response", http_response(b"\x89PNG....", content_type="image/png"), "https://example.org/i.png")))
    path.write_bytes(b"".join(members))


def corpus_pages(count: int) -> list[bytes]:
    samples = sorted(p for p in SAMPLES.iterdir() if p.name.endswith((".html", ".htm")))
    pages = [p.read_bytes() for p in samples]
    made = [page(f"Neue Brücke Nummer {i}", f"Die Stadt plant die Brücke {i} über den Fluss, sagte die Bürgermeisterin am Montag.") for i in range(count)]
    return (pages + made)[:count]


def files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by its path there; errors.jsonl without its run header (the
    time and output folder of the run)."""
    made = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    if "errors.jsonl" in made:
        made["errors.jsonl"] = b"".join(line for line in made["errors.jsonl"].splitlines(True) if not line.startswith(b'{"run"'))
    return made


def records(shard: Path) -> list[bytes]:
    return gzip.decompress(shard.read_bytes()).splitlines()


@pytest.fixture
def warcs(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    (inputs / "b").mkdir(parents=True)
    build_warc(inputs / "a.warc.gz", corpus_pages(14), hang_at=5)
    build_warc(inputs / "b" / "c.warc.gz", corpus_pages(9))
    (inputs / "b" / "empty.warc.gz").write_bytes(b"")
    # broken ones: cut in the middle of a record; a gzip member corrupt in the middle
    build_warc(inputs / "cut.warc.gz", corpus_pages(8))
    data = (inputs / "cut.warc.gz").read_bytes()
    (inputs / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    damaged = bytearray(data)
    damaged[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    (inputs / "corrupt.warc.gz").write_bytes(bytes(damaged))
    return inputs


def local_and_cluster(inputs: Path, tmp_path: Path, cluster: Cluster, **options: object) -> tuple[Path, Path]:
    base = BatchOptions(in_dir=str(inputs), workers=2, timeout=3, chunk_bytes=4000, **options)  # type: ignore[arg-type]
    local, remote = tmp_path / "local", tmp_path / "cluster"
    run(replace(base, out_dir=str(local)))
    summary = run(replace(base, out_dir=str(remote), scheduler=cluster.address))
    assert not summary.interrupted
    assert summary.bytes_done == summary.bytes_total  # the progress of WARC input (0 for pages)
    return local, remote


def test_warc_shards_on_the_cluster_are_byte_identical_to_the_local_engine(warcs, tmp_path, cluster, monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "1")
    local, remote = local_and_cluster(warcs, tmp_path, cluster)
    made = files(remote)
    assert sorted(made) == ["a.jsonl.gz", "b/c.jsonl.gz", "b/empty.jsonl.gz", "corrupt.jsonl.gz", "cut.jsonl.gz", "errors.jsonl"]
    assert made == files(local)
    # the broken archives: what was readable is kept, the damage is one line of errors.jsonl
    kinds = [json.loads(line)["kind"] for line in made["errors.jsonl"].splitlines()]
    assert sorted(kinds) == ["corrupt_gzip", "timeout", "truncated"]
    assert 0 < len(records(remote / "cut.jsonl.gz")) < 8 and 0 < len(records(remote / "corrupt.jsonl.gz")) < 8
    assert len(records(remote / "a.jsonl.gz")) == 13  # 14 pages, one of them killed at the time limit
    assert not list(remote.rglob(".newsclean-parts"))  # the parts are gone, and their folders
    assert b'"kind": "timeout"' in made["errors.jsonl"]


def test_a_folder_of_pages_on_the_cluster(tmp_path, cluster):
    inputs = tmp_path / "pages"
    inputs.mkdir()
    for number, body in enumerate(corpus_pages(150)):
        (inputs / f"p{number:03d}.html").write_bytes(body)
    (inputs / "empty.html").write_bytes(b"")
    (inputs / "x.htm").write_bytes(b"<p>a</p>")
    (inputs / "x.html").write_bytes(b"<p>b</p>")
    local, remote = local_and_cluster(inputs, tmp_path, cluster)
    made, expected = files(remote), files(local)
    # the local engine logs a folder's failures as they happen; the cluster in walk order
    assert sorted(made.pop("errors.jsonl").splitlines()) == sorted(expected.pop("errors.jsonl").splitlines())
    assert len(made) == 150 and made == expected


def test_dedup_on_the_cluster_marks_as_the_local_engine_does(tmp_path, cluster):
    from test_dedup import STORIES, news_page, warc_of

    archives = tmp_path / "warcs"
    archives.mkdir()
    warc_of(archives / "1.warc.gz", STORIES[:2])
    warc_of(archives / "2.warc.gz", STORIES[2:] + STORIES[:1])
    local, remote = local_and_cluster(archives, tmp_path, cluster, dedup=True)
    made = files(remote)
    assert made == files(local)
    marks = [json.loads(line)["duplicate_of"] for name in ("1.jsonl.gz", "2.jsonl.gz") for line in records(remote / name)]
    assert marks.count(None) == 3 and len(set(marks) - {None}) == 1
    # --resume keeps a shard and reads it, on a worker, for the marks of the next
    (remote / "2.jsonl.gz").unlink()
    summary = run(BatchOptions(in_dir=str(archives), out_dir=str(remote), timeout=3, chunk_bytes=4000, dedup=True, resume=True, scheduler=cluster.address))
    assert summary.shards_resumed == 1 and files(remote)["2.jsonl.gz"] == made["2.jsonl.gz"]
    # a folder of pages: the JSON files of the copies are marked by the workers
    crawl = tmp_path / "crawl"
    for name, title, text, site in STORIES:
        (crawl / name).parent.mkdir(parents=True, exist_ok=True)
        (crawl / name).write_bytes(news_page(title, text, site))
    local, remote = local_and_cluster(crawl, tmp_path / "pages", cluster, dedup=True)
    assert files(remote) == files(local)
    assert json.loads((remote / "b.json").read_text())["duplicate_of"] == f"{crawl}/a.html"


def test_resume_mends_a_copy_a_killed_run_wrote_but_never_marked(tmp_path, cluster):
    """A folder with --dedup on the cluster: the workers write a copy's JSON unmarked and a
    later task marks it. A run killed in between leaves the copy unmarked, and up to date for
    --resume: the resumed run gives it its mark (as does a resumed local run), and a mark that
    is not the one decided goes."""
    from test_dedup import STORIES, news_page

    from newsclean.run.dedup import mark_line

    crawl, out = tmp_path / "crawl", tmp_path / "out"
    for name, title, text, site in STORIES:
        (crawl / name).parent.mkdir(parents=True, exist_ok=True)
        (crawl / name).write_bytes(news_page(title, text, site))
    base = BatchOptions(in_dir=str(crawl), out_dir=str(out), timeout=3, dedup=True, scheduler=cluster.address)
    run(base)
    full = files(out)
    copies = [name for name, data in full.items() if name.endswith(".json") and json.loads(data)["duplicate_of"]]
    assert copies == ["b.json", "e/f.json"]
    for engine in (cluster.address, None):
        (out / "b.json").write_bytes(mark_line(full["b.json"], None))  # written, not yet marked
        (out / "d.json").write_bytes(mark_line(full["d.json"], f"{crawl}/a.html"))
        summary = run(replace(base, resume=True, scheduler=engine))
        assert summary.skips["resume"] == len(STORIES) and summary.copies == 2
        assert files(out) == full, engine


def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(warcs, tmp_path, cluster, monkeypatch):
    from distributed import Client

    monkeypatch.setenv(TEST_HOOK_ENV, "1")
    for number in range(3):  # more chunks, so the run outlives the kill
        build_warc(warcs / f"more{number}.warc.gz", corpus_pages(12), hang_at=3)
    base = BatchOptions(in_dir=str(warcs), workers=2, timeout=3, chunk_bytes=4000)
    run(replace(base, out_dir=str(tmp_path / "local")))
    result: list = []
    runner_thread = threading.Thread(target=lambda: result.append(run(replace(base, out_dir=str(tmp_path / "cluster"), scheduler=cluster.address))))
    runner_thread.start()
    victim = None
    with Client(cluster.address, timeout=30) as client:
        deadline = time.monotonic() + 120
        while victim is None and time.monotonic() < deadline and runner_thread.is_alive():
            for address, keys in client.processing().items():
                if any("chunk" in str(key) for key in keys) and address in cluster.workers:
                    victim = address
                    break
            time.sleep(0.05)
    assert victim is not None, "no chunk task was seen running on a worker"
    cluster.workers[victim].send_signal(signal.SIGKILL)  # the worker process, mid-task
    runner_thread.join(300)
    assert not runner_thread.is_alive() and result and not result[0].interrupted
    assert files(tmp_path / "cluster") == files(tmp_path / "local")
    assert result[0].shards == 8


def test_an_unreachable_scheduler_is_a_usage_error(tmp_path, monkeypatch):
    import newsclean.run.cluster

    monkeypatch.setattr(newsclean.run.cluster, "CONNECT_TIMEOUT", 2)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_bytes(page("Titel", "Text"))
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--scheduler", f"tcp://127.0.0.1:{free_port()}"])
    assert result.exit_code == ExitStatus.USAGE
    assert "no Dask scheduler answers" in result.output
    assert runner.invoke(app, ["batch", str(tmp_path / "in"), "--jsonl", str(tmp_path / "a.jsonl"), "--scheduler", "tcp://127.0.0.1:1"]).exit_code == ExitStatus.USAGE


def test_workers_that_are_daemons_are_refused_with_the_setting_to_change(tmp_path):
    """Dask's nanny starts its worker as a daemon process by default, and a daemon may not have
    the child process that enforces --timeout: batch says what to set, before any work."""
    from distributed import Client

    dask = Path(sys.executable).with_name("dask")
    env = {k: v for k, v in os.environ.items() if k != "DASK_DISTRIBUTED__WORKER__DAEMON"}
    address = f"tcp://127.0.0.1:{free_port()}"
    processes = [_start([str(dask), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"], tmp_path / "scheduler.log", env)]
    processes.append(_start([str(dask), "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard", "--local-directory", str(tmp_path / "w")], tmp_path / "worker.log", env))
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "a.html").write_bytes(page("Titel", "Text"))
        result = runner.invoke(app, ["batch", str(tmp_path / "in"), str(tmp_path / "out"), "--scheduler", address])
        assert result.exit_code == ExitStatus.USAGE, result.output
        assert "DASK_DISTRIBUTED__WORKER__DAEMON=False" in result.output
        assert not (tmp_path / "out" / "a.json").exists()
    finally:
        for process in processes:
            _stop(process)

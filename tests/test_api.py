"""The Python API: ``clean`` takes bytes or str, ``clean_many`` many pages in order, typed."""

from __future__ import annotations

import importlib.resources
import itertools

import pytest

import newsclean
from newsclean import Article, CleanConfig, NewscleanError, clean, clean_many
from newsclean.errors import EmptyInputError, NoArticleError, PageTimeoutError, WorkerCrashError
from newsclean.run.work import TEST_HOOK_ENV

SENTENCE = "<p>Der Stadtrat hat am Donnerstag beschlossen, in der Innenstadt von Köln zwölf Kilometer neue Radwege zu bauen, sagte die Verwaltung.</p>"


def page(title: str = "Neue Radwege für Köln", meta: str = '<meta charset="utf-8">') -> str:
    return f"<html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>{SENTENCE * 3}</article></body></html>"


def test_str_and_bytes_give_the_same_article_but_for_the_encoding():
    from_str = clean(page()).to_dict()
    from_bytes = clean(page().encode("utf-8")).to_dict()
    assert (from_str["source"].pop("encoding"), from_bytes["source"].pop("encoding")) == ("str", "utf-8")
    assert from_str == from_bytes  # sha256 included: that of the str's UTF-8 form


def test_a_str_is_not_decoded_again():
    # what requests' .text gives for a page that declares latin-1 but was decoded right: no
    # charset guessing, so "Köln" stays "Köln" whatever the page says about its bytes
    article = clean(page(meta='<meta charset="iso-8859-1">'))
    assert article.title == "Neue Radwege für Köln"
    assert article.source.encoding == "str" and article.warnings == ()


def test_a_str_with_mojibake_is_still_repaired():
    # requests decodes a UTF-8 page without a charset header as ISO-8859-1: "KÃ¶ln"
    garbled = page().encode("utf-8").decode("cp1252")
    article = clean(garbled)
    assert article.title == "Neue Radwege für Köln"
    assert any("mojibake" in w for w in article.warnings)


@pytest.mark.parametrize("data", [bytearray(page().encode()), memoryview(page().encode())])
def test_bytes_like_objects_are_pages(data):
    assert clean(data).title == "Neue Radwege für Köln"


@pytest.mark.parametrize(("thing", "name"), [(None, "NoneType"), (42, "int"), (["<p>"], "list"), (3.5, "float")])
def test_anything_else_is_a_clear_type_error(thing, name):
    with pytest.raises(TypeError, match=rf"^a page is bytes \(raw, .*\) or str \(already decoded, .*\), not {name}$"):
        clean(thing)


def test_a_str_counts_against_max_bytes_by_its_utf8_size():
    text = page()
    size = len(text.encode("utf-8"))
    assert clean(text, CleanConfig(max_bytes=size)).title
    with pytest.raises(NewscleanError, match="larger than the limit"):
        clean(text, CleanConfig(max_bytes=size - 1))


GOOD, NAV = page(), "Startseite\n\nImpressum\n\nNewsletter bestellen »\n"
INPUTS = [GOOD, b"", None, NAV, GOOD.encode("utf-8"), 7]
EXPECTED = [Article, EmptyInputError, TypeError, NoArticleError, Article, TypeError]


def summary(results) -> list[str]:
    return [r.to_json() if isinstance(r, Article) else f"{type(r).__name__}: {r}" for r in results]


def test_clean_many_in_process_keeps_the_order_and_yields_the_errors():
    results = list(clean_many(INPUTS))
    assert [type(r) for r in results] == EXPECTED
    assert results[0].to_json() == clean(GOOD).to_json()


def test_clean_many_with_workers_gives_the_same_results():
    assert summary(clean_many(INPUTS, workers=2)) == summary(clean_many(INPUTS))


def test_clean_many_reads_its_input_as_it_goes():
    pulled = []

    def pages():
        for i in itertools.count():
            pulled.append(i)
            yield GOOD

    for results in (clean_many(pages()), clean_many(pages(), workers=1)):
        pulled.clear()
        first = next(results)
        assert isinstance(first, Article)
        assert len(pulled) <= 3  # a few ahead at most, not the whole (endless) input
        results.close()


def test_clean_many_survives_a_page_that_hangs_or_kills_its_worker(monkeypatch):
    monkeypatch.setenv(TEST_HOOK_ENV, "1")
    results = list(clean_many([GOOD, GOOD + "<!-- newsclean-test:hang -->", GOOD + "<!-- newsclean-test:crash -->", GOOD], workers=2, timeout=2))
    assert [type(r) for r in results] == [Article, PageTimeoutError, WorkerCrashError, Article]
    assert results[1].kind == "timeout" and results[2].kind == "crash"


def test_clean_many_refuses_a_negative_worker_count():
    with pytest.raises(ValueError, match="workers must be 0"):
        next(clean_many([GOOD], workers=-1))


def test_the_package_is_typed_and_exports_its_api():
    assert importlib.resources.files("newsclean").joinpath("py.typed").is_file()
    assert {"clean", "clean_many", "Article", "CleanConfig", "NewscleanError"} <= set(newsclean.__all__)
    assert clean.__doc__ and ">>>" in clean.__doc__ and ">>>" in clean_many.__doc__

"""The JSON Schema and the README stay in step with the code: enums, keys, descriptions."""

import json
import typing
from functools import cache
from importlib import resources
from pathlib import Path

from newsclean import clean
from newsclean.model import REASONS, Format, Kind

ROOT = Path(__file__).resolve().parent.parent


@cache
def current_output(name: str) -> str:
    return clean((ROOT / "samples" / name).read_bytes(), path=f"samples/{name}").to_json(pretty=True)


def load_schema() -> dict:
    return json.loads(resources.files("newsclean.data").joinpath("article.schema.json").read_text("utf-8"))


def test_schema_enums_match_the_code():
    props = load_schema()["properties"]
    assert props["removed"]["items"]["properties"]["reason"]["enum"] == list(REASONS)
    assert props["body"]["items"]["properties"]["kind"]["enum"] == list(typing.get_args(Kind))
    assert props["source"]["properties"]["format"]["enum"] == list(typing.get_args(Format))


def test_schema_lists_every_key_in_output_order():
    schema = load_schema()
    article = json.loads(current_output("aerztezeitung-putin.txt"))
    assert schema["required"] == list(article) == list(schema["properties"])
    assert schema["properties"]["source"]["required"] == list(article["source"])
    assert schema["properties"]["schema_version"]["const"] == article["schema_version"]


def test_every_schema_field_is_described():
    def undescribed(node: dict, where: str) -> list[str]:
        missing = [] if "description" in node or where.endswith("[]") else [where]
        for key, child in node.get("properties", {}).items():
            missing += undescribed(child, f"{where}.{key}")
        if "items" in node:
            missing += undescribed(node["items"], f"{where}[]")
        return missing

    assert undescribed(load_schema(), "article") == []


def test_readme_documents_every_field_and_reason():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    schema = load_schema()
    fields = [f"`{k}`" for k in schema["properties"] if k != "source"]
    fields += [f"`source.{k}`" for k in schema["properties"]["source"]["properties"]]
    assert [f for f in fields if f not in readme] == []
    assert [r for r in REASONS if f"| `{r}` |" not in readme] == []

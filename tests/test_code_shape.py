"""The shape the developers' guide asks of the code in src/: short functions, one way to build
an object, no private modules of other libraries. Read from the syntax tree, not run."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "newsclean"
MAX_LINES = 80


def _trees() -> list[tuple[str, ast.Module]]:
    return [(str(path.relative_to(SRC)), ast.parse(path.read_text(encoding="utf-8"), str(path)))
            for path in sorted(SRC.rglob("*.py"))]


def long_functions(tree: ast.Module, limit: int = MAX_LINES) -> list[str]:
    """The functions of ``tree`` longer than ``limit`` lines, from ``def`` to their last line."""
    return [f"{node.name} (line {node.lineno}, {node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > limit]


def object_tricks(tree: ast.Module) -> list[str]:
    """``x.__class__ = …`` (an object turned into another class) and ``tuple.__new__`` (a
    named tuple built past its constructor)."""
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        found += [f"__class__ assigned at line {node.lineno}" for t in targets
                  if isinstance(t, ast.Attribute) and t.attr == "__class__"]
        if (isinstance(node, ast.Attribute) and node.attr == "__new__" and isinstance(node.value, ast.Name)
                and node.value.id == "tuple"):
            found.append(f"tuple.__new__ at line {node.lineno}")
    return found


def private_imports(tree: ast.Module) -> list[str]:
    """Imports of another library's private modules or names (``re._parser``, ``sre_parse``)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [f"{name} at line {node.lineno}" for name in names
                  if name.startswith("sre_") or any(part.startswith("_") and part != "__future__" for part in name.split("."))]
    return found


@pytest.mark.parametrize(("check", "source", "expected"), [
    (long_functions, "def f():\n" + "    x = 1\n" * 80, ["f (line 1, 81 lines)"]),
    (long_functions, "def f():\n" + "    x = 1\n" * 79, []),
    (object_tricks, "b.__class__ = Block\nt = tuple.__new__(Block, (1,))", ["__class__ assigned at line 1", "tuple.__new__ at line 2"]),
    (object_tricks, "b = Block(1)\nt = Block.__new__", []),
    (private_imports, "from re import _parser\nimport sre_parse\nfrom . import _local\nfrom __future__ import annotations",
     ["re._parser at line 1", "sre_parse at line 2"]),
])
def test_the_checks_find_what_they_look_for(check, source, expected):
    assert check(ast.parse(source)) == expected


@pytest.mark.parametrize("check", [long_functions, object_tricks, private_imports])
def test_the_code_has_none(check):
    found = {name: hits for name, tree in _trees() if (hits := check(tree))}
    assert not found, found

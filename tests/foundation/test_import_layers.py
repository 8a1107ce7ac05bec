"""Imports of `roundtable.*` stay at the top of a module, where everyone (and import-linter) sees
them: none inside a function or method, none after the module's first other statement.

An import hidden in a function or at the bottom of a module is how a cycle between apps gets
dodged instead of broken; the layers are in docs/architecture.md and pyproject.toml
(import-linter). The few exceptions are listed in `ALLOWED`, each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import roundtable

ROOT = Path(roundtable.__file__).parent

# (path relative to roundtable/ as a glob, enclosing function) -> why it may import there.
ALLOWED: dict[tuple[str, str], str] = {
    ("*/apps.py", "ready"): (
        "Django imports apps.py before the models are loaded; AppConfig.ready() is the documented"
        " place to import an app's own modules and register its providers and page parts"
    ),
    ("lists/migrations/0002_search_index.py", "*"): (
        "an existing migration (house rule: migrations are never edited); its RunPython steps"
        " import the search index helpers when `migrate` runs them"
    ),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _target(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        return [node.module or ""]
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return [".".join([*base, node.module] if node.module else base)]


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
    )


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


def hidden_imports(
    source: str, module: str, is_package: bool = False
) -> list[tuple[int, str, str]]:
    """(line, where, import) for each `roundtable.*` import inside a function or method, or at
    the top level after the first statement that is not an import, a docstring or a
    TYPE_CHECKING block."""
    tree = ast.parse(source)
    found: list[tuple[int, str, str]] = []

    def ours(node: ast.Import | ast.ImportFrom) -> bool:
        return any(
            t == "roundtable" or t.startswith("roundtable.")
            for t in _target(node, module, is_package)
        )

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if _is_type_checking(child):
                continue  # read by type checkers only, never at run time
            if isinstance(child, ast.Import | ast.ImportFrom) and function and ours(child):
                found.append((child.lineno, function, ast.unparse(child)))
            inner = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                inner = getattr(child, "name", "<lambda>")
            elif isinstance(child, ast.ClassDef):
                inner = inner or f"class {child.name}"
            visit(child, inner)

    body_started = False
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            if body_started and ours(statement):
                found.append((statement.lineno, "<bottom>", ast.unparse(statement)))
            continue
        if _is_type_checking(statement) or (_is_docstring(statement) and not body_started):
            continue
        body_started = True
        if isinstance(statement, ast.If | ast.Try | ast.With):
            # A top-level block runs at import time: an import in it counts as "at the bottom".
            for node in ast.walk(statement):
                if isinstance(node, ast.Import | ast.ImportFrom) and ours(node):
                    found.append((node.lineno, "<bottom>", ast.unparse(node)))
    visit(tree, None)
    return sorted(set(found))


def _allowed(relative: str, function: str) -> bool:
    return any(
        Path(relative).match(pattern) and name in ("*", function) for pattern, name in ALLOWED
    )


def _modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def test_no_roundtable_import_is_hidden_in_a_function_or_at_the_bottom() -> None:
    offences = []
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        for line, function, statement in hidden_imports(
            path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py"
        ):
            if not _allowed(relative, function):
                offences.append(f"roundtable/{relative}:{line} in {function}: {statement}")
    assert not offences, "imports hidden from the layers:\n" + "\n".join(offences)


def test_every_allowance_is_still_used() -> None:
    used = set()
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        for _line, function, _statement in hidden_imports(
            path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py"
        ):
            for pattern, name in ALLOWED:
                if Path(relative).match(pattern) and name in ("*", function):
                    used.add((pattern, name))
    assert used == set(ALLOWED), f"allowances no longer needed: {set(ALLOWED) - used}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    from roundtable.stakeholders.models import X\n", [(2, "f")]),
        ("class C:\n    def m(self):\n        import roundtable.api\n", [(3, "m")]),
        ("x = 1\nfrom roundtable.decisions.api import router\n", [(2, "<bottom>")]),
        ("def f():\n    from .models import X\n", [(2, "f")]),  # relative: still ours
        (
            "x = 1\ntry:\n    import roundtable.api\nexcept ImportError:\n    pass\n",
            [(3, "<bottom>")],
        ),
        ('"""Doc."""\nfrom roundtable.outputs import errors\nx = 1\n', []),
        (
            "from typing import TYPE_CHECKING\nx = 1\nif TYPE_CHECKING:\n    import roundtable.api\n",
            [],
        ),
        ("def f():\n    import json\n    from rich import progress\n", []),  # not ours
    ],
)
def test_the_checker_finds_what_it_should(source: str, expected: list[tuple[int, str]]) -> None:
    found = hidden_imports(source, "roundtable.lists.actions")
    assert [(line, where) for line, where, _ in found] == expected

"""Issue 9, point 5: actions take an actor, not a request. Every `check_*`/`do_*` of the package
that takes an `actor` types it `Actor`; none takes an HTTP `request` or a `**fields` catch-all
(Django's system-check hook, whose signature Django fixes, is the one exception)."""

from __future__ import annotations

import ast
from pathlib import Path

import roundtable

PACKAGE = Path(roundtable.__file__).parent
DJANGO_SIGNATURES = {("roundtable/permissions/checks.py", "check_rule_files")}


def _actions() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith(("check_", "do_")):
                found.append((name, node))
    return found


def test_no_action_takes_a_request_or_loose_fields() -> None:
    actions = _actions()
    assert len(actions) > 100  # the walk found the package's actions
    wrong = []
    for path, node in actions:
        if (path, node.name) in DJANGO_SIGNATURES:
            continue
        params = {a.arg: a.annotation for a in node.args.args + node.args.kwonlyargs}
        if "request" in params or node.args.kwarg is not None:
            wrong.append(f"{path}:{node.lineno} {node.name} takes a request or **fields")
        actor = params.get("actor")
        if "actor" in params and (actor is None or ast.unparse(actor) != "Actor"):
            wrong.append(f"{path}:{node.lineno} {node.name}: actor is not typed Actor")
    assert wrong == []

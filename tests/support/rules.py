"""Test rule files go through the registry as a secretariat's upload would: never by path."""

from __future__ import annotations

from pathlib import Path

from roundtable.permissions.actor import Actor
from roundtable.permissions.registry import do_register_rule_file


def register(path: Path) -> str:
    """Register the rule file at `path` (an upload) and return the modality name it declares."""
    return do_register_rule_file(
        actor=Actor.operator("tests"),
        venue="tests",
        text=path.read_text(encoding="utf-8"),
        filename=path.name,
    ).name

"""What the `roundtable modalities` subcommands share: reading their input (a modality, a
JSON file, a name the modality knows) and writing their output (a table or one JSON object).

Bad input raises `UsageError`, which `cli.main` turns into exit code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console

from roundtable.modalities.loader import load_modality
from roundtable.modalities.model import Modality
from roundtable.modalities.rulefile import ModalityError


class UsageError(Exception):
    """Bad input from the command line (exit 2)."""


def new_console() -> Console:
    out = sys.stdout
    return Console(
        file=out,
        width=None if out.isatty() else 160,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def emit_json(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def modality_argument(name: str) -> Modality:
    """The modality an argument names (a preset or a rule file); its problems are bad usage."""
    try:
        return load_modality(name)
    except ModalityError as exc:
        raise UsageError(str(exc)) from None


def read_json_list(path: str, what: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read {what}: {exc}") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise UsageError(f"{path}: {what} must be a JSON list of objects")
    return data


def check_known(values: Sequence[str], known: Sequence[str], what: str) -> None:
    for value in values:
        if value not in known:
            raise UsageError(f"unknown {what} {value!r} (known: {', '.join(known) or 'none'})")


def phase_or_first(modality: Modality, phase: str | None) -> str | None:
    if phase is None:
        return modality.default_phase
    check_known([phase], [p.name for p in modality.phases], "phase")
    return phase

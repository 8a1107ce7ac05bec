"""The engine's matrix as people read it: labelled rows and columns, a word and an icon per cell.

Pages and the API share this shape; the raw ids stay beside the words (``id``, ``value``,
``rule``) for machines, and the words follow the current language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from roundtable.modalities.compare import ACCREDITED, NO, YES, Cell, Matrix
from roundtable.modalities.model import Modality

from .explain import fact_label
from .vocabulary import description, label, modality_title

ICONS = {YES: "✓", ACCREDITED: "◐", NO: "✕"}


def row_label(row: str, modality: Modality | None = None) -> str:
    """A matrix row id (``anyone``, ``group:government``) as words."""
    if row == "anyone":
        return _("Anyone, even without signing in")
    if row == "signed-in":
        return _("Signed in, with no standing here")
    return fact_label(row, modality)


def cell_word(value: str) -> str:
    words = {YES: _("Allowed"), ACCREDITED: _("Once accredited"), NO: _("Not allowed")}
    return words.get(value, value)


def _cell(cell: Cell, right: str) -> dict[str, Any]:
    word = cell_word(cell.value)
    if cell.obligations:
        word = _("%(word)s, with conditions") % {"word": word}
    return {
        "right": right,
        "value": cell.value,
        "rule": cell.rule,
        "obligations": [o.to_json() for o in cell.obligations],
        "word": word,
        "icon": ICONS.get(cell.value, ""),
    }


def legend() -> list[dict[str, str]]:
    return [
        {"value": value, "icon": ICONS[value], "word": cell_word(value), "meaning": meaning}
        for value, meaning in (
            (YES, _("allowed for this standing")),
            (ACCREDITED, _("allowed once accredited in this venue")),
            (NO, _("not allowed")),
        )
    ]


def readable_matrix(found: Matrix, modality: Modality) -> dict[str, Any]:
    """The matrix with words: rights as columns, standings as rows, a word per cell."""
    phase = found.phase
    return {
        "modality": found.modality,
        "modality_label": modality_title(modality),
        "phase": phase,
        "phase_label": label("phase", phase, modality) if phase else _("outside any phase"),
        "rights": [
            {
                "id": right,
                "label": label("right", right, modality),
                "description": description("right", right, modality),
            }
            for right in found.rights
        ],
        "rows": [
            {
                "id": row,
                "label": row_label(row, modality),
                "cells": [_cell(c, r) for c, r in zip(cells, found.rights, strict=True)],
            }
            for row, cells in zip(found.rows, found.cells, strict=True)
        ],
        "legend": legend(),
        "obligations_note": _("“with conditions”: allowed, with obligations set by the rules."),
    }

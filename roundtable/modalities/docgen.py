"""The generated part of docs/modalities.md: each preset's settings and matrices.

The text between the two markers is produced here and nowhere else; a test regenerates it
and compares, so the documentation cannot go stale. Regenerate with
``roundtable modalities docs --write docs/modalities.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from roundtable.modalities.compare import (
    Matrix,
    describe_outcome,
    describe_phase,
    describe_speaker_order,
    matrices,
)
from roundtable.modalities.describe_seats import describe_composition, describe_seat
from roundtable.modalities.loader import load_modality, preset_names
from roundtable.modalities.model import Modality

BEGIN = "<!-- BEGIN GENERATED: presets (roundtable modalities docs --write docs/modalities.md) -->"
END = "<!-- END GENERATED: presets -->"


def render_modality(modality: Modality, found: Sequence[Matrix] | None = None) -> str:
    lines = [f"### `{modality.name}`: {modality.title}", ""]
    if modality.description:
        lines += [modality.description, ""]
    if modality.extends:
        lines.append(f"- Extends: `{modality.extends}`")
    lines.append(f"- Speaker order: {describe_speaker_order(modality)}")
    lines.append(f"- Outcome: {describe_outcome(modality)}")
    for phase in modality.phases:
        lines.append(f"- Phase `{phase.name}`: adoption {describe_phase(modality, phase)}")
    for seat in modality.seats:
        lines.append(f"- Seat `{seat.role}`: {describe_seat(seat)}")
    if modality.composition is not None:
        lines.append(f"- Composition: {describe_composition(modality.composition)}")
    if modality.sources:
        lines.append("- Sources: " + "; ".join(modality.sources))
    lines.append("")
    for m in found if found is not None else matrices(modality):
        lines += [f"Phase `{m.phase or '(none)'}`:", "", m.markdown(), ""]
    return "\n".join(lines).rstrip() + "\n"


def render_all() -> str:
    parts = [render_modality(load_modality(name)) for name in preset_names()]
    return "\n".join(parts)


def update(text: str) -> str:
    """``text`` with the generated section replaced by a fresh rendering."""
    start = text.find(BEGIN)
    end = text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"missing markers {BEGIN!r} ... {END!r}")
    return text[: start + len(BEGIN)] + "\n\n" + render_all() + "\n" + text[end:]

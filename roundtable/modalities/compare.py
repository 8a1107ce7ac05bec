"""Matrices (standing x right, per phase) and the side-by-side diff of two modalities.

A matrix row is one standing with a single attribute: ``anyone`` (an anonymous visitor),
``signed-in`` (no declared standing), ``group:X``, ``category:X`` or ``role:X``. A cell says
``yes`` (allowed), ``accredited`` (allowed only once accredited) or ``no``; it also carries
the deciding rule and the obligations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from roundtable.modalities.engine import decide
from roundtable.modalities.model import Modality, Phase
from roundtable.modalities.rules import Obligation
from roundtable.modalities.standing import Context, Standing

YES, ACCREDITED, NO, ABSENT = "yes", "accredited", "no", "n/a"


@dataclass(frozen=True, slots=True)
class Cell:
    value: str
    rule: str
    obligations: tuple[Obligation, ...] = ()

    def same_as(self, other: Cell) -> bool:
        """Equal in effect: the same value and obligations (rule ids may differ by name)."""
        return self.value == other.value and self.obligations == other.obligations

    def label(self) -> str:
        return self.value + ("*" if self.obligations else "")

    def to_json(self) -> dict[str, object]:
        return {
            "value": self.value,
            "rule": self.rule,
            "obligations": [o.to_json() for o in self.obligations],
        }


@dataclass(frozen=True, slots=True)
class Matrix:
    modality: str
    phase: str | None
    rights: tuple[str, ...]
    rows: tuple[str, ...]
    cells: tuple[tuple[Cell, ...], ...]

    def cell(self, row: str, right: str) -> Cell:
        return self.cells[self.rows.index(row)][self.rights.index(right)]

    def to_json(self) -> dict[str, object]:
        return {
            "modality": self.modality,
            "phase": self.phase,
            "rights": list(self.rights),
            "rows": {
                row: {right: cell.to_json() for right, cell in zip(self.rights, cells, strict=True)}
                for row, cells in zip(self.rows, self.cells, strict=True)
            },
        }

    def markdown(self) -> str:
        head = "| standing | " + " | ".join(self.rights) + " |"
        rule = "|---|" + "---|" * len(self.rights)
        lines = [head, rule]
        for row, cells in zip(self.rows, self.cells, strict=True):
            lines.append(f"| {row} | " + " | ".join(c.label() for c in cells) + " |")
        return "\n".join(lines)


def row_standings(modality: Modality) -> dict[str, Standing]:
    rows: dict[str, Standing] = {"anyone": Standing.nobody(), "signed-in": Standing()}
    rows.update({f"group:{g}": Standing(groups={g}) for g in modality.groups})
    rows.update({f"category:{c}": Standing(categories={c}) for c in modality.categories})
    rows.update({f"role:{r}": Standing(roles={r}) for r in modality.roles})
    return rows


def _cell(modality: Modality, right: str, standing: Standing, context: Context) -> Cell:
    bare = decide(modality, right=right, standing=standing, context=context)
    if bare.allowed:
        return Cell(YES, bare.rule, bare.obligations)
    if not standing.anonymous:
        accredited = Standing(
            groups=standing.groups,
            categories=standing.categories,
            roles=standing.roles,
            accredited=True,
        )
        trial = decide(modality, right=right, standing=accredited, context=context)
        if trial.allowed:
            return Cell(ACCREDITED, trial.rule, trial.obligations)
    return Cell(NO, bare.rule)


def matrix(modality: Modality, phase: str | None) -> Matrix:
    """Who may do what in ``phase`` (None: outside any phase)."""
    context = Context(venue=modality.venue, phase=phase)
    rows = row_standings(modality)
    cells = tuple(
        tuple(_cell(modality, right, standing, context) for right in modality.rights)
        for standing in rows.values()
    )
    return Matrix(modality.name, phase, modality.rights, tuple(rows), cells)


def matrices(modality: Modality) -> list[Matrix]:
    phases: list[str | None] = [p.name for p in modality.phases] or [None]
    return [matrix(modality, phase) for phase in phases]


@dataclass(frozen=True, slots=True)
class CellDifference:
    phase: str | None
    row: str
    right: str
    a: Cell
    b: Cell

    def key(self) -> tuple[str | None, str, str]:
        return (self.phase, self.row, self.right)

    def to_json(self) -> dict[str, object]:
        return {
            "phase": self.phase,
            "standing": self.row,
            "right": self.right,
            "a": self.a.to_json(),
            "b": self.b.to_json(),
        }


@dataclass(frozen=True, slots=True)
class SettingDifference:
    what: str
    a: str
    b: str

    def to_json(self) -> dict[str, object]:
        return {"what": self.what, "a": self.a, "b": self.b}


@dataclass(frozen=True, slots=True)
class Comparison:
    a: str
    b: str
    rights: tuple[CellDifference, ...]
    settings: tuple[SettingDifference, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "differences": [d.to_json() for d in self.rights],
            "settings": [s.to_json() for s in self.settings],
        }


def describe_phase(modality: Modality, phase: Phase | None) -> str:
    if phase is None:
        return "(no such phase)"
    text = phase.adoption
    procedure = modality.procedure(phase.adoption)
    if procedure is not None:
        text += f" ({procedure.kind}"
        if procedure.chambers:
            text += ", " + ", ".join(f"{c} {n}" for c, n in procedure.chambers)
        if procedure.levels != "plain":
            text += f", levels {procedure.levels}"
        if procedure.secret:
            text += ", secret ballot"
        if procedure.quorum is not None and procedure.kind == "chamber-vote":
            text += f", quorum {procedure.quorum} of each chamber present"
        if procedure.absentee_hours is not None:
            text += f", absentee ballots for {procedure.absentee_hours} hours"
        if procedure.stand_ins:
            text += ", votes by " + " or ".join(procedure.stand_ins)
        text += ")"
    if phase.min_days is not None:
        text += f", at least {phase.min_days} days"
    if phase.max_days is not None:
        text += f", at most {phase.max_days} days"
    return text


def describe_speaker_order(modality: Modality) -> str:
    policy = modality.speaker_order
    text: str = policy.policy
    if policy.microphones:
        text += "; microphones " + "; ".join(
            f"{m.name} ({', '.join(m.groups)})" for m in policy.microphones
        )
    if policy.remote_slots:
        text += f"; {policy.remote_slots} remote slots"
    if policy.slot_seconds:
        text += f"; {policy.slot_seconds}s slots"
    return text


def _union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def compare(a: Modality, b: Modality) -> Comparison:
    """Every (phase, standing, right) whose cell differs, and every differing setting."""
    phases: list[str | None] = [
        *_union([p.name for p in a.phases], [p.name for p in b.phases])
    ] or [None]
    rights = _union(a.rights, b.rights)
    rows_a, rows_b = row_standings(a), row_standings(b)
    rows: Mapping[str, Standing] = {**rows_a, **rows_b}
    diffs: list[CellDifference] = []
    for phase in phases:
        ctx_a = Context(venue=a.venue, phase=phase)
        ctx_b = Context(venue=b.venue, phase=phase)
        for row, standing in rows.items():
            for right in rights:
                cell_a = _cell(a, right, standing, ctx_a) if right in a.rights else Cell(ABSENT, "")
                cell_b = _cell(b, right, standing, ctx_b) if right in b.rights else Cell(ABSENT, "")
                if not cell_a.same_as(cell_b):
                    diffs.append(CellDifference(phase, row, right, cell_a, cell_b))
    settings: list[SettingDifference] = []
    for phase in phases:
        if phase is None:
            continue
        text_a, text_b = describe_phase(a, a.phase(phase)), describe_phase(b, b.phase(phase))
        if text_a != text_b:
            settings.append(SettingDifference(f"phase {phase}: adoption", text_a, text_b))
    for what, value_a, value_b in (
        ("speaker order", describe_speaker_order(a), describe_speaker_order(b)),
        ("outcome", describe_outcome(a), describe_outcome(b)),
        ("venue", a.venue or "-", b.venue or "-"),
    ):
        if value_a != value_b:
            settings.append(SettingDifference(what, value_a, value_b))
    return Comparison(a.name, b.name, tuple(diffs), tuple(settings))


def describe_outcome(modality: Modality) -> str:
    outcome = modality.outcome
    text = f"{outcome.kind}, {'binding' if outcome.binding else 'non-binding'}"
    if outcome.minority_views:
        text += ", minority views attached"
    return text

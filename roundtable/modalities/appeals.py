"""Appeal chains and disclosure obligations, as a rule file declares them.

An ``appeals:`` section names what may be appealed (a chair's consensus ``designation``, a
``refusal``, a posting ``suspension``) and the chain of steps an appeal climbs, each decided
by holders of some roles within its own time limit (IETF: WG chair, Area Director, IESG, IAB,
RFC 2026 section 6.5; GNSO: chair, the chartering organisation's liaison, the chartering
organisation). Who may lodge or decide is still the engine's: the rights ``appeal`` and
``decide_appeal``, the step in force given as the context fact ``appeal-at-<step>``.

A ``disclosures:`` section says how long a statement (a GNSO Statement of Interest, an IETF
Note Well acknowledgement) stays current. Nothing here reads a database: dates are passed in.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

#: What an appeal may be about.
APPEAL_SUBJECTS: tuple[str, ...] = ("designation", "refusal", "suspension")
#: The rights a modality with an appeals chain knows: the builder adds them to its rights, so
#: the section alone is enough to declare them.
APPEAL_RIGHTS: tuple[str, ...] = ("appeal", "decide_appeal")
#: Statements a modality may require to be on file, and current; a ``disclosures:`` section
#: gives the modality the right to file them (rules say who holds it).
DISCLOSURE_KINDS: tuple[str, ...] = ("statement_of_interest", "note_well")
DISCLOSURE_RIGHTS: tuple[str, ...] = ("file_disclosure",)

Fail = Callable[[tuple[str | int, ...], str], None]


def step_fact(step: str) -> str:
    """The context fact that says an appeal now lies at ``step``: ``appeal-at-area-director``."""
    return f"appeal-at-{step}"


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` plus calendar months, the day clamped to the month's end (31 Jan + 1 = 28 Feb)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True, slots=True)
class AppealStep:
    """One step: who decides (``decided_by`` roles) and the time to bring the appeal here,
    counted from the decision appealed (``within_days`` or calendar ``within_months``; neither:
    no limit is set by the source)."""

    name: str
    decided_by: tuple[str, ...]
    within_days: int | None = None
    within_months: int | None = None
    description: str = ""
    source: str = ""

    def deadline(self, appealed_at: datetime) -> datetime | None:
        """The last moment to bring an appeal of a decision taken at ``appealed_at``."""
        if self.within_months is not None:
            return add_months(appealed_at, self.within_months)
        if self.within_days is not None:
            return appealed_at + timedelta(days=self.within_days)
        return None

    def limit_text(self) -> str:
        if self.within_months is not None:
            return f"within {self.within_months} month(s)"
        if self.within_days is not None:
            return f"within {self.within_days} day(s)"
        return "no time limit set"

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "decided_by": list(self.decided_by),
            "within_days": self.within_days,
            "within_months": self.within_months,
            "limit": self.limit_text(),
            "description": self.description,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class AppealChain:
    subjects: tuple[str, ...]
    steps: tuple[AppealStep, ...]
    description: str = ""
    source: str = ""

    def step(self, index: int) -> AppealStep | None:
        return self.steps[index] if 0 <= index < len(self.steps) else None

    def covers(self, subject: str) -> bool:
        return subject in self.subjects

    def out_of_time(self, index: int, appealed_at: datetime, now: datetime) -> datetime | None:
        """The passed deadline when bringing the appeal to step ``index`` now is too late."""
        step = self.step(index)
        deadline = step.deadline(appealed_at) if step is not None else None
        return deadline if deadline is not None and now > deadline else None

    def to_json(self) -> dict[str, object]:
        return {
            "of": list(self.subjects),
            "steps": [s.to_json() for s in self.steps],
            "description": self.description,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Disclosure:
    """A statement a person must keep on file: current for ``valid_days`` after it was filed
    (None: until marked as needing an update)."""

    kind: str
    valid_days: int | None = None
    description: str = ""
    source: str = ""

    def state(self, filed_at: datetime | None, update_needed: bool, now: datetime) -> str:
        """``missing``, ``update-needed``, ``expired`` or ``current``."""
        if filed_at is None:
            return "missing"
        if update_needed:
            return "update-needed"
        if self.valid_days is not None and now > filed_at + timedelta(days=self.valid_days):
            return "expired"
        return "current"

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "valid_days": self.valid_days,
            "description": self.description,
            "source": self.source,
        }


def build_appeals(
    spec: Mapping[str, Any] | None,
    *,
    roles: Sequence[str],
    fail: Fail,
    inherited: AppealChain | None,
) -> AppealChain | None:
    """The chain a schema-valid ``appeals:`` section declares (or the inherited one)."""
    if spec is None:
        return inherited
    steps: list[AppealStep] = []
    seen: set[str] = set()
    for index, step in enumerate(spec["steps"]):
        path: tuple[str | int, ...] = ("appeals", "steps", index)
        if step["name"] in seen:
            fail((*path, "name"), f"duplicate appeal step {step['name']!r}")
        seen.add(step["name"])
        for at, role in enumerate(step["decided_by"]):
            if role not in roles:
                known = ", ".join(roles) if roles else "none declared; declare it under roles:"
                fail((*path, "decided_by", at), f"unknown role {role!r} (known: {known})")
        if "within_days" in step and "within_months" in step:
            fail((*path, "within_months"), "give within_days or within_months, not both")
        steps.append(
            AppealStep(
                name=step["name"],
                decided_by=tuple(step["decided_by"]),
                within_days=step.get("within_days"),
                within_months=step.get("within_months"),
                description=step.get("description", ""),
                source=step.get("source", ""),
            )
        )
    return AppealChain(
        subjects=tuple(spec["of"]),
        steps=tuple(steps),
        description=spec.get("description", ""),
        source=spec.get("source", ""),
    )


def build_disclosures(
    spec: Mapping[str, Any] | None, *, inherited: Sequence[Disclosure]
) -> tuple[Disclosure, ...]:
    merged = {d.kind: d for d in inherited}
    for kind, item in (spec or {}).items():
        merged[kind] = Disclosure(
            kind=kind,
            valid_days=item.get("valid_days"),
            description=item.get("description", ""),
            source=item.get("source", ""),
        )
    return tuple(merged.values())

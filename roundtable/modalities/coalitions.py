"""Dynamic coalitions (``coalitions:`` in a rule file): what founding one takes and when one
falls inactive. Pure rules: the caller passes the groups, the dates and the clock's day.

    coalitions:
      founding_groups: 3      # founding members from at least this many stakeholder groups
      activity_days: 365      # a report and list activity are expected within this period
      source: IGF Dynamic Coalition Coordination Group, founding requirements

A founding request is refused when its members come from fewer groups than the modality asks;
the refusal names the rule (``<modality>/coalition-founding``), the groups found and what would
allow it. A coalition is inactive when the venue's report date has passed without its report
for the period, or when its list has been quiet for the whole period; a secretariat's revival
counts as both for the period that follows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from roundtable.modalities.model import Modality

FOUNDING_RULE = "coalition-founding"
ACTIVITY_RULE = "coalition-activity"


@dataclass(frozen=True, slots=True)
class CoalitionRules:
    modality: str
    founding_groups: int = 3
    activity_days: int = 365
    source: str = ""

    @property
    def founding_rule(self) -> str:
        return f"{self.modality}/{FOUNDING_RULE}"

    @property
    def activity_rule(self) -> str:
        return f"{self.modality}/{ACTIVITY_RULE}"


@dataclass(frozen=True, slots=True)
class FoundingCheck:
    allowed: bool
    rule: str
    needed: int
    groups: tuple[str, ...]

    @property
    def missing(self) -> int:
        """How many more distinct groups the founding members must come from."""
        return max(0, self.needed - len(self.groups))


def check_founding(rules: CoalitionRules, groups: Iterable[str]) -> FoundingCheck:
    """Whether founding members of these stakeholder groups (one entry per member) may found."""
    distinct = tuple(sorted(set(groups)))
    return FoundingCheck(
        allowed=len(distinct) >= rules.founding_groups,
        rule=rules.founding_rule,
        needed=rules.founding_groups,
        groups=distinct,
    )


@dataclass(frozen=True, slots=True)
class Dormancy:
    rule: str
    report_overdue: bool
    list_quiet: bool
    #: The report date that has passed (None: none set yet, or none passed by ``today``).
    due_on: date | None
    quiet_since: date

    @property
    def inactive(self) -> bool:
        return self.report_overdue or self.list_quiet


def dormancy(
    rules: CoalitionRules,
    *,
    today: date,
    founded_on: date,
    due_dates: Sequence[date] = (),
    reports_on: Sequence[date] = (),
    last_activity_on: date | None = None,
    revived_on: date | None = None,
) -> Dormancy:
    """Whether a coalition is inactive on ``today``.

    ``due_dates``: the venue's report dates; the latest one before ``today`` counts. A report
    filed within ``activity_days`` before that date, or after it, meets it (a late report
    revives). A coalition founded after that date owes nothing for it yet. The list is quiet
    when no message (nor the founding, nor a revival) falls within the last ``activity_days``.
    """
    period = timedelta(days=rules.activity_days)
    passed = [due for due in due_dates if due < today]
    due = max(passed) if passed else None
    excused = [d for d in (*reports_on, revived_on) if d is not None]
    overdue = (
        due is not None and founded_on <= due and not any(filed > due - period for filed in excused)
    )
    latest = max(d for d in (founded_on, last_activity_on, revived_on) if d is not None)
    return Dormancy(
        rule=rules.activity_rule,
        report_overdue=overdue,
        list_quiet=latest <= today - period,
        due_on=due,
        quiet_since=latest,
    )


class _Builder(Protocol):
    name: str
    groups: tuple[str, ...]

    def fail(self, path: tuple[str | int, ...], message: str, *, key: bool = False) -> None: ...


def build_coalition_rules(
    spec: Mapping[str, Any] | None, builder: _Builder, parent: Modality | None
) -> CoalitionRules | None:
    """The ``coalitions:`` block (the schema checked the types); a count of founding groups
    the modality cannot reach is a problem located at ``coalitions.founding_groups``."""
    inherited = parent.coalitions if parent is not None else None
    if spec is None:
        if inherited is None:
            return None
        return replace(inherited, modality=builder.name)
    needed = spec.get("founding_groups", 3)
    if needed > len(builder.groups):
        builder.fail(
            ("coalitions", "founding_groups"),
            f"asks for {needed} stakeholder groups; the modality knows {len(builder.groups)} "
            f"({', '.join(builder.groups)})",
        )
    return CoalitionRules(
        modality=builder.name,
        founding_groups=needed,
        activity_days=spec.get("activity_days", 365),
        source=spec.get("source", ""),
    )

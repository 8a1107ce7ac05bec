"""The pure rules of dynamic coalitions (no database): founding groups and inactivity, and the
``coalitions:`` block of a rule file, validated with file, line and field."""

from __future__ import annotations

from datetime import date

import pytest

from roundtable.modalities.coalitions import CoalitionRules, check_founding, dormancy
from roundtable.modalities.loader import load_modality, load_text
from roundtable.modalities.rulefile import ModalityError

RULES = CoalitionRules(modality="igf-dynamic-coalition", founding_groups=3, activity_days=365)


def test_the_igf_preset_asks_for_three_groups() -> None:
    rules = load_modality("igf-dynamic-coalition").coalitions
    assert rules is not None and rules.founding_groups == 3 and rules.activity_days == 365


def test_founding_counts_distinct_groups() -> None:
    two = check_founding(RULES, ["civil-society", "government", "civil-society"])
    assert not two.allowed and two.missing == 1 and two.rule.endswith("/coalition-founding")
    three = check_founding(RULES, ["civil-society", "government", "academia"])
    assert three.allowed and three.missing == 0


def test_a_block_the_modality_cannot_meet_is_located() -> None:
    text = "modality: tiny\ngroups: [a]\ncoalitions:\n  founding_groups: 9\n"
    with pytest.raises(ModalityError) as error:
        load_text(text, file="tiny.yaml")
    problem = error.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (
        "tiny.yaml",
        4,
        "coalitions.founding_groups",
    )


def test_the_schema_refuses_unknown_fields_and_bad_counts() -> None:
    with pytest.raises(ModalityError) as error:
        load_text("modality: t\ncoalitions:\n  founding_group: 3\n", file="t.yaml")
    assert error.value.problems[0].field.startswith("coalitions")
    with pytest.raises(ModalityError):
        load_text("modality: t\ncoalitions:\n  founding_groups: 0\n", file="t.yaml")


def test_an_extending_modality_inherits_the_block() -> None:
    child = load_text("modality: child\nextends: igf-dynamic-coalition\n")
    assert child.coalitions is not None and child.coalitions.modality == "child"


@pytest.mark.parametrize(
    ("today", "reports", "activity", "overdue", "quiet"),
    [
        (date(2026, 12, 1), [], date(2026, 11, 1), False, False),  # due today: not yet late
        (date(2026, 12, 2), [], date(2026, 11, 1), True, False),
        (date(2026, 12, 2), [date(2026, 6, 1)], date(2026, 11, 1), False, False),
        (date(2026, 12, 9), [date(2026, 12, 8)], date(2026, 11, 1), False, False),  # late
        (date(2026, 12, 2), [date(2025, 11, 1)], date(2026, 11, 1), True, False),  # old one
        (date(2027, 11, 2), [date(2026, 6, 1)], date(2026, 11, 1), False, True),
    ],
)
def test_dormancy(
    today: date, reports: list[date], activity: date, overdue: bool, quiet: bool
) -> None:
    found = dormancy(
        RULES,
        today=today,
        founded_on=date(2026, 1, 10),
        due_dates=[date(2026, 12, 1), date(2027, 12, 1)],
        reports_on=reports,
        last_activity_on=activity,
    )
    assert (found.report_overdue, found.list_quiet) == (overdue, quiet)
    assert found.inactive == (overdue or quiet)


def test_a_coalition_founded_after_the_date_owes_nothing_for_it() -> None:
    found = dormancy(
        RULES, today=date(2026, 12, 20), founded_on=date(2026, 12, 10),
        due_dates=[date(2026, 12, 1)],
    )  # fmt: skip
    assert not found.inactive


def test_a_revival_counts_as_report_and_activity() -> None:
    found = dormancy(
        RULES, today=date(2027, 3, 3), founded_on=date(2025, 1, 1),
        due_dates=[date(2026, 12, 1)], revived_on=date(2027, 3, 2),
    )  # fmt: skip
    assert not found.inactive

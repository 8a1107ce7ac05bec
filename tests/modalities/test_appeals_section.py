"""The rule file's `appeals:` and `disclosures:` sections: loaded into the modality, checked
with file/line/field errors like the rest of the file, and their pure arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from roundtable.modalities import ModalityError, load_modality, load_text
from roundtable.modalities.appeals import Disclosure, add_months, step_fact

BASE = """\
modality: house
roles: [chair, ombud]
rules:
  - id: chair-hears
    permit: [decide_appeal]
    who: {roles: [chair]}
    when: {facts: [appeal-at-first]}
"""


def _problems(text: str) -> list[tuple[int, str, str]]:
    with pytest.raises(ModalityError) as failed:
        load_text(text, file="house.yaml")
    return [(p.line, p.field, p.message) for p in failed.value.problems]


def test_a_chain_gives_the_appeal_rights_and_keeps_its_steps() -> None:
    house = load_text(
        BASE
        + "appeals:\n  of: [designation]\n  steps:\n"
        + "    - {name: first, decided_by: [chair], within_days: 10}\n"
        + "    - {name: second, decided_by: [ombud]}\n",
        file="house.yaml",
    )
    assert "appeal" in house.rights and "decide_appeal" in house.rights
    assert house.appeals is not None
    assert [s.name for s in house.appeals.steps] == ["first", "second"]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    assert house.appeals.steps[0].deadline(start) == start + timedelta(days=10)
    assert house.appeals.steps[1].deadline(start) is None  # no limit: none is invented
    assert house.appeals.out_of_time(0, start, start + timedelta(days=11)) is not None
    assert house.appeals.out_of_time(1, start, start + timedelta(days=999)) is None
    assert step_fact("first") == "appeal-at-first"


def test_unknown_role_duplicate_step_and_two_limits_are_located() -> None:
    problems = _problems(
        BASE
        + "appeals:\n  of: [designation]\n  steps:\n"
        + "    - {name: first, decided_by: [chiar], within_days: 1, within_months: 1}\n"
        + "    - {name: first, decided_by: [chair]}\n"
    )
    fields = {field for _line, field, _message in problems}
    assert "appeals.steps[0].decided_by[0]" in fields
    assert "appeals.steps[0].within_months" in fields
    assert "appeals.steps[1].name" in fields
    assert {line for line, _f, _m in problems} == {11, 12}  # the two step lines
    assert any("unknown role 'chiar'" in message for _l, _f, message in problems)


def test_schema_errors_in_the_section_name_line_and_field() -> None:
    problems = _problems(
        BASE + "appeals:\n  of: [verdict]\n  steps:\n    - {name: first, decided_bye: [chair]}\n"
    )
    fields = {field for _line, field, _message in problems}
    assert "appeals.of[0]" in fields
    assert "appeals.steps[0].decided_bye" in fields


def test_calendar_months_clamp_to_the_end_of_the_month() -> None:
    # RFC 2026 section 6.5.4 counts "two months", not sixty days.
    assert add_months(datetime(2026, 12, 31, tzinfo=UTC), 2) == datetime(2027, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2026, 1, 15, tzinfo=UTC), 2) == datetime(2026, 3, 15, tzinfo=UTC)


def test_a_statement_of_interest_is_current_for_a_year_or_until_an_update_is_needed() -> None:
    # GNSO Operating Procedures 5.3.1 (docs/sources/presets.md): "updated not less frequently
    # than once a year or whenever there is a material change".
    soi = load_modality("icann-gnso-pdp-wg").disclosure("statement_of_interest")
    assert soi is not None and soi.valid_days == 365
    filed = datetime(2026, 1, 1, tzinfo=UTC)
    assert soi.state(None, False, filed) == "missing"
    assert soi.state(filed, False, filed + timedelta(days=100)) == "current"
    assert soi.state(filed, True, filed + timedelta(days=1)) == "update-needed"
    assert soi.state(filed, False, filed + timedelta(days=366)) == "expired"
    # IETF Note Well: no validity period was found, so it never expires on its own.
    note_well = load_modality("ietf-wg").disclosure("note_well")
    assert note_well == Disclosure(
        kind="note_well",
        description=note_well.description if note_well else "",
        source=note_well.source if note_well else "",
    )
    assert note_well.state(filed, False, filed + timedelta(days=4000)) == "current"


def test_the_ietf_and_gnso_chains_are_the_ones_the_sources_give() -> None:
    # RFC 2026 section 6.5.1: chairs, Area Director, IESG, IAB, two months each (6.5.4).
    ietf = load_modality("ietf-wg").appeals
    assert ietf is not None
    assert [(s.name, s.decided_by, s.within_months) for s in ietf.steps] == [
        ("wg-chairs", ("chair",), 2),
        ("area-director", ("area-director",), 2),
        ("iesg", ("iesg",), 2),
        ("iab", ("iab",), 2),
    ]
    # GNSO WG Guidelines 3.7: chair, CO liaison, chartering organisation; no time limit found.
    gnso = load_modality("icann-gnso-pdp-wg").appeals
    assert gnso is not None
    assert [(s.name, s.within_days, s.within_months) for s in gnso.steps] == [
        ("chair", None, None),
        ("liaison", None, None),
        ("chartering-organisation", None, None),
    ]

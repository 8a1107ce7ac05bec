"""Scenario files: real situations per preset, asked of the engine (issue 12 acceptance).

Each preset in ``roundtable/modalities/presets/`` has ``tests/modalities/scenarios/<preset>.yaml``,
a YAML list of at least ten situations as practitioners of that forum would check them::

    - name: "Civil-society participant may not speak at the WTPF"
      source: "Resolution 2 (Rev. Dubai, 2018); MMWG thread 23 Nov 2006 (seed)"
      note: "optional: e.g. current preset; source not verified (see docs/sources/presets.md)"
      standing: {groups: [civil-society], accredited: true}    # Standing's own fields
      right: speak
      phase: exchange-of-views                                  # Context: phase, day, venue,
      facts: [public-record]                                    #   issues, facts (all optional)
      allowed: false
      rule: null                        # the deciding rule's full id; null: the default deny
      obligations: {through_head_of_delegation: true}           # optional, checked if given

The expected values are what the engine answers today on the current presets; ``source``
says where the expectation comes from. A malformed situation (an unknown key, right, phase,
day, group, category, role, fact or rule) fails with the file, the situation and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from roundtable.modalities import (
    Context,
    Modality,
    Standing,
    decide,
    load_modality,
    preset_names,
)

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
MIN_SITUATIONS = 10

REQUIRED_KEYS = frozenset({"name", "source", "standing", "right", "allowed", "rule"})
OPTIONAL_KEYS = frozenset({"note", "phase", "day", "venue", "issues", "facts", "obligations"})
STANDING_SET_KEYS = ("groups", "categories", "roles", "coalitions")
STANDING_BOOL_KEYS = ("head_of_delegation", "accredited", "anonymous", "organisation_confirmed")
STANDING_KEYS = frozenset({*STANDING_SET_KEYS, *STANDING_BOOL_KEYS, "delegation"})


class ScenarioError(ValueError):
    """A malformed scenario: the message names the file, the situation and the field."""


@dataclass(frozen=True)
class Situation:
    preset: str
    file: str
    name: str
    right: str
    standing: Standing
    context: Context
    allowed: bool
    rule: str
    obligations: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    """One parametrized test: a situation, or the error that made it unreadable."""

    id: str
    situation: Situation | None = None
    error: str | None = None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def _strings(value: object, where: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ScenarioError(f"{where}, field {key}: expected a list of strings, got {value!r}")
    return value


def _check_known(
    values: list[str], known: tuple[str, ...] | frozenset[str], where: str, key: str
) -> None:
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ScenarioError(
            f"{where}, field {key}: unknown {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known)) or 'none'})"
        )


def _known_facts(modality: Modality) -> frozenset[str]:
    return frozenset(f for rule in modality.rules for f in (rule.when.facts or ()))


def parse_standing(raw: object, modality: Modality, where: str) -> Standing:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}, field standing: expected a mapping, got {raw!r}")
    unknown = sorted(set(raw) - STANDING_KEYS)
    if unknown:
        raise ScenarioError(
            f"{where}, field standing.{unknown[0]}: unknown key "
            f"(known: {', '.join(sorted(STANDING_KEYS))})"
        )
    vocabulary = {
        "groups": modality.groups,
        "categories": modality.categories,
        "roles": modality.roles,
    }
    kwargs: dict[str, Any] = {}
    for key in STANDING_SET_KEYS:
        if key in raw:
            values = _strings(raw[key], where, f"standing.{key}")
            if key in vocabulary:
                _check_known(values, vocabulary[key], where, f"standing.{key}")
            kwargs[key] = frozenset(values)
    for key in STANDING_BOOL_KEYS:
        if key in raw:
            if not isinstance(raw[key], bool):
                raise ScenarioError(
                    f"{where}, field standing.{key}: expected true or false, got {raw[key]!r}"
                )
            kwargs[key] = raw[key]
    if "delegation" in raw:
        if not isinstance(raw["delegation"], str):
            raise ScenarioError(
                f"{where}, field standing.delegation: expected a string, got {raw['delegation']!r}"
            )
        kwargs["delegation"] = raw["delegation"]
    return Standing(**kwargs)


def parse_context(raw: Mapping[str, object], modality: Modality, where: str) -> Context:
    phase = raw.get("phase")
    if phase is not None:
        phases = tuple(p.name for p in modality.phases)
        if not isinstance(phase, str) or phase not in phases:
            raise ScenarioError(
                f"{where}, field phase: unknown phase {phase!r} "
                f"(known: {', '.join(phases) or 'none'})"
            )
    day = raw.get("day")
    if day is not None and (not isinstance(day, str) or day not in modality.days):
        raise ScenarioError(
            f"{where}, field day: unknown day {day!r} (known: {', '.join(modality.days) or 'none'})"
        )
    venue = raw.get("venue")
    if venue is not None and not isinstance(venue, str):
        raise ScenarioError(f"{where}, field venue: expected a string, got {venue!r}")
    issues = _strings(raw.get("issues", []), where, "issues")
    facts = _strings(raw.get("facts", []), where, "facts")
    _check_known(facts, _known_facts(modality), where, "facts")
    return Context(
        phase=str(phase) if phase is not None else None,
        day=str(day) if day is not None else None,
        venue=venue,
        issues=issues,
        facts=facts,
    )


def parse_situation(raw: object, preset: str, file: str, index: int) -> Situation:
    label = raw.get("name") if isinstance(raw, dict) else None
    where = f"{file}, situation {index + 1}" + (f" ({label!r})" if label else "")
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: expected a mapping, got {raw!r}")
    unknown = sorted(set(raw) - REQUIRED_KEYS - OPTIONAL_KEYS)
    if unknown:
        raise ScenarioError(
            f"{where}, field {unknown[0]}: unknown key "
            f"(known: {', '.join(sorted(REQUIRED_KEYS | OPTIONAL_KEYS))})"
        )
    missing = sorted(REQUIRED_KEYS - set(raw))
    if missing:
        raise ScenarioError(f"{where}, field {missing[0]}: missing")
    for key in ("name", "source"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ScenarioError(f"{where}, field {key}: expected a non-empty string")
    if "note" in raw and not isinstance(raw["note"], str):
        raise ScenarioError(f"{where}, field note: expected a string")
    modality = load_modality(preset)
    right = raw["right"]
    if right not in modality.rights:
        raise ScenarioError(
            f"{where}, field right: unknown right {right!r} (known: {', '.join(modality.rights)})"
        )
    if not isinstance(raw["allowed"], bool):
        raise ScenarioError(f"{where}, field allowed: expected true or false")
    rule = raw["rule"]
    if rule is None:
        rule = modality.default_deny_id
    elif not isinstance(rule, str) or modality.rule(rule) is None:
        known = ", ".join(sorted(r.id for r in modality.rules))
        raise ScenarioError(
            f"{where}, field rule: unknown rule {rule!r} (give the full id, or null for "
            f"{modality.default_deny_id}; known: {known})"
        )
    obligations = raw.get("obligations", {})
    if not isinstance(obligations, dict):
        raise ScenarioError(f"{where}, field obligations: expected a mapping of kind to value")
    return Situation(
        preset=preset,
        file=file,
        name=raw["name"],
        right=right,
        standing=parse_standing(raw["standing"], modality, where),
        context=parse_context(raw, modality, where),
        allowed=raw["allowed"],
        rule=rule,
        obligations=obligations,
    )


def read_file(path: Path, preset: str) -> list[Situation]:
    """Every situation of one scenario file; ScenarioError for the first malformed one."""
    file = f"tests/modalities/scenarios/{path.name}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{file}: not valid YAML: {exc}") from None
    if not isinstance(raw, list):
        raise ScenarioError(f"{file}: expected a YAML list of situations")
    situations = [parse_situation(item, preset, file, i) for i, item in enumerate(raw)]
    seen: set[str] = set()
    for s in situations:
        if slug(s.name) in seen:
            raise ScenarioError(f"{file}, situation {s.name!r}, field name: used twice")
        seen.add(slug(s.name))
    return situations


def collect() -> list[Case]:
    cases: list[Case] = []
    for preset in preset_names():
        path = SCENARIOS / f"{preset}.yaml"
        if not path.is_file():
            continue  # test_every_preset_has_a_scenario_file reports it
        try:
            situations = read_file(path, preset)
        except ScenarioError as exc:
            cases.append(Case(id=f"{preset}:malformed", error=str(exc)))
            continue
        cases.extend(Case(id=f"{preset}:{slug(s.name)}", situation=s) for s in situations)
    return cases


CASES = collect()


def test_every_preset_has_a_scenario_file() -> None:
    presets = set(preset_names())
    files = {p.stem for p in SCENARIOS.glob("*.yaml")}
    assert not presets - files, f"presets without a scenario file: {sorted(presets - files)}"
    assert not files - presets, f"scenario files for no preset: {sorted(files - presets)}"


@pytest.mark.parametrize("preset", preset_names())
def test_scenario_file_has_enough_situations(preset: str) -> None:
    path = SCENARIOS / f"{preset}.yaml"
    assert path.is_file(), f"no scenario file for preset {preset}: {path}"
    count = len(read_file(path, preset))
    assert count >= MIN_SITUATIONS, (
        f"{path.name}: {count} situations, at least {MIN_SITUATIONS} wanted"
    )


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_situation(case: Case) -> None:
    if case.error is not None:
        pytest.fail(case.error, pytrace=False)
    s = case.situation
    assert s is not None
    d = decide(load_modality(s.preset), right=s.right, standing=s.standing, context=s.context)
    got = {o.kind: o.value for o in d.obligations}
    where = f"{s.file}, situation {s.name!r}"
    assert (d.allowed, d.rule) == (s.allowed, s.rule), f"{where}: {d.reason}"
    for kind, value in s.obligations.items():
        assert got.get(kind) == value, f"{where}, obligation {kind}: got {got}"


BASE = {
    "name": "Anyone observes",
    "source": "test",
    "standing": {"anonymous": True},
    "right": "observe",
    "allowed": True,
    "rule": "itu-wtpf/public-record",
    "facts": ["public-record"],
}


@pytest.mark.parametrize(
    ("change", "field_named"),
    [
        ({"colour": "red"}, "field colour: unknown key"),
        ({"right": "filibuster"}, "field right: unknown right 'filibuster'"),
        ({"phase": "recess"}, "field phase: unknown phase 'recess'"),
        ({"day": "mag-day"}, "field day: unknown day 'mag-day'"),
        ({"standing": {"groups": ["clergy"]}}, "field standing.groups: unknown clergy"),
        ({"standing": {"roles": ["king"]}}, "field standing.roles: unknown king"),
        ({"standing": {"categories": ["x"]}}, "field standing.categories: unknown x"),
        ({"standing": {"grups": ["government"]}}, "field standing.grups: unknown key"),
        ({"facts": ["secret"]}, "field facts: unknown secret"),
        ({"rule": "members-speak"}, "field rule: unknown rule 'members-speak'"),
        ({"allowed": "yes"}, "field allowed: expected true or false"),
        ({"source": ""}, "field source: expected a non-empty string"),
    ],
)
def test_malformed_situation_names_file_situation_and_field(
    change: dict[str, object], field_named: str
) -> None:
    raw = {**BASE, **change}
    with pytest.raises(ScenarioError) as excinfo:
        parse_situation(raw, "itu-wtpf", "scenarios/itu-wtpf.yaml", 2)
    message = str(excinfo.value)
    assert message.startswith("scenarios/itu-wtpf.yaml, situation 3 ('Anyone observes')")
    assert field_named in message


def test_missing_required_key_is_named() -> None:
    raw = {k: v for k, v in BASE.items() if k != "rule"}
    with pytest.raises(
        ScenarioError, match=r"situation 1 \('Anyone observes'\), field rule: missing"
    ):
        parse_situation(raw, "itu-wtpf", "x.yaml", 0)


def test_the_base_situation_is_well_formed() -> None:
    s = parse_situation(BASE, "itu-wtpf", "x.yaml", 0)
    d = decide(load_modality("itu-wtpf"), right=s.right, standing=s.standing, context=s.context)
    assert (d.allowed, d.rule) == (True, "itu-wtpf/public-record")

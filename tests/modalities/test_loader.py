"""Rule files: every preset loads and cites sources; errors name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from roundtable.modalities import (
    CORE_RIGHTS,
    GROUPS,
    ModalityError,
    check_file,
    load_modality,
    preset_names,
)
from roundtable.modalities.loader import PRESETS_DIR

EXPECTED_PRESETS = {
    "igf-open-consultation",
    "igf-mag",
    "igf-dynamic-coalition",
    "itu-wtpf",
    "itu-wtpf-multistakeholder",
    "itu-cwg-internet",
    "icann-gnso-council",
    "icann-gnso-pdp-wg",
    "icann-public-comment",
    # ICANN Public Comment with its reply period, 2012-2015 (issue 12, time rules).
    "icann-public-comment-2012",
    "ietf-wg",
    "netmundial",
    "open-mailing-list",
}


def test_exactly_the_required_presets() -> None:
    assert set(preset_names()) == EXPECTED_PRESETS


@pytest.mark.parametrize("name", sorted(EXPECTED_PRESETS))
def test_preset_loads_cites_sources_and_names_its_procedures(name: str) -> None:
    m = load_modality(name)
    assert m is load_modality(name)  # presets are cached
    assert m.sources, "a preset lists its sources"
    text = (PRESETS_DIR / f"{name}.yaml").read_text()
    assert "Sources:" in text.split("\nmodality:")[0], "sources cited in the header comments"
    assert set(CORE_RIGHTS) <= set(m.rights) and set(GROUPS) <= set(m.groups)
    assert m.speaker_order.policy in {"fcfs", "priority-tiers", "rotation"}
    for phase in m.phases:
        assert phase.adoption == "none" or m.procedure(phase.adoption) is not None
    assert check_file(PRESETS_DIR / f"{name}.yaml") == []


def test_adoption_procedures_per_preset() -> None:
    def kinds(name: str) -> dict[str, str]:
        m = load_modality(name)
        return {
            p.name: (m.procedure(p.adoption).kind if m.procedure(p.adoption) else "none")  # type: ignore[union-attr]
            for p in m.phases
        }

    assert kinds("itu-wtpf")["adoption"] == "consensus"
    assert kinds("itu-wtpf-multistakeholder")["adoption"] == "consensus"
    assert kinds("ietf-wg")["adoption"] == "rough-consensus"
    assert kinds("netmundial")["adoption"] == "rough-consensus"
    assert kinds("icann-gnso-council")["adoption"] == "chamber-vote"
    assert kinds("icann-gnso-pdp-wg")["adoption"] == "consensus"
    assert set(kinds("igf-open-consultation").values()) == {"none"}
    # A coalition's own output, by its members' rough consensus; it binds nobody.
    assert kinds("igf-dynamic-coalition")["adoption"] == "rough-consensus"
    assert {k for p, k in kinds("igf-dynamic-coalition").items() if p != "adoption"} == {"none"}
    assert load_modality("igf-dynamic-coalition").outcome.binding is False
    # The MAG decides its programme (MAG Terms of Reference, tasks 1 and 4; issue 12).
    assert kinds("igf-mag") == {
        "exchange-of-views": "none",
        "drafting": "none",
        "programme": "consensus",
    }
    council = load_modality("icann-gnso-council").procedure("majority")
    assert council is not None and dict(council.chambers) == {"contracted": 7, "non-contracted": 13}


def _problems(tmp_path: Path, text: str, name: str = "rules.yaml") -> list[tuple[int, str, str]]:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ModalityError) as info:
        load_modality(path)
    assert all(p.file == str(path) for p in info.value.problems)
    return [(p.line, p.field, p.message) for p in info.value.problems]


def test_unknown_field_names_file_line_and_field(tmp_path: Path) -> None:
    found = _problems(
        tmp_path,
        "modality: x\nrules:\n  - id: a\n    permit: [speak]\n    who:\n      grups: [civil-society]\n",
    )
    assert found == [
        (
            6,
            "rules[0].who.grups",
            "unknown field 'grups' (known: accredited, anonymous, anyone, categories, "
            "coalitions, delegations, groups, head_of_delegation, organisation_confirmed, roles)",
        )
    ]


def test_consensus_support_is_no_longer_a_field(tmp_path: Path) -> None:
    # GNSO WG Guidelines 3.6 define the consensus levels with no numeric threshold
    # (docs/sources/presets.md, icann-gnso-pdp-wg): the invented `consensus_support` is gone,
    # and a rule file that still names it is told so like any unknown field.
    found = _problems(
        tmp_path,
        "modality: x\nprocedures:\n  wg:\n    kind: consensus\n    levels: gnso\n"
        '    consensus_support: ">= 4/5"\n',
    )
    assert len(found) == 1
    line, field, message = found[0]
    assert (line, field) == (6, "procedures.wg.consensus_support")
    assert message.startswith("unknown field 'consensus_support' (known: ")


def test_wrong_type_and_missing_field(tmp_path: Path) -> None:
    found = _problems(
        tmp_path,
        "title: no name\nrules:\n  - id: a\n    permit: [comment]\n"
        "    obligations:\n      word_limit: many\n",
    )
    assert (1, "", "'modality' is a required field") in found
    assert any(
        line == 6 and field == "rules[0].obligations.word_limit" and "integer" in msg
        for line, field, msg in found
    )


def test_semantic_errors_are_located(tmp_path: Path) -> None:
    text = """modality: x
categories: [member-state]
phases:
  adoption: {adoption: vote}
rules:
  - id: a
    permit: [speak, shout]
    who: {categories: [member-sate]}
    when: {phases: [adoptoin]}
  - id: b
    who: {anyone: true}
  - id: a
    permit: [observe]
"""
    found = {(line, field): msg for line, field, msg in _problems(tmp_path, text)}
    assert "unknown procedure 'vote'" in found[(4, "phases.adoption.adoption")]
    assert "unknown right 'shout'" in found[(7, "rules[0].permit[1]")]
    assert "unknown category 'member-sate'" in found[(8, "rules[0].who.categories[0]")]
    assert "unknown phase 'adoptoin'" in found[(9, "rules[0].when.phases[0]")]
    assert "exactly one of permit" in found[(10, "rules[1]")]
    assert "duplicate rule id 'x/a'" in found[(12, "rules[2].id")]


def test_duplicate_key_and_bad_yaml(tmp_path: Path) -> None:
    assert _problems(tmp_path, "modality: x\nmodality: y\n") == [(2, "modality", "duplicate key")]
    (line, field, message), *_ = _problems(tmp_path, "modality: x\nrules: [\n", "bad.yaml")
    assert line >= 2 and "not valid YAML" in message


def test_extends_overrides_and_removes(tmp_path: Path) -> None:
    (tmp_path / "child.yaml").write_text(
        """modality: wtpf-variant
extends: itu-wtpf
remove_rules: [itu-wtpf/no-voting]
rules:
  - id: itu-wtpf/members-speak
    permit: [speak]
    who: {categories: [member-state, sector-member]}
  - id: associates-observe
    permit: [observe]
    who: {categories: [associate]}
"""
    )
    child = load_modality(tmp_path / "child.yaml")
    parent = load_modality("itu-wtpf")
    assert child.extends == "itu-wtpf"
    ids = [r.id for r in child.rules]
    assert "itu-wtpf/no-voting" not in ids
    assert ids.index("itu-wtpf/members-speak") == [r.id for r in parent.rules].index(
        "itu-wtpf/members-speak"
    )
    assert child.rule("itu-wtpf/members-speak").obligations == ()  # type: ignore[union-attr]
    assert "wtpf-variant/associates-observe" in ids
    assert [p.name for p in child.phases] == [p.name for p in parent.phases]
    # a grandchild by relative path
    (tmp_path / "grandchild.yaml").write_text("modality: g\nextends: ./child.yaml\n")
    assert len(load_modality(tmp_path / "grandchild.yaml").rules) == len(child.rules)


def test_extends_errors_are_located(tmp_path: Path) -> None:
    assert _problems(tmp_path, "modality: x\nextends: no-such-thing\n") == [
        (2, "extends", "no preset or file named 'no-such-thing'")
    ]
    found = _problems(
        tmp_path,
        "modality: x\nextends: itu-wtpf\nremove_rules: [itu-wtpf/nope]\nrules:\n"
        "  - id: itu-wtpf/also-nope\n    permit: [speak]\n",
    )
    assert (3, "remove_rules[0]", "no inherited rule 'itu-wtpf/nope' to remove") in found
    assert any(line == 5 and field == "rules[0].id" for line, field, _ in found)
    (tmp_path / "a.yaml").write_text("modality: a\nextends: ./b.yaml\n")
    (tmp_path / "b.yaml").write_text("modality: b\nextends: ./a.yaml\n")
    with pytest.raises(ModalityError, match="extends itself"):
        load_modality(tmp_path / "a.yaml")


def test_check_file_reports_fixture_problems(fixtures: Path) -> None:
    problems = check_file(fixtures / "bad-rules.yaml")
    assert [(p.line, p.field) for p in problems] == [
        (14, "rules[1].who.grups"),
        (17, "rules[2].obligations.word_limit"),
    ]
    assert str(problems[0]).startswith(f"{fixtures / 'bad-rules.yaml'}:14: rules[1].who.grups:")


def test_secret_ballot_is_the_modality_s_setting(fixtures: Path, tmp_path: Path) -> None:
    secret = load_modality(fixtures / "secret-ballot.yaml")
    election = secret.adoption_procedure("adoption")
    assert election is not None and election.secret and election.is_vote
    assert secret.procedure("show-of-hands").secret is False  # type: ignore[union-attr]
    assert check_file(fixtures / "secret-ballot.yaml") == []
    # Public unless the rules say otherwise: no preset holds a secret ballot (GNSO Council
    # votes and IESG ballot positions are public).
    for name in sorted(EXPECTED_PRESETS):
        assert not any(p.secret for p in load_modality(name).procedures), name
    # Located errors: a non-boolean, and a secret consensus call (objections carry names).
    found = _problems(
        tmp_path,
        "modality: x\nprocedures:\n  vote:\n    kind: omov\n    secret: maybe\n",
    )
    assert found[0][:2] == (5, "procedures.vote.secret") and "boolean" in found[0][2]
    found = _problems(
        tmp_path,
        "modality: x\nprocedures:\n  call:\n    kind: consensus\n    secret: true\n",
        "call.yaml",
    )
    assert found == [
        (
            5,
            "procedures.call.secret",
            "a secret ballot is for votes (chamber-vote, omov, iesg-ballot), not consensus: "
            "a consensus call records each objection with its text and group",
        )
    ]

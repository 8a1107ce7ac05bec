"""Matrices and the side-by-side comparison of two modalities."""

from __future__ import annotations

from pathlib import Path

from roundtable.modalities import GROUPS, compare, load_modality, matrix
from roundtable.modalities.compare import describe_phase


def test_wtpf_to_multistakeholder_changes_exactly_the_seed_proposal() -> None:
    """Accredited stakeholder groups gain attend/observe/speak everywhere, input at the forum,
    amendments everywhere (existing drafts only after the preparatory period); nothing else."""
    wtpf, ms = load_modality("itu-wtpf"), load_modality("itu-wtpf-multistakeholder")
    result = compare(wtpf, ms)
    # Input in the preparatory period is no difference: itu-wtpf takes everyone's views for
    # the Secretary-General's report (Resolution 2 (Rev. Dubai, 2018), issue 12); at the forum
    # the multistakeholder variant lets stakeholders contribute on the report as members do.
    per_phase = {
        "drafting": {"observe", "attend", "speak", "propose_amendment"},
        "exchange-of-views": {"observe", "attend", "speak", "submit_input", "propose_amendment"},
        "adoption": {"observe", "attend", "speak", "submit_input", "propose_amendment"},
    }
    expected = {
        (phase, f"group:{group}", right)
        for phase, rights in per_phase.items()
        for group in GROUPS
        for right in rights
    }
    assert {d.key() for d in result.rights} == expected
    assert len(result.rights) == len(expected) == 84
    for d in result.rights:
        assert (d.a.value, d.b.value) == ("no", "accredited")
        assert d.b.rule.startswith("itu-wtpf-multistakeholder/stakeholders-")
    amend_later = [
        d for d in result.rights if d.right == "propose_amendment" and d.phase != "drafting"
    ]
    assert all([o.kind for o in d.b.obligations] == ["existing_drafts_only"] for d in amend_later)
    assert result.settings == ()  # adoption by consensus, same speaker order, same outcome
    assert not any(d.right == "decide" for d in result.rights)


def test_compare_is_symmetric_and_empty_on_itself() -> None:
    wtpf, ms = load_modality("itu-wtpf"), load_modality("itu-wtpf-multistakeholder")
    assert compare(wtpf, wtpf).rights == () and compare(wtpf, wtpf).settings == ()
    forward = {d.key() for d in compare(wtpf, ms).rights}
    backward = {d.key() for d in compare(ms, wtpf).rights}
    assert forward == backward


def test_compare_reports_settings() -> None:
    result = compare(load_modality("itu-wtpf"), load_modality("ietf-wg"))
    what = {s.what for s in result.settings}
    assert "phase adoption: adoption" in what and "venue" in what
    rights = {d.right for d in result.rights}
    assert "judge_consensus" in rights  # a right only one side declares


def test_igf_open_consultation_matrix_nobody_decides() -> None:
    igf = load_modality("igf-open-consultation")
    m = matrix(igf, "open-consultation")
    assert m.rows[0] == "anyone"
    for row in m.rows:
        assert m.cell(row, "decide").value == "no"
        assert m.cell(row, "vote").value == "no"
    assert m.cell("anyone", "observe").value == "yes"
    assert m.cell("anyone", "speak").value == "no"
    assert m.cell("group:civil-society", "speak").value == "yes"


def test_matrix_marks_accreditation_and_obligations() -> None:
    ms = load_modality("itu-wtpf-multistakeholder")
    m = matrix(ms, "adoption")
    assert m.cell("group:civil-society", "speak").value == "accredited"
    assert m.cell("category:member-state", "speak").label() == "yes*"
    assert m.cell("category:member-state", "decide").label() == "yes"
    assert m.cell("group:civil-society", "decide").value == "no"


def test_a_secret_ballot_shows_in_the_settings_and_the_comparison(tmp_path: Path) -> None:
    fixture = Path(__file__).with_name("fixtures") / "secret-ballot.yaml"
    public = tmp_path / "public.yaml"
    public.write_text(fixture.read_text().replace("    secret: true\n", ""))
    secret, shown = load_modality(fixture), load_modality(public)
    assert describe_phase(secret, secret.phase("adoption")) == ("election (omov, secret ballot)")
    settings = {s.what: (s.a, s.b) for s in compare(secret, shown).settings}
    assert settings["phase adoption: adoption"] == (
        "election (omov, secret ballot)",
        "election (omov)",
    )

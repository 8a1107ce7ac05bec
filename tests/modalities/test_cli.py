"""The CLI: `main(argv)` in process, and `manage.py modalities` as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from roundtable.modalities.cli import main

REPO = Path(__file__).resolve().parents[2]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    payload = json.loads(out)  # exactly one JSON object
    assert isinstance(payload, dict)
    return payload


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "list")
    names = [m["name"] for m in payload["modalities"]]  # type: ignore[attr-defined,index]
    assert "itu-wtpf" in names and "open-mailing-list" in names
    assert main(["list"]) == 0
    assert "itu-wtpf-multistakeholder" in capsys.readouterr().out


def test_explain_acceptance(capsys: pytest.CaptureFixture[str]) -> None:
    denied = run_json(capsys, "explain", "itu-wtpf", "--right", "speak", "--group", "civil-society")
    assert denied["allowed"] is False and denied["rule"] == "itu-wtpf/default-deny"
    assert isinstance(denied["reason"], str) and denied["obligations"] == []
    assert {
        "rule": "itu-wtpf/members-speak",
        "standing": "category member-state or sector-member",
    } in denied["would_allow"]  # type: ignore[operator]
    allowed = run_json(
        capsys,
        "explain",
        "itu-wtpf-multistakeholder",
        "--right",
        "speak",
        "--group",
        "civil-society",
        "--accredited",
        "--phase",
        "exchange-of-views",
    )
    assert allowed["allowed"] is True
    assert allowed["rule"] == "itu-wtpf-multistakeholder/stakeholders-participate"


def test_explain_human_and_obligations(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "explain",
            "itu-wtpf",
            "--right",
            "speak",
            "--category",
            "member-state",
            "--group",
            "civil-society",
            "--delegation",
            "US",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "ALLOWED by rule itu-wtpf/members-speak" in out
    assert "only through the head of delegation" in out


def test_explain_unknown_category_is_answered_not_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Issue 12: "--category member-state asked of an IGF modality is answered, not an error:
    # the IGF takes no vote from anyone" (Tunis Agenda para 77, docs/sources/presets.md).
    argv = ["explain", "igf-mag", "--right", "vote", "--category", "member-state"]
    answer = run_json(capsys, *argv)
    assert answer["allowed"] is False and answer["rule"] == "igf-mag/no-decision-making"
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "DENIED by rule igf-mag/no-decision-making" in out
    assert "igf-mag names no category 'member-state'; no rule mentions it" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["explain", "itu-wtpf", "--right", "shout"], "unknown right 'shout'"),
        (
            ["explain", "igf-mag", "--right", "vot", "--category", "member-state"],
            "unknown right 'vot'",
        ),
        (["explain", "itu-wtpf", "--right", "speak", "--group", "ngo"], "unknown group 'ngo'"),
        (["explain", "itu-wtpf", "--right", "speak", "--phase", "x"], "unknown phase 'x'"),
        (["explain", "no-such", "--right", "speak"], "no such preset or file"),
        # igf-mag adopts its programme since issue 12; a public comment proceeding adopts nothing.
        (["tally", "icann-public-comment", "--ballots", "x.json"], "adopts nothing"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_argparse_errors_return_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "itu-wtpf"]) == 2  # --right is required
    assert main(["--help"]) == 0
    capsys.readouterr()


def test_check(capsys: pytest.CaptureFixture[str], fixtures: Path) -> None:
    bad = str(fixtures / "bad-rules.yaml")
    assert main(["check", bad]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:14: rules[1].who.grups: unknown field 'grups'" in out
    assert main(["check", bad, "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    assert [(e["line"], e["field"]) for e in payload["files"][0]["errors"]] == [
        (14, "rules[1].who.grups"),
        (17, "rules[2].obligations.word_limit"),
    ]
    good = str(REPO / "roundtable/modalities/presets/itu-wtpf.yaml")
    assert main(["check", good]) == 0
    assert "ok" in capsys.readouterr().out


def test_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "matrix", "igf-open-consultation")
    (only,) = payload["matrices"]  # type: ignore[misc]
    assert only["phase"] == "open-consultation"
    assert all(cells["decide"]["value"] == "no" for cells in only["rows"].values())
    assert main(["matrix", "itu-wtpf", "--phase", "adoption"]) == 0
    out = capsys.readouterr().out
    assert "category:member-state" in out and "decide" in out


def test_compare(capsys: pytest.CaptureFixture[str]) -> None:
    payload = run_json(capsys, "compare", "itu-wtpf", "itu-wtpf-multistakeholder")
    # 84 since issue 12: input at the forum differs, preparatory input no longer does.
    assert len(payload["differences"]) == 84  # type: ignore[arg-type]
    assert payload["settings"] == []
    assert main(["compare", "itu-wtpf", "itu-wtpf-multistakeholder"]) == 0
    assert "Rights that differ" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("fixture", "outcome"),
    [
        ("gnso-5of7-9of13.json", "adopted"),
        ("gnso-6of7-7of13.json", "adopted"),
        ("gnso-4of7-10of13.json", "adopted"),
        ("gnso-4of7-9of13.json", "not-adopted"),
    ],
)
def test_tally_gnso_supermajority(
    capsys: pytest.CaptureFixture[str], fixtures: Path, fixture: str, outcome: str
) -> None:
    payload = run_json(
        capsys,
        "tally",
        "icann-gnso-council",
        "--procedure",
        "supermajority",
        "--ballots",
        str(fixtures / fixture),
    )
    assert payload["outcome"] == outcome
    chambers = payload["arithmetic"]["chambers"]  # type: ignore[index]
    assert [c["seats"] for c in chambers] == [7, 13]


def test_tally_default_procedure_and_other_kinds(
    capsys: pytest.CaptureFixture[str], fixtures: Path
) -> None:
    majority = run_json(
        capsys,
        "tally",
        "icann-gnso-council",
        "--ballots",
        str(fixtures / "gnso-4of7-9of13.json"),
    )
    assert majority["procedure"] == "majority" and majority["outcome"] == "adopted"
    rough = run_json(
        capsys, "tally", "ietf-wg", "--ballots", str(fixtures / "rough-unaddressed.json")
    )
    assert rough["outcome"] == "not-adopted"
    iesg = run_json(
        capsys,
        "tally",
        "ietf-wg",
        "--procedure",
        "iesg-approval",
        "--ballots",
        str(fixtures / "iesg-discuss.json"),
    )
    assert iesg["outcome"] == "not-adopted"
    assert iesg["arithmetic"]["discuss_unresolved"] == ["ad-12"]  # type: ignore[index]
    ballots = fixtures / "omov-ballots.json"
    assert main(["tally", str(fixtures / "omov.yaml"), "--ballots", str(ballots)]) == 2
    assert "cannot read ballots" in capsys.readouterr().err


def test_tally_omov_from_a_rule_file(
    capsys: pytest.CaptureFixture[str], fixtures: Path, tmp_path: Path
) -> None:
    ballots = tmp_path / "ballots.json"
    ballots.write_text(
        json.dumps([{"voter": f"m{i}", "position": "yes" if i < 4 else "no"} for i in range(6)])
    )
    payload = run_json(capsys, "tally", str(fixtures / "omov.yaml"), "--ballots", str(ballots))
    assert payload["outcome"] == "adopted"
    assert payload["arithmetic"]["quorum_met"] is True  # type: ignore[index]


def test_queue(capsys: pytest.CaptureFixture[str], fixtures: Path) -> None:
    payload = run_json(
        capsys,
        "queue",
        "netmundial",
        "--phase",
        "exchange-of-views",
        "--requests",
        str(fixtures / "netmundial-requests.json"),
    )
    assert payload["order"] == ["Chair", "Eli", "Gus", "Ana", "Chen", "Dee", "Fay", "Bo", "Hana"]
    assert (
        main(["queue", "netmundial", "--requests", str(fixtures / "netmundial-requests.json")]) == 0
    )
    assert "speaker order" in capsys.readouterr().out


def test_manage_py_subprocess_json() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "modalities",
            "explain",
            "itu-wtpf",
            "--right",
            "speak",
            "--group",
            "civil-society",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["allowed"] is False
    assert payload["rule"] == "itu-wtpf/default-deny"
    failing = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "modalities",
            "check",
            "tests/modalities/fixtures/bad-rules.yaml",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failing.returncode == 1
    assert "bad-rules.yaml:14: rules[1].who.grups" in failing.stdout


def test_list_and_tally_show_a_secret_ballot(
    capsys: pytest.CaptureFixture[str], fixtures: Path, tmp_path: Path
) -> None:
    payload = run_json(capsys, "list")
    rows = payload["modalities"]
    assert isinstance(rows, list) and all(row["secret_ballots"] == [] for row in rows)
    ballots = tmp_path / "ballots.json"
    ballots.write_text(json.dumps([{"voter": "m1", "position": "yes"}]))
    assert main(["tally", str(fixtures / "secret-ballot.yaml"), "--ballots", str(ballots)]) == 0
    assert "election (omov, secret ballot): ADOPTED" in capsys.readouterr().out

"""`roundtable campaigns group` as a subprocess: the good path and each bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LETTER = (
    "We urge the Commission to protect fundamental rights in the AI Act. "
    "Remote biometric identification in public spaces must be banned without exception."
)


ENTRY = {
    # The pure core's own entry point, the `roundtable` script (which skips Django for this
    # command) and the Django management command (call_command, manage.py).
    "core": ["-m", "roundtable.analysis.campaigns.cli"],
    "roundtable": ["-m", "roundtable.cli", "campaigns"],
    "manage": ["manage.py", "campaigns"],
}


def run(*argv: str, entry: str = "core") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, *ENTRY[entry], *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
        timeout=120,
    )


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_groups_cover_every_id(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": LETTER, "group": "ignored"},
        {"id": "b", "text": "Dear FCC,\n\n" + LETTER.upper() + "\n\nJohn Smith"},
        {"id": 7, "text": "My own view: the definitions of AI in Annex I are far too wide."},
        {"id": "d", "text": LETTER},
    ]
    source = write_lines(tmp_path / "in.jsonl", [json.dumps(r) for r in records] + [""])
    out = tmp_path / "groups.json"
    templates = tmp_path / "templates.json"
    done = run(
        "group", str(source), "--out", str(out), "--json", "--templates", str(templates),
        entry="roundtable",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["comments"] == 4 and summary["groups"] == 2
    assert summary["campaigns"] == 1 and summary["largest"] == 3
    assert summary["seconds"] >= 0 and summary["peak_mib"] > 0
    groups = json.loads(out.read_text())
    assert set(groups) == {"a", "b", "7", "d"}
    assert groups["a"] == groups["b"] == groups["d"] != groups["7"]
    campaign = json.loads(templates.read_text())[groups["a"]]
    assert campaign["members"] == 3 and len(campaign["template"]) == 2
    # Without --json: one readable line, no progress bar (stderr is not a terminal); at a
    # threshold of 0.9 the signed copy with a salutation is its own group.
    plain = run("group", str(source), "--out", str(out), "--threshold", "0.9", entry="manage")
    assert plain.returncode == 0 and "4 comments in 3 groups" in plain.stdout
    assert plain.stderr == ""


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"id": "a", "text": "x"}', "{not json"], "line 2: not JSON"),
        (['{"id": "a", "text": "x"}', "", '["a", "x"]'], "line 3: not a JSON object"),
        (['{"text": "x"}'], 'line 1: no "id"'),
        (['{"id": true, "text": "x"}'], 'line 1: no "id"'),
        (['{"id": "a"}'], 'line 1: no "text"'),
        (['{"id": "a", "text": 5}'], 'line 1: no "text"'),
        (
            ['{"id": "a", "text": "x"}', '{"id": "b", "text": "y"}', '{"id": "a", "text": "z"}'],
            "line 3: duplicate id 'a' (first on line 1)",
        ),
    ],
)
def test_bad_input_names_the_line(tmp_path: Path, lines: list[str], message: str) -> None:
    source = write_lines(tmp_path / "in.jsonl", lines)
    out = tmp_path / "groups.json"
    done = run("group", str(source), "--out", str(out))
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_bad_usage(tmp_path: Path) -> None:
    missing = run("group", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o.json"))
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr
    assert "Traceback" not in missing.stderr
    source = write_lines(tmp_path / "in.jsonl", ['{"id": "a", "text": "x"}'])
    bad = run("group", str(source), "--out", str(tmp_path / "o.json"), "--threshold", "2")
    assert bad.returncode == 2 and "threshold" in bad.stderr
    through_django = run("group", str(tmp_path / "nope.jsonl"), "--out", "o.json", entry="manage")
    assert through_django.returncode == 2 and "Traceback" not in through_django.stderr


HEAVY = ("numpy", "rich", "dask", "distributed")


def loaded_after(code: str) -> list[str]:
    """The heavy packages in sys.modules after running `code` in a fresh interpreter."""
    probe = (
        f"{code}\nimport sys\nprint('')\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True, text=True, cwd=REPO, check=True, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )  # fmt: skip
    return done.stdout.splitlines()[-1].split() if done.stdout.strip() else []


def test_start_up_loads_the_campaigns_cli_only_for_its_command(tmp_path: Path) -> None:
    """Every `roundtable` command starts without numpy or Dask (~0.5 s); `campaigns group`
    loads numpy but not Dask, which only `--scheduler` needs."""
    assert loaded_after("import roundtable.cli") == []
    source = write_lines(tmp_path / "in.jsonl", [json.dumps({"id": "a", "text": LETTER})])
    group = (
        "import roundtable.analysis.campaigns.cli as c\n"
        f"assert c.main(['group', {str(source)!r}, '--out', {str(tmp_path / 'o.json')!r}]) == 0"
    )
    assert loaded_after(group) == ["numpy", "rich"]

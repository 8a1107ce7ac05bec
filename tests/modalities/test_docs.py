"""docs/modalities.md: the generated preset matrices are current, and the vocabulary is documented."""

from __future__ import annotations

from pathlib import Path

from roundtable.modalities import CORE_RIGHTS, PHASE_KINDS, preset_names
from roundtable.modalities.cli import main
from roundtable.modalities.docgen import BEGIN, END, update
from roundtable.modalities.rules import OBLIGATION_KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "modalities.md"


def test_generated_section_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert update(text) == text, (
        "docs/modalities.md is stale: run "
        "`.venv/bin/python -m roundtable.modalities.cli docs --write docs/modalities.md`"
    )


def test_docs_check_command(capsys: object) -> None:
    assert main(["docs", "--check", str(DOC)]) == 0


def test_stale_docs_are_detected(tmp_path: Path) -> None:
    stale = DOC.read_text(encoding="utf-8").replace("| yes |", "| no |", 1)
    target = tmp_path / "modalities.md"
    target.write_text(stale, encoding="utf-8")
    assert main(["docs", "--check", str(target)]) == 1
    assert main(["docs", "--write", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")


def test_every_right_phase_obligation_and_preset_is_documented() -> None:
    hand_written = DOC.read_text(encoding="utf-8").split(BEGIN)[0]
    for word in (*CORE_RIGHTS, *PHASE_KINDS, *OBLIGATION_KINDS, *preset_names()):
        assert f"`{word}`" in hand_written, f"{word} is not documented"
    for command in ("list", "check", "explain", "matrix", "compare", "tally", "queue", "docs"):
        assert f"modalities {command}" in hand_written

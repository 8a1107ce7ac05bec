from __future__ import annotations

from pathlib import Path

import pytest

from roundtable.permissions import checks, registry


def test_every_rule_file_loads_at_start_up() -> None:
    assert checks.check_rule_files() == []


def test_a_broken_platform_rule_file_is_reported_with_file_line_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.yaml").write_text(
        "modality: broken\nrules:\n  - id: x\n    permit: [observe]\n    who: {grups: [civil-society]}\n"
    )
    monkeypatch.setattr(checks, "PLATFORM_DIR", tmp_path)
    errors = checks.check_rule_files()
    assert len(errors) >= 1
    message = errors[0].msg
    assert "broken.yaml" in message and "line 5" in message and "grups" in message
    assert errors[0].id == "permissions.E001"
    assert tmp_path != registry.PLATFORM_DIR  # the real registry is untouched

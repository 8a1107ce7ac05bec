"""Every environment variable the settings read is documented in docs/running.md."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_setting_from_the_environment_is_documented() -> None:
    settings_source = (REPO / "roundtable" / "settings.py").read_text()
    read = set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', settings_source))
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "ROUNDTABLE_ENV"} <= read
    documented = (REPO / "docs" / "running.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in documented)
    assert not missing, f"document these in docs/running.md: {missing}"

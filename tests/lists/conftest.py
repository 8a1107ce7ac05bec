from __future__ import annotations

from pathlib import Path

import pytest

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()
MAIL = SHARED / "data" / "mail"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (tests read ../shared in place)")
    return path


@pytest.fixture(scope="session")
def twisted_web() -> Path:
    return need(MAIL / "twisted-web-pipermail" / "twisted-web")


@pytest.fixture(scope="session")
def ietf_fixtures() -> Path:
    return need(MAIL / "ietf-mailarchive-fixtures")


@pytest.fixture(scope="session")
def seed_file() -> Path:
    return need(SHARED / "seed" / "000_ea5a0df0e708f861.txt")

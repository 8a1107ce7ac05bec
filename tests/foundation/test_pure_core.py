"""The pure core must not import Django (import-linter checks it too; this test is independent)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import roundtable

PURE = ["roundtable.modalities", "roundtable.mail", "roundtable.text", "roundtable.analysis"]


def _modules(package: str) -> list[str]:
    path = Path(roundtable.__file__).parent / package.split(".")[1]
    return [package] + [
        f"{package}.{m.name}" for m in pkgutil.walk_packages([str(path)]) if "." not in m.name
    ]


@pytest.mark.parametrize("package", PURE)
def test_pure_core_imports_no_django(package: str) -> None:
    modules = _modules(package)
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{package} pulled in Django: {result.stdout}"

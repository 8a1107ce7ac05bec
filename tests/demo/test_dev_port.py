"""`python3 dev.py demo --port` and ROUNDTABLE_PORT choose the demo server's port."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_dev(*args: str, port_env: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ROUNDTABLE_PORT"}
    if port_env is not None:
        env["ROUNDTABLE_PORT"] = port_env
    return subprocess.run(
        [sys.executable, str(ROOT / "dev.py"), "demo", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_bad_port_option_is_a_usage_error() -> None:
    result = run_dev("--port", "abc")
    assert result.returncode == 2
    assert "not a port number" in result.stderr


def test_a_bad_port_in_the_environment_is_a_usage_error() -> None:
    result = run_dev("--no-serve", port_env="99999")
    assert result.returncode == 2
    assert "'99999'" in result.stderr


def test_help_names_the_port_and_its_default() -> None:
    result = run_dev("--help")
    assert result.returncode == 0
    assert "--port" in result.stdout and "ROUNDTABLE_PORT" in result.stdout

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roundtable.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_passes_check_deploy_without_warnings(tmp_path: Path) -> None:
    # The suite allows async-unsafe ORM calls for Playwright; a deployment never does.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        "ROUNDTABLE_ENV": "production",
        "SECRET_KEY": "x" * 30 + "K9#mQ2$vL7!pR4&tZ8*wN1@bY5^hD3",
        "ALLOWED_HOSTS": "roundtable.example.org",
        "ROUNDTABLE_DATA_DIR": str(tmp_path),
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_mode_requires_a_secret_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(
        ROUNDTABLE_ENV="production", ALLOWED_HOSTS="x.org", ROUNDTABLE_DATA_DIR=str(tmp_path)
    )
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_local_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["ROUNDTABLE_DATA_DIR"] = str(tmp_path)
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    runs = [
        subprocess.run(
            [
                sys.executable,
                "-c",
                f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'roundtable.settings'); django.setup(); {code}",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs[0] == runs[1] and len(runs[0]) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    if connection.settings_dict["NAME"] in ("", ":memory:") or "memory" in str(
        connection.settings_dict["NAME"]
    ):
        # The test database is in memory, where WAL does not apply; check a file database.
        import sqlite3

        from django.conf import settings

        init = settings.DATABASES["default"]["OPTIONS"]["init_command"]
        db = sqlite3.connect(Path(settings.DATA_DIR) / "wal-probe.sqlite3")
        try:
            db.executescript(init)
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            db.close()
    else:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"


def test_console_script_runs_management_commands() -> None:
    script = Path(sys.executable).with_name("roundtable")
    assert script.exists(), "the `roundtable` console script is installed by dev.py"
    result = subprocess.run([str(script), "help", "audit"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "verify" in result.stdout

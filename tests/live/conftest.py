from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.live.servers import REPO, server_env


@pytest.fixture(scope="session")
def _sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("live-sqlite")
    env = server_env({"ROUNDTABLE_DATA_DIR": str(folder)})
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "roundtable.cli", "migrate", "--no-input", "-v", "0"],
        cwd=REPO,
        env=env,
        check=True,
    )
    return folder


@pytest.fixture
def server_database(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    """Environment for server processes: the database this test run uses. On PostgreSQL the
    test database itself (the tests are marked transactional, so the servers see its rows, and
    the mark is what makes pytest-django create it); on SQLite,
    whose test database lives in this process's memory, a migrated file of its own."""
    if connection.vendor == "postgresql":
        given: Any = connection.settings_dict
        url = f"postgres://{given['USER']}@{given['HOST']}:{given['PORT']}/{given['NAME']}"
        yield server_env({"DATABASE_URL": url})
    else:
        env = server_env({"ROUNDTABLE_DATA_DIR": str(request.getfixturevalue("_sqlite_file"))})
        env.pop("DATABASE_URL", None)
        yield env

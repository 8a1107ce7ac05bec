"""Issue 15 point 1: an import queued with `lists import --background` runs in a real
`roundtable worker` subprocess; `lists runs` lists it; the list page shows its progress while
it runs."""

from __future__ import annotations

import json
import mailbox
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from roundtable.lists.actions import do_import_archive
from roundtable.lists.models import ImportRun
from roundtable.lists.tasks import do_queue_import
from roundtable.permissions.actor import Actor

REPO = Path(__file__).resolve().parents[2]
LIST = "policy@lists.example.org"
MESSAGES = 3
TASKS = (
    "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%import_archive'"
)


def _mbox(folder: Path) -> Path:
    path = folder / "policy.mbox"
    box = mailbox.mbox(str(path))
    for n in range(MESSAGES):
        message = EmailMessage()
        message["From"] = f"member{n}@example.net"
        message["To"] = LIST
        message["Subject"] = "Agenda" if n == 0 else "Re: Agenda"
        message["Message-ID"] = f"<m{n}@example.net>"
        if n:
            message["In-Reply-To"] = "<m0@example.net>"
        message["Date"] = f"Mon, 0{n + 1} Jun 2026 10:00:00 +0000"
        message.set_content(f"Point {n} of the agenda.")
        box.add(message)
    box.flush()
    box.close()
    return path


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db, timeout=5) as con:
        return list(con.execute(sql))


def test_a_queued_import_runs_in_a_real_worker_and_runs_lists_it(tmp_path: Path) -> None:
    db = tmp_path / "imports.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", ROUNDTABLE_DEBUG="0", COLUMNS="200")
    env.pop("DJANGO_SETTINGS_MODULE", None)
    source = _mbox(tmp_path)
    _manage(env, "migrate", "-v0")

    queued = json.loads(
        _manage(env, "lists", "import", "--background", "--json", "--list", LIST, str(source))
    )
    assert _query(db, "SELECT count(*) FROM lists_message") == [(0,)]  # nothing ran yet
    before = _manage(env, "lists", "runs")
    assert queued["task"] in before and "READY" in before

    _manage(env, "worker", "--batch", "--no-startup-delay", "--no-reload")

    assert _query(db, "SELECT count(*) FROM lists_message") == [(MESSAGES,)]
    assert _query(
        db, "SELECT status, read, stored, duplicates, quarantined FROM lists_importrun"
    ) == [("done", MESSAGES, MESSAGES, 0, 0)]
    assert _query(db, TASKS) == [("SUCCESSFUL",)]
    after = _manage(env, "lists", "runs", "--list", LIST, "--watch")  # returns: none running
    row = next(line for line in after.splitlines() if LIST in line and "done" in line)
    cells = [cell.strip() for cell in row.split("│")]
    assert cells[3:8] == ["done", str(MESSAGES), str(MESSAGES), "0", "0"], row
    assert "SUCCESSFUL" in after
    print(f"\n{after}")


@pytest.mark.django_db
def test_queueing_nothing_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        do_queue_import(
            actor=Actor.operator("tests"), list_address=LIST, paths=[str(tmp_path / "none")]
        )
    with pytest.raises(CommandError, match="No such file|nothing to import"):
        call_command("lists", "import", "--background", "--list", LIST, str(tmp_path / "none"))


@pytest.mark.django_db
def test_the_list_page_shows_a_running_import_and_stops_asking_when_it_ends(
    client: Client, tmp_path: Path
) -> None:
    do_import_archive(
        actor=Actor.operator("tests"), list_address=LIST, paths=[str(_mbox(tmp_path))]
    )
    run = ImportRun.objects.get()
    run.status = ImportRun.RUNNING
    run.save()
    page = client.get("/lists/policy/").content.decode()
    assert "Import in progress" in page and 'hx-trigger="every 3s"' in page
    assert "3 messages read: 3 stored, 0 duplicates, 0 quarantined." in page
    fragment = client.get("/lists/policy/import-progress/").content.decode()
    assert "Import in progress" in fragment and "hx-get=" in fragment
    french = client.get("/lists/policy/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Importation en cours" in french

    run.status = ImportRun.DONE
    run.save()
    assert "Import in progress" not in client.get("/lists/policy/").content.decode()
    fragment = client.get("/lists/policy/import-progress/").content.decode()
    assert "Import in progress" not in fragment and "hx-trigger" not in fragment
    assert 'id="import-progress"' in fragment  # htmx swaps the notice out for this


@pytest.mark.parametrize(
    ("language", "read", "says"),
    [
        ("en", 1, "1 message read: 0 stored"),
        ("en", 3, "3 messages read: 0 stored"),
        ("ar", 1, "قُرئت رسالة واحدة (1)"),
        ("ar", 2, "قُرئت رسالتان (2)"),
        ("ar", 3, "قُرئت 3 رسائل"),  # 3-10: the plural, not the counted singular
        ("ar", 11, "قُرئت 11 رسالةً"),
        ("ru", 2, "Прочитано 2 сообщения;"),
        ("ru", 5, "Прочитано 5 сообщений;"),
        ("ru", 21, "Прочитано 21 сообщение;"),
        ("fr", 1, "1 message lu :"),
        ("es", 1, "1 mensaje leído:"),
    ],
)
def test_the_progress_notice_counts_messages_in_each_languages_plural(
    language: str, read: int, says: str
) -> None:
    run = SimpleNamespace(read=read, stored=0, duplicates=0, quarantined=0,
                          started_at=datetime(2026, 12, 3, 8, tzinfo=UTC))  # fmt: skip
    with translation.override(language):
        html = render_to_string(
            "lists/_import_progress.html",
            {"import_run": run, "mailing_list": SimpleNamespace(slug="policy")},
        )
    assert says in html

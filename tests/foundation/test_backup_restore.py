"""`roundtable backup` / `restore` (issue 15, point 4): a backup of the demo restored over a
changed database brings the saved state back and its audit chain verifies, on SQLite and on
PostgreSQL; a tampered or foreign file is refused with its reason."""

from __future__ import annotations

import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from roundtable.audit.models import Event
from roundtable.audit.queries import get_chain_head, verify_chain
from roundtable.contributions.models import Contribution
from roundtable.demo.world import load_demo

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_restore_of_a_demo_backup_verifies_its_audit_chain(
    tmp_path: Path, settings: object
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    (tmp_path / "media" / "uploads").mkdir(parents=True)
    (tmp_path / "media" / "uploads" / "brief.pdf").write_bytes(b"%PDF-1.4 brief")
    load_demo()
    head = get_chain_head()
    contributions = Contribution.objects.count()
    assert head.seq > 100 and contributions > 300
    backup = tmp_path / "demo.tar"
    said = _run("backup", str(backup))
    assert f"#{head.seq}" in said and "1 uploaded file" in said

    # The world moves on after the backup, and a file is lost.
    Contribution.objects.filter(pk__in=Contribution.objects.values("pk")[:10]).delete()
    (tmp_path / "media" / "uploads" / "brief.pdf").unlink()

    said = _run("restore", str(backup))
    assert "Audit chain intact" in said and f"head #{head.seq} is the one saved" in said
    assert Contribution.objects.count() == contributions
    assert get_chain_head() == head
    assert verify_chain().ok
    assert (tmp_path / "media" / "uploads" / "brief.pdf").read_bytes() == b"%PDF-1.4 brief"


def test_a_backup_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "x.tar").write_bytes(b"keep me")
    with pytest.raises(CommandError, match="exists"):
        _run("backup", str(tmp_path / "x.tar"))
    assert (tmp_path / "x.tar").read_bytes() == b"keep me"


def test_not_a_backup_is_refused_with_its_reason(tmp_path: Path) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar at all")
    with pytest.raises(CommandError, match="not a backup made by `roundtable backup`"):
        _run("restore", str(junk))
    empty = tmp_path / "empty.tar"
    with tarfile.open(empty, "w"):
        pass
    with pytest.raises(CommandError, match="manifest.json is missing"):
        _run("restore", str(empty))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="edits the SQLite file inside the tar")
def test_a_rewritten_event_in_the_backup_fails_verification(tmp_path: Path) -> None:
    load_demo()
    backup = tmp_path / "demo.tar"
    _run("backup", str(backup))
    with tarfile.open(backup) as tar:
        tar.extractall(tmp_path / "x", filter="data")
    db = sqlite3.connect(tmp_path / "x" / "database.sqlite3")
    table = Event._meta.db_table
    db.execute(f"UPDATE {table} SET summary = ? WHERE seq = 5", ['{"forged": true}'])  # noqa: S608
    db.commit()
    db.close()
    forged = tmp_path / "forged.tar"
    with tarfile.open(forged, "w") as tar:
        for name in ("manifest.json", "database.sqlite3"):
            tar.add(tmp_path / "x" / name, arcname=name)
    with pytest.raises(CommandError, match="audit chain does not verify"):
        _run("restore", str(forged))


def test_a_backup_of_the_other_database_kind_is_refused(tmp_path: Path) -> None:
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = {"format": 1, "database": other, "created_at": "x",
                "audit_head": {"sequence": 0, "hash": "0" * 64, "at": ""}, "media_files": 0}  # fmt: skip
    path = tmp_path / "other.tar"
    with tarfile.open(path, "w") as tar:
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match=f"holds a {other} database"):
        _run("restore", str(path))

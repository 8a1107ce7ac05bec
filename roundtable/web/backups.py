"""Backups: one tar file with the database, the uploaded files and a manifest.

The database goes in as SQLite's online backup (a consistent copy while the site runs) or as
`pg_dump`'s custom format; the manifest records the audit chain's head at that moment, so a
restore can prove the chain it brought back is whole and is the one that was saved (not cut
short, not rewritten): `restore_backup` verifies it before saying it is done.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump / pg_restore, with argument lists, no shell
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from roundtable.audit.queries import PublishedHead, Verification, get_chain_head, verify_chain

FORMAT = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """Said to the operator as it is: what is wrong and what to do."""


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    media_files: int
    verification: Verification

    @property
    def head_matches(self) -> bool:
        head = get_chain_head()
        saved = self.manifest["audit_head"]
        return bool(head.seq == saved["sequence"] and head.hash == saved["hash"])


def engine() -> str:
    vendor = connection.vendor
    if vendor not in DB_MEMBER:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def make_backup(out: Path) -> dict[str, Any]:
    kind = engine()
    head = get_chain_head()
    media = Path(settings.MEDIA_ROOT)
    media_files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": kind,
        "audit_head": {"sequence": head.seq, "hash": head.hash, "at": head.at},
        "media_files": len(media_files),
    }
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / DB_MEMBER[kind]
        if kind == "sqlite":
            _dump_sqlite(dump)
        else:
            _dump_postgresql(dump)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
            tar.add(dump, arcname=DB_MEMBER[kind])
            for path in media_files:
                tar.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
        # Renamed only when complete: a crash never leaves a file that looks like a backup.
        partial.replace(out)
    return manifest


def restore_backup(path: Path) -> Restored:
    kind = engine()
    with tempfile.TemporaryDirectory() as tmp, _open(path) as tar:
        manifest = _read_manifest(tar, path)
        if manifest["database"] != kind:
            raise BackupError(
                f"{path} holds a {manifest['database']} database; this site runs on {kind}. "
                "Restore it on the same kind of database."
            )
        member = DB_MEMBER[kind]
        try:
            tar.extract(member, tmp, filter="data")
        except KeyError as exc:
            raise BackupError(f"{path} has no {member}: not a complete backup.") from exc
        if kind == "sqlite":
            _restore_sqlite(Path(tmp) / member)
        else:
            _restore_postgresql(Path(tmp) / member)
        media_files = _restore_media(tar)
    saved = manifest["audit_head"]
    verification = verify_chain(head=PublishedHead(saved["sequence"], saved["hash"], saved["at"]))
    return Restored(manifest, media_files, verification)


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{path} is not a backup made by `roundtable backup` ({exc}).") from exc


def _read_manifest(tar: tarfile.TarFile, path: Path) -> dict[str, Any]:
    try:
        raw = tar.extractfile(MANIFEST)
        manifest = json.loads(raw.read() if raw else b"")
        head = manifest["audit_head"]
        ok = manifest["format"] == FORMAT and manifest["database"] in DB_MEMBER
        ok = ok and isinstance(head["sequence"], int) and isinstance(head["hash"], str)
    except (KeyError, ValueError, TypeError) as exc:
        raise BackupError(f"{path}: {MANIFEST} is missing or unreadable ({exc!r}).") from exc
    if not ok:
        raise BackupError(f"{path}: {MANIFEST} is of an unknown format.")
    return dict(manifest)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def _raw_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    if not isinstance(raw, sqlite3.Connection):
        raise BackupError("The SQLite connection is not a sqlite3 connection.")
    return raw


def _dump_sqlite(dump: Path) -> None:
    target = sqlite3.connect(dump)
    try:
        _raw_sqlite().backup(target)
    finally:
        target.close()


def _restore_sqlite(dump: Path) -> None:
    source = sqlite3.connect(dump)
    try:
        source.backup(_raw_sqlite())
    finally:
        source.close()


def _pg_tool(name: str) -> str:
    configured = settings.ROUNDTABLE_PG_BIN
    candidates = [Path(configured) / name] if configured else []
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    found = next((str(p) for p in candidates if p.exists()), None) or shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} not found: install PostgreSQL's client tools or set ROUNDTABLE_PG_BIN."
        )
    return found


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    env = {**os.environ, "PGDATABASE": str(db["NAME"])}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {done.stderr.strip()[-2000:]}")


def _dump_postgresql(dump: Path) -> None:
    args, env = _pg_args()
    _run([_pg_tool("pg_dump"), "--format=custom", f"--file={dump}", *args], env)


def _restore_postgresql(dump: Path) -> None:
    args, env = _pg_args()
    connections.close_all()  # our idle sessions must not hold locks on the tables being replaced
    cmd = [_pg_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction", *args]
    _run([*cmd, f"--dbname={env['PGDATABASE']}", str(dump)], env)


def _restore_media(tar: tarfile.TarFile) -> int:
    media = Path(settings.MEDIA_ROOT)
    members = [m for m in tar.getmembers() if m.name.startswith("media/") and m.isfile()]
    for member in members:
        member.name = member.name.removeprefix("media/")
        # filter="data" refuses absolute paths, "..", links outside and device files.
        tar.extract(member, media, filter="data")
    return len(members)

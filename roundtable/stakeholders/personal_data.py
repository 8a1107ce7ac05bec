"""Everything the platform holds about one person, for them to download (GDPR art. 15 and 20).

Found by following every foreign key to the account across all installed models (through the
app registry, so a model added later is included without anyone remembering to list it), plus
the tables that name a person by address instead (list archives, sign-in attempts). Secrets
(password hashes, token digests) are left out; uploaded files come with the download.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from roundtable.venues.people import public_name

# Columns never handed out, even to their owner: they would only help an attacker.
SECRET_PARTS = ("password", "digest", "secret", "token_hash", "session_key", "hash")
# Tables that name a person by address, not by account: (model label, field).
BY_ADDRESS = (("lists.message", "from_addr"), ("axes.accessattempt", "username"),
              ("axes.accesslog", "username"))  # fmt: skip
SKIPPED = {"sessions.session", "admin.logentry"}


@dataclass
class PersonalData:
    account: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: list[FieldFile] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "generated_at": timezone.now().isoformat(),
            "account": self.account,
            "records": self.records,
            "files": [f.name for f in self.files],
        }


def personal_data(user: User) -> PersonalData:
    data = PersonalData(
        account={
            "id": user.pk,
            "username": user.get_username(),
            "email": user.email,
            "public_name": public_name(user),
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "active": user.is_active,
        }
    )
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in SKIPPED or model is User:
            continue
        for name in _fields_to_user(model):
            _collect(data, label, name, model._base_manager.filter(**{name: user}))
    _collect_files_of(data)
    address = user.email.lower()
    for label, name in BY_ADDRESS:
        by_address = _model(label)
        if by_address is not None and address:
            rows = by_address._base_manager.filter(**{f"{name}__iexact": address})
            _collect(data, label, name, rows)
    return data


def personal_data_zip(user: User) -> bytes:
    """`data.json` and every uploaded file the records point at, under `files/`."""
    data = personal_data(user)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data.as_json(), indent=2, ensure_ascii=False))
        for stored in data.files:
            try:
                with stored.open("rb") as handle:
                    archive.writestr(f"files/{stored.name}", handle.read())
            except OSError:
                archive.writestr(f"files/{stored.name}.missing", b"")
    return out.getvalue()


def _fields_to_user(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if f.concrete and f.is_relation and (f.many_to_one or f.one_to_one)
        and f.related_model is User
    ]  # fmt: skip


def _collect_files_of(data: PersonalData) -> None:
    """Files hang from the person's rows, not from the account (a contribution's attachments):
    rows with a file whose parent is one of the person's rows come too. Only rows with a file,
    so others' words about the person's rows (comments) stay out."""
    collected = {
        label: [row["id"] for row in rows if "id" in row] for label, rows in data.records.items()
    }
    for model in apps.get_models():
        if not any(isinstance(f, models.FileField) for f in model._meta.concrete_fields):
            continue
        for f in model._meta.concrete_fields:
            parent = f.related_model if f.is_relation and f.many_to_one else None
            if parent is None or parent is User or not isinstance(parent, type):
                continue
            ids = collected.get(parent._meta.label_lower)
            if ids and model._meta.label_lower not in data.records:
                _collect(data, model._meta.label_lower, f.name,
                         model._base_manager.filter(**{f"{f.name}__in": ids}))  # fmt: skip


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _collect(data: PersonalData, label: str, by: str, rows: models.QuerySet[Any]) -> None:
    for row in rows.order_by("pk"):
        data.records.setdefault(label, []).append({"_matched_by": by, **_row(row, data)})


def _row(row: models.Model, data: PersonalData) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in row._meta.concrete_fields:
        if any(part in f.name for part in SECRET_PARTS):
            continue
        value = getattr(row, f.attname)
        if isinstance(value, FieldFile):
            if value.name:
                data.files.append(value)
            value = value.name or None
        elif isinstance(value, datetime | date):
            value = value.isoformat()
        elif isinstance(value, bytes | memoryview):
            value = f"<{len(value)} bytes>"
        out[f.attname] = value
    return out

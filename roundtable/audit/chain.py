"""How an event's hash is computed: one canonical form, shared by appending and verifying.

Hash formats are versioned so that events written before a change still verify:

- format 1: sequence, time, actor label, verb, target, summary, previous hash.
- format 2: format 1 plus the format number, the actor's account id, and the row the event
  describes (its model, key and digest: its concrete fields as canonical JSON, see `row_digest`).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64
CURRENT_FORMAT = 2
KNOWN_FORMATS = (1, 2)


def event_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    verb: str,
    target_type: str,
    target_id: str,
    summary: Any,
    prev_hash: str,
    format: int = 1,
    actor_id: int | None = None,
    row_type: str = "",
    row_id: str = "",
    row_digest: str = "",
) -> str:
    fields: dict[str, Any] = {
        "seq": seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor,
        "verb": verb,
        "target_type": target_type,
        "target_id": target_id,
        "summary": summary,
        "prev": prev_hash,
    }
    if format >= 2:
        fields.update(
            {
                "format": format,
                "actor_id": actor_id,
                "row_type": row_type,
                "row_id": row_id,
                "row": row_digest,
            }
        )
    return hashlib.sha256(_canonical(fields).encode("utf-8")).hexdigest()


def row_digest(values: dict[str, Any]) -> str:
    """The digest of a row given as {column: value}; equal on SQLite and PostgreSQL."""
    return hashlib.sha256(
        _canonical({key: _plain(value) for key, value in values.items()}).encode("utf-8")
    ).hexdigest()


def _plain(value: Any) -> Any:
    # One spelling per value whatever the database returns it as.
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value.normalize())
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _canonical(payload: Any) -> str:
    # Canonical JSON (sorted keys, no spaces) so the same event hashes alike on every database.
    return json.dumps(
        payload,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )

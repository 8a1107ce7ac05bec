"""How an event's hash is computed: one canonical form, shared by appending and verifying."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

GENESIS = "0" * 64


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
) -> str:
    # Canonical JSON (sorted keys, no spaces) so the same event hashes alike on every database.
    payload = json.dumps(
        {
            "seq": seq,
            "at": at.isoformat(timespec="microseconds"),
            "actor": actor,
            "verb": verb,
            "target_type": target_type,
            "target_id": target_id,
            "summary": summary,
            "prev": prev_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()

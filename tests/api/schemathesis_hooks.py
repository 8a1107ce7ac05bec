"""Schemathesis hooks: keep positive examples to what the schema cannot say but a client knows.

Two rules live outside the OpenAPI schema because JSON Schema cannot state them well: a
rejected accreditation needs a reason (a rule across two fields), and an adoption's closing
time lies in the future (it depends on the clock). Generated bodies that break them are
dropped, so a 400 for them is not mistaken for a schema-valid request rejected.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis

DECISION = "POST /api/accreditations/{accreditation_id}/decision"
ADOPTION = "POST /api/documents/{document_id}/adoptions"


def _future(value: Any) -> bool:
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return True  # not a date-time: a negative example, the schema answers it (422)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when > datetime.now(UTC) + timedelta(minutes=5)


@schemathesis.hook
def filter_body(context: Any, body: Any) -> bool:
    operation = getattr(context, "operation", None)
    label = getattr(operation, "label", "")
    if not isinstance(body, dict):
        return True
    if label == DECISION and body.get("approve") is False:
        return bool(str(body.get("reason", "")).strip())
    if label == ADOPTION and "closes_at" in body:
        return _future(body["closes_at"])
    return True

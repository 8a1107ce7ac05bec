"""Schemathesis hooks: keep positive examples to what the schema cannot say but a client knows.

Three rules live outside the OpenAPI schema because JSON Schema cannot state them well: a
rejected accreditation or refused claim of belonging needs a reason (a rule across two
fields), an adoption's closing time lies in the future (it depends on the clock), and a
follow-up action's paragraphs name paragraphs of the adopted text (a reference to data). Generated bodies that break them are
dropped, so a 400 for them is not mistaken for a schema-valid request rejected.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import schemathesis

DECISION = "POST /api/accreditations/{accreditation_id}/decision"
ADOPTION = "POST /api/documents/{document_id}/adoptions"
CLAIM = "POST /api/claims/{claim_id}/answer"
FOLLOW_UP = "POST /api/outcomes/{outcome_id}/follow-ups"


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
    if label == FOLLOW_UP and body.get("paragraphs"):
        return False  # random ids name no paragraph of the text; the tests cover real ones
    if label == CLAIM and body.get("confirm") is False:
        return bool(str(body.get("reason", "")).strip())
    if label == ADOPTION and "closes_at" in body:
        return _future(body["closes_at"])
    return True

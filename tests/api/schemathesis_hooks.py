"""Schemathesis hooks: keep positive examples to what the schema cannot say but a client knows.

Some rules live outside the OpenAPI schema because JSON Schema cannot state them well: a
rejected accreditation or refused claim of belonging needs a reason (a rule across two
fields), an adoption's closing time lies in the future (it depends on the clock), and a
follow-up action's paragraphs name paragraphs of the adopted text (a reference to data), a
meeting's times and zone must make sense together, and an intervention under NETmundial names
what it speaks to. Generated bodies that break them are
dropped, so a 400 for them is not mistaken for a schema-valid request rejected.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import available_timezones

import schemathesis

DECISION = "POST /api/accreditations/{accreditation_id}/decision"
ADOPTION = "POST /api/documents/{document_id}/adoptions"
CLAIM = "POST /api/claims/{claim_id}/answer"
FOLLOW_UP = "POST /api/outcomes/{outcome_id}/follow-ups"
SCHEDULE = "POST /api/processes/{venue}/{process}/meetings"
CHANGE = "POST /api/meetings/{meeting_id}/change"
ASK = "POST /api/meetings/{meeting_id}/queue"


def _when(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _meeting_times(body: dict[str, Any]) -> bool:
    """A meeting's times carry their offset and end after they start; its zone is an IANA
    name; documents name documents of the process (random ids do not)."""
    if body.get("documents") or any(
        isinstance(a, dict) and a.get("document") for a in body.get("agenda") or []
    ):
        return False
    if "time_zone" in body and body["time_zone"] not in available_timezones():
        return False
    starts, ends = _when(body.get("starts_at")), _when(body.get("ends_at"))
    if starts is None or ends is None:
        return True  # not a date-time: a negative example, the schema answers it (422)
    return starts.tzinfo is not None and ends.tzinfo is not None and ends > starts


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
    if label == SCHEDULE:
        return _meeting_times(body)
    if label == CHANGE and ("starts_at" in body or "ends_at" in body):
        return False  # the new times must fit the stored ones: the tests cover real changes
    if label == ASK:
        # NETmundial asks what an intervention speaks to (a modality's obligation).
        return bool(body.get("paragraph") or body.get("agenda_item"))
    if label == ADOPTION and "closes_at" in body:
        return _future(body["closes_at"])
    return True

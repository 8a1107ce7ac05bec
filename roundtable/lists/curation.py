"""Writes by an archive's curator: recording what is known about a message whose headers do
not say it (a sender named only in the signature, a date known only as a bound).

The raw source is never changed; what the curator records is kept beside it, with the reason
in the message's notes and the audit trail. A date known only as "not before" (e.g. the
moment of the message it replies to) is stored with `date_source="not-before"`, and the pages
say "not before <day>", never a precise time.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor

from . import threading
from .models import Message

NOT_BEFORE = "not-before"


def do_attribute_message(
    *,
    actor: Actor,
    message: Message,
    note: str,
    from_name: str = "",
    from_addr: str = "",
    not_before: datetime | None = None,
) -> Message:
    """Fill in the sender and/or a lower bound of the date where the headers left them empty
    (never overwriting what the headers said), with `note` saying where it comes from."""
    if not note.strip():
        raise ValidationError(_("Say where the attribution comes from."), code="required")
    changes: dict[str, str] = {}
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message.pk)
        if from_name.strip() and not message.from_name:
            message.from_name = changes["from_name"] = from_name.strip()[:300]
        if from_addr.strip() and not message.from_addr:
            message.from_addr = changes["from_addr"] = from_addr.strip().lower()[:300]
        if not_before is not None and message.date is None:
            message.date = not_before
            message.date_source = NOT_BEFORE
            changes["not_before"] = not_before.isoformat()
        if not changes:
            return message
        message.notes = [*message.notes, f"curator: {note.strip()}"]
        message.save(update_fields=["from_name", "from_addr", "date", "date_source", "notes"])
        record_event(
            actor=actor,
            verb="message.attributed",
            target=message.mailing_list,
            summary={"message": message.message_id, **changes, "note": note.strip()},
        )
    threading.rethread(message.mailing_list)
    return message

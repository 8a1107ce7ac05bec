"""Attendance the chair records (present in the room, remotely, or absent) and the meeting's
quorum counted over it by the rule the modality declares (``quorum:``).

The chair's `chair_meeting` right decides who records: the modality's own, or the house file's
(`authority.py`). Each change is one audit event naming the registration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities.meeting_quorum import QuorumCount, count, counts_as_member
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality, standing_for_user

from .authority import meeting_context, require_meeting
from .models import Meeting, Registration

PRESENT = (Registration.Attendance.IN_ROOM, Registration.Attendance.REMOTE)


@dataclass(frozen=True)
class Mark:
    registration_id: int
    attendance: str


def check_record_attendance(
    *, actor: Actor, meeting: Meeting, marks: Sequence[Mark]
) -> list[Registration]:
    require_meeting(actor, right="chair_meeting", process=meeting.process, meeting=meeting)
    return do_record_attendance(actor=actor, meeting=meeting, marks=marks)


def do_record_attendance(
    *, actor: Actor, meeting: Meeting, marks: Sequence[Mark]
) -> list[Registration]:
    """Record each person's attendance; a registration of another meeting is refused."""
    choices = set(Registration.Attendance.values) - {""}
    if any(mark.attendance not in choices for mark in marks):
        raise ValidationError(_("Choose one of the values offered."), code="invalid")
    changed: list[Registration] = []
    with transaction.atomic():
        rows = Registration.objects.select_for_update().filter(meeting=meeting)
        found = {row.pk: row for row in rows.filter(pk__in=[m.registration_id for m in marks])}
        if len(found) != len({m.registration_id for m in marks}):
            raise ValidationError(_("This person is not registered for this meeting."), "invalid")
        for mark in marks:
            row = found[mark.registration_id]
            if row.attendance == mark.attendance:
                continue
            row.attendance = mark.attendance
            row.attended = mark.attendance in PRESENT
            row.save(update_fields=["attendance", "attended"])
            record_event(
                actor=actor,
                verb="meeting.attendance",
                target=meeting,
                row=row,
                summary={"attendance": row.attendance},
            )
            changed.append(row)
    return changed


def quorum_count(meeting: Meeting) -> QuorumCount | None:
    """The meeting's quorum over the recorded attendance (None: its modality sets none)."""
    modality_name, _context = meeting_context(meeting.process, meeting)
    rule = get_modality(modality_name).quorum
    if rule is None:
        return None
    present = Registration.Attendance.IN_ROOM
    kinds = [present, Registration.Attendance.REMOTE] if rule.remote_counts else [present]
    rows = meeting.registrations.filter(attendance__in=kinds).select_related("user")
    venue = meeting.process.venue.slug
    members = sum(
        1 for row in rows if counts_as_member(rule, standing_for_user(row.user, venue).roles)
    )
    return count(rule, members)


def require_quorum(meeting: Meeting) -> QuorumCount | None:
    """Refuse business that needs the meeting's quorum when it is not met, naming the rule."""
    found = quorum_count(meeting)
    if found is not None and not found.met:
        raise ValidationError(
            _("Refused by rule %(rule)s: no quorum, %(present)s of %(members)s members present "
              "and %(needed)s needed. Record the attendance of more members to allow it.")
            % {
                "rule": found.rule,
                "present": found.present,
                "members": found.members,
                "needed": found.needed,
            },
            code="no_quorum",
        )  # fmt: skip
    return found

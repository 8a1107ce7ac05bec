"""Writes for a meeting's life: schedule, change, cancel, register, publish minutes.

Every change a calendar must see raises the meeting's iCalendar SEQUENCE. The speaker queue's
actions are in `queue.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.drafting.models import Document
from roundtable.modalities.composition import admit
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.processes.models import Phase, Process

from .announce import announce
from .authority import require_meeting
from .models import LANGUAGES, AgendaItem, Meeting, Registration


@dataclass(frozen=True)
class AgendaEntry:
    title: str
    document: Document | None = None
    paragraphs: tuple[str, ...] = ()


def _check_times(starts_at: datetime, ends_at: datetime, time_zone: str) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError(_("Give the times with their offset from UTC."), code="invalid")
    if ends_at <= starts_at:
        raise ValidationError(_("A meeting must end after it starts."), code="invalid")
    if time_zone not in available_timezones():
        raise ValidationError(_("Unknown time zone: give a name such as Europe/Zurich."), "invalid")


def _check_languages(languages: Sequence[str]) -> list[str]:
    if any(code not in LANGUAGES for code in languages):
        raise ValidationError(
            _(
                "Interpretation languages are among Arabic, Chinese, English, French, Russian and Spanish."
            ),
            code="invalid",
        )
    return [code for code in LANGUAGES if code in languages]


def _check_choice(value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        raise ValidationError(_("Choose one of the values offered."), code="invalid")


def check_schedule_meeting(
    *,
    actor: Actor,
    process: Process,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "UTC",
    mode: str = Meeting.Mode.IN_PERSON,
    status: str = Meeting.Status.TENTATIVE,
    phase: Phase | None = None,
    location: str = "",
    capacity: int | None = None,
    languages: Sequence[str] = (),
    day: str = "",
    agenda: Sequence[AgendaEntry] = (),
    documents: Sequence[Document] = (),
) -> Meeting:
    require_meeting(actor, right="manage_meeting", process=process)
    return do_schedule_meeting(
        actor=actor, process=process, title=title, starts_at=starts_at, ends_at=ends_at,
        time_zone=time_zone, mode=mode, status=status, phase=phase, location=location,
        capacity=capacity, languages=languages, day=day, agenda=agenda, documents=documents,
    )  # fmt: skip


def do_schedule_meeting(
    *,
    actor: Actor,
    process: Process,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "UTC",
    mode: str = Meeting.Mode.IN_PERSON,
    status: str = Meeting.Status.TENTATIVE,
    phase: Phase | None = None,
    location: str = "",
    capacity: int | None = None,
    languages: Sequence[str] = (),
    day: str = "",
    agenda: Sequence[AgendaEntry] = (),
    documents: Sequence[Document] = (),
) -> Meeting:
    _check_times(starts_at, ends_at, time_zone)
    _check_choice(mode, Meeting.Mode.values)
    _check_choice(status, [Meeting.Status.TENTATIVE, Meeting.Status.CONFIRMED])
    if phase is not None and phase.process_id != process.pk:
        raise ValidationError(_("That phase belongs to another process."), code="other_process")
    for item in [*documents, *(e.document for e in agenda if e.document is not None)]:
        if item.process_id != process.pk:
            raise ValidationError(_("That document belongs to another process."), "other_process")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            process=process, phase=phase, title=title, status=status, mode=mode,
            starts_at=starts_at, ends_at=ends_at, time_zone=time_zone, location=location,
            capacity=capacity, languages=_check_languages(languages), day=day,
            updated_at=timezone.now(),
        )  # fmt: skip
        meeting.documents.set(documents)
        for number, entry in enumerate(agenda, start=1):
            AgendaItem.objects.create(
                meeting=meeting,
                number=number,
                title=entry.title,
                document=entry.document,
                paragraphs=list(entry.paragraphs),
            )
        record_event(actor=actor, verb="meeting.schedule", target=meeting, summary=title)
    return meeting


def check_change_meeting(
    *,
    actor: Actor,
    meeting: Meeting,
    status: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    location: str | None = None,
    mode: str | None = None,
) -> Meeting:
    require_meeting(actor, right="manage_meeting", process=meeting.process, meeting=meeting)
    return do_change_meeting(
        actor=actor, meeting=meeting, status=status, starts_at=starts_at, ends_at=ends_at,
        location=location, mode=mode,
    )  # fmt: skip


def do_change_meeting(
    *,
    actor: Actor,
    meeting: Meeting,
    status: str | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    location: str | None = None,
    mode: str | None = None,
) -> Meeting:
    """Confirm, reschedule, move or cancel: a calendar sees each (SEQUENCE goes up)."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."), code="closed")
    if status is not None:
        _check_choice(status, Meeting.Status.values)
        meeting.status = status
    if mode is not None:
        _check_choice(mode, Meeting.Mode.values)
        meeting.mode = mode
    meeting.starts_at = starts_at or meeting.starts_at
    meeting.ends_at = ends_at or meeting.ends_at
    _check_times(meeting.starts_at, meeting.ends_at, meeting.time_zone)
    if location is not None:
        meeting.location = location
    with transaction.atomic():
        meeting.sequence += 1
        meeting.updated_at = timezone.now()
        meeting.save()
        record_event(actor=actor, verb="meeting.change", target=meeting, summary=meeting.status)
        announce(meeting, "meeting")
    return meeting


def check_register(*, actor: Actor, meeting: Meeting, remote: bool = False) -> Registration:
    require_meeting(actor, right="attend", process=meeting.process, meeting=meeting)
    return do_register(actor=actor, meeting=meeting, remote=remote)


def do_register(*, actor: Actor, meeting: Meeting, remote: bool = False) -> Registration:
    """Register to attend; in the room unless remote. The room's capacity bounds those in it."""
    if actor.user is None:
        raise ValidationError(_("Sign in to register."), code="invalid")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."), code="closed")
    remote = remote or meeting.mode == Meeting.Mode.REMOTE
    if remote and meeting.mode == Meeting.Mode.IN_PERSON:
        raise ValidationError(_("This meeting is held in person only."), code="invalid")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if Registration.objects.filter(meeting=locked, user=actor.user).exists():
            raise ValidationError(_("You are already registered."), code="exists")
        in_room = Registration.objects.filter(meeting=locked, remote=False).count()
        if not remote and locked.capacity is not None and in_room >= locked.capacity:
            raise ValidationError(
                _("The room is full; you may register to take part remotely."), "conflict"
            )
        groups = sorted(actor.standing(meeting.process.venue.slug).groups)
        if not remote:
            _admit_to_room(locked, groups[0] if groups else "")
        made = Registration.objects.create(
            meeting=locked,
            user=actor.user,
            group=groups[0] if groups else "",
            remote=remote,
            registered_at=timezone.now(),
        )
        record_event(actor=actor, verb="meeting.register", target=locked, row=made)
    return made


def _admit_to_room(meeting: Meeting, group: str) -> None:
    """The balance and capacity the process's modality sets (`composition:`, e.g. the WTPF
    Informal Experts Group), applied to the seats in the room: refused with the limit's rule."""
    limits = get_modality(meeting.process.modality).composition
    if limits is None:
        return
    taken = Counter(
        Registration.objects.filter(meeting=meeting, remote=False).values_list("group", flat=True)
    )
    admission = admit(taken, group, limits)
    if not admission.admitted:
        raise ValidationError(
            _("Refused by rule %(rule)s: the room's balance or capacity limit is reached "
              "(%(taken)s of %(allowed)s). You may register to take part remotely.")
            % {"rule": admission.rule, "taken": admission.taken, "allowed": admission.allowed},
            code="conflict",
        )  # fmt: skip


def check_publish_minutes(
    *, actor: Actor, meeting: Meeting, minutes: str, chair_summary: str = ""
) -> Meeting:
    require_meeting(actor, right="manage_meeting", process=meeting.process, meeting=meeting)
    return do_publish_minutes(
        actor=actor, meeting=meeting, minutes=minutes, chair_summary=chair_summary
    )


def do_publish_minutes(
    *, actor: Actor, meeting: Meeting, minutes: str, chair_summary: str = ""
) -> Meeting:
    if timezone.now() < meeting.starts_at:
        raise ValidationError(_("Minutes are published after the meeting."), code="not_started")
    with transaction.atomic():
        meeting.minutes = minutes
        meeting.chair_summary = chair_summary
        meeting.published_at = timezone.now()
        meeting.updated_at = meeting.published_at
        meeting.save()
        record_event(actor=actor, verb="meeting.minutes", target=meeting)
        announce(meeting, "meeting")
    return meeting

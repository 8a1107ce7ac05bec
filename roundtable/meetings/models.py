"""Meetings of a process, their agenda, registrations, and the speaker queue with every
intervention it gave the floor to.

The order of the floor is never stored: it is the engine's (`roundtable.modalities.speakers`)
over the waiting requests in arrival order, with the meeting's rotation cursor, except where
the chair put requests in an order of their own (`Meeting.chair_order`, with a recorded reason).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roundtable.drafting.models import Document
from roundtable.processes.models import Phase, Process

LANGUAGES = ("ar", "zh-hans", "en", "es", "fr", "ru")


class Meeting(models.Model):
    class Status(models.TextChoices):
        TENTATIVE = "tentative", _("tentative")
        CONFIRMED = "confirmed", _("confirmed")
        CANCELLED = "cancelled", _("cancelled")

    class Mode(models.TextChoices):
        IN_PERSON = "in-person", _("in person")
        REMOTE = "remote", _("remote")
        HYBRID = "hybrid", _("hybrid")

    process = models.ForeignKey(Process, on_delete=models.PROTECT, related_name="meetings")
    phase = models.ForeignKey(
        Phase, on_delete=models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TENTATIVE
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # The IANA zone the meeting is held in: times are stored in UTC and shown in this zone.
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    location = models.CharField(_("location"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    languages = models.JSONField(_("interpretation languages"), default=list)
    # The kind of day the engine is asked about (e.g. "open-consultation-day"); blank: the phase's.
    day = models.SlugField(_("day"), blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="meetings")
    minutes = models.TextField(_("minutes"), blank=True)
    chair_summary = models.TextField(_("chair's summary"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # iCalendar SEQUENCE: raised on every change a calendar must pick up (RFC 5545 3.8.7.4).
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()
    list_closed = models.BooleanField(_("list of speakers closed"), default=False)
    rotation_cursor = models.PositiveIntegerField(default=0)
    # Request ids in the order the chair set (each move recorded with its reason in the trail).
    chair_order = models.JSONField(default=list)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=300)
    document = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Stable paragraph ids of the document (drafting.Paragraph.pid) the item is about.
    paragraphs = models.JSONField(default=list)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Registration(models.Model):
    class Attendance(models.TextChoices):
        UNRECORDED = "", _("not recorded")
        IN_ROOM = "in-room", _("present in the room")
        REMOTE = "remote", _("present remotely")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    group = models.CharField(max_length=100, blank=True)
    remote = models.BooleanField(default=False)
    registered_at = models.DateTimeField()
    attended = models.BooleanField(default=False)
    # What the chair recorded (`attended` follows it: present in the room or remotely).
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default="", blank=True
    )

    class Meta:
        ordering = ["meeting", "registered_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_registration_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user_id}"


class FloorRequest(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SPEAKING = "speaking", _("speaking")
        DONE = "done", _("spoke")
        SKIPPED = "skipped", _("skipped")
        WITHDRAWN = "withdrawn", _("withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Whom they speak for: their delegation or organisation, as their standing says.
    on_behalf_of = models.CharField(max_length=200, blank=True)
    group = models.CharField(max_length=100, blank=True)
    remote = models.BooleanField(default=False)
    chair = models.BooleanField(default=False)
    tier = models.PositiveSmallIntegerField(default=1)
    # The slot the modality gives this speaker (its speaker policy or a rule's obligation).
    slot_seconds = models.PositiveIntegerField(null=True, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paragraph = models.CharField(max_length=40, blank=True)
    asked_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["meeting", "asked_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=models.Q(status__in=["waiting", "speaking"]),
                name="one_open_request_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user_id} ({self.status})"


class Intervention(models.Model):
    """One turn at the floor: who, for whom, which group, how long."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="interventions")
    request = models.OneToOneField(
        FloorRequest, on_delete=models.CASCADE, related_name="intervention"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on_behalf_of = models.CharField(max_length=200, blank=True)
    group = models.CharField(max_length=100, blank=True)
    remote = models.BooleanField(default=False)
    via = models.CharField(max_length=100, blank=True)
    slot_seconds = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    muted = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "started_at", "id"]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.user_id} at {self.started_at:%H:%M:%S}"

    @property
    def seconds(self) -> int | None:
        if self.ended_at is None:
            return None
        return int((self.ended_at - self.started_at).total_seconds())

"""Meeting scenes built through the real actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from roundtable.meetings.actions import do_schedule_meeting
from roundtable.meetings.models import Meeting
from roundtable.permissions.actor import Actor
from roundtable.stakeholders.roles import do_grant_role
from tests.processes.scenes import Scene, accredit, person, scene


def meeting_scene(
    modality: str, phase_kind: str, *, venue: str = "v", slug: str = "p", mode: str = "hybrid"
) -> tuple[Scene, Meeting]:
    here = scene(venue_slug=venue, modality=modality, phase_kind=phase_kind, process_slug=slug)
    now = timezone.now()
    meeting = do_schedule_meeting(
        actor=Actor.operator("test"),
        process=here.process,
        title=f"Plenary {slug}",
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(hours=2),
        time_zone="America/Sao_Paulo",
        mode=mode,
        status=Meeting.Status.CONFIRMED,
        phase=here.process.phases.first(),
        languages=["en", "fr", "ar"],
    )
    return here, meeting


def participant(here: Scene, email: str, group_slug: str, **extra: Any) -> Any:
    user = person(email)
    accredit(user, here.venue, group_slug, **extra)
    return user


def chair(here: Scene, email: str = "chair@example.org") -> Any:
    user = person(email, "Chair")
    do_grant_role(actor=Actor.operator("test"), user=user, venue=here.venue, role="chair")
    return user

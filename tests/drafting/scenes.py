"""Scenes for drafting and adoption tests, built through the real actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from roundtable.drafting.actions import do_create_document, do_publish_version
from roundtable.drafting.models import Document
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.processes.actions import do_add_phase, do_create_process, do_create_venue
from roundtable.processes.models import Process
from roundtable.stakeholders.disclosures import do_file_disclosure
from roundtable.stakeholders.organisations import do_ensure_default_groups
from roundtable.stakeholders.roles import do_grant_role
from roundtable.venues.models import Venue
from tests.processes.scenes import person

TEXT = (
    "# Draft Opinion 1\n\n"
    "The Forum recognises that Internet exchange points lower the cost of connectivity.\n\n"
    "The Forum invites Member States to encourage the creation of IXPs.\n\n"
    "The secretariat will report on progress."
)


@dataclass
class World:
    venue: Venue
    process: Process
    secretariat: Any
    chair: Any


def world(
    *,
    modality: str,
    phase: str = "adoption",
    venue_slug: str = "icann",
    process_slug: str = "epdp",
    phase_start_days_ago: int = 3,
) -> World:
    do_ensure_default_groups(actor=Actor.operator("test"))
    venue = Venue.objects.filter(slug=venue_slug).first() or do_create_venue(
        actor=Actor.operator("test"),
        slug=venue_slug,
        name=venue_slug.upper(),
        default_modality=modality,
    )
    process = do_create_process(
        actor=Actor.operator("test"), venue=venue, slug=process_slug, title=f"Process {process_slug}",
        modality=modality,
    )  # fmt: skip
    today = timezone.now().date()
    do_add_phase(
        actor=Actor.operator("test"),
        process=process,
        kind=phase,
        title="Now",
        starts_on=today - timedelta(days=phase_start_days_ago),
        ends_on=today + timedelta(days=30),
    )
    secretariat = person(f"secretariat-{process_slug}@example.org", "Secretariat")
    do_grant_role(actor=Actor.operator("test"), user=secretariat, venue=venue, role="secretariat")
    chair = person(f"chair-{process_slug}@example.org", "Chair")
    do_grant_role(actor=Actor.operator("test"), user=chair, venue=venue, role="chair")
    return World(venue, process, secretariat, chair)


def member(w: World, email: str, *roles: str, name: str | None = None) -> Any:
    user = person(email, name)
    for role in roles:
        do_grant_role(actor=Actor.operator("test"), user=user, venue=w.venue, role=role)
    return user


def file_statements(w: World, *users: Any) -> None:
    """Each person files the statements the process's modality declares (a GNSO Statement of
    Interest, an IETF Note Well acknowledgement): the precondition to take part."""
    for declared in get_modality(w.process.modality).disclosures:
        for user in users:
            do_file_disclosure(
                actor=Actor.person(user), venue=w.venue, kind=declared.kind, text="On file."
            )


def published_document(
    w: World, text: str = TEXT, slug: str = "opinion-1", audience: str = "public"
) -> Document:
    document = do_create_document(
        actor=Actor.person(w.secretariat), process=w.process, slug=slug,
        title="Draft Opinion 1", source=text, audience=audience,
    )  # fmt: skip
    do_publish_version(actor=Actor.person(w.secretariat), document=document)
    return document

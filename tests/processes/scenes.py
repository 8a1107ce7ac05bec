"""Test scenes built through the real actions (the same code paths as the app).

`scene()` gives a venue with a process whose current phase holds today, an open call for
input, a secretariat member and a few participants; tests add what they need on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from roundtable.contributions.actions import do_open_call
from roundtable.contributions.models import CallForInput
from roundtable.permissions.actor import Actor
from roundtable.processes.actions import do_add_phase, do_create_process, do_create_venue
from roundtable.processes.models import Process
from roundtable.stakeholders.accounts import do_register_participant
from roundtable.stakeholders.actions import do_decide_accreditation, do_request_accreditation
from roundtable.stakeholders.delegations import do_add_delegation_member
from roundtable.stakeholders.models import Accreditation, StakeholderGroup, VenueCategory
from roundtable.stakeholders.organisations import do_create_venue_category, do_ensure_default_groups
from roundtable.stakeholders.roles import do_grant_role
from roundtable.venues.models import Venue

PASSWORD = "a-long-test-passphrase-42"


def person(email: str, name: str | None = None, *, verified: bool = True) -> Any:
    return do_register_participant(
        actor=Actor.anonymous(),
        email=email,
        password=PASSWORD,
        display_name=name or email.split("@")[0],
        verified=verified,
        send_verification=False,
    )


def group(slug: str) -> StakeholderGroup:
    return StakeholderGroup.objects.get(slug=slug)


def accredit(
    user: Any, venue: Venue, group_slug: str, *, category: VenueCategory | None = None, **extra: Any
) -> Accreditation:
    """Request and (if needed) approve through the actions, as the secretariat would; a
    delegation is never claimed: the secretariat adds the member after approval."""
    delegation = extra.pop("delegation", None)
    accreditation = do_request_accreditation(
        actor=Actor.person(user), venue=venue, group=group(group_slug), category=category, **extra
    )
    if accreditation.status == Accreditation.Status.PENDING:
        accreditation = do_decide_accreditation(
            actor=Actor.operator("test-secretariat"),
            accreditation=accreditation,
            approve=True,
            reason="ok",
        )
    if delegation is not None:
        accreditation = do_add_delegation_member(
            actor=Actor.operator("test-secretariat"), delegation=delegation, user=user
        )
    return accreditation


@dataclass
class Scene:
    venue: Venue
    process: Process
    call: CallForInput
    secretariat: Any
    member_state: VenueCategory


def scene(
    *,
    venue_slug: str = "itu",
    modality: str = "itu-wtpf-multistakeholder",
    phase_kind: str = "drafting",
    process_slug: str = "wtpf",
) -> Scene:
    do_ensure_default_groups(actor=Actor.operator("test"))
    venue = Venue.objects.filter(slug=venue_slug).first() or do_create_venue(
        actor=Actor.operator("test"),
        slug=venue_slug,
        name=venue_slug.upper(),
        default_modality=modality,
        automatic_accreditation=["ecosoc-status", "itu-sector-member"],
    )
    process = do_create_process(
        actor=Actor.operator("test"),
        venue=venue,
        slug=process_slug,
        title=f"Process {process_slug}",
        modality=modality,
    )
    today = timezone.now().date()
    do_add_phase(
        actor=Actor.operator("test"),
        process=process,
        kind=phase_kind,
        title="Now",
        starts_on=today - timedelta(days=3),
        ends_on=today + timedelta(days=30),
    )
    now = timezone.now()
    call = do_open_call(
        actor=Actor.operator("test"),
        process=process,
        title="Call for input",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=20),
    )
    secretariat = person(f"secretariat-{venue_slug}-{process_slug}@example.org", "Secretariat")
    do_grant_role(actor=Actor.operator("test"), user=secretariat, venue=venue, role="secretariat")
    category = VenueCategory.objects.filter(venue=venue, slug="member-state").first()
    if category is None:
        category = do_create_venue_category(
            actor=Actor.operator("test"),
            venue=venue,
            slug="member-state",
            name="Member State",
            group=group("government"),
        )
    return Scene(venue, process, call, secretariat, category)

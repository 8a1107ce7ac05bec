"""Writes for accreditation: asking a venue for standing, and the secretariat's decision.

`do_*` change and audit; `check_*` are the untrusted entry points: they ask the door first.
The app's other writes are by the thing acted on: accounts.py (sign-up, confirmation),
organisations.py (groups, categories, organisations), delegations.py, belonging.py (statuses,
focal points, claims, automatic accreditation) and roles.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.inputs.uploads import check_uploads
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue

from .belonging import accredit_automatically, do_claim_affiliation
from .models import (
    Accreditation,
    Delegation,
    Organisation,
    Profile,
    StakeholderGroup,
    SupportingDocument,
    VenueCategory,
)

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def _live_accreditation(user: User, venue: Venue) -> Accreditation | None:
    return (
        Accreditation.objects.filter(
            user=user,
            venue=venue,
            status__in=[Accreditation.Status.PENDING, Accreditation.Status.APPROVED],
        )
        .order_by("-requested_at")
        .first()
    )


def do_request_accreditation(
    *,
    actor: Actor,
    venue: Venue,
    group: StakeholderGroup | None = None,
    category: VenueCategory | None = None,
    organisation: Organisation | None = None,
    delegation: Delegation | None = None,
    statement: str = "",
    documents: Sequence[UploadedFile[Any]] = (),
) -> Accreditation:
    """Ask for standing in a venue. Naming an organisation claims to belong to it: its focal
    point confirms or refuses, and only a confirmed person of an organisation holding an
    automatic status at the venue is approved without the secretariat, with that
    organisation's group, category and delegation (see belonging.py).

    A delegation is never claimed: its head or the secretariat adds members, so a request
    naming one is refused. Approved standing carries over to every process of the venue, so
    a second request while one is pending or approved is refused.
    """
    user = actor.user
    if user is None:
        raise ValueError("Only a person asks for accreditation.")
    if delegation is not None:
        raise ValidationError(
            _(
                "A delegation cannot be claimed: its head or the secretariat of %(venue)s adds "
                "its members. Ask for accreditation without naming a delegation."
            )
            % {"venue": venue.name},
            code="delegation_claimed",
        )
    if category is not None:
        if category.venue_id != venue.pk:
            raise ValidationError(_("This category belongs to another venue."), code="category")
        group = group or category.group
    if group is None:
        raise ValidationError(_("Choose a stakeholder group."), code="group")
    for document in documents:
        if document.size and document.size > MAX_DOCUMENT_BYTES:
            raise ValidationError(
                _("“%(name)s” is larger than 10 MB.") % {"name": document.name}, code="size"
            )
    check_uploads(documents, total_cap=settings.ROUNDTABLE_ATTACHMENTS_TOTAL_BYTES)
    now = timezone.now()
    with transaction.atomic():
        live = _live_accreditation(user, venue)
        if live is not None and live.status == Accreditation.Status.APPROVED:
            raise ValidationError(
                _(
                    "You are already accredited at %(venue)s; your standing carries over to all its processes."
                )
                % {"venue": venue.name},
                code="already_accredited",
            )
        if live is not None:
            raise ValidationError(
                _("Your request to %(venue)s is still waiting for the secretariat.")
                % {"venue": venue.name},
                code="pending",
            )
        accreditation = Accreditation.objects.create(
            user=user,
            venue=venue,
            group=group,
            category=category,
            organisation=organisation,
            statement=statement,
            requested_at=now,
        )
        for document in documents:
            SupportingDocument.objects.create(
                accreditation=accreditation,
                file=document,
                name=document.name or "",
                size=document.size or 0,
            )
        record_event(
            actor=actor,
            verb="accreditation.requested",
            target=accreditation,
            summary={
                "venue": venue.slug,
                "group": group.slug,
                "category": category.slug if category else None,
                "organisation": organisation.slug if organisation else None,
                "documents": len(documents),
            },
        )
        if organisation is not None:
            do_claim_affiliation(actor=actor, organisation=organisation, venue=venue)
            accredit_automatically(accreditation=accreditation)
        return accreditation


def check_request_accreditation(
    *,
    actor: Actor,
    venue: Venue,
    group: StakeholderGroup | None = None,
    category: VenueCategory | None = None,
    organisation: Organisation | None = None,
    delegation: Delegation | None = None,
    statement: str = "",
    documents: Sequence[UploadedFile[Any]] = (),
) -> Accreditation:
    require(
        actor,
        right="request_accreditation",
        modality=PARTICIPATION,
        context={"venue": venue.slug},
    )
    profile = Profile.objects.filter(user=actor.user).first() if actor.user else None
    if profile is None or profile.email_verified_at is None:
        raise ValidationError(
            _("Confirm your email address first: follow the link we sent you."),
            code="unverified",
        )
    return do_request_accreditation(
        actor=actor,
        venue=venue,
        group=group,
        category=category,
        organisation=organisation,
        delegation=delegation,
        statement=statement,
        documents=documents,
    )


def do_decide_accreditation(
    *, actor: Actor, accreditation: Accreditation, approve: bool, reason: str = ""
) -> Accreditation:
    """The secretariat approves or rejects a pending request; a rejection needs a reason."""
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError(_("Say why the request is rejected."), code="reason_required")
    with transaction.atomic():
        accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
        if accreditation.status != Accreditation.Status.PENDING:
            raise ValidationError(
                _("This request was already decided (%(status)s).")
                % {"status": accreditation.get_status_display()},
                code="decided",
            )
        accreditation.status = (
            Accreditation.Status.APPROVED if approve else Accreditation.Status.REJECTED
        )
        accreditation.basis = "secretariat"
        accreditation.reason = reason
        accreditation.decided_at = timezone.now()
        accreditation.decided_by = actor.user
        accreditation.save()
        record_event(
            actor=actor,
            verb="accreditation.approved" if approve else "accreditation.rejected",
            target=accreditation,
            summary={"basis": "secretariat", "reason": reason},
        )
        return accreditation


def check_decide_accreditation(
    *, actor: Actor, accreditation: Accreditation, approve: bool, reason: str = ""
) -> Accreditation:
    require(
        actor,
        right="decide_accreditation",
        modality=PARTICIPATION,
        context={"venue": accreditation.venue.slug},
    )
    return do_decide_accreditation(
        actor=actor, accreditation=accreditation, approve=approve, reason=reason
    )


def do_admit_on_appeal(
    *, actor: Actor, accreditation: Accreditation, appeal: int, reason: str
) -> Accreditation:
    """A refused request admitted because an appeal overturned the refusal (``appeal``: the
    appeal's id, from the decisions app that decided it; the door was asked there)."""
    with transaction.atomic():
        accreditation = Accreditation.objects.select_for_update().get(pk=accreditation.pk)
        if accreditation.status != Accreditation.Status.REJECTED:
            raise ValidationError(_("Only a refused request can be admitted on appeal."), "status")
        accreditation.status = Accreditation.Status.APPROVED
        accreditation.basis = "appeal"
        accreditation.reason = reason.strip()
        accreditation.decided_at = timezone.now()
        accreditation.decided_by = actor.user
        accreditation.save()
        record_event(
            actor=actor,
            verb="accreditation.approved_on_appeal",
            target=accreditation,
            summary={"basis": "appeal", "appeal": appeal, "reason": accreditation.reason},
        )
        return accreditation

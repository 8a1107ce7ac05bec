"""Writes for belonging: an organisation's status at a venue, its focal points, and the people
who claim to belong to it; automatic accreditation of the people it confirmed.

Who may do what is in roundtable/permissions/modalities/participation.yaml: the secretariat
keeps statuses and focal points (`manage_participants`); a focal point confirms or refuses
claims (`confirm_affiliation`, context fact `focal-point`); automatic accreditation is the
right `accredit_automatically`, asked with the standing fact `organisation_confirmed` and the
context fact `status-<code>`, so that its basis is the rule the engine names.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities import Standing
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue
from roundtable.venues.people import public_name

from .models import (
    Accreditation,
    Affiliation,
    Delegation,
    FocalPoint,
    Organisation,
    OrganisationStatus,
    StakeholderGroup,
    VenueCategory,
)

logger = logging.getLogger(__name__)
MAX_REASON = 2000


def email_domain_matches(user: User, organisation: Organisation) -> bool:
    """The claimant's address is in one of the organisation's mail domains: a signal shown to
    the focal point and the secretariat, never a confirmation by itself."""
    domains = {d.strip().lower().lstrip("@") for d in organisation.email_domains.split()}
    domain = (user.email or "").rpartition("@")[2].lower()
    return bool(domain) and domain in domains


def is_focal_point(user: User | None, organisation: Organisation, venue: Venue) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return FocalPoint.objects.filter(organisation=organisation, venue=venue, user=user).exists()


# --- the secretariat: statuses and focal points -------------------------------------------


def do_set_organisation_status(
    *,
    actor: Actor,
    organisation: Organisation,
    venue: Venue,
    basis: str,
    group: StakeholderGroup,
    category: VenueCategory | None = None,
    delegation: Delegation | None = None,
) -> OrganisationStatus:
    """Record what the organisation is at the venue, as the secretariat verified it."""
    if category is not None and category.venue_id != venue.pk:
        raise ValidationError(_("This category belongs to another venue."), code="category")
    if delegation is not None and delegation.venue_id != venue.pk:
        raise ValidationError(_("This delegation belongs to another venue."), code="delegation")
    if category is not None and category.group_id != group.pk:
        raise ValidationError(
            _("The category %(category)s maps onto another stakeholder group.")
            % {"category": category.name},
            code="category",
        )
    with transaction.atomic():
        status, _created = OrganisationStatus.objects.update_or_create(
            organisation=organisation,
            venue=venue,
            defaults={
                "basis": basis,
                "group": group,
                "category": category,
                "delegation": delegation,
                "verified_at": timezone.now(),
            },
        )
        record_event(
            actor=actor,
            verb="organisation.status_set",
            target=organisation,
            summary={
                "venue": venue.slug,
                "basis": basis,
                "group": group.slug,
                "category": category.slug if category else None,
                "delegation": delegation.slug if delegation else None,
            },
        )
        return status


def check_set_organisation_status(
    *,
    actor: Actor,
    organisation: Organisation,
    venue: Venue,
    basis: str,
    group: StakeholderGroup,
    category: VenueCategory | None = None,
    delegation: Delegation | None = None,
) -> OrganisationStatus:
    require(
        actor, right="manage_participants", modality=PARTICIPATION, context={"venue": venue.slug}
    )
    return do_set_organisation_status(
        actor=actor,
        organisation=organisation,
        venue=venue,
        basis=basis,
        group=group,
        category=category,
        delegation=delegation,
    )


def do_designate_focal_point(
    *, actor: Actor, organisation: Organisation, venue: Venue, user: User
) -> FocalPoint:
    with transaction.atomic():
        focal, created = FocalPoint.objects.get_or_create(
            organisation=organisation,
            venue=venue,
            user=user,
            defaults={"designated_at": timezone.now()},
        )
        if not created:
            raise ValidationError(
                _("%(person)s is a focal point of %(organisation)s already.")
                % {"person": public_name(user), "organisation": organisation.name},
                code="exists",
            )
        record_event(
            actor=actor,
            verb="organisation.focal_point_designated",
            target=organisation,
            summary={"venue": venue.slug, "user": user.pk},
        )
        return focal


def check_designate_focal_point(
    *, actor: Actor, organisation: Organisation, venue: Venue, user: User
) -> FocalPoint:
    require(
        actor, right="manage_participants", modality=PARTICIPATION, context={"venue": venue.slug}
    )
    return do_designate_focal_point(actor=actor, organisation=organisation, venue=venue, user=user)


# --- claims ---------------------------------------------------------------------------------


def do_claim_affiliation(*, actor: Actor, organisation: Organisation, venue: Venue) -> Affiliation:
    """The person says they belong to the organisation (at the venue). A claim already waiting
    or confirmed is kept; after a refusal a new claim waits again."""
    user = actor.user
    if user is None:
        raise ValueError("Only a person claims to belong to an organisation.")
    with transaction.atomic():
        live = (
            Affiliation.objects.select_for_update()
            .filter(
                user=user,
                organisation=organisation,
                venue=venue,
                status__in=[Affiliation.Status.PENDING, Affiliation.Status.CONFIRMED],
            )
            .first()
        )
        if live is not None:
            return live
        claim = Affiliation.objects.create(
            user=user, organisation=organisation, venue=venue, requested_at=timezone.now()
        )
        record_event(
            actor=actor,
            verb="affiliation.claimed",
            target=claim,
            summary={"organisation": organisation.slug, "venue": venue.slug},
        )
        return claim


def _tell_claimant(claim: Affiliation) -> None:
    if claim.status == Affiliation.Status.CONFIRMED:
        body = _("%(organisation)s confirmed that you belong to it, at %(venue)s.")
    else:
        body = _(
            "%(organisation)s did not confirm that you belong to it, at %(venue)s. "
            "Its reason: %(reason)s"
        )
    text = body % {
        "organisation": claim.organisation.name,
        "venue": claim.venue.name,
        "reason": claim.reason,
    }
    try:
        send_mail(_("Your organisation answered"), text, None, [claim.user.email])
    except OSError:
        logger.warning("affiliation mail to %s could not be sent", claim.user.email, exc_info=True)


def do_answer_claim(
    *, actor: Actor, claim: Affiliation, confirm: bool, reason: str = ""
) -> Affiliation:
    """Confirm or refuse (with a reason) a pending claim; the claimant is told by mail and on
    their accreditation page. A confirmation may accredit them at once (see below)."""
    reason = (reason or "").strip()
    if not confirm and not reason:
        raise ValidationError(_("Say why the claim is refused."), code="reason_required")
    if len(reason) > MAX_REASON:
        raise ValidationError(
            _("The reason is longer than %(max)d characters.") % {"max": MAX_REASON},
            code="too_long",
        )
    with transaction.atomic():
        claim = Affiliation.objects.select_for_update().get(pk=claim.pk)
        if claim.status != Affiliation.Status.PENDING:
            raise ValidationError(
                _("This claim was already answered (%(status)s).")
                % {"status": claim.get_status_display()},
                code="decided",
            )
        claim.status = Affiliation.Status.CONFIRMED if confirm else Affiliation.Status.REFUSED
        claim.reason = reason
        claim.decided_at = timezone.now()
        claim.decided_by = actor.user
        claim.save()
        record_event(
            actor=actor,
            verb="affiliation.confirmed" if confirm else "affiliation.refused",
            target=claim,
            summary={"organisation": claim.organisation.slug, "reason": reason},
        )
        if confirm:
            pending = Accreditation.objects.select_for_update().filter(
                user=claim.user,
                venue=claim.venue,
                organisation=claim.organisation,
                status=Accreditation.Status.PENDING,
            )
            for accreditation in pending:
                accredit_automatically(accreditation=accreditation)
    _tell_claimant(claim)
    return claim


def require_confirm_affiliation(actor: Actor, *, organisation: Organisation, venue: Venue) -> None:
    """The door, asked with the context fact `focal-point` when the person asking is one of
    the organisation's focal points at the venue."""
    facts = {"focal-point"} if is_focal_point(actor.user, organisation, venue) else set()
    require(
        actor,
        right="confirm_affiliation",
        modality=PARTICIPATION,
        context={"venue": venue.slug, "facts": facts},
    )


def check_answer_claim(
    *, actor: Actor, claim: Affiliation, confirm: bool, reason: str = ""
) -> Affiliation:
    require_confirm_affiliation(actor, organisation=claim.organisation, venue=claim.venue)
    return do_answer_claim(actor=actor, claim=claim, confirm=confirm, reason=reason)


# --- automatic accreditation ----------------------------------------------------------------


def accredit_automatically(*, accreditation: Accreditation) -> bool:
    """Approve a pending request if the engine's `accredit_automatically` allows it: the
    person's claim to the organisation is confirmed at the venue and the organisation holds a
    status there that the venue accredits as of right. The accreditation then takes the group,
    category and delegation the organisation holds at the venue, whatever was asked for.
    Called inside the caller's transaction. Returns whether it approved."""
    organisation, venue = accreditation.organisation, accreditation.venue
    if organisation is None:
        return False
    confirmed = Affiliation.objects.filter(
        user_id=accreditation.user_id,
        organisation=organisation,
        venue=venue,
        status=Affiliation.Status.CONFIRMED,
    ).exists()
    status = (
        OrganisationStatus.objects.filter(organisation=organisation, venue=venue)
        .select_related("group", "category", "delegation")
        .first()
    )
    facts = set()
    if status is not None and status.basis and status.basis in venue.automatic_accreditation:
        facts.add(f"status-{status.basis}")
    decision = decide(
        Standing(organisation_confirmed=confirmed),
        right="accredit_automatically",
        modality=PARTICIPATION,
        context={"venue": venue.slug, "facts": facts},
    )
    if not decision.allowed or status is None or decision.rule is None:
        return False
    asked = {
        "group": accreditation.group.slug,
        "category": accreditation.category.slug if accreditation.category else None,
    }
    accreditation.group = status.group
    accreditation.category = status.category
    accreditation.delegation = status.delegation
    accreditation.status = Accreditation.Status.APPROVED
    accreditation.basis = f"rule:{decision.rule.rpartition('/')[2]}"
    accreditation.reason = decision.reason
    accreditation.decided_at = timezone.now()
    accreditation.save(
        update_fields=["group", "category", "delegation", "status", "basis", "reason", "decided_at"]
    )
    record_event(
        actor=None,
        verb="accreditation.approved",
        target=accreditation,
        summary={
            "basis": accreditation.basis,
            "reason": accreditation.reason,
            "asked": asked,
            "granted": {
                "group": status.group.slug,
                "category": status.category.slug if status.category else None,
                "delegation": status.delegation.slug if status.delegation else None,
            },
        },
    )
    return True

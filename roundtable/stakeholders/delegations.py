"""Writes for a venue's delegations: create one, appoint its head, add and remove members.

Members of a delegation are the people whose approved accreditation at the venue names it, so
adding or removing a member changes that accreditation; only accredited participants of the
venue can be members or head. The secretariat creates delegations and appoints heads (right
`manage_participants`); the secretariat or the head adds and removes members (right
`manage_delegation_members`, context fact `heads-this-delegation`).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require
from roundtable.permissions.standing import PARTICIPATION
from roundtable.venues.models import Venue
from roundtable.venues.people import public_name

from .models import Accreditation, Delegation
from .organisations import clean_name, clean_slug, require_manage_participants, taken


def do_create_delegation(
    *, actor: Actor, venue: Venue, slug: str, name: str, head: User | None = None
) -> Delegation:
    with transaction.atomic():
        delegation = Delegation.objects.create(venue=venue, slug=slug, name=name, head=head)
        record_event(
            actor=actor,
            verb="delegation.created",
            target=delegation,
            summary={"venue": venue.slug, "slug": slug, "head": head.pk if head else None},
        )
        return delegation


def do_set_delegation_head(
    *, actor: Actor, delegation: Delegation, head: User | None
) -> Delegation:
    with transaction.atomic():
        delegation.head = head
        delegation.save(update_fields=["head"])
        record_event(
            actor=actor,
            verb="delegation.head_set",
            target=delegation,
            summary={"head": head.pk if head else None},
        )
        return delegation


def _approved_accreditation(user: User, venue: Venue) -> Accreditation:
    """The person's approved accreditation at the venue (locked), or a refusal saying so."""
    found = (
        Accreditation.objects.select_for_update()
        .filter(user=user, venue=venue, status=Accreditation.Status.APPROVED)
        .order_by("-requested_at", "-id")
        .first()
    )
    if found is None:
        raise ValidationError(
            _("%(person)s is not an accredited participant of %(venue)s.")
            % {"person": public_name(user), "venue": venue.name},
            code="not_accredited",
        )
    return found


def do_add_delegation_member(*, actor: Actor, delegation: Delegation, user: User) -> Accreditation:
    """Make an accredited participant of the delegation's venue a member of it."""
    with transaction.atomic():
        accreditation = _approved_accreditation(user, delegation.venue)
        if accreditation.delegation_id == delegation.pk:
            raise ValidationError(
                _("%(person)s is a member of %(delegation)s already.")
                % {"person": public_name(user), "delegation": delegation.name},
                code="already_member",
            )
        other = accreditation.delegation
        if other is not None:
            raise ValidationError(
                _("%(person)s is a member of the delegation %(other)s: remove them there first.")
                % {"person": public_name(user), "other": other.name},
                code="other_delegation",
            )
        accreditation.delegation = delegation
        accreditation.save(update_fields=["delegation"])
        record_event(
            actor=actor,
            verb="delegation.member_added",
            target=delegation,
            row=accreditation,
            summary={"user": user.pk, "accreditation": accreditation.pk},
        )
        return accreditation


def do_remove_delegation_member(*, actor: Actor, delegation: Delegation, user: User) -> Delegation:
    """Take a member out of the delegation; if they were its head, it has no head any more."""
    with transaction.atomic():
        delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
        member = (
            Accreditation.objects.select_for_update()
            .filter(user=user, delegation=delegation, status=Accreditation.Status.APPROVED)
            .first()
        )
        if member is None:
            raise ValidationError(
                _("%(person)s is not a member of %(delegation)s.")
                % {"person": public_name(user), "delegation": delegation.name},
                code="not_member",
            )
        member.delegation = None
        member.save(update_fields=["delegation"])
        was_head = delegation.head_id == user.pk
        if was_head:
            delegation.head = None
            delegation.save(update_fields=["head"])
        record_event(
            actor=actor,
            verb="delegation.member_removed",
            target=delegation,
            row=member,
            summary={"user": user.pk, "head_cleared": was_head},
        )
        if was_head:
            # The delegation's own row changed too: its event covers it.
            record_event(
                actor=actor,
                verb="delegation.head_cleared",
                target=delegation,
                summary={"user": user.pk},
            )
        return delegation


def do_appoint_delegation_head(
    *, actor: Actor, delegation: Delegation, head: User | None
) -> Delegation:
    """Set (or, with None, clear) the head; the head must be an accredited participant of the
    venue, and becomes a member of the delegation if they are not one yet."""
    with transaction.atomic():
        if head is not None:
            accreditation = _approved_accreditation(head, delegation.venue)
            if accreditation.delegation_id != delegation.pk:
                do_add_delegation_member(actor=actor, delegation=delegation, user=head)
        return do_set_delegation_head(actor=actor, delegation=delegation, head=head)


def check_create_delegation(
    *, actor: Actor, venue: Venue, slug: str, name: str, head: User | None = None
) -> Delegation:
    require_manage_participants(actor, venue)
    slug, name = clean_slug(slug), clean_name(name, 200)
    refusal = _("%(venue)s has a delegation with the short name “%(slug)s” already.") % {
        "venue": venue.name,
        "slug": slug,
    }
    if Delegation.objects.filter(venue=venue, slug=slug).exists():
        raise taken(refusal)
    try:
        with transaction.atomic():
            delegation = do_create_delegation(actor=actor, venue=venue, slug=slug, name=name)
            if head is not None:
                do_appoint_delegation_head(actor=actor, delegation=delegation, head=head)
            return delegation
    except IntegrityError:
        raise taken(refusal) from None


def check_set_delegation_head(
    *, actor: Actor, delegation: Delegation, head: User | None
) -> Delegation:
    require_manage_participants(actor, delegation.venue)
    return do_appoint_delegation_head(actor=actor, delegation=delegation, head=head)


def require_manage_delegation_members(actor: Actor, delegation: Delegation) -> None:
    """The secretariat, or the head of this delegation (context fact `heads-this-delegation`)."""
    heads = actor.user is not None and delegation.head_id == actor.user.pk
    require(
        actor,
        right="manage_delegation_members",
        modality=PARTICIPATION,
        context={
            "venue": delegation.venue.slug,
            "facts": {"heads-this-delegation"} if heads else set(),
        },
    )


def check_add_delegation_member(
    *, actor: Actor, delegation: Delegation, user: User
) -> Accreditation:
    require_manage_delegation_members(actor, delegation)
    return do_add_delegation_member(actor=actor, delegation=delegation, user=user)


def check_remove_delegation_member(
    *, actor: Actor, delegation: Delegation, user: User
) -> Delegation:
    require_manage_delegation_members(actor, delegation)
    return do_remove_delegation_member(actor=actor, delegation=delegation, user=user)

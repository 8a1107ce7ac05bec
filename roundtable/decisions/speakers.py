"""Who speaks for a delegation in an adoption: its head, or a member the head designated for
that adoption. The rules are in roundtable/permissions/modalities/participation.yaml
(`speak_for_delegation`, `designate_speaker`); the door is asked with the context fact
`designated-speaker` when the person is the designated member for this adoption."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.modalities import Standing
from roundtable.modalities.engine import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import require, standing_for_user
from roundtable.permissions.standing import PARTICIPATION

from .models import Adoption, DelegationSpeaker


def is_designated(user: User | None, adoption: Adoption, delegation: str) -> bool:
    if user is None:
        return False
    return DelegationSpeaker.objects.filter(
        adoption=adoption, delegation=delegation, user_id=user.pk
    ).exists()


def require_delegation_speaker(
    actor: Actor, *, adoption: Adoption, standing: Standing
) -> Decision | None:
    """For a member of a delegation: may they take or change its position in this adoption?
    (None when they speak for no delegation: then the process's own rule alone decides.)"""
    if not standing.delegation:
        return None
    designated = is_designated(actor.user, adoption, standing.delegation)
    facts = {"designated-speaker"} if designated else set()
    return require(
        actor,
        right="speak_for_delegation",
        modality=PARTICIPATION,
        context={"venue": adoption.process.venue.slug, "facts": facts},
    )


def do_designate_speaker(
    *, actor: Actor, adoption: Adoption, delegation: str, user: User
) -> DelegationSpeaker:
    """Designate `user` (a member of the delegation) to speak for it in this adoption; a
    second designation replaces the first."""
    venue = adoption.process.venue.slug
    if standing_for_user(user, venue).delegation != delegation:
        raise ValidationError(
            _("Only a member of your delegation can be designated to speak for it."),
            code="not_member",
        )
    with transaction.atomic():
        speaker, _created = DelegationSpeaker.objects.update_or_create(
            adoption=adoption,
            delegation=delegation,
            defaults={
                "user": user,
                "designated_by": actor.user,
                "designated_at": timezone.now(),
            },
        )
        record_event(
            actor=actor,
            verb="delegation.speaker_designated",
            target=adoption,
            summary={"delegation": delegation, "user": user.pk},
        )
        return speaker


def check_designate_speaker(*, actor: Actor, adoption: Adoption, user: User) -> DelegationSpeaker:
    decision = require(
        actor,
        right="designate_speaker",
        modality=PARTICIPATION,
        context={"venue": adoption.process.venue.slug},
    )
    delegation = decision.standing.delegation
    if not delegation:  # a head always has a delegation; kept for a clear message regardless
        raise ValidationError(_("You head no delegation."), code="no_delegation")
    return do_designate_speaker(actor=actor, adoption=adoption, delegation=delegation, user=user)

"""Appeals of a refusal: a refused accreditation (a request for standing in a venue) appealed
up the chain the venue's default modality declares, when that chain covers ``refusal``
(IETF: RFC 2026 section 6.5.1; GNSO: Working Group Guidelines 3.7).

Lodging asks the door for ``appeal`` in the venue; each step is decided through
`appeals.check_decide_appeal` like an appeal of a designation, and an overturned refusal
admits the request through the stakeholders' action (`do_admit_on_appeal`), audited there.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.modalities.appeals import AppealChain
from roundtable.modalities.engine import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, require
from roundtable.stakeholders.disclosures import require_disclosures
from roundtable.stakeholders.models import Accreditation

from .appeals import create_appeal, declared_chain, refuse_out_of_time
from .models import Appeal


def refusal_modality(accreditation: Accreditation) -> str:
    """The modality whose chain hears the refusal: the venue's own (requests are the venue's)."""
    return accreditation.venue.default_modality


def refusal_appealable(accreditation: Accreditation) -> bool:
    chain = declared_chain_or_none(accreditation)
    return (
        chain is not None
        and chain.covers(Appeal.Subject.REFUSAL)
        and accreditation.status == Accreditation.Status.REJECTED
        and accreditation.decided_at is not None
    )


def declared_chain_or_none(accreditation: Accreditation) -> AppealChain | None:
    try:
        return declared_chain(refusal_modality(accreditation))
    except ValidationError:
        return None


def lodge_decision(who: object, *, accreditation: Accreditation) -> Decision:
    """May `who` appeal the refusal? For showing the control."""
    return decide(
        who,
        right="appeal",
        modality=refusal_modality(accreditation),
        context={"venue": accreditation.venue.slug, "time": timezone.now()},
    )


def do_lodge_refusal_appeal(
    *, actor: Actor, accreditation: Accreditation, grounds: str, now: datetime | None = None
) -> Appeal:
    """The refused person appeals the refusal to the chain's first step, within its time."""
    moment = now or timezone.now()
    modality = refusal_modality(accreditation)
    chain = declared_chain(modality)
    if actor.user is None or actor.user.pk != accreditation.user_id:
        raise PermissionDenied(_("Only the person refused may appeal the refusal."))
    if not grounds.strip():
        raise ValidationError(_("Say why the decision is believed to be in error."), "required")
    if accreditation.status != Accreditation.Status.REJECTED or accreditation.decided_at is None:
        raise ValidationError(_("Only a refused request can be appealed."), "not_refused")
    if not chain.covers(Appeal.Subject.REFUSAL):
        raise ValidationError(_("This modality's appeals do not cover refusals."), "subject")
    refuse_out_of_time(chain, 0, accreditation.decided_at, moment)
    with transaction.atomic():
        Accreditation.objects.select_for_update().filter(pk=accreditation.pk).first()
        if Appeal.objects.filter(
            accreditation=accreditation, status__in=[Appeal.Status.PENDING, Appeal.Status.UPHELD]
        ).exists():
            raise ValidationError(_("An appeal of this refusal is already lodged."), "pending")
        return create_appeal(
            actor=actor, chain=chain, subject=Appeal.Subject.REFUSAL, modality=modality,
            grounds=grounds, moment=moment, accreditation=accreditation,
        )  # fmt: skip


def check_lodge_refusal_appeal(
    *, actor: Actor, accreditation: Accreditation, grounds: str
) -> Appeal:
    moment = timezone.now()
    modality = refusal_modality(accreditation)
    declared_chain(modality)
    allowed = require(
        actor,
        right="appeal",
        modality=modality,
        context={"venue": accreditation.venue.slug, "time": moment},
    )
    require_disclosures(allowed, actor.user, accreditation.venue, moment)
    return do_lodge_refusal_appeal(
        actor=actor, accreditation=accreditation, grounds=grounds, now=moment
    )

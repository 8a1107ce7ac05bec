"""Appeals of a chair's designation, up the chain the process's modality declares.

Lodging asks the door for the right ``appeal``; deciding asks for ``decide_appeal`` with the
context fact ``appeal-at-<step>``, so the rule file says who decides at each step (the Area
Director at ``area-director``...). The time limits are the chain's (`modalities.appeals`): an
appeal brought after its step's deadline is refused, naming the step's source. Each act
appends an audit event.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roundtable.audit.actions import record_event
from roundtable.modalities import BallotError
from roundtable.modalities.appeals import AppealChain, AppealStep, step_fact
from roundtable.modalities.engine import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require
from roundtable.processes.situation import situation
from roundtable.stakeholders.actions import do_admit_on_appeal
from roundtable.stakeholders.disclosures import require_disclosures
from roundtable.stakeholders.models import Accreditation
from roundtable.venues.models import Venue

from .actions import record_outcome
from .ballots import CONSENSUS_KINDS, current_tally, person_of
from .models import Adoption, Appeal, AppealDecision, Outcome


def chain_for(adoption: Adoption) -> AppealChain | None:
    """The appeals chain of the modality the adoption was run under (None: it declares none)."""
    return get_modality(adoption.modality).appeals


def declared_chain(modality: str) -> AppealChain:
    chain = get_modality(modality).appeals
    if chain is None:
        raise ValidationError(
            _("The modality %(modality)s declares no appeals.") % {"modality": modality},
            code="no_appeals",
        )
    return chain


def _context(adoption: Adoption, step: AppealStep | None, now: datetime) -> dict[str, object]:
    context = dict(situation(adoption.process, now=now).context)
    if step is not None:
        context["facts"] = frozenset({step_fact(step.name)})
    return context


def appeal_context(appeal: Appeal, step: AppealStep | None, now: datetime) -> dict[str, object]:
    """The door's context for an appeal: the adoption's process, or the refused request's
    venue (an accreditation is the venue's, not a process's)."""
    if appeal.adoption is not None:
        return _context(appeal.adoption, step, now)
    venue = appeal.accreditation.venue if appeal.accreditation is not None else None
    context: dict[str, object] = {"venue": venue.slug if venue else None, "time": now}
    if step is not None:
        context["facts"] = frozenset({step_fact(step.name)})
    return context


def venue_of(appeal: Appeal) -> Venue:
    if appeal.adoption is not None:
        return appeal.adoption.process.venue
    if appeal.accreditation is None:  # an appeal is of one or the other (never neither)
        raise ValueError(f"appeal {appeal.pk} is of nothing")
    return appeal.accreditation.venue


def appeal_decision(
    who: object, *, adoption: Adoption, step: AppealStep | None, now: datetime | None = None
) -> Decision:
    """May `who` lodge (``step`` None) or decide at ``step``? For showing a control."""
    moment = now or timezone.now()
    return decide(
        who,
        right="appeal" if step is None else "decide_appeal",
        modality=adoption.modality,
        context=_context(adoption, step, moment),
    )


def limit_words(step: AppealStep) -> str:
    """The step's time limit, in the reader's language."""
    if step.within_months is not None:
        n = step.within_months
        return ngettext("within %(n)d month", "within %(n)d months", n) % {"n": n}
    if step.within_days is not None:
        n = step.within_days
        return ngettext("within %(n)d day", "within %(n)d days", n) % {"n": n}
    return _("no time limit is set")


def refuse_out_of_time(chain: AppealChain, index: int, since: datetime, now: datetime) -> None:
    deadline = chain.out_of_time(index, since, now)
    step = chain.step(index)
    if deadline is not None and step is not None:
        raise ValidationError(
            _(
                "Out of time: an appeal to this step must be brought %(limit)s of the decision "
                "appealed, that is by %(deadline)s (%(source)s)."
            )
            % {
                "limit": limit_words(step),
                "deadline": deadline.isoformat(),
                "source": step.source or chain.source,
            },
            code="out_of_time",
        )


def do_lodge_appeal(
    *, actor: Actor, adoption: Adoption, grounds: str, now: datetime | None = None
) -> Appeal:
    """Appeal the chair's designated level to the chain's first step, within its time."""
    moment = now or timezone.now()
    chain = declared_chain(adoption.modality)
    if not grounds.strip():
        raise ValidationError(_("Say why the decision is believed to be in error."), "required")
    if (
        adoption.status != Adoption.Status.CONCLUDED
        or adoption.kind not in CONSENSUS_KINDS
        or adoption.concluded_at is None
    ):
        raise ValidationError(
            _("Only a concluded consensus call's designation can be appealed."), "not_concluded"
        )
    if not chain.covers(Appeal.Subject.DESIGNATION):
        raise ValidationError(_("This modality's appeals do not cover designations."), "subject")
    refuse_out_of_time(chain, 0, adoption.concluded_at, moment)
    with transaction.atomic():
        Adoption.objects.select_for_update().filter(pk=adoption.pk).first()
        if Appeal.objects.filter(
            adoption=adoption, appellant=actor.user, status=Appeal.Status.PENDING
        ).exists():
            raise ValidationError(_("Your appeal of this decision is already pending."), "pending")
        return create_appeal(
            actor=actor, chain=chain, subject=Appeal.Subject.DESIGNATION,
            modality=adoption.modality, grounds=grounds, moment=moment, adoption=adoption,
        )  # fmt: skip


def create_appeal(
    *,
    actor: Actor,
    chain: AppealChain,
    subject: str,
    modality: str,
    grounds: str,
    moment: datetime,
    adoption: Adoption | None = None,
    accreditation: Accreditation | None = None,
) -> Appeal:
    """The appeal row at the chain's first step and its audit event: the one write shared by
    appeals of a designation and of a refusal (the callers check, lock and refuse first)."""
    appeal = Appeal.objects.create(
        adoption=adoption,
        accreditation=accreditation,
        subject=subject,
        modality=modality,
        appellant=person_of(actor),
        grounds=grounds.strip(),
        lodged_at=moment,
        step_since=moment,
    )
    about = (
        {"adoption": adoption.pk}
        if adoption is not None
        else {"accreditation": accreditation.pk if accreditation is not None else None}
    )
    record_event(
        actor=actor,
        verb="appeal.lodged",
        target=appeal,
        summary={**about, "step": chain.steps[0].name},
    )
    return appeal


def check_lodge_appeal(*, actor: Actor, adoption: Adoption, grounds: str) -> Appeal:
    declared_chain(adoption.modality)
    moment = timezone.now()
    allowed = require(
        actor, right="appeal", modality=adoption.modality, context=_context(adoption, None, moment)
    )
    # GNSO: a member appeals with a current Statement of Interest (OP 5.3.1).
    require_disclosures(allowed, actor.user, adoption.process.venue, moment)
    return do_lodge_appeal(actor=actor, adoption=adoption, grounds=grounds, now=moment)


def do_decide_appeal(
    *,
    actor: Actor,
    appeal: Appeal,
    outcome: str,
    reasons: str,
    level: str = "",
    step: int | None = None,
    now: datetime | None = None,
) -> AppealDecision:
    """The current step's decision: the designation upheld or overturned, with reasons.
    Overturning a designation changes the adoption: ``level`` is the level designated instead
    ("": the designation is set aside and the engine's tally without one stands).
    ``step``: the step the door was asked about; refused if the appeal has moved since."""
    moment = now or timezone.now()
    if outcome not in AppealDecision.Outcome.values:
        raise ValidationError(_("Uphold or overturn the decision."), "outcome")
    if not reasons.strip():
        raise ValidationError(_("Give the reasons for the decision."), "required")
    if level and (outcome != AppealDecision.Outcome.OVERTURNED or appeal.adoption_id is None):
        raise ValidationError(_("A level is designated instead only when overturning."), "level")
    chain = declared_chain(appeal.modality)
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        at = chain.step(locked.step)
        if locked.status != Appeal.Status.PENDING or at is None:
            raise ValidationError(_("This appeal awaits no decision."), "decided")
        if step is not None and step != locked.step:
            raise ValidationError(_("The appeal has moved on: reload the page."), "moved")
        made = AppealDecision.objects.create(
            appeal=locked,
            step=locked.step,
            step_name=at.name,
            decided_by=person_of(actor),
            outcome=outcome,
            level=level,
            reasons=reasons.strip(),
            decided_at=moment,
        )
        locked.status = outcome
        locked.save(update_fields=["status"])
        record_event(
            actor=actor,
            verb="appeal.decided",
            target=locked,
            summary={"step": at.name, "outcome": outcome, "reasons": made.reasons},
        )
        if outcome == AppealDecision.Outcome.OVERTURNED and locked.adoption_id is not None:
            _change_designation(actor, locked, locked.adoption_id, level, moment)
        elif outcome == AppealDecision.Outcome.OVERTURNED and locked.accreditation is not None:
            # The refusal is overturned: the request is admitted, as the secretariat would.
            do_admit_on_appeal(
                actor=actor, accreditation=locked.accreditation, appeal=locked.pk, reason=reasons
            )
        return made


def _change_designation(
    actor: Actor, appeal: Appeal, adoption_id: int, level: str, moment: datetime
) -> None:
    """An overturned designation is no longer the adoption's: the level designated on appeal
    (or none) is tallied again by the engine and the adoption's result, level and adoption
    follow, linked to the appeal. An outcome already recorded keeps its record (outcomes are
    never deleted) with the changed summary; a newly adopted text gets its outcome."""
    adoption = Adoption.objects.select_for_update().get(pk=adoption_id)
    try:
        result = current_tally(adoption, level or None)
    except BallotError as exc:
        raise ValidationError(str(exc), code="level") from None
    before = adoption.designated_level
    if adoption.changed_on_appeal_id is None:
        adoption.level_before_appeal = before
    adoption.designated_level = level
    adoption.result = result.to_json()
    adoption.adopted = result.adopted
    adoption.changed_on_appeal = appeal
    adoption.save(
        update_fields=[
            "level_before_appeal",
            "designated_level",
            "result",
            "adopted",
            "changed_on_appeal",
        ]
    )
    record_event(
        actor=actor,
        verb="adoption.changed_on_appeal",
        target=adoption,
        summary={"appeal": appeal.pk, "from": before, "to": level, "adopted": result.adopted},
    )
    outcome = Outcome.objects.filter(adoption=adoption).first()
    if outcome is not None:
        outcome.summary = result.summary
        outcome.save(update_fields=["summary"])
        record_event(
            actor=actor,
            verb="outcome.changed_on_appeal",
            target=outcome,
            summary={"appeal": appeal.pk, "adopted": result.adopted},
        )
    elif result.adopted:
        record_outcome(actor, adoption, result.summary, moment)


def check_decide_appeal(
    *, actor: Actor, appeal: Appeal, outcome: str, reasons: str, level: str = ""
) -> AppealDecision:
    chain = declared_chain(appeal.modality)
    moment = timezone.now()
    # The step now, not the caller's copy's: the door is asked about the step decided.
    index = Appeal.objects.values_list("step", flat=True).get(pk=appeal.pk)
    require(
        actor,
        right="decide_appeal",
        modality=appeal.modality,
        context=appeal_context(appeal, chain.step(index), moment),
    )
    return do_decide_appeal(
        actor=actor,
        appeal=appeal,
        outcome=outcome,
        reasons=reasons,
        level=level,
        step=index,
        now=moment,
    )


def do_escalate_appeal(*, actor: Actor, appeal: Appeal, now: datetime | None = None) -> Appeal:
    """Bring an upheld decision to the chain's next step, within that step's time."""
    moment = now or timezone.now()
    chain = declared_chain(appeal.modality)
    if actor.user is None or actor.user.pk != appeal.appellant_id:
        raise PermissionDenied(_("Only the appellant may bring the appeal further."))
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        last = locked.decisions.order_by("-step").first()
        if locked.status != Appeal.Status.UPHELD or last is None:
            raise ValidationError(
                _("Only a decision that was upheld can be appealed further."), "not_upheld"
            )
        following = chain.step(locked.step + 1)
        if following is None:
            raise ValidationError(_("This was the last step of the appeals chain."), "last_step")
        refuse_out_of_time(chain, locked.step + 1, last.decided_at, moment)
        locked.step += 1
        locked.status = Appeal.Status.PENDING
        locked.step_since = moment
        locked.save(update_fields=["step", "status", "step_since"])
        record_event(
            actor=actor,
            verb="appeal.escalated",
            target=locked,
            summary={"from": last.step_name, "to": following.name},
        )
        return locked


def check_escalate_appeal(*, actor: Actor, appeal: Appeal) -> Appeal:
    declared_chain(appeal.modality)
    moment = timezone.now()
    allowed = require(
        actor,
        right="appeal",
        modality=appeal.modality,
        context=appeal_context(appeal, None, moment),
    )
    require_disclosures(allowed, actor.user, venue_of(appeal), moment)
    return do_escalate_appeal(actor=actor, appeal=appeal, now=moment)

"""The appeals part of the adoption page: what it shows and the forms it posts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.modalities.appeals import AppealChain, AppealStep
from roundtable.modalities.engine import Decision
from roundtable.permissions.actor import Actor
from roundtable.permissions.door import get_modality
from roundtable.permissions.vocabulary import label
from roundtable.stakeholders.disclosures import KIND_WORDS, statement_on_file

from . import appeals
from .ballots import CONSENSUS_KINDS
from .forms import AppealDecisionForm, AppealForm
from .models import Adoption, Appeal
from .queries import designation_levels, list_appeals


@dataclass
class StepView:
    index: int
    name: str
    who: str
    limit: str
    source: str
    description: str


@dataclass
class AppealView:
    appeal: Appeal
    step: StepView | None
    decisions: list[tuple[Any, StepView | None]]
    judge: Decision | None
    next_step: StepView | None
    next_deadline: datetime | None
    mine: bool
    # The appellant's statements on file (Statement of Interest...), shown beside the grounds.
    statements: list[tuple[str, Any]]


def step_view(chain: AppealChain, index: int) -> StepView | None:
    step: AppealStep | None = chain.step(index)
    if step is None:
        return None
    return StepView(
        index=index + 1,
        name=step.name,
        who=", ".join(str(label("role", r)) for r in step.decided_by),
        limit=appeals.limit_words(step),
        source=step.source or chain.source,
        description=step.description,
    )


def appeal_context(request: HttpRequest, actor: Actor, found: Adoption) -> dict[str, Any]:
    """Everything the page shows of the chain and of each appeal (nothing without a chain)."""
    chain = appeals.chain_for(found)
    if chain is None:
        return {"chain": None}
    views: list[AppealView] = []
    disclosures = get_modality(found.modality).disclosures
    venue = found.process.venue
    for appeal in list_appeals(viewer=request.user, adoption=found):
        decided = list(appeal.decisions.all())
        last = decided[-1] if decided else None
        pending = appeal.status == Appeal.Status.PENDING
        following = chain.step(appeal.step + 1)
        views.append(
            AppealView(
                appeal=appeal,
                step=step_view(chain, appeal.step),
                decisions=[(d, step_view(chain, d.step)) for d in decided],
                judge=appeals.appeal_decision(actor, adoption=found, step=chain.step(appeal.step))
                if pending
                else None,
                next_step=step_view(chain, appeal.step + 1)
                if appeal.status == Appeal.Status.UPHELD
                else None,
                next_deadline=following.deadline(last.decided_at)
                if following is not None and last is not None
                else None,
                mine=actor.user is not None and actor.user.pk == appeal.appellant_id,
                statements=[
                    (str(KIND_WORDS.get(d.kind, d.kind)), found_statement)
                    for d in disclosures
                    if (found_statement := statement_on_file(appeal.appellant, venue, d.kind))
                ],
            )
        )
    appealable = (
        found.status == Adoption.Status.CONCLUDED
        and found.kind in CONSENSUS_KINDS
        and found.concluded_at is not None
        and chain.covers(Appeal.Subject.DESIGNATION)
    )
    first = chain.step(0)
    return {
        "chain": chain,
        "chain_steps": [step_view(chain, i) for i in range(len(chain.steps))],
        "appeals": views,
        "overturned": any(v.appeal.status == Appeal.Status.OVERTURNED for v in views),
        "appealable": appealable,
        "lodge": appeals.appeal_decision(actor, adoption=found, step=None) if appealable else None,
        "lodge_deadline": first.deadline(found.concluded_at)
        if appealable and first is not None and found.concluded_at is not None
        else None,
        "now": timezone.now(),
        # Levels a decision overturning the designation may designate instead.
        "appeal_levels": designation_levels(found)
        if chain.covers(Appeal.Subject.DESIGNATION)
        else (),
    }


def act_on_appeal(request: HttpRequest, actor: Actor, found: Adoption, what: str) -> bool:
    """Handle the appeal forms; False when `what` is not one of them. Raises like actions."""
    if what == "appeal":
        form = AppealForm(request.POST)
        if form.is_valid():
            appeals.check_lodge_appeal(
                actor=actor, adoption=found, grounds=form.cleaned_data["grounds"]
            )
            messages.success(request, _("Your appeal is lodged."))
        else:
            messages.error(request, _("Say why the decision is believed to be in error."))
        return True
    if what == "decide_appeal":
        decision = AppealDecisionForm(request.POST)
        if decision.is_valid():
            appeal = get_object_or_404(Appeal, pk=decision.cleaned_data["appeal"], adoption=found)
            appeals.check_decide_appeal(
                actor=actor,
                appeal=appeal,
                outcome=decision.cleaned_data["outcome"],
                reasons=decision.cleaned_data["reasons"],
                level=decision.cleaned_data["level"],
            )
            messages.success(request, _("The decision on the appeal is recorded."))
        else:
            messages.error(request, _("Uphold or overturn the decision, and give the reasons."))
        return True
    if what == "escalate":
        raw = request.POST.get("appeal", "")
        appeal = get_object_or_404(Appeal, pk=int(raw) if raw.isdigit() else 0, adoption=found)
        appeals.check_escalate_appeal(actor=actor, appeal=appeal)
        messages.success(request, _("The appeal is brought to the next step."))
        return True
    return False

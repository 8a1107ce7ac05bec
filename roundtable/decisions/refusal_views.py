"""The page of a refused accreditation's appeals: the refusal, the venue's chain, each appeal
with every step's decision, and the forms to lodge, decide and bring it further."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from roundtable.permissions.actor import Actor
from roundtable.permissions.door import decide, get_modality, require

from . import appeals, refusal_appeals
from .appeal_views import step_view
from .forms import AppealDecisionForm, AppealForm
from .models import Appeal
from .queries import get_refused_accreditation, list_refusal_appeals


def _act(request: HttpRequest, actor: Actor, accreditation: Any) -> None:
    what = request.POST.get("action", "")
    if what == "appeal":
        form = AppealForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the decision is believed to be in error."))
            return
        refusal_appeals.check_lodge_refusal_appeal(
            actor=actor, accreditation=accreditation, grounds=form.cleaned_data["grounds"]
        )
        messages.success(request, _("Your appeal is lodged."))
    elif what == "decide_appeal":
        decision = AppealDecisionForm(request.POST)
        if not decision.is_valid():
            messages.error(request, _("Uphold or overturn the decision, and give the reasons."))
            return
        appeal = get_object_or_404(
            Appeal, pk=decision.cleaned_data["appeal"], accreditation=accreditation
        )
        appeals.check_decide_appeal(
            actor=actor,
            appeal=appeal,
            outcome=decision.cleaned_data["outcome"],
            reasons=decision.cleaned_data["reasons"],
        )
        messages.success(request, _("The decision on the appeal is recorded."))
    elif what == "escalate":
        raw = request.POST.get("appeal", "")
        appeal = get_object_or_404(
            Appeal, pk=int(raw) if raw.isdigit() else 0, accreditation=accreditation
        )
        appeals.check_escalate_appeal(actor=actor, appeal=appeal)
        messages.success(request, _("The appeal is brought to the next step."))
    else:
        messages.error(request, _("Unknown action."))


def refusal_appeals_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = Actor.of_request(request)
    require(actor, right="observe", modality="platform")
    found = get_refused_accreditation(viewer=request.user, pk=pk)
    if request.method == "POST":
        try:
            _act(request, actor, found)
        except (ValidationError, PermissionDenied) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
        return redirect("decisions:refusal-appeals", found.pk)
    modality = refusal_appeals.refusal_modality(found)
    chain = get_modality(modality).appeals
    rows: list[dict[str, Any]] = []
    lodged = list_refusal_appeals(viewer=request.user, accreditation=found)
    for appeal in lodged:
        step = chain.step(appeal.step) if chain is not None else None
        pending = appeal.status == Appeal.Status.PENDING and step is not None
        rows.append(
            {
                "appeal": appeal,
                "step": step_view(chain, appeal.step) if chain is not None else None,
                "decisions": [
                    (d, step_view(chain, d.step) if chain is not None else None)
                    for d in appeal.decisions.all()
                ],
                "judge": decide(
                    actor,
                    right="decide_appeal",
                    modality=modality,
                    context=appeals.appeal_context(appeal, step, appeal.step_since),
                )
                if pending
                else None,
                "next_step": step_view(chain, appeal.step + 1)
                if chain is not None and appeal.status == Appeal.Status.UPHELD
                else None,
                "mine": actor.user is not None and actor.user.pk == appeal.appellant_id,
            }
        )
    appealable = refusal_appeals.refusal_appealable(found) and not any(
        a.status != Appeal.Status.OVERTURNED for a in lodged
    )
    return render(
        request,
        "decisions/refusal_appeals.html",
        {
            "accreditation": found,
            "chain": chain,
            "chain_steps": [step_view(chain, i) for i in range(len(chain.steps))]
            if chain is not None
            else [],
            "appeals": rows,
            "appealable": appealable
            and chain is not None
            and actor.user is not None
            and actor.user.pk == found.user_id,
            # A modality without appeals knows no right `appeal`: nothing to ask then.
            "lodge": refusal_appeals.lodge_decision(actor, accreditation=found)
            if chain is not None
            else None,
        },
    )

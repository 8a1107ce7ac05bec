"""The secretariat's corrections of a call's campaigns (issue 17): split a member out, merge two
campaigns. Each asks for `manage_process` under the process's modality, stores a
`CampaignDecision`, records it in the audit trail and queues the call's recomputation
(tasks.group_campaigns) instead of regrouping inside the request: a call of 100,000
contributions groups in about ten seconds, which no request should hold. Until the task has
run, the call's pages say "regrouping" (CallForInput.campaigns_asked > campaigns_grouped) and
show the campaigns as they were.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roundtable.audit.actions import record_event
from roundtable.permissions.actor import Actor
from roundtable.processes.setup import require_manage_process

from .models import CallForInput, Campaign, CampaignDecision, CampaignMember
from .tasks import queue_grouping


def _decide(
    *, actor: Actor, call: CallForInput, kind: str, contribution: int, other: int | None
) -> CampaignDecision:
    require_manage_process(actor, call.process.venue)
    with transaction.atomic():
        decision = CampaignDecision.objects.create(
            call=call,
            kind=kind,
            contribution_id=contribution,
            other_id=other,
            decided_by=actor.user,
            decided_at=timezone.now(),
        )
        record_event(
            actor=actor,
            verb=f"contributions.campaign_{kind}",
            target=call.process,
            row=decision,
            summary={"call": call.pk, "contribution": contribution, "other": other},
        )
        queue_grouping(actor=actor, call=call)
    return decision


def check_split_member(*, actor: Actor, member: CampaignMember) -> CampaignDecision:
    """Take a member out of its campaign (right `manage_process`); it stays out afterwards."""
    call = member.campaign.call
    return _decide(
        actor=actor, call=call, kind="split", contribution=member.contribution_id, other=None
    )


def check_merge_campaigns(*, actor: Actor, campaign: Campaign, other: Campaign) -> CampaignDecision:
    """Put two campaigns of one call together (right `manage_process`, asked first: a refusal
    tells nothing about the campaigns); ValidationError `not_one_call` when they are one
    campaign or of two calls. The decision names each campaign by its first member, which a
    recomputation keeps (the rows are made again)."""
    require_manage_process(actor, campaign.call.process.venue)
    if campaign.call_id != other.call_id or campaign.pk == other.pk:
        raise ValidationError(_("Merge two different campaigns of one call."), code="not_one_call")
    first = campaign.members.order_by("pk").values_list("contribution_id", flat=True).first()
    second = other.members.order_by("pk").values_list("contribution_id", flat=True).first()
    if first is None or second is None:
        raise ValidationError(_("A campaign without members."), code="not_one_call")
    return _decide(actor=actor, call=campaign.call, kind="merge", contribution=first, other=second)

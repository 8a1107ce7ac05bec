"""A call's campaigns as JSON (read through the door: `observe` under the process's modality,
like the call's contributions), and the secretariat's corrections, as on the pages: split a
member out of its campaign, merge two campaigns (right `manage_process` under the process's
modality; 403 names the rule). A correction answers 202: it is recorded at once, and the call's
campaigns are recomputed by a task (`regrouping` until then). Mounted by roundtable/api/api.py."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from roundtable.contributions.campaign_decisions import check_merge_campaigns, check_split_member
from roundtable.contributions.models import CampaignDecision
from roundtable.outputs.errors import Error, write
from roundtable.permissions.actor import Actor
from roundtable.stocktaking.figures import group_label

from .queries import (
    campaign_call,
    counts_by_group,
    list_campaigns,
    list_member_ids,
    member_campaign,
)
from .schemas import CallCampaignsOut, CampaignDecisionOut, CampaignMergeIn, CampaignSplitIn

router = Router(tags=["campaigns"])


@router.get(
    "/calls/{call_id}/campaigns",
    response={200: CallCampaignsOut, 404: Error},
    operation_id="campaigns_of_call",
)
def call_campaigns(request: HttpRequest, call_id: int) -> Any:
    """The call's campaigns (form letters and their near copies), largest first, each named by
    its first member's contribution id (`anchor`), and counts per stakeholder group with every
    contribution counted and with each campaign counted once (`voices`)."""
    call = campaign_call(viewer=request, pk=call_id)
    campaigns = list(list_campaigns(viewer=request, call=call))
    members = list_member_ids(campaigns)
    return {
        "call": call.pk,
        "counts": [
            {"label": group_label(c.group), **c.__dict__}
            for c in counts_by_group(viewer=request, call=call)
        ],
        "campaigns": [
            {
                "anchor": c.anchor,
                "size": c.size,
                "template": c.template.splitlines(),
                "members": members.get(c.pk, []),
            }
            for c in campaigns
        ],
    }


def _decision_out(decision: CampaignDecision) -> dict[str, Any]:
    return {
        "decision": decision.pk,
        "call": decision.call_id,
        "kind": decision.kind,
        "contribution": decision.contribution_id,
        "other": decision.other_id,
        "regrouping": True,
    }


@router.post(
    "/campaigns/{anchor}/split",
    operation_id="campaigns_split",
    **write(CampaignDecisionOut, 202),
)
def split_campaign(request: HttpRequest, anchor: int, payload: CampaignSplitIn) -> Any:
    """Take `member` out of the campaign `anchor` (any member's contribution id names it): it
    counts on its own from the next grouping on, and stays out of later groupings. 404 when
    `member` is not in that campaign."""
    campaign = member_campaign(viewer=request, contribution=anchor)
    member = campaign.members.filter(contribution_id=payload.member).first()
    if member is None:
        raise Http404
    decision = check_split_member(actor=Actor.of_request(request), member=member)
    return 202, _decision_out(decision)


@router.post("/campaigns/merge", operation_id="campaigns_merge", **write(CampaignDecisionOut, 202))
def merge_campaigns(request: HttpRequest, payload: CampaignMergeIn) -> Any:
    """Put the campaigns of `campaign` and `other` (members' contribution ids) together; 400
    `not_one_call` when they are one campaign or of two calls."""
    campaign = member_campaign(viewer=request, contribution=payload.campaign)
    other = member_campaign(viewer=request, contribution=payload.other)
    decision = check_merge_campaigns(
        actor=Actor.of_request(request), campaign=campaign, other=other
    )
    return 202, _decision_out(decision)
